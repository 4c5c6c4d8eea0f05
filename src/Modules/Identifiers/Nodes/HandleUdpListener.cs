using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using IctGov.Kernel.RateLimiting;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;
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
    private readonly ClientTokenBuckets<IPAddress> _excess = new(time, () => (options.Value.UdpExcessBytesPerSecond, options.Value.UdpExcessBurstBytes));
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

    /// <summary>
    /// One receive loop: its receive buffer, send buffer and sender address are reused for every datagram (the loop
    /// answers one datagram before it receives the next), so a cached answer costs no allocation beyond the client's address.
    /// </summary>
    private async Task ReceiveLoopAsync(Socket socket, CancellationToken stoppingToken)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(65_536, pinned: true);
        var send = GC.AllocateUninitializedArray<byte>(HandleProtocol.EnvelopeSize + HandleProtocol.MaxUdpDataSize, pinned: true);
        var remote = new SocketAddress(socket.AddressFamily);
        var template = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stoppingToken.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, remote, stoppingToken);
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
                await HandleDatagramAsync(buffer.AsMemory(0, received), remote, template, send, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One bad exchange must never stop the interface.
                log.LogWarning(e, "UDP request from {Client} failed", template.Create(remote));
            }
        }
    }

    private async Task HandleDatagramAsync(ReadOnlyMemory<byte> datagram, SocketAddress remote, IPEndPoint template, byte[] send, CancellationToken ct)
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
                await SendAsync(HandleRequestProcessor.ProtocolError(broken, e.Message), remote, null, send, datagram.Length, ct);
            }
            return;
        }
        var data = datagram[HandleProtocol.EnvelopeSize..];
        var client = ((IPEndPoint)template.Create(remote)).Address;
        ReadOnlyMemory<byte> message;
        if (envelope.SequenceNumber == 0 && data.Length == envelope.MessageLength)
        {
            if (processor.TryCachedReply(envelope, data.Span, client) is { } cached)
            {
                await SendAsync(cached, remote, client, send, datagram.Length, ct);
                return;
            }
            // No copy: the processor decodes what it keeps, and this buffer is not reused before the answer is sent.
            message = data;
        }
        else
        {
            var assembled = Reassemble(envelope, datagram, template.Create(remote));
            if (assembled is null)
            {
                return;
            }
            message = assembled;
        }
        var reply = await processor.ProcessAsync(envelope, message, client, ct);
        // The answer to a challenge response goes to an address that has just proved it receives our packets: no cap.
        var proven = message.Length >= 4 && HandleMessageCodec.PeekOpCode(message.Span) == OpCode.ResponseToChallenge;
        foreach (var part in reply.Messages)
        {
            await SendAsync(part, remote, client, send, proven ? int.MaxValue : HandleProtocol.EnvelopeSize + envelope.MessageLength, ct);
        }
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

    /// <summary>
    /// Sends the answer: one packet straight from the loop's send buffer, or numbered packets for a longer answer. UDP
    /// requests carry no proof of their source address, so a spoofed request must not draw a large answer onto someone
    /// else: an answer longer than the amplification limit (<see cref="HandleNodeOptions.UdpAmplificationFactor"/> times
    /// the request's size, never less than one packet) is sent only while the client's network has excess budget left
    /// (<see cref="HandleNodeOptions.UdpExcessBytesPerSecond"/>); otherwise the client gets a one-packet answer with the
    /// Truncated flag and an error saying to ask over TCP, as a DNS server sets TC.
    /// </summary>
    private async Task SendAsync(HandleReply reply, SocketAddress remote, IPAddress? client, byte[] send, int requestSize, CancellationToken ct)
    {
        var message = reply.Message;
        var limit = Math.Max(HandleProtocol.MaxUdpDataSize, (long)requestSize * Math.Max(1, options.Value.UdpAmplificationFactor));
        if (message.Length > limit && (client is null || !_excess.TryAcquire(ClientNetwork(client), message.Length - limit)))
        {
            Interlocked.Increment(ref _truncated);
            var refusal = processor.UseTcpInstead(reply);
            var truncated = refusal.Envelope with { Flags = refusal.Envelope.Flags | EnvelopeFlags.Truncated, SequenceNumber = 0 };
            await SendOneAsync(truncated, refusal.Message, remote, send, ct);
            return;
        }
        if (message.Length <= HandleProtocol.MaxUdpDataSize)
        {
            await SendOneAsync(reply.Envelope with { Flags = reply.Envelope.Flags & ~EnvelopeFlags.Truncated, SequenceNumber = 0, MessageLength = message.Length },
                message, remote, send, ct);
            return;
        }
        foreach (var packet in UdpPackets.Split(reply.Envelope, message))
        {
            await _socket!.SendToAsync(packet, SocketFlags.None, remote, ct);
        }
    }

    /// <summary>The network whose excess budget an answer draws on: the address's /24 (IPv4) or /56 (IPv6), since an
    /// attacker choosing victims picks addresses, and a network behind one NAT or one operator's customer line shares it.</summary>
    private static IPAddress ClientNetwork(IPAddress client)
    {
        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }
        var bytes = client.GetAddressBytes();
        var keep = bytes.Length == 4 ? 3 : 7;
        bytes.AsSpan(keep).Clear();
        return new IPAddress(bytes);
    }

    private async Task SendOneAsync(MessageEnvelope envelope, byte[] message, SocketAddress remote, byte[] send, CancellationToken ct)
    {
        envelope.Write(send);
        message.CopyTo(send.AsSpan(HandleProtocol.EnvelopeSize));
        await _socket!.SendToAsync(send.AsMemory(0, HandleProtocol.EnvelopeSize + message.Length), SocketFlags.None, remote, ct);
    }

    /// <summary>Text of the answer that replaces one too long for UDP.</summary>
    public const string UseTcpMessage = "Answer too long for UDP; ask over TCP";

    private long _truncated;

    /// <summary>Answers replaced by the "ask over TCP" answer since start.</summary>
    public long TruncatedAnswers => Interlocked.Read(ref _truncated);

    public override void Dispose()
    {
        _socket?.Dispose();
        base.Dispose();
    }
}
