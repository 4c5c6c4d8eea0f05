using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IctGov.Kernel;
using IctGov.Kernel.Identity;
using IctGov.Kernel.Security;

namespace IctGov.Security.Tests;

/// <summary>
/// The resource library through the real platform on each engine: the ministry keeps the
/// vulnerability library (scores computed from the vectors), provinces import and see their own
/// region's assets only, a bad row refuses the whole batch naming row and field, and a
/// vulnerability's affected assets are found by CPE 2.3 matching within what the caller may see.
/// </summary>
public class ResourceLibraryHttpTests
{
    private const string Password = "security-test-password-1";
    private const string Log4Shell = "CNVD-2021-95914";

    /// <summary>A valid unified social credit code for a company in <paramref name="region"/>: GB 11714's check on the organisation code, then GB 32100's.</summary>
    private static string Code(string region, string organisation8)
    {
        int[] weights = [3, 7, 9, 10, 5, 8, 4, 2];
        var sum = organisation8.Select((c, i) => (char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10) * weights[i]).Sum();
        var check = (11 - sum % 11) switch { 10 => 'X', 11 => '0', var d => (char)('0' + d) };
        var first17 = "91" + region + organisation8 + check;
        return first17 + CreditCode.CheckCharacter(first17);
    }

    [Theory, DatabaseData]
    public async Task Library_ScoresVectors_KeepsRegionsApart_AndMatchesProducts(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider, new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        await server.CreateUserAsync("gd-sec", Password, Role.ProvinceAdmin, "440000");
        await server.CreateUserAsync("gx-sec", Password, Role.ProvinceAdmin, "450000");
        using var gd = server.Client();
        using var gx = server.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(gd, "gd-sec", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(gx, "gx-sec", Password)).StatusCode);

