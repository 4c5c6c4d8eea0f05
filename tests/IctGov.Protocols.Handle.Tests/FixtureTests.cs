using System.Net;
using IctGov.Protocols.Handle.Messages;

namespace IctGov.Protocols.Handle.Tests;

/// <summary>
/// Golden bytes: each fixture was written field by field from RFC 3652 and the reference implementation.
/// The encoder must produce exactly those bytes from an independently built message, and the decoder must read them back.
/// </summary>
public class FixtureTests
{
    private const string Handle = "88.100.1/abc";
    private const string PrefixHandle = "0.NA/88.100.1";
    private const int Timestamp = 1_600_000_000;
    private static readonly ValuePermissions Perms = ValuePermissions.PublicRead | ValuePermissions.AdminRead | ValuePermissions.AdminWrite;

    private static HandleValue Url(int index, string url, params ValueReference[] refs) => new()
    {
        Index = index, Type = "URL", Data = System.Text.Encoding.UTF8.GetBytes(url), Timestamp = Timestamp, Ttl = 86_400, Permissions = Perms, References = refs,
    };

    public static TheoryData<string> Names => new()
    {
        "resolution_request", "resolution_response", "get_site_info_request", "get_site_info_response",
        "create_handle_request", "create_handle_response", "delete_handle_request", "add_value_request",
        "remove_value_request", "modify_value_request", "list_handles_request", "list_handles_response",
        "challenge_response", "challenge_answer_request", "error_response", "referral_response", "success_response",
        "session_setup_request", "session_setup_response",
    };

