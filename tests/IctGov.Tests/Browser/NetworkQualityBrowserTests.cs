using System.Net;
using System.Net.Http.Json;
using IctGov.Tests.NetworkQuality;
using Microsoft.Playwright;

namespace IctGov.Tests.Browser;

/// <summary>The ranking page in a real browser: a probe pushes tests, a member of the public reads the ranking and drills down.</summary>
public sealed class NetworkQualityBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task RankingPage_ListsProvinces_AndDrillsDownToOperators()
    {
        using var probe = fixture.Server.Client(await fixture.Server.TokenAsync("cm"));
        var rows = NetqApiTests.Measurements(200, 9);
        Assert.Equal(HttpStatusCode.OK, (await probe.PostAsJsonAsync("/api/v1/netq/measurements", rows)).StatusCode);

        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/netq");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("网络质量监测");
        var ranking = page.Locator("#ranking tbody tr");
        await Assertions.Expect(ranking).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#ranking")).ToContainTextAsync("广东");
        await Assertions.Expect(page.Locator("#chart canvas")).ToHaveCountAsync(1);

        await page.Locator("#ranking tbody tr", new() { HasText = "广东" }).GetByRole(AriaRole.Link, new() { Name = "运营商" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("by=operator", StringComparison.Ordinal) && url.Contains("province=440000", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#ranking")).ToContainTextAsync("中国移动");

        await page.GotoAsync("/netq/heatmap");
        await Assertions.Expect(page.Locator("#heatmap canvas").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