        var vulnerabilities = new object[]
        {
            new
            {
                cnvdId = Log4Shell, cveId = "CVE-2021-44228", title = "Apache Log4j2 远程代码执行漏洞",
                cvss31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
                cvss40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A",
                exploited = true, affected = new[] { "cpe:2.3:a:apache:log4j:2.1?:*:*:*:*:*:*:*", "cpe:2.3:a:apache:log4j:2.0:-:*:*:*:*:*:*" }, published = "2021-12-10",
            },
            new
            {
                cnvdId = "CNVD-2014-02342", cveId = "CVE-2014-0160", title = "OpenSSL Heartbleed",
                cvss31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
                exploited = true, affected = new[] { "cpe:2.3:a:openssl:openssl:1.0.1*:*:*:*:*:*:*:*" },
            },
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await gd.PostAsJsonAsync("/api/v1/security/vulnerabilities", vulnerabilities)).StatusCode);
        var imported = await server.Admin.PostAsJsonAsync("/api/v1/security/vulnerabilities", vulnerabilities);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(2, (int)(await imported.Content.ReadFromJsonAsync<JsonObject>())!["added"]!);

        // The scores are the platform's, from the vectors.
        var log4shell = (await gd.GetFromJsonAsync<JsonObject>($"/api/v1/security/vulnerabilities/{Log4Shell}"))!;
        Assert.Equal(10.0, (double)log4shell["cvss31"]!["score"]!);
        Assert.Equal(9.3, (double)log4shell["cvss40"]!["score"]!);
        Assert.Equal("Critical", (string)log4shell["severity"]!);
        Assert.True((bool)log4shell["exploited"]!);

        // A bad row in the second place refuses the batch, naming the row, the field and the metric; nothing is written.
        var bad = await server.Admin.PostAsJsonAsync("/api/v1/security/vulnerabilities", new object[]
        {
            new { cnvdId = "CNVD-2024-00001", title = "ok", cvss31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", affected = (string[])["cpe:2.3:a:example:app:1.0:*:*:*:*:*:*:*"] },
            new { cnvdId = "CNVD-2024-00002", title = "bad", cvss31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q", affected = (string[])["cpe:2.3:a:example:app"] },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray();
        Assert.Contains(errors, e => (int)e!["row"]! == 2 && (string)e["field"]! == "cvss31" && ((string)e["message"]!).Contains("A:H|L|N", StringComparison.Ordinal));
        Assert.Contains(errors, e => (int)e!["row"]! == 2 && (string)e["field"]! == "affected[1]");
        Assert.Equal(2, (await server.Admin.GetFromJsonAsync<JsonArray>("/api/v1/security/vulnerabilities"))!.Count);

        // Guangdong imports its assets by CSV; a bad row (host bits in a prefix) refuses the file.
        var header = "organisationCode,organisationName,system,region,criticality,ipPrefixes,domains,products\n";
        var mobile = Code("440000", "MA4UQ001");
        var bank = Code("440300", "MA5G0002");
        using var badCsv = new StringContent(header
            + $"{mobile},中国移动广东公司,统一认证平台,440000,critical,203.0.113.0/24;2001:db8::/32,auth.example.cn,cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*\n"
            + $"{bank},某银行深圳分行,网上银行,440000,high,198.51.100.1/24,,cpe:2.3:a:nginx:nginx:1.24.0:*:*:*:*:*:*:*\n", Encoding.UTF8, "text/csv");
        var refused = await gd.PostAsync("/api/v1/security/assets", badCsv);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedErrors = (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray();
        Assert.Equal(3, (int)refusedErrors.Single()!["row"]!);
        Assert.Equal("ipPrefixes[1]", (string)refusedErrors.Single()!["field"]!);
        Assert.Empty((await server.Admin.GetFromJsonAsync<JsonArray>("/api/v1/security/assets"))!);

        using var csv = new StringContent(header
            + $"{mobile},中国移动广东公司,统一认证平台,440000,critical,203.0.113.0/24;2001:db8::/32,auth.example.cn,cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*\n"
            + $"{bank},某银行深圳分行,网上银行,440000,high,198.51.100.0/24,ebank.example.com.cn,cpe:2.3:a:nginx:nginx:1.24.0:*:*:*:*:*:*:*;cpe:2.3:a:openssl:openssl:1.0.1f:*:*:*:*:*:*:*\n", Encoding.UTF8, "text/csv");
        var receipt = await gd.PostAsync("/api/v1/security/assets", csv);
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        Assert.Equal(2, (int)(await receipt.Content.ReadFromJsonAsync<JsonObject>())!["added"]!);

        // Another region's asset: refused to Guangdong, accepted from Guangxi (by JSON).
        var gxAsset = new[] { new { organisationCode = Code("450000", "MA5K0003"), organisationName = "广西电网", system = "调度系统", region = "450000", criticality = "critical", ipPrefixes = new[] { "192.0.2.0/24" }, products = new[] { "cpe:2.3:a:apache:log4j:2.15.0:*:*:*:*:*:*:*", "cpe:2.3:o:linux:linux_kernel:5.10:*:*:*:*:*:*:*" } } };
        var foreign = await gd.PostAsJsonAsync("/api/v1/security/assets", gxAsset);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Contains("region", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await gx.PostAsJsonAsync("/api/v1/security/assets", gxAsset)).StatusCode);

        // Each province sees its own; the ministry sees all.
        Assert.Equal(2, (await gd.GetFromJsonAsync<JsonArray>("/api/v1/security/assets"))!.Count);
        Assert.Equal("调度系统", (string)(await gx.GetFromJsonAsync<JsonArray>("/api/v1/security/assets"))!.Single()!["system"]!);
        Assert.Equal(3, (await server.Admin.GetFromJsonAsync<JsonArray>("/api/v1/security/assets"))!.Count);

        // Re-importing the same organisation and system replaces it.
        var again = await gx.PostAsJsonAsync("/api/v1/security/assets", gxAsset);
        Assert.Equal(1, (int)(await again.Content.ReadFromJsonAsync<JsonObject>())!["replaced"]!);

        // Log4j 2.1? covers 2.14.1? No: ? stands for one character, so 2.14.1 is not covered but 2.15.0 is not either;
        // the affected set is exactly the versions 2.10–2.19 and 2.0 written as such.
        async Task<List<string>> Affected(HttpClient c, string id) =>
            (await c.GetFromJsonAsync<JsonArray>($"/api/v1/security/vulnerabilities/{id}/affected-assets"))!.Select(a => (string)a!["asset"]!["system"]!).Order().ToList();
        Assert.Empty(await Affected(server.Admin, Log4Shell));
        Assert.Equal(["网上银行"], await Affected(server.Admin, "CNVD-2014-02342"));
        Assert.Equal(["网上银行"], await Affected(gd, "CNVD-2014-02342"));
        Assert.Empty(await Affected(gx, "CNVD-2014-02342"));

        // The library widened to every 2.x version by the ministry now reaches both provinces' log4j, each seeing its own.
        var widened = await server.Admin.PostAsJsonAsync("/api/v1/security/vulnerabilities", new[]
        {
            new { cnvdId = Log4Shell, cveId = "CVE-2021-44228", title = "Apache Log4j2 远程代码执行漏洞", cvss31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", exploited = true, affected = (string[])["cpe:2.3:a:apache:log4j:2.*:*:*:*:*:*:*:*"] },
        });
        Assert.Equal(1, (int)(await widened.Content.ReadFromJsonAsync<JsonObject>())!["replaced"]!);
        Assert.Equal(["统一认证平台", "调度系统"], await Affected(server.Admin, Log4Shell));
        Assert.Equal(["统一认证平台"], await Affected(gd, Log4Shell));
        Assert.Equal(["调度系统"], await Affected(gx, Log4Shell));

        // The library's page lists what the reader may see.
        var page = await gd.GetStringAsync("/security");
        Assert.Contains("CNVD-2014-02342", page, StringComparison.Ordinal);
        Assert.Contains("网上银行", page, StringComparison.Ordinal);
        Assert.DoesNotContain("调度系统", page, StringComparison.Ordinal);

        // An operator's token is not an administration.
        using var operatorClient = server.Client(await server.TokenAsync("cm"));
        Assert.Equal(HttpStatusCode.Forbidden, (await operatorClient.GetAsync("/api/v1/security/assets")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.GetAsync("/api/v1/security/assets")).StatusCode);
    }
}
