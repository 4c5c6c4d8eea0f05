using System.Buffers.Binary;
using IctGov.Protocols.Handle.Messages;

namespace IctGov.Protocols.Handle.Tests;

/// <summary>
/// Fuzz targets for every decoder: random bytes and mutations of the golden fixtures (bit flips, truncation,
/// length fields that lie, oversized counts). Only <see cref="HandleProtocolException"/> may escape, and a lying
/// length must not make the decoder allocate what it claims.
/// </summary>
public class FuzzTests
{
    private const int Iterations = 3000;

    public static TheoryData<string> Targets => new()
    {
        "message", "envelope", "value", "admin", "site", "vlist", "rsa", "dsa", "dh", "secret-answer", "public-answer", "signature", "udp",
    };

    private static readonly string[] AllFixtureNames =
    [
        "resolution_request", "resolution_response", "get_site_info_request", "get_site_info_response",
        "create_handle_request", "create_handle_response", "delete_handle_request", "add_value_request",
        "remove_value_request", "modify_value_request", "list_handles_request", "list_handles_response",
        "challenge_response", "challenge_answer_request", "error_response", "referral_response", "success_response",
        "session_setup_request", "session_setup_response",
    ];

    private static readonly byte[] Nonce = new byte[16];
    private static readonly System.Security.Cryptography.RSA SigningKey = System.Security.Cryptography.RSA.Create(1024);
    private static readonly byte[] Digest = new byte[32];

    private static void Run(string target, byte[] input)
    {
        switch (target)
        {
            case "message": HandleMessageCodec.Decode(input); break;
            case "envelope": MessageEnvelope.Read(input); break;
            case "value": HandleValueCodec.Decode(input); break;
            case "admin": AdminRecord.Decode(input); break;
            case "site": SiteInfo.Decode(input); break;
            case "vlist": ValueReferenceList.Decode(input); break;
            case "rsa": PublicKeyEncoding.DecodeRsa(input); break;
            case "dsa": PublicKeyEncoding.DecodeDsa(input); break;
            case "dh": PublicKeyEncoding.DecodeDh(input); break;
            case "signature": MessageSigning.VerifyRsa(SigningKey, Hex.Fixture("success_response").AsSpan(0, 24), input, MessageEnvelope.Create(1, 28)); break;
            case "secret-answer": ChallengeAuthentication.VerifySecretKey("secret"u8, Nonce, Digest, input); break;
            case "public-answer": ChallengeAuthentication.VerifyPublicKey(Hex.Fixture("hs_pubkey_rsa"), Nonce, Digest, input); break;
            case "udp":
                var first = MessageEnvelope.Read(input);
                new UdpReassembly(first).Add(input);
                break;
            default: throw new ArgumentOutOfRangeException(nameof(target));
        }
    }

    private static byte[][] Seeds(string target) => target switch
    {
        "message" => [.. AllFixtureNames.Select(Hex.Fixture)],
        "envelope" or "udp" => [[.. Hex.Fixture("envelope"), .. new byte[59]]],
        "value" => [HandleValueCodec.Encode(new HandleValue { Index = 1, Type = "URL", Data = "http://a.cn"u8.ToArray(), References = [new("88.100.1/r", 2)] })],
        "admin" => [Hex.Fixture("hs_admin")],
        "site" => [Hex.Fixture("get_site_info_response")[24..^4]],
        "vlist" => [Hex.Fixture("hs_vlist")],
        "rsa" or "dsa" or "dh" => [Hex.Fixture("hs_pubkey_rsa"), PublicKeyEncoding.EncodeDh([5], [23], [5])],
        "signature" => [MessageSigning.SignRsa(SigningKey, Hex.Fixture("success_response").AsSpan(0, 24), MessageEnvelope.Create(1, 28))],
        "secret-answer" => [ChallengeAuthentication.AnswerWithSecretKey("secret"u8, Nonce, Digest, 2, 11, new byte[16], 2), [0x12, 1, 2, 3]],
        "public-answer" => [[0, 0, 0, 7, .. "SHA-256"u8, 0, 0, 0, 1, 0x55]],
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    private static void Survives(string target, byte[] input)
    {
        try
        {
            Run(target, input);
        }
        catch (HandleProtocolException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"{target}: {e.GetType().Name} escaped for input {Convert.ToHexString(input)}: {e.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Decoder_RandomAndMutatedInput_OnlyThrowsProtocolException(string target)
    {
        var random = new Random(2641 ^ target.GetHashCode(StringComparison.Ordinal));
        var seeds = Seeds(target);
        for (var i = 0; i < Iterations; i++)
        {
            byte[] input;
            var seed = seeds[random.Next(seeds.Length)];
            switch (i % 5)
            {
                case 0:
                    input = new byte[random.Next(0, 80)];
                    random.NextBytes(input);
                    break;
                case 1:
                    input = (byte[])seed.Clone();
                    for (var flips = random.Next(1, 4); flips > 0 && input.Length > 0; flips--)
                    {
                        input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
                    }
                    break;
                case 2:
                    input = seed[..random.Next(0, seed.Length + 1)];
                    break;
                default:
                    // Overwrite an aligned 4-octet field with a lie: huge, negative, or just past the end.
                    input = (byte[])seed.Clone();
                    if (input.Length >= 4)
                    {
                        var at = random.Next(0, input.Length - 3);
                        int[] lies = [int.MaxValue, int.MinValue, -1, input.Length - at, 0x7FFF_FFF0, 1 << 20];
                        BinaryPrimitives.WriteInt32BigEndian(input.AsSpan(at), lies[random.Next(lies.Length)]);
                    }
                    break;
            }
            Survives(target, input);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Decode_EveryTruncationOfEveryFixture_IsAProtocolErrorOrShorterMessage(string name)
    {
        var bytes = Hex.Fixture(name);
        for (var length = 0; length < bytes.Length; length++)
        {
            Survives("message", bytes[..length]);
        }
    }

    public static TheoryData<string> Names => FixtureTests.Names;

    [Fact]
    public void Decode_LengthFieldOf2Pow31_DoesNotAllocateIt()
    {
        // A create request whose value-count and handle-length fields claim two billion entries/bytes.
        var bytes = Hex.Fixture("create_handle_request");
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(24 + 16), int.MaxValue);
        var hugeHandle = Hex.Fixture("delete_handle_request");
        BinaryPrimitives.WriteInt32BigEndian(hugeHandle.AsSpan(24), int.MaxValue);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e1 = Assert.Throws<HandleProtocolException>(() => HandleMessageCodec.Decode(bytes));
        var e2 = Assert.Throws<HandleProtocolException>(() => HandleMessageCodec.Decode(hugeHandle));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1_000_000, $"decoding lies allocated {allocated} bytes");
        Assert.Equal(40, e1.Offset);
        Assert.Equal(24, e2.Offset);
        Assert.Contains("handle values", e1.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Envelope_OversizedLength_IsRejected()
    {
        var bytes = Hex.Fixture("envelope");
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), HandleProtocol.MaxMessageLength + 1);
        var e = Assert.Throws<HandleProtocolException>(() => MessageEnvelope.Read(bytes));
        Assert.Equal(16, e.Offset);
    }

    [Fact]
    public void Decode_TruncatedBody_NamesOffsetAndExpectation()
    {
        var bytes = Hex.Fixture("resolution_request")[..30];
        var e = Assert.Throws<HandleProtocolException>(() => HandleMessageCodec.Decode(bytes));
        Assert.Equal(20, e.Offset);
        Assert.Contains("body length", e.Expected, StringComparison.Ordinal);
    }
}
