using IctGov.Kernel;
using System.Net;
using System.Text.Json.Nodes;

namespace IctGov.Security.Tests;

/// <summary>The scoring API and the calculator page through the real platform: scores as JSON, a bad vector as problem details naming the metric.</summary>
public class CvssHttpTests
{
    [Fact]
    public async Task ScoringApi_ScoresBothVersions_AndNamesTheMetricOfABadVector()
    {
        await using var server = await PlatformServer.StartAsync(DatabaseProvider.Sqlite);

        var v4 = await server.Http.GetAsync("/api/v1/security/cvss?vector=" + Uri.EscapeDataString("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U"));
        Assert.Equal(HttpStatusCode.OK, v4.StatusCode);
        var body = JsonNode.Parse(await v4.Content.ReadAsStringAsync())!;
        Assert.Equal(5.2, (double)body["score"]!);
        Assert.Equal(7.7, (double)body["baseScore"]!);
        Assert.Equal("CVSS-BT", (string)body["nomenclature"]!);
        Assert.Equal("Medium", (string)body["severity"]!);

        var v3 = JsonNode.Parse(await server.Http.GetStringAsync("/api/v1/security/cvss?vector=" + Uri.EscapeDataString("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C")))!;
        Assert.Equal(8.8, (double)v3["score"]!);
        Assert.Equal(9.8, (double)v3["baseScore"]!);

        var bad = await server.Http.GetAsync("/api/v1/security/cvss?vector=" + Uri.EscapeDataString("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!;
        Assert.Contains("A:H|L|N", problem.ToJsonString().Replace("\\u0027", "'"), StringComparison.Ordinal);

        var page = await server.Http.GetAsync("/security/cvss?vector=" + Uri.EscapeDataString("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("9.3", html, StringComparison.Ordinal);
        Assert.Contains("000200", html, StringComparison.Ordinal);
        var badPage = await server.Http.GetAsync("/security/cvss?vector=CVSS%3A4.0%2FAV%3AN");
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
        Assert.Contains("AC", await badPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
