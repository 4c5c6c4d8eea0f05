using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IctGov.Identifiers.Nodes;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IctGov.Identifiers.Tests.Nodes;

/// <summary>A node on real loopback sockets, driven by the Handle client and by raw sockets.</summary>
public sealed class HandleNodeTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static T Is<T>(HandleResponse response)
        where T : HandleResponse =>
        response is T t ? t : throw new Xunit.Sdk.XunitException($"Expected {typeof(T).Name}, got {response.GetType().Name} {response.ResponseCode} {(response as ErrorResponse)?.Message}");

    [Theory]
    [InlineData("Udp")]
    [InlineData("Tcp")]
    [InlineData("Http")]
    public async Task Resolve_OverEachTransport_ReturnsPublicValuesAndCounts(string transportName)
    {
        // By name: the transport enum is the module\'s own (internal) type.
        var transport = Enum.Parse<HandleTransport>(transportName);
        var response = Is<ResolutionResponse>(await _node.Client().SendAsync(new ResolutionRequest("88.100.1/ABC"), transport));
        Assert.Equal(["URL", "EMAIL", "HS_ADMIN"], response.Values.Select(v => v.Type));
        Assert.Equal("https://example.cn/abc", response.Values[0].DataAsText);
        Assert.Equal(("88.100.1", true), Assert.Single(_node.Meter.Calls));
    }

    [Fact]
    public async Task Resolve_TypeAndIndexFilters_SelectValues()
    {
        var client = _node.Client();
        var byType = Is<ResolutionResponse>(await client.ResolveAsync("88.100.1/abc", types: ["EMAIL"]));
        Assert.Equal([2], byType.Values.Select(v => v.Index));
        var byIndex = Is<ResolutionResponse>(await client.ResolveAsync("88.100.1/abc", indexes: [1, 100]));
        Assert.Equal([1, 100], byIndex.Values.Select(v => v.Index));
        var either = Is<ResolutionResponse>(await client.ResolveAsync("88.100.1/abc", types: ["URL"], indexes: [2]));
        Assert.Equal([1, 2], either.Values.Select(v => v.Index));
    }

    [Fact]
    public async Task Resolve_MissingHandleOrValues_AnswersTheProtocolCodes()
    {
        var client = _node.Client();
        Assert.Equal(ResponseCode.HandleNotFound, (await client.ResolveAsync("88.100.1/none")).ResponseCode);
        Assert.Equal(ResponseCode.ValuesNotFound, (await client.ResolveAsync("88.100.1/abc", types: ["HS_SITE"])).ResponseCode);
        // The restricted value exists but is not public: asking only for it finds nothing publicly readable.
        Assert.Equal(ResponseCode.ValuesNotFound, (await client.ResolveAsync("88.100.1/abc", indexes: [3])).ResponseCode);
        Assert.Contains(("88.100.1", false), _node.Meter.Calls);
    }

    [Fact]
    public async Task Resolve_RestrictedValues_NeedAnAdministratorWithReadPermission()
    {
        var request = new ResolutionRequest("88.100.1/abc", [3]) { Flags = OpFlags.Recursive };
        var client = _node.Client();
        Assert.Equal(ResponseCode.AuthenticationNeeded, (await client.SendAsync(request, HandleTransport.Tcp)).ResponseCode);
        var response = Is<ResolutionResponse>(await client.SendAsync(new ResolutionRequest("88.100.1/abc", [3]) { Flags = OpFlags.Recursive }, HandleTransport.Tcp, TestNode.SecretAdmin()));
        Assert.Equal("restricted", Assert.Single(response.Values).DataAsText);
    }

    [Fact]
    public async Task GetSiteInfo_DescribesTheBoundInterfaces()
    {
        var response = Is<GetSiteInfoResponse>(await _node.Client().SendAsync(new GetSiteInfoRequest(), HandleTransport.Udp));
        var server = Assert.Single(response.Site.Servers);
        Assert.Contains(server.Interfaces, i => i.Protocol == InterfaceProtocol.Udp && i.Port == _node.Udp.Port);
        Assert.Contains(server.Interfaces, i => i.Protocol == InterfaceProtocol.Tcp && i.Port == _node.Tcp.Port);
        Assert.Equal(IPAddress.Loopback, server.Address);
    }

    [Theory]
    [InlineData("Tcp")]
    [InlineData("Udp")]
    [InlineData("Http")]
    public async Task Create_WithSecretKey_StoresTheHandle(string transportName)
    {
        // By name: the transport enum is the module\'s own (internal) type.
        var transport = Enum.Parse<HandleTransport>(transportName);
        var client = _node.Client();
        var create = new CreateHandleRequest("88.100.1/new", [HandleValue.Text(1, "URL", "https://example.cn/new"), new AdminRecord(AdminPermissions.All, TestNode.PrefixHandle, 300).ToValue(100)]);
        var created = Is<CreateHandleResponse>(await client.SendAsync(create, transport, TestNode.SecretAdmin()));
        Assert.Equal("88.100.1/new", created.Handle);
        var resolved = Is<ResolutionResponse>(await client.ResolveAsync("88.100.1/new"));
        Assert.Equal("https://example.cn/new", resolved.Values[0].DataAsText);
        Assert.True(resolved.Values[0].Timestamp > 1_700_000_000, "the server stamps values");
    }

    [Fact]
    public async Task Create_WithPublicKey_StoresTheHandle()
    {
        var create = new CreateHandleRequest("88.100.1/pk", [HandleValue.Text(1, "URL", "https://example.cn/pk")]);
        Is<CreateHandleResponse>(await _node.Client().SendAsync(create, HandleTransport.Udp, _node.PublicAdmin()));
        Assert.NotNull(await _node.Store.ResolveAsync("88.100.1/pk"));
    }

    [Fact]
    public async Task Create_WithoutCredentials_IsChallengedAndNothingIsWritten()
    {
        var response = await _node.Client().SendAsync(new CreateHandleRequest("88.100.1/anon", [HandleValue.Text(1, "URL", "x")]), HandleTransport.Tcp);
        var challenge = Is<ChallengeResponse>(response);
        Assert.Equal(16, challenge.Nonce.Length);
        Assert.Equal(DigestAlgorithm.Sha256, challenge.RequestDigestAlgorithm);
        Assert.Null(await _node.Store.ResolveAsync("88.100.1/anon"));
    }

    [Fact]
    public async Task Create_WithWrongSecret_FailsAuthentication()
    {
        var wrong = new SecretKeyAuthentication(TestNode.PrefixHandle, 300, "guess"u8.ToArray());
        var response = await _node.Client().SendAsync(new CreateHandleRequest("88.100.1/bad", [HandleValue.Text(1, "URL", "x")]), HandleTransport.Tcp, wrong);
        Assert.Equal(ResponseCode.AuthenticationFailed, response.ResponseCode);
        Assert.Null(await _node.Store.ResolveAsync("88.100.1/bad"));
    }

    [Fact]
    public async Task Administration_WithoutThePermissionBit_IsRefused()
    {
        var client = _node.Client();
        var limited = new SecretKeyAuthentication(TestNode.LimitedAdmin, 300, "limited"u8.ToArray());
        // Limited may add handles under the prefix …
        Is<CreateHandleResponse>(await client.SendAsync(new CreateHandleRequest("88.100.1/lim", [HandleValue.Text(1, "URL", "x")]), HandleTransport.Tcp, limited));
        // … but not delete them (the handle's own HS_ADMIN does not name it), nor list the prefix (named without the bit):
        // INVALID_ADMIN both times, as Handle.Net answers.
        Assert.Equal(ResponseCode.InvalidAdmin, (await client.SendAsync(new DeleteHandleRequest("88.100.1/abc"), HandleTransport.Tcp, limited)).ResponseCode);
        Assert.Equal(ResponseCode.InvalidAdmin, (await client.SendAsync(new ListHandlesRequest(TestNode.PrefixHandle), HandleTransport.Tcp, limited)).ResponseCode);
        // An authenticated identity that no HS_ADMIN names is not an administrator at all.
        var outsider = new SecretKeyAuthentication(TestNode.Outsider, 300, "outsider"u8.ToArray());
        Assert.Equal(ResponseCode.InvalidAdmin, (await client.SendAsync(new DeleteHandleRequest("88.100.1/abc"), HandleTransport.Tcp, outsider)).ResponseCode);
        Assert.NotNull(await _node.Store.ResolveAsync("88.100.1/abc"));
        // Deleting what does not exist says so, after authentication.
        Assert.Equal(ResponseCode.HandleNotFound, (await client.SendAsync(new DeleteHandleRequest("88.100.1/none"), HandleTransport.Tcp, TestNode.SecretAdmin())).ResponseCode);
    }

    [Fact]
    public async Task Administration_ThroughAnHsVlistGroup_IsGranted()
    {
        // 88.100.1/group:200 lists the limited administrator; the handle's HS_ADMIN names the group with DELETE_HANDLE.
        _node.Store.Put("88.100.1/group", new HandleValue { Index = 200, Type = HandleValueTypes.ValueList, Data = ValueReferenceList.Encode([new(TestNode.LimitedAdmin, 300)]) });
        _node.Store.Put("88.100.1/grouped", HandleValue.Text(1, "URL", "x"), new AdminRecord(AdminPermissions.DeleteHandle, "88.100.1/group", 200).ToValue(100));
        var limited = new SecretKeyAuthentication(TestNode.LimitedAdmin, 300, "limited"u8.ToArray());
        Is<SuccessResponse>(await _node.Client().SendAsync(new DeleteHandleRequest("88.100.1/grouped"), HandleTransport.Tcp, limited));
        Assert.Null(await _node.Store.ResolveAsync("88.100.1/grouped"));
    }

    [Fact]
    public async Task ValueOperations_AndDelete_ApplyWithAuthentication()
    {
        var client = _node.Client();
        var admin = TestNode.SecretAdmin();
        Is<SuccessResponse>(await client.SendAsync(new AddValueRequest("88.100.1/abc", [HandleValue.Text(7, "DESC", "seven")]), HandleTransport.Tcp, admin));
        Assert.Equal(ResponseCode.ValueAlreadyExists, (await client.SendAsync(new AddValueRequest("88.100.1/abc", [HandleValue.Text(7, "DESC", "again")]), HandleTransport.Tcp, admin)).ResponseCode);
        Is<SuccessResponse>(await client.SendAsync(new ModifyValueRequest("88.100.1/abc", [HandleValue.Text(7, "DESC", "SEVEN")]), HandleTransport.Udp, admin));
        Assert.Equal("SEVEN", Is<ResolutionResponse>(await client.ResolveAsync("88.100.1/abc", indexes: [7])).Values[0].DataAsText);
        Is<SuccessResponse>(await client.SendAsync(new RemoveValueRequest("88.100.1/abc", [7]), HandleTransport.Http, admin));
        Assert.Equal(ResponseCode.ValuesNotFound, (await client.ResolveAsync("88.100.1/abc", indexes: [7])).ResponseCode);
        var list = Is<ListHandlesResponse>(await client.SendAsync(new ListHandlesRequest(TestNode.PrefixHandle), HandleTransport.Tcp, admin));
        Assert.Contains("88.100.1/abc", list.Handles);
        Is<SuccessResponse>(await client.SendAsync(new DeleteHandleRequest("88.100.1/abc"), HandleTransport.Tcp, admin));
        Assert.Equal(ResponseCode.HandleNotFound, (await client.ResolveAsync("88.100.1/abc")).ResponseCode);
    }

    [Fact]
    public async Task Resolve_BigHandle_WithoutExcessBudget_UnprovenUdpGetsOneTruncatedAskOverTcpPacket_AndTheClientFallsBackToTcp()
    {
        await using var node = await TestNode.StartAsync(o => (o.UdpExcessBytesPerSecond, o.UdpExcessBurstBytes) = (0, 0));
        var values = Enumerable.Range(1, 40).Select(i => HandleValue.Text(i, "DESC", new string('x', 200) + i)).ToArray();
        node.Store.Put("88.100.1/big", values);
        var request = new ResolutionRequest("88.100.1/big");
        var message = HandleMessageCodec.Encode(request);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var sent = UdpPackets.Split(MessageEnvelope.Create(777, message.Length), message)[0];
        await socket.SendToAsync(sent, SocketFlags.None, node.Udp);
        var buffer = new byte[2048];
        var first = await ReceiveAsync(socket, buffer);
        var envelope = MessageEnvelope.Read(first);
        // An 8 KB answer to a 60-octet request that proves nothing about its source address would be an amplifier.
        Assert.True(envelope.Truncated);
        Assert.Equal(1, UdpPackets.PacketCount(envelope.MessageLength));
        Assert.True(first.Length <= Math.Max(HandleProtocol.MaxUdpPacketSize, 3 * sent.Length));
        var error = Assert.IsType<ErrorResponse>(HandleMessageCodec.Decode(first.AsSpan(HandleProtocol.EnvelopeSize)));
        Assert.Equal(ResponseCode.Error, error.ResponseCode);
        Assert.Contains("TCP", error.Message, StringComparison.Ordinal);
        Assert.Equal(777, envelope.RequestId);
        Assert.Equal(1, node.Services.GetRequiredService<HandleUdpListener>().TruncatedAnswers);

        var started = Stopwatch.GetTimestamp();
        var resolved = Is<ResolutionResponse>(await node.Client().ResolveAsync("88.100.1/big"));
        Assert.Equal(40, resolved.Values.Count);
        Assert.EndsWith("40", resolved.Values[39].DataAsText, StringComparison.Ordinal);
        // The client took the truncated answer as "ask over TCP" at once rather than waiting out its UDP timeout.
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Resolve_CertifiedBigHandle_OverUdp_ArrivesSignedInNumberedPackets_WithoutTcp()
    {
        var values = Enumerable.Range(1, 40).Select(i => HandleValue.Text(i, "DESC", new string('x', 200) + i)).ToArray();
        _node.Store.Put("88.100.1/big", values);
        var request = new ResolutionRequest("88.100.1/big") { Flags = OpFlags.Certify | OpFlags.Recursive | OpFlags.PublicOnly };
        var (envelope, message) = await UdpExchangeAsync(_node, request, 779);

        // An 8 KB answer to a 60-octet request: past the amplification limit, within the client network's excess budget.
        Assert.True(UdpPackets.PacketCount(envelope.MessageLength) > 10);
        var response = Assert.IsType<ResolutionResponse>(HandleMessageCodec.Decode(message));
        Assert.Equal(40, response.Values.Count);
        Assert.True(MessageSigning.VerifyRsa(await SiteKeyAsync(_node), HandleMessageCodec.HeaderAndBody(message), response.Credential, envelope),
            "the certified answer must be signed with the site key");
        Assert.Equal(0, _node.Services.GetRequiredService<HandleUdpListener>().TruncatedAnswers);
    }

    [Fact]
    public async Task Resolve_BigAnswersPastTheNetworksExcessBudget_GetTheAskOverTcpAnswer_SignedWhenCertified()
    {
        // No refill: the burst pays for exactly one big answer to this network, then the node stops amplifying.
        await using var node = await TestNode.StartAsync(o => (o.UdpExcessBytesPerSecond, o.UdpExcessBurstBytes) = (0, 10_000));
        var values = Enumerable.Range(1, 40).Select(i => HandleValue.Text(i, "DESC", new string('x', 200) + i)).ToArray();
        node.Store.Put("88.100.1/big", values);
        var certified = OpFlags.Certify | OpFlags.Recursive | OpFlags.PublicOnly;

        var (_, first) = await UdpExchangeAsync(node, new ResolutionRequest("88.100.1/big") { Flags = certified }, 780);
        Assert.Equal(40, Assert.IsType<ResolutionResponse>(HandleMessageCodec.Decode(first)).Values.Count);

        var (envelope, second) = await UdpExchangeAsync(node, new ResolutionRequest("88.100.1/big") { Flags = certified }, 781);
        Assert.True(envelope.Truncated);
        Assert.Equal(1, UdpPackets.PacketCount(envelope.MessageLength));
        var refusal = Assert.IsType<ErrorResponse>(HandleMessageCodec.Decode(second));
        Assert.Equal(ResponseCode.Error, refusal.ResponseCode);
        Assert.Contains("TCP", refusal.Message, StringComparison.Ordinal);
        Assert.True((refusal.Flags & OpFlags.Certify) != 0);
        Assert.True(MessageSigning.VerifyRsa(await SiteKeyAsync(node), HandleMessageCodec.HeaderAndBody(second), refusal.Credential, envelope),
            "a client that asked for a certified answer must be able to trust the refusal");
        Assert.Equal(1, node.Services.GetRequiredService<HandleUdpListener>().TruncatedAnswers);

        // Small answers are not charged: they still come over UDP.
        var (_, small) = await UdpExchangeAsync(node, new ResolutionRequest("88.100.1/abc"), 782);
        Assert.IsType<ResolutionResponse>(HandleMessageCodec.Decode(small));
    }

    /// <summary>Sends one request over UDP from a fresh socket and reassembles the (possibly multi-packet) answer.</summary>
    private static async Task<(MessageEnvelope Envelope, byte[] Message)> UdpExchangeAsync(TestNode node, HandleMessage request, int requestId)
    {
        var message = HandleMessageCodec.Encode(request);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await socket.SendToAsync(UdpPackets.Split(MessageEnvelope.Create(requestId, message.Length), message)[0], SocketFlags.None, node.Udp);
        var buffer = new byte[2048];
        UdpReassembly? reassembly = null;
        while (true)
        {
            var packet = await ReceiveAsync(socket, buffer);
            reassembly ??= new UdpReassembly(MessageEnvelope.Read(packet));
            if (reassembly.Add(packet))
            {
                return (reassembly.Envelope, reassembly.Message);
            }
        }
    }

    private static async Task<System.Security.Cryptography.RSA> SiteKeyAsync(TestNode node)
    {
        var site = Is<GetSiteInfoResponse>(await node.Client().SendAsync(new GetSiteInfoRequest(), HandleTransport.Tcp)).Site;
        var key = System.Security.Cryptography.RSA.Create();
        key.ImportParameters(PublicKeyEncoding.DecodeRsa(site.Servers[0].PublicKey));
        return key;
    }

    [Fact]
    public async Task Resolve_AnswerWithinTheAmplificationLimit_ArrivesInSeveralUdpPackets()
    {
        var values = Enumerable.Range(1, 4).Select(i => HandleValue.Text(i, "DESC", new string('x', 200) + i)).ToArray();
        _node.Store.Put("88.100.1/mid", values);
        // A large request (many type filters) earns a larger answer: 3 times its size.
        var request = new ResolutionRequest("88.100.1/mid", null, [.. Enumerable.Repeat("DESC", 50)]);
        var message = HandleMessageCodec.Encode(request);
        Assert.Equal(1, UdpPackets.PacketCount(message.Length));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await socket.SendToAsync(UdpPackets.Split(MessageEnvelope.Create(778, message.Length), message)[0], SocketFlags.None, _node.Udp);
        var reassembly = (UdpReassembly?)null;
        var buffer = new byte[2048];
        do
        {
            var packet = await ReceiveAsync(socket, buffer);
            reassembly ??= new UdpReassembly(MessageEnvelope.Read(packet));
            if (reassembly.Add(packet))
            {
                break;
            }
        }
        while (true);
        Assert.True(UdpPackets.PacketCount(reassembly.Envelope.MessageLength) > 1);
        Assert.Equal(4, Assert.IsType<ResolutionResponse>(HandleMessageCodec.Decode(reassembly.Message)).Values.Count);
    }

    [Fact]
    public async Task ListHandles_LongerThanOneMessage_IsContinuedOverSeveralMessages_OverTcpAndHttp()
    {
        await using var node = await TestNode.StartAsync(o => o.ListHandlesPerMessage = 10);
        var before = 0;
        await foreach (var _ in node.Store.ListHandlesAsync(TestNode.Prefix))
        {
            before++;
        }
        for (var i = 0; i < 25; i++)
        {
            node.Store.Put($"88.100.1/item-{i:D2}", HandleValue.Text(1, "URL", $"https://e.example/{i}"));
        }
        var expected = before + 25;
        foreach (var transport in new[] { HandleTransport.Tcp, HandleTransport.Http })
        {
            var client = node.Client();
            var list = Is<ListHandlesResponse>(await client.SendAsync(new ListHandlesRequest(TestNode.PrefixHandle), transport, TestNode.SecretAdmin()));
            Assert.Equal(expected, list.Handles.Count);
            Assert.Equal(expected, list.Handles.Distinct().Count());
            Assert.Contains("88.100.1/item-24", list.Handles);
            Assert.Equal((expected + 9) / 10, client.LastAnswerMessages);
        }
    }

    [Fact]
    public async Task Create_BigRequestOverUdp_IsReassembled()
    {
        var values = Enumerable.Range(1, 10).Select(i => HandleValue.Text(i, "DESC", new string('y', 300))).ToArray();
        Is<CreateHandleResponse>(await _node.Client().SendAsync(new CreateHandleRequest("88.100.1/bigcreate", values), HandleTransport.Udp, TestNode.SecretAdmin()));
        Assert.Equal(10, (await _node.Store.ResolveAsync("88.100.1/bigcreate"))!.Count);
    }

    private static byte[] Frame(MessageEnvelope envelope, byte[] message) => [.. envelope.ToArray(), .. message];

    private static async Task<byte[]> ReceiveAsync(Socket socket, byte[] buffer)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var r = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cts.Token);
        return buffer[..r.ReceivedBytes];
    }

    [Fact]
    public async Task MalformedUdp_GetsProtocolErrorAndTheNodeKeepsServing()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var buffer = new byte[2048];
        // A valid envelope around a message whose body length lies.
        var message = HandleMessageCodec.Encode(new ResolutionRequest("88.100.1/abc"));
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(20), 1_000_000);
        await socket.SendToAsync(Frame(MessageEnvelope.Create(4242, message.Length), message), SocketFlags.None, _node.Udp);
        var answer = await ReceiveAsync(socket, buffer);
        Assert.Equal(4242, MessageEnvelope.Read(answer).RequestId);
        var error = Assert.IsType<ErrorResponse>(HandleMessageCodec.Decode(answer.AsSpan(20)));
        Assert.Equal(ResponseCode.ProtocolError, error.ResponseCode);
        Assert.Contains("body length", error.Message, StringComparison.Ordinal);

        // An envelope claiming 2 GB: answered by request id, nothing allocated.
        var huge = MessageEnvelope.Create(4343, 0).ToArray();
        BinaryPrimitives.WriteInt32BigEndian(huge.AsSpan(16), int.MaxValue);
        await socket.SendToAsync(huge, SocketFlags.None, _node.Udp);
        var hugeAnswer = await ReceiveAsync(socket, buffer);
        Assert.Equal(4343, MessageEnvelope.Read(hugeAnswer).RequestId);
        Assert.Equal(ResponseCode.ProtocolError, HandleMessageCodec.Decode(hugeAnswer.AsSpan(20)).ResponseCode);

        // Random junk shorter than an envelope: ignored, and the node still answers.
        await socket.SendToAsync(new byte[] { 1, 2, 3 }.AsMemory(), SocketFlags.None, _node.Udp);
        Is<ResolutionResponse>(await _node.Client().ResolveAsync("88.100.1/abc"));
    }

    [Fact]
    public async Task MalformedTcp_OversizedEnvelopeIsAnsweredAndClosed_TruncatedTimesOut()
    {
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(_node.Tcp);
            var stream = client.GetStream();
            var huge = MessageEnvelope.Create(5151, 0).ToArray();
            BinaryPrimitives.WriteInt32BigEndian(huge.AsSpan(16), int.MaxValue);
            await stream.WriteAsync(huge);
            var head = new byte[20];
            await stream.ReadExactlyAsync(head);
            var envelope = MessageEnvelope.Read(head);
            Assert.Equal(5151, envelope.RequestId);
            var body = new byte[envelope.MessageLength];
            await stream.ReadExactlyAsync(body);
            Assert.Equal(ResponseCode.ProtocolError, HandleMessageCodec.Decode(body).ResponseCode);
            Assert.Equal(0, await stream.ReadAsync(new byte[1]));
        }

        // Garbage inside a well-framed message is a protocol error on a connection that stays usable.
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(_node.Tcp);
            var stream = client.GetStream();
            var junk = new byte[40];
            new Random(7).NextBytes(junk);
            await stream.WriteAsync(Frame(MessageEnvelope.Create(6161, junk.Length), junk));
            var head = new byte[20];
            await stream.ReadExactlyAsync(head);
            var body = new byte[MessageEnvelope.Read(head).MessageLength];
            await stream.ReadExactlyAsync(body);
            Assert.Equal(ResponseCode.ProtocolError, HandleMessageCodec.Decode(body).ResponseCode);
            var good = HandleMessageCodec.Encode(new ResolutionRequest("88.100.1/abc"));
            await stream.WriteAsync(Frame(MessageEnvelope.Create(6262, good.Length), good));
            await stream.ReadExactlyAsync(head);
            Assert.Equal(6262, MessageEnvelope.Read(head).RequestId);
        }
        Is<ResolutionResponse>(await _node.Client().SendAsync(new ResolutionRequest("88.100.1/abc"), HandleTransport.Tcp));
    }

    [Fact]
    public async Task ChallengeAnswer_ForUnknownSession_IsAnAuthenticationTimeout()
    {
        var answer = HandleMessageCodec.Encode(new ChallengeAnswerRequest("HS_SECKEY", TestNode.PrefixHandle, 300, [2, 1, 2, 3]));
        using var client = new TcpClient();
        await client.ConnectAsync(_node.Tcp);
        var stream = client.GetStream();
        await stream.WriteAsync(Frame(MessageEnvelope.Create(99, answer.Length, sessionId: 12345), answer));
        var head = new byte[20];
        await stream.ReadExactlyAsync(head);
        var body = new byte[MessageEnvelope.Read(head).MessageLength];
        await stream.ReadExactlyAsync(body);
        Assert.Equal(ResponseCode.AuthenticationTimeout, HandleMessageCodec.Decode(body).ResponseCode);
    }

    [Fact]
    public async Task RequestDigest_WhenAsked_CoversTheRequestAsReceived()
    {
        var request = new ResolutionRequest("88.100.1/abc") { Flags = OpFlags.Recursive | OpFlags.PublicOnly | OpFlags.ReturnRequestDigest };
        var encoded = HandleMessageCodec.Encode(request);
        var response = await _node.Client().SendAsync(request, HandleTransport.Tcp);
        Assert.Equal(DigestAlgorithm.Sha256, response.RequestDigestAlgorithm);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(encoded.AsSpan(0, encoded.Length - 4)), response.RequestDigest);
    }

    // RFC 2409 group 2 (1024-bit MODP), generator 2: the size Handle.Net clients use for session keys.
    private static readonly System.Numerics.BigInteger Oakley2 = System.Numerics.BigInteger.Parse(
        "00FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF",
        System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task SessionSetup_DiffieHellman_IsAnsweredAndSignedWithTheSiteKey()
    {
        var site = Is<GetSiteInfoResponse>(await _node.Client().SendAsync(new GetSiteInfoRequest(), HandleTransport.Tcp)).Site;
        using var serverKey = System.Security.Cryptography.RSA.Create();
        serverKey.ImportParameters(PublicKeyEncoding.DecodeRsa(site.Servers[0].PublicKey));

        var x = new System.Numerics.BigInteger(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), isUnsigned: true);
        var p = Oakley2.ToByteArray(isUnsigned: true, isBigEndian: true);
        var y = System.Numerics.BigInteger.ModPow(2, x, Oakley2).ToByteArray(isUnsigned: true, isBigEndian: true);
        var setup = new SessionSetupRequest(KeyExchangeMode.DiffieHellman, 3600, TestNode.PrefixHandle, 300, PublicKeyEncoding.EncodeDh(y, p, [2]))
        {
            Flags = OpFlags.Certify | OpFlags.Recursive | OpFlags.ReturnRequestDigest,
        };
        var message = HandleMessageCodec.Encode(setup);
        using var client = new TcpClient();
        await client.ConnectAsync(_node.Tcp);
        var stream = client.GetStream();
        await stream.WriteAsync(Frame(MessageEnvelope.Create(31337, message.Length), message));
        var head = new byte[20];
        await stream.ReadExactlyAsync(head);
        var envelope = MessageEnvelope.Read(head);
        var body = new byte[envelope.MessageLength];
        await stream.ReadExactlyAsync(body);

        var response = Assert.IsType<SessionSetupResponse>(HandleMessageCodec.Decode(body));
        Assert.NotEqual(0, envelope.SessionId);
        Assert.True(response.Expiration > TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(), "answers must not arrive expired");
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(HandleMessageCodec.HeaderAndBody(message)), response.RequestDigest);
        Assert.True(MessageSigning.VerifyRsa(serverKey, HandleMessageCodec.HeaderAndBody(body), response.Credential, envelope));
        Assert.Equal([0, 0, 0, 3], response.Data[..4]);
        var (serverY, serverP, serverG) = PublicKeyEncoding.DecodeDh(response.Data.AsSpan(4));
        Assert.Equal(p, serverP);
        Assert.Equal([2], serverG);
        var peer = new System.Numerics.BigInteger(serverY, isUnsigned: true, isBigEndian: true);
        Assert.InRange(peer, 2, Oakley2 - 2);
    }

    [Fact]
    public async Task Http_Answer_HasContentLength()
    {
        var message = HandleMessageCodec.Encode(new ResolutionRequest("88.100.1/abc"));
        using var content = new ByteArrayContent(Frame(MessageEnvelope.Create(5, message.Length), message));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(HandleProtocol.HttpMimeType);
        using var response = await _node.HttpClient.PostAsync(new Uri(_node.Http + "/88.100.1/abc"), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.False(response.Headers.TransferEncodingChunked ?? false);
        Assert.IsType<ResolutionResponse>(HandleMessageCodec.Decode(bytes.AsSpan(20)));
    }

    [Fact]
    public async Task Http_WrongContentType_IsRefused()
    {
        using var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
        using var response = await _node.HttpClient.PostAsync(new Uri(_node.Http + "/88.100.1/abc"), content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}

/// <summary>Node behaviour that needs its own configuration.</summary>
public sealed class HandleNodeLimitsTests
{
    [Fact]
    public async Task RateLimit_OverBudget_AnswersServerTooBusy()
    {
        // A frozen clock: the bucket never refills, so the sixth request is the first refused.
        await using var node = await TestNode.StartAsync(o => { o.Burst = 5; o.RequestsPerSecond = 1; }, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20_000)));
        var client = node.Client();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ResponseCode.Success, (await client.SendAsync(new ResolutionRequest("88.100.1/abc"), HandleTransport.Tcp)).ResponseCode);
        }
        Assert.Equal(ResponseCode.ServerTooBusy, (await client.SendAsync(new ResolutionRequest("88.100.1/abc"), HandleTransport.Tcp)).ResponseCode);
    }

    [Fact]
    public async Task Resolve_OutsideResponsiblePrefixes_IsNotThisServersBusiness()
    {
        await using var node = await TestNode.StartAsync(o => o.ResponsiblePrefixes.Add("88.100.1"));
        var client = node.Client();
        Assert.Equal(ResponseCode.ServerNotResponsible, (await client.ResolveAsync("86.1/abc")).ResponseCode);
        Assert.Equal(ResponseCode.HandleNotFound, (await client.ResolveAsync("88.100.1.7/abc")).ResponseCode);
        Assert.Equal(ResponseCode.Success, (await client.ResolveAsync("88.100.1/abc")).ResponseCode);
    }

    [Fact]
    public async Task ServerAdmin_FromConfiguration_MayCreateUnderAnyPrefix()
    {
        await using var node = await TestNode.StartAsync(o => o.ServerAdmins.Add("300:" + TestNode.Outsider));
        var outsider = new SecretKeyAuthentication(TestNode.Outsider, 300, "outsider"u8.ToArray());
        var response = await node.Client().SendAsync(new CreateHandleRequest("99.1/x", [HandleValue.Text(1, "URL", "x")]), HandleTransport.Tcp, outsider);
        Assert.Equal(ResponseCode.Success, response.ResponseCode);
    }

    [Theory]
    [InlineData("Udp")]
    [InlineData("Tcp")]
    public async Task FailingStore_IsAnsweredWithError_NotSilence(string transportName)
    {
        // By name: the transport enum is the module\'s own (internal) type.
        var transport = Enum.Parse<HandleTransport>(transportName);
        await using var node = await TestNode.StartAsync(store: new BrokenHandleStore());
        var response = await node.Client().SendAsync(new ResolutionRequest("88.100.1/abc"), transport);
        Assert.Equal(ResponseCode.Error, response.ResponseCode);
        Assert.Equal(ResponseCode.Success, (await node.Client().SendAsync(new GetSiteInfoRequest(), transport)).ResponseCode);
    }

    [Fact]
    public async Task Tcp_StalledHalfMessage_IsClosedAfterTheIdleTimeout_AndTheNodeServesOthers()
    {
        await using var node = await TestNode.StartAsync(o => o.TcpIdleTimeout = TimeSpan.FromMilliseconds(300));
        using var client = new TcpClient();
        await client.ConnectAsync(node.Tcp);
        var stream = client.GetStream();
        var message = HandleMessageCodec.Encode(new ResolutionRequest("88.100.1/abc"));
        var frame = MessageEnvelope.Create(1, message.Length).ToArray().Concat(message).ToArray();
        await stream.WriteAsync(frame.AsMemory(0, frame.Length / 2));
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await stream.ReadAsync(new byte[1], guard.Token));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(ResponseCode.Success, (await node.Client().SendAsync(new ResolutionRequest("88.100.1/abc"), HandleTransport.Tcp)).ResponseCode);
    }

    [Fact]
    public void Options_BindFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["UdpPort"] = "12641",
            ["TcpPort"] = "-1",
            ["ResponsiblePrefixes:0"] = "88.100.1",
            ["ServerAdmins:0"] = "300:0.NA/88.100.1",
            ["RequestsPerSecond"] = "50",
        }).Build();
        var services = new ServiceCollection();
        services.AddHandleNode(configuration);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<HandleNodeOptions>>().Value;
        Assert.Equal((12641, -1, 50.0), (options.UdpPort, options.TcpPort, options.RequestsPerSecond));
        Assert.Equal(["88.100.1"], options.ResponsiblePrefixes);
        Assert.Equal(["300:0.NA/88.100.1"], options.ServerAdmins);
    }
}
