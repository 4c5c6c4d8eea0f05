using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using IctGov.Protocols.Handle;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IctGov.Identifiers.Nodes;

/// <summary>
/// The UDP interface: a hosted socket loop. Requests may arrive in several packets (reassembled, bounded in
/// number and time); answers longer than 492 octets go out as numbered packets, as the reference client expects.
/// </summary>
internal sealed class HandleUdpListener(HandleRequestProcessor processor, HandleNodeSite site, IOptions<HandleNodeOptions> options,
    TimeProvider time, ILogger<HandleUdpListener> log) : BackgroundService
{
    private readonly ConcurrentDictionary<(EndPoint, int), (UdpReassembly Parts, long Started)> _partial = new();
    private Socket? _socket;

    /// <summary>The bound endpoint (available once the host has started).</summary>
    public IPEndPoint? LocalEndPoint => _socket?.LocalEndPoint as IPEndPoint;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.UdpPort >= 0)
        {
            _socket = new Socket(o.BindIPAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            _socket.Bind(new IPEndPoint(o.BindIPAddress, o.UdpPort));
            site.UdpBound(LocalEndPoint!.Port);
            log.LogInformation("Handle UDP interface on {EndPoint}", _socket.LocalEndPoint);
        }
        return base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Several receive loops share the socket, so that on a multi-core server one datagram's processing
    /// does not hold up the next (with the server pinned to one core, as in bench/handle, it made no
    /// measurable difference). The request processor is shared by the TCP connections already and is
    /// safe to call concurrently.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_socket is null)
        {
            return Task.CompletedTask;
        }
        var loops = Math.Max(2, Environment.ProcessorCount * 2);
        return Task.WhenAll(Enumerable.Range(0, loops).Select(_ => Task.Run(() => ReceiveLoopAsync(_socket, stoppingToken), stoppingToken)));
    }

    private async Task ReceiveLoopAsync(Socket socket, CancellationToken stoppingToken)
    {
        var buffer = new byte[65_536];
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stoppingToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException e)
            {
                // ICMP "port unreachable" from an earlier reply surfaces here on some platforms; keep serving.
                log.LogDebug("UDP receive: {Error}", e.SocketErrorCode);
                continue;
            }
            try
            {
                await HandleDatagramAsync(buffer.AsMemory(0, received.ReceivedBytes), received.RemoteEndPoint, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One bad exchange must never stop the interface.
                log.LogWarning(e, "UDP request from {Client} failed", received.RemoteEndPoint);
            }
        }
    }

    private async Task HandleDatagramAsync(ReadOnlyMemory<byte> datagram, EndPoint remote, CancellationToken ct)
    {
        MessageEnvelope envelope;
        try
        {
            envelope = MessageEnvelope.Read(datagram.Span);
        }
        catch (HandleProtocolException e)
        {
            if (datagram.Length >= 12)
            {
                // The request id is readable: say what was wrong rather than stay silent.
                var broken = new MessageEnvelope(2, 10, 2, 11, EnvelopeFlags.None, 0, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(datagram.Span[8..]), 0, 0);
                await SendAsync(HandleRequestProcessor.ProtocolError(broken, e.Message), remote, ct);
            }
            return;
        }
        var data = datagram[HandleProtocol.EnvelopeSize..];
        byte[] message;
        if (envelope.SequenceNumber == 0 && data.Length == envelope.MessageLength)
        {
            message = data.ToArray();
        }
        else
        {
            var assembled = Reassemble(envelope, datagram, remote);
            if (assembled is null)
            {
                return;
            }
            message = assembled;
        }
        var reply = await processor.ProcessAsync(envelope, message, ((IPEndPoint)remote).Address, ct);
        await SendAsync(reply, remote, ct);
    }

    private byte[]? Reassemble(MessageEnvelope envelope, ReadOnlyMemory<byte> datagram, EndPoint remote)
    {
        var now = time.GetTimestamp();
        var o = options.Value;
        foreach (var (key, value) in _partial)
        {
            if (time.GetElapsedTime(value.Started, now) > o.UdpReassemblyTimeout)
            {
                _partial.TryRemove(key, out _);
            }
        }
        var key0 = (remote, envelope.RequestId);
        if (!_partial.TryGetValue(key0, out var entry))
        {
            if (_partial.Count >= o.MaxUdpReassemblies)
            {
                return null;
            }
            entry = (new UdpReassembly(envelope), now);
            _partial[key0] = entry;
        }
        try
        {
            if (!entry.Parts.Add(datagram.Span))
            {
                return null;
            }
        }
        catch (HandleProtocolException)
        {
            _partial.TryRemove(key0, out _);
            return null;
        }
        _partial.TryRemove(key0, out _);
        return entry.Parts.Message;
    }

    private async Task SendAsync(HandleReply reply, EndPoint remote, CancellationToken ct)
    {
        foreach (var packet in UdpPackets.Split(reply.Envelope, reply.Message))
        {
            await _socket!.SendToAsync(packet, SocketFlags.None, remote, ct);
        }
    }

    public override void Dispose()
    {
        _socket?.Dispose();
        base.Dispose();
    }
}
