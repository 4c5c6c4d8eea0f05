using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;

namespace IctGov.Identifiers.Nodes;

/// <summary>Transport a <see cref="HandleClient"/> uses for one request.</summary>
internal enum HandleTransport
{
    Udp,
    Tcp,
    Http,
}

/// <summary>How a client proves itself when a server challenges it.</summary>
internal abstract class HandleAuthentication(string handle, int index)
{
    /// <summary>The administrator handle (e.g. <c>0.NA/88.100.1</c>).</summary>
    public string Handle { get; } = handle;

    /// <summary>Index of the HS_SECKEY/HS_PUBKEY value that holds the key.</summary>
    public int Index { get; } = index;

    /// <summary><c>HS_SECKEY</c> or <c>HS_PUBKEY</c>.</summary>
    public abstract string Type { get; }

    internal abstract byte[] Answer(byte[] nonce, byte[] requestDigest, byte major, byte minor);
}

/// <summary>Secret-key authentication (the HS_SECKEY value's bytes).</summary>
internal sealed class SecretKeyAuthentication(string handle, int index, byte[] secretKey) : HandleAuthentication(handle, index)
{
    public override string Type => ChallengeAuthentication.SecretKeyType;

    internal override byte[] Answer(byte[] nonce, byte[] requestDigest, byte major, byte minor) =>
        ChallengeAuthentication.AnswerWithSecretKey(secretKey, nonce, requestDigest, major, minor);
}

/// <summary>Public-key authentication with an RSA or DSA private key whose public half is the HS_PUBKEY value.</summary>
internal sealed class PublicKeyAuthentication(string handle, int index, AsymmetricAlgorithm privateKey) : HandleAuthentication(handle, index)
{
    public override string Type => ChallengeAuthentication.PublicKeyType;

    internal override byte[] Answer(byte[] nonce, byte[] requestDigest, byte major, byte minor) =>
        ChallengeAuthentication.AnswerWithPrivateKey(privateKey, nonce, requestDigest, major, minor);
}

/// <summary>Raised when a server's answer cannot be trusted or understood.</summary>
internal sealed class HandleClientException(string message) : Exception(message)
{
    public HandleClientException()
        : this("Handle client error")
    {
    }

    public HandleClientException(string message, Exception inner)
        : this(message + ": " + inner.Message)
    {
    }
}