    internal static HandleMessage Expected(string name) => name switch
    {
        "resolution_request" => new ResolutionRequest(Handle, [], ["URL"]),
        "resolution_response" => new ResolutionResponse(Handle, [Url(1, "http://a.cn")]),
        "get_site_info_request" => new GetSiteInfoRequest(),
        "get_site_info_response" => new GetSiteInfoResponse(Site()),
        "create_handle_request" => new CreateHandleRequest(Handle,
        [
            Url(1, "http://a.cn"),
            new HandleValue
            {
                Index = 100, Type = "HS_ADMIN", Timestamp = Timestamp, Permissions = Perms,
                Data = new AdminRecord(AdminPermissions.All, PrefixHandle, 300).Encode(),
            },
        ]),
        "create_handle_response" => new CreateHandleResponse(Handle),
        "delete_handle_request" => new DeleteHandleRequest(Handle),
        "add_value_request" => new AddValueRequest(Handle,
            [new HandleValue { Index = 2, Type = "EMAIL", Data = "a@b.cn"u8.ToArray(), Timestamp = Timestamp, Permissions = Perms }]),
        "remove_value_request" => new RemoveValueRequest(Handle, [1, 2]),
        "modify_value_request" => new ModifyValueRequest(Handle, [Url(1, "http://b.cn", new ValueReference("88.100.1/ref", 3))]),
        "list_handles_request" => new ListHandlesRequest(PrefixHandle),
        "list_handles_response" => new ListHandlesResponse(["88.100.1/a", "88.100.1/b"]),
        "challenge_response" => new ChallengeResponse(OpCode.CreateHandle, [.. Enumerable.Range(0, 16).Select(i => (byte)i)])
        {
            RequestDigestAlgorithm = DigestAlgorithm.Sha256,
            RequestDigest = [.. Enumerable.Repeat((byte)0xAB, 32)],
        },
        "challenge_answer_request" => new ChallengeAnswerRequest("HS_SECKEY", PrefixHandle, 300, [0x02, 0xAA, 0xBB, 0xCC, 0xDD]),
        "error_response" => new ErrorResponse(OpCode.Resolution, ResponseCode.HandleNotFound, "Handle not found")
        {
            RequestDigestAlgorithm = DigestAlgorithm.Sha1,
            RequestDigest = [.. Enumerable.Repeat((byte)0xCD, 20)],
        },
        "referral_response" => new ReferralResponse(OpCode.Resolution, ResponseCode.ServiceReferral, PrefixHandle,
            [new HandleValue { Index = 1, Type = "HS_SERV", Data = "0.NA/88"u8.ToArray(), Permissions = Perms }]),
        "success_response" => new SuccessResponse(OpCode.DeleteHandle),
        "session_setup_request" => new SessionSetupRequest(KeyExchangeMode.DiffieHellman, 86_400, PrefixHandle, 300, PublicKeyEncoding.EncodeDh([5], [23], [5]))
        {
            Flags = OpFlags.Certify | OpFlags.Recursive | OpFlags.CacheCertify | OpFlags.PublicOnly | OpFlags.ReturnRequestDigest,
        },
        "session_setup_response" => new SessionSetupResponse(KeyExchangeMode.DiffieHellman, [0, 0, 0, 3, .. PublicKeyEncoding.EncodeDh([5], [23], [5])]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static SiteInfo Site() => new()
    {
        SerialNumber = 1,
        Attributes = [new SiteAttribute("desc", "Node")],
        Servers =
        [
            new SiteServer(1, IPAddress.Loopback, [],
            [
                new SiteInterface(InterfaceService.ResolutionAndAdministration, InterfaceProtocol.Udp, 2641),
                new SiteInterface(InterfaceService.ResolutionAndAdministration, InterfaceProtocol.Tcp, 2641),
            ]),
        ],
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Encode_Message_ProducesGoldenBytes(string name)
    {
        var expected = Hex.Fixture(name);
        var encoded = HandleMessageCodec.Encode(Expected(name));
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(encoded));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Decode_GoldenBytes_ReencodesIdentically(string name)
    {
        var bytes = Hex.Fixture(name);
        var decoded = HandleMessageCodec.Decode(bytes);
        Assert.Equal(Expected(name).GetType(), decoded.GetType());
        Assert.Equal(Expected(name).OpCode, decoded.OpCode);
        Assert.Equal(Expected(name).ResponseCode, decoded.ResponseCode);
        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(HandleMessageCodec.Encode(decoded)));
    }

    [Fact]
    public void Decode_ResolutionRequest_ReadsFields()
    {
        var request = Assert.IsType<ResolutionRequest>(HandleMessageCodec.Decode(Hex.Fixture("resolution_request")));
        Assert.Equal(Handle, request.Handle);
        Assert.Equal(["URL"], request.Types);
        Assert.Empty(request.Indexes);
        Assert.Equal(OpFlags.Recursive | OpFlags.CacheCertify | OpFlags.PublicOnly, request.Flags);
        Assert.Equal(0xFFFF, request.SiteInfoSerial);
    }

    [Fact]
    public void Decode_CreateRequest_ReadsAdminRecord()
    {
        var request = Assert.IsType<CreateHandleRequest>(HandleMessageCodec.Decode(Hex.Fixture("create_handle_request")));
        var admin = AdminRecord.Decode(request.Values[1].Data);
        Assert.Equal(new AdminRecord(AdminPermissions.All, PrefixHandle, 300), admin);
        Assert.Equal("http://a.cn", request.Values[0].DataAsText);
        Assert.Equal(86_400, request.Values[0].Ttl);
        Assert.Equal(Timestamp, request.Values[0].Timestamp);
    }

    [Fact]
    public void Decode_SiteInfoResponse_ReadsServerAddressAndInterfaces()
    {
        var response = Assert.IsType<GetSiteInfoResponse>(HandleMessageCodec.Decode(Hex.Fixture("get_site_info_response")));
        var server = Assert.Single(response.Site.Servers);
        Assert.Equal(IPAddress.Loopback, server.Address);
        Assert.Equal(2, server.Interfaces.Count);
        Assert.Equal(InterfaceProtocol.Tcp, server.Interfaces[1].Protocol);
        Assert.Equal(2641, server.Interfaces[1].Port);
        Assert.True(response.Site.IsPrimary);
    }

    [Fact]
    public void Decode_ChallengeAndError_ReadRequestDigest()
    {
        var challenge = Assert.IsType<ChallengeResponse>(HandleMessageCodec.Decode(Hex.Fixture("challenge_response")));
        Assert.Equal(DigestAlgorithm.Sha256, challenge.RequestDigestAlgorithm);
        Assert.Equal(32, challenge.RequestDigest!.Length);
        Assert.Equal(16, challenge.Nonce.Length);
        var error = Assert.IsType<ErrorResponse>(HandleMessageCodec.Decode(Hex.Fixture("error_response")));
        Assert.Equal("Handle not found", error.Message);
        Assert.Equal(DigestAlgorithm.Sha1, error.RequestDigestAlgorithm);
    }

    [Fact]
    public void Decode_SessionSetupWithReferenceSlack_ReadsTheExchangeKey()
    {
        var bytes = Hex.Fixture("session_setup_request");
        // Re-frame with the two slack octets the reference encoder leaves after the body.
        byte[] withSlack = [.. bytes[..20], 0, 0, 0, 0x40, .. bytes[24..^4], 0, 0, 0, 0, 0, 0];
        var request = Assert.IsType<SessionSetupRequest>(HandleMessageCodec.Decode(withSlack));
        Assert.Equal(KeyExchangeMode.DiffieHellman, request.Mode);
        var (y, p, g) = PublicKeyEncoding.DecodeDh(request.ExchangeKey);
        Assert.Equal([5, 23, 5], new[] { y.Single(), p.Single(), g.Single() });
        Assert.Equal(300, request.IdentityIndex);
    }

    [Fact]
    public void Envelope_GoldenBytes_RoundTrip()
    {
        var expected = Hex.Fixture("envelope");
        var envelope = MessageEnvelope.Create(0x12345678, 59);
        Assert.Equal(expected, envelope.ToArray());
        Assert.Equal(envelope, MessageEnvelope.Read(expected));
    }

    [Fact]
    public void Envelope_WithoutSuggestedVersion_SuggestsItsOwnVersion()
    {
        var bytes = Hex.Fixture("envelope");
        bytes[2] = 0;
        bytes[3] = 0;
        var envelope = MessageEnvelope.Read(bytes);
        Assert.Equal((2, 10), (envelope.SuggestedMajorVersion, envelope.SuggestedMinorVersion));
    }

    [Fact]
    public void HsAdmin_GoldenBytes_RoundTrip()
    {
        var record = new AdminRecord(AdminPermissions.AddValue | AdminPermissions.RemoveValue | AdminPermissions.ModifyValue | AdminPermissions.ReadValue, PrefixHandle, 300);
        Assert.Equal(Hex.Fixture("hs_admin"), record.Encode());
        Assert.Equal(record, AdminRecord.Decode(Hex.Fixture("hs_admin")));
    }

    [Fact]
    public void HsVlist_GoldenBytes_RoundTrip()
    {
        ValueReference[] list = [new(PrefixHandle, 300), new("88.100.1/adm", 301)];
        Assert.Equal(Hex.Fixture("hs_vlist"), ValueReferenceList.Encode(list));
        Assert.Equal(list, ValueReferenceList.Decode(Hex.Fixture("hs_vlist")));
    }

    [Fact]
    public void HsPubkey_Rsa_GoldenBytes_RoundTrip()
    {
        var key = new System.Security.Cryptography.RSAParameters { Exponent = [1, 0, 1], Modulus = [0xC5] };
        Assert.Equal(Hex.Fixture("hs_pubkey_rsa"), PublicKeyEncoding.EncodeRsa(key));
        var decoded = PublicKeyEncoding.DecodeRsa(Hex.Fixture("hs_pubkey_rsa"));
        Assert.Equal(key.Exponent, decoded.Exponent);
        Assert.Equal(key.Modulus, decoded.Modulus);
    }
}
