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
    /// Receive loops on threads of their own, blocking in the socket's own receive and answering a cached resolution
    /// on the same thread with a blocking send: no thread-pool hop or asynchronous state per datagram. On the async
    /// socket API every datagram was a completion queued to the thread pool and a continuation run there, and the
    /// node spent about four times NSD's CPU per answer (issue 11, item 5; docs/BENCHMARKS.md). Several loops share
    /// the socket, so on a multi-core server one datagram's processing does not hold up the next; an answer that
    /// needs the store or a signature is finished off the loop (<see cref="AnswerLaterAsync"/>).
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_socket is not { } socket)
        {
            return Task.CompletedTask;
        }
        var configured = options.Value.UdpReceiveThreads;
        var loops = configured > 0 ? configured : Math.Max(2, Environment.ProcessorCount);
        // Closing the socket wakes the loops blocked in a receive; the receive timeout is the backstop.
        socket.ReceiveTimeout = 2000;
        stoppingToken.Register(socket.Dispose);
        return Task.WhenAll(Enumerable.Range(0, loops).Select(i =>
        {
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            new Thread(() =>
            {
                try
                {
                    ReceiveLoop(socket, stoppingToken);
                }
                finally
                {
                    finished.TrySetResult();
                }
            }) { IsBackground = true, Name = $"Handle UDP {i}" }.Start();
            return finished.Task;
        }));
    }

    /// <summary>
    /// One receive loop: its receive buffer, send buffer and sender address are reused for every datagram (the loop
    /// answers a cached resolution before it receives the next), so a cached answer allocates nothing but its reply
    /// object; the client's address is made once per sender, not per datagram (<see cref="SenderAddress"/>).
    /// </summary>
    private void ReceiveLoop(Socket socket, CancellationToken stoppingToken)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(65_536, pinned: true);
        var send = GC.AllocateUninitializedArray<byte>(HandleProtocol.EnvelopeSize + HandleProtocol.MaxUdpDataSize, pinned: true);
        var remote = new SocketAddress(socket.AddressFamily);
        var sender = new SenderAddress(socket.AddressFamily);
        while (!stoppingToken.IsCancellationRequested)
        {
            int received;
            try
            {
                received = socket.ReceiveFrom(buffer, SocketFlags.None, remote);
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (SocketException e)
            {
                // The receive timeout, or ICMP "port unreachable" from an earlier reply on some platforms; keep serving.
                if (e.SocketErrorCode is not (SocketError.TimedOut or SocketError.WouldBlock))
                {
                    log.LogDebug("UDP receive: {Error}", e.SocketErrorCode);
                }
                continue;
            }
            try
            {
                HandleDatagram(buffer.AsSpan(0, received), remote, sender.Of(remote), send, stoppingToken);
            }
            catch (ObjectDisposedException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (SocketException e)
            {
                log.LogDebug("UDP send to {Client}: {Error}", sender.Of(remote), e.SocketErrorCode);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One bad exchange must never stop the interface.
                log.LogWarning(e, "UDP request from {Client} failed", sender.Of(remote));
            }
        }
    }

    private void HandleDatagram(ReadOnlySpan<byte> datagram, SocketAddress remote, IPAddress client, byte[] send, CancellationToken ct)
    {
        MessageEnvelope envelope;
        try
        {
            envelope = MessageEnvelope.Read(datagram);
        }
        catch (HandleProtocolException e)
        {
            if (datagram.Length >= 12)
            {
                // The request id is readable: say what was wrong rather than stay silent.
                var broken = new MessageEnvelope(2, 10, 2, 11, EnvelopeFlags.None, 0, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(datagram[8..]), 0, 0);
                Send(HandleRequestProcessor.ProtocolError(broken, e.Message), remote, null, send, datagram.Length);
            }
            return;
        }
        var data = datagram[HandleProtocol.EnvelopeSize..];
        ReadOnlyMemory<byte> message;
        if (envelope.SequenceNumber == 0 && data.Length == envelope.MessageLength)
        {
            if (processor.TryCachedReply(envelope, data, client) is { } cached)
            {
                Send(cached, remote, client, send, datagram.Length);
                return;
            }
            // A copy: the answer may be finished after this loop has received the next datagram into its buffer.
            message = data.ToArray();
        }
        else
        {
            var assembled = Reassemble(envelope, datagram, new IPEndPoint(client, 0).Create(remote));
            if (assembled is null)
            {
                return;
            }
            message = assembled;
        }
        var pending = processor.ProcessAsync(envelope, message, client, ct);
        if (pending.IsCompletedSuccessfully)
        {
            Answer(pending.Result, message, envelope, remote, client, send);
            return;
        }
        var to = new SocketAddress(remote.Family, remote.Size);
        remote.Buffer.Span[..remote.Size].CopyTo(to.Buffer.Span);
        _ = AnswerLaterAsync(pending, message, envelope, to, client, ct);
    }

    /// <summary>Sends an answer the processor finished off the receive loop (it read the store or signed), from a buffer of its own.</summary>
    private async Task AnswerLaterAsync(ValueTask<HandleReply> pending, ReadOnlyMemory<byte> message, MessageEnvelope envelope, SocketAddress remote,
        IPAddress client, CancellationToken ct)
    {
        try
        {
            var reply = await pending;
            Answer(reply, message, envelope, remote, client, new byte[HandleProtocol.EnvelopeSize + HandleProtocol.MaxUdpDataSize]);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException) when (ct.IsCancellationRequested)
        {
        }
        catch (SocketException e)
        {
            log.LogDebug("UDP send to {Client}: {Error}", client, e.SocketErrorCode);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning(e, "UDP request from {Client} failed", client);
        }
    }

    private void Answer(HandleReply reply, ReadOnlyMemory<byte> message, MessageEnvelope envelope, SocketAddress remote, IPAddress client, byte[] send)
    {
        // The answer to a challenge response goes to an address that has just proved it receives our packets: no cap.
        var proven = message.Length >= 4 && HandleMessageCodec.PeekOpCode(message.Span) == OpCode.ResponseToChallenge;
        foreach (var part in reply.Messages)
        {
            Send(part, remote, client, send, proven ? int.MaxValue : HandleProtocol.EnvelopeSize + envelope.MessageLength);
        }
    }

    /// <summary>
    /// The sender's address as an <see cref="IPAddress"/>, made anew only when the sender's host changes: a resolver
    /// sends many queries in a row, from several ports, and making the address for each cost an allocation per datagram.
    /// One per receive loop, so it needs no lock.
    /// </summary>
    private sealed class SenderAddress(AddressFamily family)
    {
        private readonly SocketAddress _last = new(family);
        private readonly IPEndPoint _template = new(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        private IPAddress? _address;

        public IPAddress Of(SocketAddress remote)
        {
            if (_address is not null && SameHost(remote.Buffer.Span[..remote.Size], _last.Buffer.Span[.._last.Size]))
            {
                return _address;
            }
            _address = ((IPEndPoint)_template.Create(remote)).Address;
            _last.Size = remote.Size;
            remote.Buffer.Span[..remote.Size].CopyTo(_last.Buffer.Span);
            return _address;
        }

        // A sockaddr_in/sockaddr_in6 holds the family in octets 0–1 and the port in 2–3; the rest names the host.
        private static bool SameHost(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
            a.Length == b.Length && a.Length >= 4 && a[..2].SequenceEqual(b[..2]) && a[4..].SequenceEqual(b[4..]);
    }

    private byte[]? Reassemble(MessageEnvelope envelope, ReadOnlySpan<byte> datagram, EndPoint remote)
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
            if (!entry.Parts.Add(datagram))
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
    private void Send(HandleReply reply, SocketAddress remote, IPAddress? client, byte[] send, int requestSize)
    {
        var message = reply.Message;
        var limit = Math.Max(HandleProtocol.MaxUdpDataSize, (long)requestSize * Math.Max(1, options.Value.UdpAmplificationFactor));
        if (message.Length > limit && (client is null || !_excess.TryAcquire(ClientNetwork(client), message.Length - limit)))
        {
            Interlocked.Increment(ref _truncated);
            var refusal = processor.UseTcpInstead(reply);
            var truncated = refusal.Envelope with { Flags = refusal.Envelope.Flags | EnvelopeFlags.Truncated, SequenceNumber = 0 };
            SendOne(truncated, refusal.Message, remote, send);
            return;
        }
        if (message.Length <= HandleProtocol.MaxUdpDataSize)
        {
            SendOne(reply.Envelope with { Flags = reply.Envelope.Flags & ~EnvelopeFlags.Truncated, SequenceNumber = 0, MessageLength = message.Length },
                message, remote, send);
            return;
        }
        foreach (var packet in UdpPackets.Split(reply.Envelope, message))
        {
            _socket!.SendTo(packet, SocketFlags.None, remote);
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

    private void SendOne(MessageEnvelope envelope, byte[] message, SocketAddress remote, byte[] send)
    {
        envelope.Write(send);
        message.CopyTo(send.AsSpan(HandleProtocol.EnvelopeSize));
        _socket!.SendTo(send.AsSpan(0, HandleProtocol.EnvelopeSize + message.Length), SocketFlags.None, remote);
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