/// <summary>
/// A Handle client for one server: UDP (multi-packet answers reassembled; TCP when UDP gets no complete answer),
/// TCP and HTTP; answers challenges with a secret or private key after checking the challenge names our request.
/// Used by the tests and by nodes that talk to other nodes.
/// </summary>
internal sealed class HandleClient(IPEndPoint? udp, IPEndPoint? tcp, Uri? http = null, TimeSpan? timeout = null, HttpClient? httpClient = null)
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(5);

    /// <summary>
    /// A client for the server of <paramref name="site"/> that the HS_SITE hash makes responsible for
    /// <paramref name="handle"/> (multi-server sites spread handles this way); null when that server offers
    /// neither a UDP resolution nor a TCP interface.
    /// </summary>
    public static HandleClient? ForHandle(SiteInfo site, string handle, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (site.Servers.Count == 0)
        {
            return null;
        }
        var server = site.Servers[site.ServerIndexFor(handle)];
        IPEndPoint? udpEndPoint = null;
        IPEndPoint? tcpEndPoint = null;
        foreach (var i in server.Interfaces)
        {
            if (i.Protocol == InterfaceProtocol.Udp && i.Service is InterfaceService.Resolution or InterfaceService.ResolutionAndAdministration)
            {
                udpEndPoint ??= new IPEndPoint(server.Address, i.Port);
            }
            else if (i.Protocol == InterfaceProtocol.Tcp && i.Service != InterfaceService.OutOfService)
            {
                tcpEndPoint ??= new IPEndPoint(server.Address, i.Port);
            }
        }
        return udpEndPoint is null && tcpEndPoint is null ? null : new HandleClient(udpEndPoint, tcpEndPoint, null, timeout);
    }

    /// <summary>How many messages the last TCP or HTTP answer came in (a long LIST_HANDLES answer is continued over several).</summary>
    public int LastAnswerMessages { get; private set; }

    /// <summary>UDP (with TCP fallback) when the server has a UDP endpoint, else TCP, else HTTP.</summary>
    public HandleTransport DefaultTransport => udp is not null ? HandleTransport.Udp : tcp is not null ? HandleTransport.Tcp : HandleTransport.Http;

    /// <summary>Resolves over UDP (falling back to TCP), or TCP/HTTP when no UDP endpoint is known.</summary>
    public Task<HandleResponse> ResolveAsync(string handle, IReadOnlyList<string>? types = null, IReadOnlyList<int>? indexes = null, CancellationToken ct = default) =>
        SendAsync(new ResolutionRequest(handle, indexes, types), DefaultTransport, null, ct);

    /// <summary>Sends a request and, if challenged and <paramref name="authentication"/> is given, answers the challenge.</summary>
    public async Task<HandleResponse> SendAsync(HandleRequest request, HandleTransport transport, HandleAuthentication? authentication = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var encoded = HandleMessageCodec.Encode(request);
        var (envelope, response) = await ExchangeAsync(request.Handle, encoded, MessageEnvelope.Create(NewRequestId(), encoded.Length), transport, ct);
        if (response is not ChallengeResponse challenge || authentication is null)
        {
            return response;
        }

        // Sign only a challenge that is about the request we sent (the reference client's "unidentified request" check).
        var signed = HandleMessageCodec.HeaderAndBody(encoded);
        var expected = HandleMessageCodec.Digest(challenge.RequestDigestAlgorithm, signed);
        if (challenge.RequestDigest is null || !CryptographicOperations.FixedTimeEquals(expected, challenge.RequestDigest))
        {
            throw new HandleClientException("The server challenged a request we did not send (request digest mismatch)");
        }
        var (major, minor) = HandleProtocol.AtLeast(envelope.MajorVersion, envelope.MinorVersion, envelope.SuggestedMajorVersion, envelope.SuggestedMinorVersion)
            ? (envelope.SuggestedMajorVersion, envelope.SuggestedMinorVersion)
            : (envelope.MajorVersion, envelope.MinorVersion);
        var answer = new ChallengeAnswerRequest(authentication.Type, authentication.Handle, authentication.Index,
            authentication.Answer(challenge.Nonce, challenge.RequestDigest, major, minor))
        {
            Flags = request.Flags,
        };
        var answerBytes = HandleMessageCodec.Encode(answer);
        var answerEnvelope = new MessageEnvelope(envelope.MajorVersion, envelope.MinorVersion, HandleProtocol.MajorVersion, HandleProtocol.SuggestedMinorVersion,
            EnvelopeFlags.None, envelope.SessionId, NewRequestId(), 0, answerBytes.Length);
        return (await ExchangeAsync(request.Handle, answerBytes, answerEnvelope, transport, ct)).Response;
    }

    private static int NewRequestId() => RandomNumberGenerator.GetInt32(1, int.MaxValue);

    private async Task<(MessageEnvelope Envelope, HandleResponse Response)> ExchangeAsync(string handle, byte[] message, MessageEnvelope envelope, HandleTransport transport, CancellationToken ct)
    {
        (MessageEnvelope, byte[]) raw = transport switch
        {
            HandleTransport.Udp => await UdpOrTcpAsync(message, envelope, ct),
            HandleTransport.Tcp => await TcpAsync(message, envelope, ct),
            _ => await HttpAsync(handle, message, envelope, ct),
        };
        if (raw.Item1.RequestId != envelope.RequestId)
        {
            throw new HandleClientException($"The answer names request {raw.Item1.RequestId}, not {envelope.RequestId}");
        }
        try
        {
            return HandleMessageCodec.Decode(raw.Item2) is HandleResponse response
                ? (raw.Item1, response)
                : throw new HandleClientException("The server answered with a request");
        }
        catch (HandleProtocolException e)
        {
            throw new HandleClientException("The server's answer is malformed", e);
        }
    }

    private async Task<(MessageEnvelope, byte[])> UdpOrTcpAsync(byte[] message, MessageEnvelope envelope, CancellationToken ct)
    {
        var answer = await UdpAsync(message, envelope, ct);
        if (answer is not null)
        {
            return answer.Value;
        }
        if (tcp is null)
        {
            throw new TimeoutException("No complete UDP answer and no TCP interface to fall back to");
        }
        return await TcpAsync(message, envelope, ct);
    }

    private async Task<(MessageEnvelope, byte[])?> UdpAsync(byte[] message, MessageEnvelope envelope, CancellationToken ct)
    {
        using var socket = new Socket(udp!.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        foreach (var packet in UdpPackets.Split(envelope, message))
        {
            await socket.SendToAsync(packet, SocketFlags.None, udp, ct);
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_timeout);
        var buffer = new byte[65_536];
        UdpReassembly? parts = null;
        try
        {
            while (true)
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), deadline.Token);
                var packet = buffer.AsSpan(0, received.ReceivedBytes);
                MessageEnvelope got;
                try
                {
                    got = MessageEnvelope.Read(packet);
                }
                catch (HandleProtocolException)
                {
                    continue;
                }
                if (got.RequestId != envelope.RequestId)
                {
                    continue;
                }
                if (got.Truncated && UdpPackets.PacketCount(got.MessageLength) == 1)
                {
                    // The server would not send the whole answer over UDP ("ask over TCP"): fall back at once.
                    return null;
                }
                parts ??= new UdpReassembly(got);
                if (parts.Add(packet))
                {
                    return (parts.Envelope, parts.Message);
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
        catch (HandleProtocolException)
        {
            return null;
        }
    }

    private async Task<(MessageEnvelope, byte[])> TcpAsync(byte[] message, MessageEnvelope envelope, CancellationToken ct)
    {
        if (tcp is null)
        {
            throw new InvalidOperationException("No TCP endpoint configured");
        }
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(_timeout);
        using var socket = new Socket(tcp.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(tcp, deadline.Token);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var frame = new byte[HandleProtocol.EnvelopeSize + message.Length];
        (envelope with { MessageLength = message.Length }).Write(frame);
        message.CopyTo(frame, HandleProtocol.EnvelopeSize);
        await stream.WriteAsync(frame, deadline.Token);
        return await ReadFramesAsync(stream, deadline.Token);
    }

    private async Task<(MessageEnvelope, byte[])> HttpAsync(string handle, byte[] message, MessageEnvelope envelope, CancellationToken ct)
    {
        if (http is null)
        {
            throw new InvalidOperationException("No HTTP endpoint configured");
        }
        var client = httpClient ?? throw new InvalidOperationException("HTTP needs an HttpClient");
        var frame = new byte[HandleProtocol.EnvelopeSize + message.Length];
        (envelope with { MessageLength = message.Length }).Write(frame);
        message.CopyTo(frame, HandleProtocol.EnvelopeSize);
        using var content = new ByteArrayContent(frame);
        content.Headers.ContentType = new MediaTypeHeaderValue(HandleProtocol.HttpMimeType);
        var uri = new Uri(http, http.AbsolutePath.TrimEnd('/') + "/" + Uri.EscapeDataString(handle).Replace("%2F", "/", StringComparison.Ordinal));
        using var response = await client.PostAsync(uri, content, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        return await ReadFramesAsync(body, ct);
    }

    /// <summary>Reads one framed answer; continued answers (LIST_HANDLES) are merged into one handle list.</summary>
    private async Task<(MessageEnvelope, byte[])> ReadFramesAsync(Stream stream, CancellationToken ct)
    {
        LastAnswerMessages = 1;
        var head = new byte[HandleProtocol.EnvelopeSize];
        await stream.ReadExactlyAsync(head, ct);
        var envelope = MessageEnvelope.Read(head);
        var message = new byte[envelope.MessageLength];
        await stream.ReadExactlyAsync(message, ct);
        var flags = message.Length >= 12 ? (OpFlags)BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(8)) : OpFlags.None;
        if ((flags & OpFlags.Continuous) == 0 || HandleMessageCodec.Decode(message) is not ListHandlesResponse first)
        {
            return (envelope, message);
        }
        var handles = new List<string>(first.Handles);
        while (true)
        {
            await stream.ReadExactlyAsync(head, ct);
            var next = MessageEnvelope.Read(head);
            var part = new byte[next.MessageLength];
            await stream.ReadExactlyAsync(part, ct);
            var decoded = HandleMessageCodec.Decode(part);
            LastAnswerMessages++;
            if (decoded is ListHandlesResponse more)
            {
                handles.AddRange(more.Handles);
            }
            if ((decoded.Flags & OpFlags.Continuous) == 0)
            {
                return (envelope, HandleMessageCodec.Encode(new ListHandlesResponse(handles)));
            }
        }
    }
}
