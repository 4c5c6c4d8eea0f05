using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IctGov.Kernel;
using IctGov.Numbering.Domain;

namespace IctGov.Numbering.Tests;

/// <summary>
/// The verification service (STI-VS): our own and python3-jwcrypto's PASSporTs pass; a tampered
/// signature, a foreign x5u, a stale iat, a wrong called number and a number outside the
/// certificate's TNAuthList each fail with their RFC 8224 reason code; the Identity header parser is fuzzed.
/// </summary>
public class VerificationTests
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Fixtures", "passport.py");
    private const string OrigId = "0b1e6d3c-2f4a-4c59-8e7d-9a0b1c2d3e4f";

    private static object Verify(string identity, string from = "8613800138000", string to = "8613300001111", long? time = null) =>
        new { verificationRequest = new { from = new { tn = from }, to = new { tn = new[] { to } }, time, identity } };

    private static async Task<JsonNode> VerstatAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/numbering/sti/stir/v1/verification", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["verificationResponse"]!;
    }

    private static async Task AssertFailsAsync(HttpClient client, object body, int code, string text)
    {
        var result = await VerstatAsync(client, body);
        Assert.Equal("TN-Validation-Failed", (string)result["verstat"]!);
        Assert.True((int)result["reasonCode"]! == code, result.ToJsonString());
        Assert.Contains(text, (string)result["reasonText"]!, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task Verification_PassesGenuineCalls_AndGivesRfc8224ReasonCodes(DatabaseProvider provider)
    {
        const string repository = "https://sti.example.cn/repository/";
        await using var server = await PlatformServer.StartAsync(provider, new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero), "--Numbering:Sti:RepositoryUrl=" + repository);
        using var cm = server.Client(await server.TokenAsync("cm"));
        using var cu = server.Client(await server.TokenAsync("cu"));
        await HttpTests.AllocateAsync(server, cm, "mobile", "1380013");
        var spc = (await (await cm.PostAsJsonAsync("/api/v1/numbering/sti/certificates", new { spc = true })).Content.ReadFromJsonAsync<JsonObject>())!;
        var ranged = (await (await cm.PostAsJsonAsync("/api/v1/numbering/sti/certificates", new { spc = false, ranges = (string[])["13800138"] })).Content.ReadFromJsonAsync<JsonObject>())!;
        var iat = server.Clock.GetUtcNow().ToUnixTimeSeconds();
        var signed = await cm.PostAsJsonAsync("/api/v1/numbering/sti/stir/v1/signing",
            new { signingRequest = new { attest = "A", dest = new { tn = (string[])["8613300001111"] }, iat, orig = new { tn = "8613800138000" }, origid = OrigId } });
        var identity = (string)(await signed.Content.ReadFromJsonAsync<JsonObject>())!["signingResponse"]!["identity"]!;

        var passed = await VerstatAsync(cu, Verify(identity));
        Assert.Equal("TN-Validation-Passed", (string)passed["verstat"]!);
        Assert.Equal("A", (string)passed["attest"]!);
        Assert.Equal(OrigId, (string)passed["origid"]!);
        Assert.Equal("cm", (string)passed["operator"]!);

        // 438: a signature changed in one byte, a From that is not orig, a To not among dest, a header that is not a JWS.
        var jws = identity.Split(';')[0];
        var tampered = jws[..^2] + (jws[^2] == 'A' ? 'B' : 'A') + jws[^1] + identity[jws.Length..];
        await AssertFailsAsync(cu, Verify(tampered), 438, "signature");
        await AssertFailsAsync(cu, Verify(identity, from: "8613800138001"), 438, "orig");
        await AssertFailsAsync(cu, Verify(identity, to: "8613300002222"), 438, "dest");
        await AssertFailsAsync(cu, Verify("not-a-jws;info=<" + repository + "X.pem>"), 438, "JWS");
        // 436: x5u anywhere but the platform's repository is never fetched.
        var x5u = identity.Split(';')[1]["info=<".Length..^1];
        await AssertFailsAsync(cu, Verify(identity.Replace(x5u, "https://evil.example/cert.pem", StringComparison.Ordinal)), 436, "info");

        var folder = Directory.CreateTempSubdirectory("verify-");
        try
        {
            // python3-jwcrypto signs with the operator's key (kept in the data directory) for a number its ranged certificate covers.
            var keyFile = Path.Combine(server.Storage.DataDirectory, "numbering", "sti", "keys", (string)ranged["serial"]! + ".key.pem");
            var payload = Passport.Payload(new PassportClaims("B", ["8613300001111"], iat, "8613800138123", OrigId));
            var theirs = (await StiTests.RunAsync("/usr/bin/python3", Script, "sign", keyFile, (string)ranged["x5u"]!, payload)).Trim();
            var header = Passport.IdentityHeader(theirs, (string)ranged["x5u"]!);
            var accepted = await VerstatAsync(cu, Verify(header, from: "8613800138123"));
            Assert.Equal("TN-Validation-Passed", (string)accepted["verstat"]!);
            Assert.Equal("B", (string)accepted["attest"]!);
            // 437: the ranged certificate does not cover a number outside 13800138xxx.
            var outside = (await StiTests.RunAsync("/usr/bin/python3", Script, "sign", keyFile, (string)ranged["x5u"]!,
                Passport.Payload(new PassportClaims("B", ["8613300001111"], iat, "8613800139000", OrigId)))).Trim();
            await AssertFailsAsync(cu, Verify(Passport.IdentityHeader(outside, (string)ranged["x5u"]!), from: "8613800139000"), 437, "TNAuthList");
            // 438: signed by a key that is not the certificate's, naming the genuine certificate.
            var foreign = Path.Combine(folder.FullName, "foreign.pem");
            await StiTests.RunAsync("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", foreign);
            var forged = (await StiTests.RunAsync("/usr/bin/python3", Script, "sign", foreign, (string)spc["x5u"]!, payload)).Trim();
            await AssertFailsAsync(cu, Verify(Passport.IdentityHeader(forged, (string)spc["x5u"]!), from: "8613800138123"), 438, "signature");
        }
        finally
        {
            folder.Delete(true);
        }

        // 403: 61 seconds later the same PASSporT is stale.
        server.Clock.Advance(TimeSpan.FromSeconds(61));
        await AssertFailsAsync(cu, Verify(identity), 403, "Stale Date");
        // A request without the numbers is a bad request, not a verdict; the public may not verify.
        Assert.Equal(HttpStatusCode.BadRequest, (await cu.PostAsJsonAsync("/api/v1/numbering/sti/stir/v1/verification", new { verificationRequest = new { identity } })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.PostAsJsonAsync("/api/v1/numbering/sti/stir/v1/verification", Verify(identity))).StatusCode);
        // 437: past the certificate's 365 days it is no credential, though it chained before.
        server.Clock.Advance(TimeSpan.FromDays(366));
        using (var later = server.Client(await server.TokenAsync("cu"))) // the first token has expired too
        {
            await AssertFailsAsync(later, Verify(identity), 437, "not in force");
        }
    }

    [Fact]
    public void IdentityHeader_FullAndCompactForms_AreReadStrictly()
    {
        var full = IdentityHeader.Parse("eyJhbGciOiJFUzI1NiJ9.eyJpYXQiOjF9.AAAA;info=<https://sti.example.cn/r/A.pem>;alg=ES256;ppt=shaken");
        Assert.False(full.Compact);
        Assert.Equal("https://sti.example.cn/r/A.pem", full.Info);
        Assert.Equal("shaken", full.Ppt);
        var compact = IdentityHeader.Parse("eyJhbGciOiJFUzI1NiJ9..AAAA;info=<https://sti.example.cn/r/A.pem>");
        Assert.True(compact.Compact);
        Assert.Throws<FormatException>(() => compact.ReadClaims());
        foreach (var bad in new[] { "", "a.b;info=<x>", "eyJ9.e30.AAAA", "eyJ9.e30.AAAA;info=x", "eyJ9.e30.AA=A;info=<x>", "eyJ9.e30.AAAA;info=<x>;info=<y>", "eyJ9.e30.AAAA;=1;info=<x>" })
        {
            Assert.Throws<FormatException>(() => IdentityHeader.Parse(bad));
        }
        // RFC 8588's published example had "iat" as a string; a NumericDate is a number.
        var quoted = IdentityHeader.Parse(Passport.Base64Url("{\"alg\":\"ES256\"}"u8) + "." + Passport.Base64Url(Encoding.UTF8.GetBytes(
            "{\"attest\":\"A\",\"dest\":{\"tn\":[\"12125551213\"]},\"iat\":\"1443208345\",\"orig\":{\"tn\":\"12155551212\"},\"origid\":\"123e4567-e89b-12d3-a456-426655440000\"}")) + ".AAAA;info=<x>");
        Assert.Contains("NumericDate", Assert.Throws<FormatException>(() => quoted.ReadClaims()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IdentityHeader_Parser_ThrowsOnlyFormatException_OnMutatedInput()
    {
        var random = new Random(8224);
        var seed = Passport.Base64Url(Encoding.UTF8.GetBytes(Passport.Header("https://sti.example.cn/r/AB.pem"))) + "." +
            Passport.Base64Url(Encoding.UTF8.GetBytes(Passport.Payload(new PassportClaims("A", ["8613300001111"], 1780279200, "8613800138000", OrigId)))) + "." +
            Passport.Base64Url(new byte[64]) + ";info=<https://sti.example.cn/r/AB.pem>;alg=ES256;ppt=shaken";
        const string alphabet = "AQgw_-.;=<>\"{}:,0 eyJ";
        var read = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var chars = seed.ToCharArray();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                chars[random.Next(chars.Length)] = random.Next(3) == 0 ? (char)random.Next(0, 0x800) : alphabet[random.Next(alphabet.Length)];
            }
            var text = new string(chars)[..random.Next(chars.Length / 2, chars.Length + 1)];
            try
            {
                var h = IdentityHeader.Parse(text);
                h.ReadHeader();
                h.ReadClaims();
                read++;
            }
            catch (FormatException)
            {
            }
        }
        Assert.InRange(read, 1, 49_999);
    }
}
