using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using IctGov.Protocols.Handle;
using IctGov.Web.Protocols;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IctGov.Identifiers.Nodes;

/// <summary>
/// The TCP interface: a socket listener with System.IO.Pipelines framing (envelope, then message). A standalone
/// node must listen on 2641 whether or not the platform's web host runs, and with its own bind address, so this
/// is a plain listener rather than a Kestrel ConnectionHandler bound to the web host's endpoints.
/// Oversized envelopes get PROTOCOL_ERROR and the connection closes; idle connections time out, and a message must
/// arrive whole within <see cref="HandleNodeOptions.TcpMessageTimeout"/> however slowly its bytes trickle in. One client
/// address holds at most <see cref="HandleNodeOptions.MaxTcpConnectionsPerClient"/> connections, so it cannot take the
/// node's whole <see cref="HandleNodeOptions.MaxTcpConnections"/> from everyone else.
/// </summary>
internal sealed class HandleTcpListener(HandleRequestProcessor processor, HandleNodeSite site, IOptions<HandleNodeOptions> options,
    TimeProvider time, ILogger<HandleTcpListener> log) : BackgroundService
{
    private readonly ConcurrentDictionary<IPAddress, int> _perClient = new();
    private Socket? _listener;

    public IPEndPoint? LocalEndPoint => _listener?.LocalEndPoint as IPEndPoint;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.TcpPort >= 0)
        {
            _listener = new Socket(o.BindIPAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            _listener.Bind(new IPEndPoint(o.BindIPAddress, o.TcpPort));
            _listener.Listen(512);
            site.TcpBound(LocalEndPoint!.Port);
            log.LogInformation("Handle TCP interface on {EndPoint}", _listener.LocalEndPoint);
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_listener is null)
        {
            return;
        }
        // Over a cap: refused rather than queued, so a flood cannot starve memory or file handles, nor one client the others.
        await TcpAcceptLoop.RunAsync(_listener, (socket, open) =>
            open < options.Value.MaxTcpConnections && ClientOf(socket) is { } remote && TryCount(remote) ? ServeCountedAsync(socket, remote, stoppingToken) : null,
            log, stoppingToken);
    }

    private static IPAddress? ClientOf(Socket socket)
    {
        try
        {
            var address = ((IPEndPoint)socket.RemoteEndPoint!).Address;
            return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        }
        catch (SocketException)
        {
            // Gone before we looked.
            return null;
        }
    }

    private bool TryCount(IPAddress client)
    {
        var limit = Math.Max(1, options.Value.MaxTcpConnectionsPerClient);
        while (true)
        {
            var held = _perClient.GetValueOrDefault(client);
            if (held >= limit)
            {
                return false;
            }
            if (held == 0 ? _perClient.TryAdd(client, 1) : _perClient.TryUpdate(client, held + 1, held))
            {
                return true;
            }
        }
    }

    private void Uncount(IPAddress client)
    {
        while (true)
        {
            var held = _perClient.GetValueOrDefault(client);
            if (held <= 1 ? _perClient.TryRemove(new KeyValuePair<IPAddress, int>(client, held)) : _perClient.TryUpdate(client, held - 1, held))
            {
                return;
            }
        }
    }

    private async Task ServeCountedAsync(Socket socket, IPAddress remote, CancellationToken stoppingToken)
    {
        try
        {
            await ServeAsync(socket, remote, stoppingToken);
        }
        finally
        {
            Uncount(remote);
        }
    }

    private async Task ServeAsync(Socket socket, IPAddress remote, CancellationToken stoppingToken)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream);
        // One frame buffer per connection, reused answer after answer (Npgsql's write buffer), instead of a frame per answer.
        var frames = new ArrayBufferWriter<byte>(1024);
        // When the first bytes of the message still incomplete arrived: the whole message must follow within TcpMessageTimeout,
        // or a sender trickling a byte now and then would hold the connection for ever (each read restarts the idle wait).
        long? messageStarted = null;
        try
        {
            while (true)
            {
                var wait = options.Value.TcpIdleTimeout;
                if (messageStarted is { } started)
                {
                    var left = options.Value.TcpMessageTimeout - time.GetElapsedTime(started);
                    if (left <= TimeSpan.Zero)
                    {
                        log.LogDebug("TCP message from {Client} not complete within {Timeout}: closing", remote, options.Value.TcpMessageTimeout);
                        break;
                    }
                    wait = left < wait ? left : wait;
                }
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                idle.CancelAfter(wait);
                var result = await reader.ReadAsync(idle.Token);
                var buffer = result.Buffer;
                var keepOpen = true;
                var answered = false;
                while (keepOpen && TryTakeFrame(ref buffer, out var envelope, out var message, out var error))
                {
                    answered = true;
                    var reply = error is null
                        ? await processor.ProcessAsync(envelope, message, remote, stoppingToken)
                        : HandleRequestProcessor.ProtocolError(envelope, error);
                    frames.ResetWrittenCount();
                    reply.WriteFrame(frames);
                    await stream.WriteAsync(frames.WrittenMemory, stoppingToken);
                    keepOpen = error is null;
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                messageStarted = buffer.Length == 0 ? null : answered || messageStarted is null ? time.GetTimestamp() : messageStarted;
                if (!keepOpen || result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Idle timeout or shutdown: just close.
        }
        catch (IOException)
        {
            // The client went away.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning(e, "TCP connection from {Client} failed", remote);
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <summary>One envelope + message from the buffer; an unreadable envelope yields an error to answer before closing.</summary>
    private static bool TryTakeFrame(ref ReadOnlySequence<byte> buffer, out MessageEnvelope envelope, out ReadOnlyMemory<byte> message, out string? error)
    {
        envelope = default;
        message = default;
        error = null;
        if (buffer.Length < HandleProtocol.EnvelopeSize)
        {
            return false;
        }
        Span<byte> head = stackalloc byte[HandleProtocol.EnvelopeSize];
        buffer.Slice(0, HandleProtocol.EnvelopeSize).CopyTo(head);
        try
        {
            envelope = MessageEnvelope.Read(head);
        }
        catch (HandleProtocolException e)
        {
            envelope = new MessageEnvelope(2, 10, 2, 11, EnvelopeFlags.None, 0, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(head[8..]), 0, 0);
            error = e.Message;
            buffer = buffer.Slice(buffer.End);
            return true;
        }
        var total = HandleProtocol.EnvelopeSize + (long)envelope.MessageLength;
        if (buffer.Length < total)
        {
            return false;
        }
        message = buffer.Slice(HandleProtocol.EnvelopeSize, envelope.MessageLength).ToArray();
        buffer = buffer.Slice(total);
        return true;
    }

    public override void Dispose()
    {
        _listener?.Dispose();
        base.Dispose();
    }
}
