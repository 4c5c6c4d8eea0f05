using System.Security.Cryptography;
using IctGov.Protocols.Handle.Messages;

namespace IctGov.Protocols.Handle.Tests;

public class CodecTests
{
    [Theory]
    [InlineData("88.100.1/abc", SiteHashOption.ByWholeHandle, 1235060187)]
    [InlineData("88.100.1/ABC", SiteHashOption.ByWholeHandle, 1235060187)]
    [InlineData("88.100.1/abc", SiteHashOption.ByPrefix, 626612451)]
    [InlineData("88.100.1/abc", SiteHashOption.BySuffix, 891676978)]
    public void HandleHash_MatchesMd5OfUpperCasedPart(string handle, SiteHashOption option, int expected)
    {
        // Expected values computed outside .NET (Python hashlib: abs of the last 4 MD5 octets, big-endian).
        Assert.Equal(expected, SiteInfo.HandleHash(handle, option));
    }

    [Fact]
    public void ServerIndex_SpreadsHandlesOverServers()
    {
        Assert.Equal(1235060187 % 7, SiteInfo.ServerIndex("88.100.1/abc", SiteHashOption.ByWholeHandle, 7));
        var counts = new int[4];
        for (var i = 0; i < 4000; i++)
        {
            counts[SiteInfo.ServerIndex($"88.100.1/item{i}", SiteHashOption.ByWholeHandle, 4)]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 800, 1200));
    }

    [Fact]
    public void UdpPackets_SplitAndReassemble_RestoreTheMessage()
    {
        var message = new byte[1500];
        new Random(1).NextBytes(message);
        var packets = UdpPackets.Split(MessageEnvelope.Create(42, 0), message);
        Assert.Equal(4, packets.Count);
        Assert.All(packets, p => Assert.True(p.Length <= HandleProtocol.MaxUdpPacketSize));
        var first = MessageEnvelope.Read(packets[3]);
        Assert.True(first.Truncated);
        var reassembly = new UdpReassembly(first);
        foreach (var p in packets.Reverse())
        {
            reassembly.Add(p);
        }
        Assert.Equal(message, reassembly.Message);
    }

    [Fact]
    public void SecretKeyAnswer_Pbkdf2_VerifiesOnlyWithTheRightKey()
    {
        var nonce = RandomNumberGenerator.GetBytes(16);
        var digest = RandomNumberGenerator.GetBytes(32);
        var answer = ChallengeAuthentication.AnswerWithSecretKey("s3cret"u8, nonce, digest, 2, 11);
        Assert.Equal((byte)DigestAlgorithm.Pbkdf2HmacSha1, answer[0]);
        Assert.True(ChallengeAuthentication.VerifySecretKey("s3cret"u8, nonce, digest, answer));
        Assert.False(ChallengeAuthentication.VerifySecretKey("s3cres"u8, nonce, digest, answer));
        digest[0] ^= 1;
        Assert.False(ChallengeAuthentication.VerifySecretKey("s3cret"u8, nonce, digest, answer));
    }

    [Fact]
    public void SecretKeyAnswer_Pbkdf2_MatchesIndependentComputation()
    {
        // PBKDF2-HMAC-SHA1 (10000 iterations, 160 bits) then HMAC-SHA1 over nonce‖digest, computed here from the definition.
        var nonce = new byte[16];
        var digest = new byte[32];
        var salt = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var answer = ChallengeAuthentication.AnswerWithSecretKey("password"u8, nonce, digest, 2, 10, salt);
        var derived = Rfc2898DeriveBytes.Pbkdf2("password"u8, salt, 10_000, HashAlgorithmName.SHA1, 20);
        var mac = HMACSHA1.HashData(derived, new byte[48]);
        byte[] expected = [0x22, 0, 0, 0, 16, .. salt, 0, 0, 0x27, 0x10, 0, 0, 0, 160, 0, 0, 0, 20, .. mac];
        Assert.Equal(expected, answer);
    }

    [Fact]
    public void SecretKeyAnswer_OlderAlgorithms_Verify()
    {
        var nonce = new byte[16];
        var digest = new byte[20];
        byte[] data = [.. nonce, .. digest];
        var key = "k"u8.ToArray();
        Assert.True(ChallengeAuthentication.VerifySecretKey(key, nonce, digest, [0x12, .. HMACSHA1.HashData(key, data)]));
        Assert.True(ChallengeAuthentication.VerifySecretKey(key, nonce, digest, [0x13, .. HMACSHA256.HashData(key, data)]));
        Assert.True(ChallengeAuthentication.VerifySecretKey(key, nonce, digest, [0x02, .. SHA1.HashData([.. key, .. data, .. key])]));
        Assert.False(ChallengeAuthentication.VerifySecretKey(key, nonce, digest, [0x02, .. SHA1.HashData([.. data, .. key])]));
    }

    [Fact]
    public void PublicKeyAnswer_Rsa_VerifiesAgainstEncodedKey()
    {
        using var rsa = RSA.Create(2048);
        var pub = PublicKeyEncoding.EncodeRsa(rsa.ExportParameters(false));
        var nonce = RandomNumberGenerator.GetBytes(16);
        var digest = RandomNumberGenerator.GetBytes(32);
        var answer = ChallengeAuthentication.AnswerWithPrivateKey(rsa, nonce, digest, 2, 11);
        Assert.True(ChallengeAuthentication.VerifyPublicKey(pub, nonce, digest, answer));
        nonce[3] ^= 0x10;
        Assert.False(ChallengeAuthentication.VerifyPublicKey(pub, nonce, digest, answer));
    }

    [Fact]
    public void PublicKeyAnswer_Dsa_VerifiesAgainstEncodedKey()
    {
        using var dsa = DSA.Create(2048);
        var pub = PublicKeyEncoding.EncodeDsa(dsa.ExportParameters(false));
        var nonce = RandomNumberGenerator.GetBytes(16);
        var digest = RandomNumberGenerator.GetBytes(32);
        var answer = ChallengeAuthentication.AnswerWithPrivateKey(dsa, nonce, digest, 2, 10);
        Assert.True(ChallengeAuthentication.VerifyPublicKey(pub, nonce, digest, answer));
        using var other = DSA.Create(2048);
        Assert.False(ChallengeAuthentication.VerifyPublicKey(PublicKeyEncoding.EncodeDsa(other.ExportParameters(false)), nonce, digest, answer));
    }

    [Fact]
    public void RequestDigest_IsSha256OfHeaderAndBody_From27()
    {
        var request = Hex.Fixture("resolution_request");
        var (algorithm, digest) = HandleMessageCodec.DigestRequest(request, 2, 11);
        Assert.Equal(DigestAlgorithm.Sha256, algorithm);
        Assert.Equal(SHA256.HashData(request.AsSpan(0, request.Length - 4)), digest);
        Assert.Equal(DigestAlgorithm.Sha1, HandleMessageCodec.DigestRequest(request, 2, 6).Algorithm);
    }

    [Fact]
    public void MessageSignature_Rsa_CoversEnvelopeFieldsAndMessage()
    {
        using var rsa = RSA.Create(2048);
        var message = Hex.Fixture("resolution_response");
        var headerAndBody = HandleMessageCodec.HeaderAndBody(message).ToArray();
        var envelope = new MessageEnvelope(2, 11, 2, 11, EnvelopeFlags.None, 77, 88, 0, message.Length);
        var credential = MessageSigning.SignRsa(rsa, headerAndBody, envelope);
        Assert.True(MessageSigning.VerifyRsa(rsa, headerAndBody, credential, envelope));
        Assert.False(MessageSigning.VerifyRsa(rsa, headerAndBody, credential, envelope with { RequestId = 89 }));
        headerAndBody[^1] ^= 1;
        Assert.False(MessageSigning.VerifyRsa(rsa, headerAndBody, credential, envelope));
        // The signature is the reference's: SHA256withRSA over versions, suggested versions, session, request, counter, then the message.
        byte[] signed = [2, 11, 2, 11, 0, 0, 0, 77, 0, 0, 0, 88, 0, 0, 0, 0, .. HandleMessageCodec.HeaderAndBody(message)];
        var signature = credential[^256..];
        Assert.True(rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }
}
