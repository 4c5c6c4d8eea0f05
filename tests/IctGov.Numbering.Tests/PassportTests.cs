using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IctGov.Kernel;
using IctGov.Numbering.Domain;

namespace IctGov.Numbering.Tests;

/// <summary>
/// The signing service (STI-AS): PASSporTs in the canonical form of RFC 8225's and RFC 8588's own
/// examples, verified by an independent JOSE implementation (python3-jwcrypto), with attestation A
/// only for a number the operator serves at the call's time.
/// </summary>
public class PassportTests
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Fixtures", "passport.py");

    [Fact]
    public void Serialisation_IsTheCanonicalFormOfTheRfcExamples()
    {
        // RFC 8588 §6's example, with its erratum applied ("iat" a NumericDate, not a string); RFC 8225 §9 asks
        // for keys in lexicographic order and no white space.
        var claims = new PassportClaims("A", ["12125551213"], 1443208345, "12155551212", "123e4567-e89b-12d3-a456-426655440000");
        Assert.Equal("{\"attest\":\"A\",\"dest\":{\"tn\":[\"12125551213\"]},\"iat\":1443208345,\"orig\":{\"tn\":\"12155551212\"},\"origid\":\"123e4567-e89b-12d3-a456-426655440000\"}", Passport.Payload(claims));
        Assert.Equal("{\"alg\":\"ES256\",\"ppt\":\"shaken\",\"typ\":\"passport\",\"x5u\":\"https://cert.example.org/passport.cer\"}", Passport.Header("https://cert.example.org/passport.cer"));
        // RFC 8225 §6's header, base64url-encoded as the RFC prints it (without ppt, which RFC 8588 adds).
        Assert.Equal("eyJhbGciOiJFUzI1NiIsInR5cCI6InBhc3Nwb3J0IiwieDV1IjoiaHR0cHM6Ly9jZXJ0LmV4YW1wbGUub3JnL3Bhc3Nwb3J0LmNlciJ9",
            Passport.Base64Url("{\"alg\":\"ES256\",\"typ\":\"passport\",\"x5u\":\"https://cert.example.org/passport.cer\"}"u8));
    }

    [Theory, DatabaseData]
    public async Task SignedPassport_IsVerifiedByJwcrypto_AndAttestsAOnlyForHeldNumbers(DatabaseProvider provider)
    {
        var now = new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);
        await using var server = await PlatformServer.StartAsync(provider, now, "--Numbering:Sti:RepositoryUrl=https://sti.example.cn/repository/");
        using var cm = server.Client(await server.TokenAsync("cm"));
        using var ct = server.Client(await server.TokenAsync("ct"));
        await HttpTests.AllocateAsync(server, cm, "mobile", "1380013");
        await HttpTests.AllocateAsync(server, ct, "mobile", "1330000");
        (await cm.PostAsJsonAsync("/api/v1/numbering/sti/certificates", new { spc = true })).EnsureSuccessStatusCode();
        var iat = server.Clock.GetUtcNow().ToUnixTimeSeconds();
        object Request(string attest, string orig, long at, string origid = "6f1c2f1e-57d2-4d1e-9d5a-3f3f0e1b2c4d") =>
            new { signingRequest = new { attest, dest = new { tn = new[] { "8613300001111" } }, iat = at, orig = new { tn = orig }, origid } };

        var held = await cm.PostAsJsonAsync("/api/v1/numbering/sti/stir/v1/signing", Request("A", "8613800138000", iat));
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        var answer = (await held.Content.ReadFromJsonAsync<JsonObject>())!["signingResponse"]!;
        Assert.Equal("A", (string)answer["attest"]!);
        var identity = (string)answer["identity"]!;
        var parts = identity.Split(';');
        var x5u = parts[1]["info=<".Length..^1];
        Assert.StartsWith("https://sti.example.cn/repository/", x5u, StringComparison.Ordinal);
        Assert.Equal(["alg=ES256", "ppt=shaken"], parts[2..]);

        var folder = Directory.CreateTempSubdirectory("passport-");
        try
        {
            var certificate = Path.Combine(folder.FullName, "cert.pem");
            await File.WriteAllTextAsync(certificate, await server.Http.GetStringAsync("/api/v1/numbering/sti/repository/" + x5u.Split('/')[^1]));
            var verified = JsonNode.Parse(await StiTests.RunAsync("/usr/bin/python3", Script, "verify", certificate, parts[0]))!;
            Assert.Equal("shaken", (string)verified["header"]!["ppt"]!);
            Assert.Equal(x5u, (string)verified["header"]!["x5u"]!);
            Assert.Equal("A", (string)verified["payload"]!["attest"]!);
            Assert.Equal(iat, (long)verified["payload"]!["iat"]!);
            Assert.Equal("8613800138000", (string)verified["payload"]!["orig"]!["tn"]!);
            Assert.Equal("6f1c2f1e-57d2-4d1e-9d5a-3f3f0e1b2c4d", (string)verified["payload"]!["origid"]!);

            // A number the operator does not serve is signed at B at most.
            var other = (await (await cm.PostAsJsonAsync("/api/v1/numbering/sti/stir/v1/signing", Request("A", "8613300001234", iat))).Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("B", (string)other["signingResponse"]!["attest"]!);
            var b = JsonNode.Parse(await StiTests.RunAsync("/usr/bin/python3", Script, "verify", certificate, ((string)other["signingResponse"]!["identity"]!).Split(';')[0]))!;
            Assert.Equal("B", (string)b["payload"]!["attest"]!);
            Assert.Equal("C", (string)(await (await cm.PostAsJsonAsync("/api/v1/numbering/sti/stir/v1/signing", Request("C", "8613800138000", iat))).Content.ReadFromJsonAsync<JsonObject>())!["signingResponse"]!["attest"]!);
        }
        finally
        {
            folder.Delete(true);
        }

        // Bad claims are named field by field; an operator without a certificate is told to get one; others may not sign.
        var bad = await cm.PostAsJsonAsync("/api/v1/numbering/sti/stir/v1/signing", Request("D", "+8613800138000", iat - 61, "not-a-uuid"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        foreach (var field in new[] { "attest", "orig.tn", "iat", "origid" })
        {
            Assert.Contains($"\"{field}\"", problem, StringComparison.Ordinal);
        }
        var uncertified = await ct.PostAsJsonAsync("/api/v1/numbering/sti/stir/v1/signing", Request("A", "8613300001234", iat));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, uncertified.StatusCode);
        Assert.Contains("no STI certificate of ct", await uncertified.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Admin.PostAsJsonAsync("/api/v1/numbering/sti/stir/v1/signing", Request("A", "8613800138000", iat))).StatusCode);
    }
}
