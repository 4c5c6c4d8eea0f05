using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace IctGov.Tests.Browser;

/// <summary>The province tile map in a real browser: one clickable square per province with tests, coloured, named for screen readers.</summary>
public sealed class NetqMapBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly (string Province, string City, string Name, double Median)[] Places =
    [
        ("110000", "110100", "北京", 260), ("310000", "310100", "上海", 240), ("440000", "440300", "广东", 200),
        ("510000", "510100", "四川", 150), ("650000", "650100", "新疆", 90),
    ];

    [Fact]
    public async Task RankingMap_HasATileForEachProvinceWithTests_AndClickingOneDrillsDown()
    {
        var rng = new Random(23);
        var rows = new List<Dictionary<string, object?>>();
        foreach (var (province, city, _, median) in Places)
        {
            for (var i = 0; i < 40; i++)
            {
                rows.Add(new()
                {
                    ["id"] = $"map-{province}-{i}",
                    ["time_utc"] = new DateTime(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc).AddMinutes(rng.Next(10 * 24 * 60)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    ["province"] = province, ["city"] = city, ["operator"] = "cm", ["technology"] = "5g-sa", ["segment"] = "access", ["source"] = "probe",
                    ["dl_mbps"] = Math.Round(median * (0.7 + (rng.NextDouble() * 0.6))), ["ul_mbps"] = 10.0, ["latency_ms"] = 20.0, ["loss_pct"] = 0.1,
                });
            }
        }
        using var probe = fixture.Server.Client(await fixture.Server.TokenAsync("cm"));
        Assert.Equal(HttpStatusCode.OK, (await probe.PostAsJsonAsync("/api/v1/netq/measurements", rows)).StatusCode);

        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync("/netq");
            var tiles = page.Locator("#province-map a.tile");
            await Assertions.Expect(tiles).ToHaveCountAsync(Places.Length);
            var codes = new List<string>();
            for (var i = 0; i < Places.Length; i++) codes.Add((await tiles.Nth(i).GetAttributeAsync("data-code"))!);
            Assert.Equal(Places.Select(p => p.Province).Order(), codes.Order());
            Assert.Equal(31 - Places.Length, await page.Locator("#province-map g.tile-empty").CountAsync());
            await Assertions.Expect(page.Locator("#map-legend li")).ToHaveCountAsync(6);

            // Screen readers hear the name and the figure; the best and the worst province sit in the extreme colour classes.
            foreach (var (province, _, name, _) in Places)
            {
                var label = await page.Locator($"#province-map a.tile[data-code='{province}']").GetAttributeAsync("aria-label");
                Assert.StartsWith(name + "：加权平均下载速率 ", label, StringComparison.Ordinal);
                Assert.EndsWith(" Mbps", label, StringComparison.Ordinal);
            }
            Assert.Equal("4", await page.Locator("#province-map a.tile[data-code='110000']").GetAttributeAsync("data-class"));
            Assert.Equal("0", await page.Locator("#province-map a.tile[data-code='650000']").GetAttributeAsync("data-class"));
            var link = page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^广东：") });
            await Assertions.Expect(link).ToHaveCountAsync(1);
            var shot = Path.Combine(Path.GetTempPath(), "ictgov-netq-map.png");
            await page.Locator("#province-map").ScreenshotAsync(new LocatorScreenshotOptions { Path = shot });
            Assert.True(new FileInfo(shot).Length > 0);

            // Another measure recolours the map and names it in the caption.
            await page.Locator("#filters select[name=Sort]").SelectOptionAsync("share");
            await page.Locator("#filters button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("#province-map figcaption")).ToContainTextAsync("达标率");
            Assert.EndsWith("%", await page.Locator("#province-map a.tile[data-code='440000']").GetAttributeAsync("aria-label"), StringComparison.Ordinal);

            await page.Locator("#province-map a.tile[data-code='440000']").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("province=440000", StringComparison.Ordinal) && url.Contains("by=city", StringComparison.Ordinal));
            await Assertions.Expect(page.Locator("#ranking tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#ranking")).ToContainTextAsync("深圳市");
            await Assertions.Expect(page.Locator("#scope")).ToContainTextAsync("广东");
            await Assertions.Expect(page.Locator("#province-map")).ToHaveCountAsync(0);

            await page.GetByRole(AriaRole.Link, new() { Name = "劣化告警" }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("劣化告警");
            await Assertions.Expect(page.Locator("#no-alerts")).ToBeVisibleAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
