using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IctGov.Kernel;
using IctGov.Numbering.Domain;

namespace IctGov.Numbering.Tests;

/// <summary>
/// The STI certification authority: TNAuthList DER as RFC 8226 defines it, certificates only for
/// ranges the numbering registry shows the operator holding, read and chain-verified by OpenSSL
/// from the platform's repository.
/// </summary>
public class StiTests
{
    internal static async Task<string> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await error}{await output}");
        return await output;
    }

    [Fact]
    public void TnAuthList_IsDerAsRfc8226Defines_AndReadsBack()
    {
        // SEQUENCE { [0] { IA5String "cm" } }: EXPLICIT TAGS wrap the code in a constructed context tag.
        Assert.Equal("3008A006160463616D69", Convert.ToHexString(TnAuthList.Encode([TnEntry.Code("cami")])));
        // SEQUENCE { [1] { SEQUENCE { IA5String "8613800130000", INTEGER 10000 } }, [2] { IA5String "8695588" } }
        var der = TnAuthList.Encode([TnEntry.Range("8613800130000", 10_000), TnEntry.Range("8695588", 1)]);
        Assert.Equal("3022" + "A115" + "3013" + "160D" + Convert.ToHexString("8613800130000"u8) + "02022710" + "A209" + "1607" + Convert.ToHexString("8695588"u8), Convert.ToHexString(der));
        var back = TnAuthList.Decode(der);
        Assert.Equal([TnEntry.Range("8613800130000", 10_000), TnEntry.Range("8695588", 1)], back);
        Assert.True(TnAuthList.Covers(back, "8613800139999"));
        Assert.True(TnAuthList.Covers(back, "8695588"));
        Assert.False(TnAuthList.Covers(back, "8613800140000"));
        Assert.False(TnAuthList.Covers(back, "861380013000"));
    }

    [Fact]
    public void TnAuthList_Decoder_ThrowsOnlyFormatException_OnMutatedInput()
    {
        var random = new Random(8226);
        var good = TnAuthList.Encode([TnEntry.Code("cm"), TnEntry.Range("8613800130000", 10_000), TnEntry.Range("8613900000000", 1)]);
        var read = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var bytes = (byte[])good.Clone();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            var input = random.Next(4) == 0 ? bytes[..random.Next(bytes.Length)] : bytes;
            try
            {
                Assert.NotEmpty(TnAuthList.Decode(input));
                read++;
            }
            catch (FormatException)
            {
            }
        }
        Assert.InRange(read, 1, 99_999);
    }

    [Theory, DatabaseData]
    public async Task Certificate_CoversOnlyHeldRanges_AndOpenSslReadsItFromTheRepository(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider, new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero),
            "--Numbering:Sti:RepositoryUrl=https://sti.example.cn/api/v1/numbering/sti/repository/");
        using var cm = server.Client(await server.TokenAsync("cm"));
        using var ct = server.Client(await server.TokenAsync("ct"));
        await HttpTests.AllocateAsync(server, cm, "mobile", "1380013");
        await HttpTests.AllocateAsync(server, ct, "mobile", "1330000");

        // A range another operator holds, and a number no block holds: each named by row; nothing issued.
        var refused = await cm.PostAsJsonAsync("/api/v1/numbering/sti/certificates", new { spc = true, ranges = (string[])["1380013", "13300001234", "1990000", "12ab"] });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("13300001234 is served by ct, not cm", problem, StringComparison.Ordinal);
        Assert.Contains("1990000 is not inside a numbering resource cm holds", problem, StringComparison.Ordinal);
        Assert.Contains("3–13 digits", problem, StringComparison.Ordinal);
        Assert.Empty((await server.Admin.GetFromJsonAsync<JsonArray>("/api/v1/numbering/sti/certificates"))!);
        Assert.Equal(HttpStatusCode.BadRequest, (await cm.PostAsJsonAsync("/api/v1/numbering/sti/certificates", new { spc = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Admin.PostAsJsonAsync("/api/v1/numbering/sti/certificates", new { spc = true })).StatusCode);

        var issued = await cm.PostAsJsonAsync("/api/v1/numbering/sti/certificates", new { spc = true, ranges = (string[])["13800135", "13800138000"] });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var certificate = (await issued.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["spc cm", "range 8613800135000 +1000", "tn 8613800138000"], certificate["entries"]!.AsArray().Select(e => (string)e!));
        var serial = (string)certificate["serial"]!;
        Assert.Equal($"https://sti.example.cn/api/v1/numbering/sti/repository/{serial}.pem", (string)certificate["x5u"]!);
        Assert.Empty((await ct.GetFromJsonAsync<JsonArray>("/api/v1/numbering/sti/certificates"))!);
        Assert.Single((await cm.GetFromJsonAsync<JsonArray>("/api/v1/numbering/sti/certificates"))!);

        // The repository is public: the certificate, then the root.
        var pem = await server.Http.GetStringAsync($"/api/v1/numbering/sti/repository/{serial}.pem");
        Assert.Equal(2, pem.Split("-----BEGIN CERTIFICATE-----").Length - 1);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/api/v1/numbering/sti/repository/ABCDEF.pem")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/api/v1/numbering/sti/repository/..%2Froot.key.pem")).StatusCode);

        var folder = Directory.CreateTempSubdirectory("sti-");
        try
        {
            var chain = Path.Combine(folder.FullName, "chain.pem");
            var root = Path.Combine(folder.FullName, "root.pem");
            await File.WriteAllTextAsync(chain, pem);
            await File.WriteAllTextAsync(root, await server.Http.GetStringAsync("/api/v1/numbering/sti/root.pem"));
            var text = await RunAsync("openssl", "x509", "-in", chain, "-noout", "-text");
            // OpenSSL 3.0 has no name for the extension: it shows the OID and the value's printable bytes.
            Assert.Contains(TnAuthList.Oid + ": \n", text, StringComparison.Ordinal);
            Assert.Contains("CN = SHAKEN cm", text, StringComparison.Ordinal);
            Assert.Contains("ASN1 OID: prime256v1", text, StringComparison.Ordinal);
            // OpenSSL's own DER parser walks the extension: the code, the range start and its count.
            var der = await RunAsync("openssl", "asn1parse", "-in", chain, "-strparse", ExtensionOffset(await RunAsync("openssl", "asn1parse", "-in", chain)));
            Assert.Contains("IA5STRING         :cm", der, StringComparison.Ordinal);
            Assert.Contains("IA5STRING         :8613800135000", der, StringComparison.Ordinal);
            Assert.Contains("INTEGER           :03E8", der, StringComparison.Ordinal);
            Assert.Contains("IA5STRING         :8613800138000", der, StringComparison.Ordinal);
            Assert.Contains(": OK", await RunAsync("openssl", "verify", "-CAfile", root, "-x509_strict", chain), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(true);
        }
    }

    /// <summary>The offset of the TNAuthList extension's OCTET STRING in <c>openssl asn1parse</c> output: the line after its OID.</summary>
    private static string ExtensionOffset(string asn1parse)
    {
        var lines = asn1parse.Split('\n');
        var at = Array.FindIndex(lines, l => l.Contains("TNAuthList", StringComparison.Ordinal) || l.Contains(TnAuthList.Oid, StringComparison.Ordinal));
        Assert.True(at >= 0, asn1parse);
        return lines[at + 1].Split(':')[0].Trim();
    }
}
