using System.Text;
using System.Text.Json;
using IctGov.Testing;
using Microsoft.Playwright;

namespace IctGov.Tests.Browser;

/// <summary>
/// 信息无障碍 (the plan, §三(二)1): every page of the platform, in both languages, for the public and for a signed-in
/// official, passes the WCAG 2.1 A and AA rules of axe-core (npm; installed by scripts/test.sh into Browser/Axe).
/// </summary>
public sealed class AccessibilityBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string AxeScript = Path.Combine(Repository.Root, "tests", "IctGov.Tests", "Browser", "Axe", "node_modules", "axe-core", "axe.min.js");

    /// <summary>Pages anyone may open.</summary>
    public static readonly string[] PublicPages =
    [
        "/", "/indicators/4", "/indicators/19", "/projects", "/catalogue", "/collection/published",
        "/identifiers", "/identifiers/statistics", "/netq", "/netq/heatmap", "/netq/alerts",
        "/complaints/bulletin", "/complaints/satisfaction", "/complaints/new", "/complaints/rate",
        "/resources", "/resources/beian", "/account/login", "/error/404",
        "/emergency", "/emergency/warnings", "/emergency/resources",
        "/numbering",
        "/market/verify", "/market/verify/B9-20990001",
        "/market/credit",
        "/market/credit/scores",
        "/security/cvss",
    ];

    /// <summary>Pages for the ministry's officials (the platform's administrator is one).</summary>
    public static readonly string[] OfficialPages =
    [
        "/import", "/collection", "/collection/submit", "/collection/review", "/collection/status", "/identifiers/prefixes", "/identifiers/nodes",
        "/complaints", "/complaints/monitor", "/resources/filings/review", "/resources/filings/new", "/resources/statistics", "/account/tokens",
        "/emergency", "/emergency/resources",
        "/numbering/applications", "/numbering/ports",
        "/market",
        "/security",
    ];

    [Fact]
    public async Task EveryPage_InBothLanguages_PassesWcag21AA()
    {
        Assert.True(File.Exists(AxeScript), "run `npm ci` in tests/IctGov.Tests/Browser/Axe (scripts/test.sh does)");
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            // The platform's CSP allows only its own scripts; the checker is injected by the test, not served.
            BypassCSP = true,
        });
        var page = await context.NewPageAsync();
        var found = new StringBuilder();
        try
        {
            foreach (var signedIn in new[] { false, true })
            {
                if (signedIn)
                {
                    await BrowserFixture.SignInAsync(page, PlatformServer.AdminUser, PlatformServer.AdminPassword);
                }
                foreach (var lang in new[] { "zh-CN", "en" })
                {
                    await page.GotoAsync($"/lang?c={lang}&returnUrl=/");
                    foreach (var path in signedIn ? OfficialPages : PublicPages)
                    {
                        var response = await page.GotoAsync(path);
                        if (!path.StartsWith("/error/", StringComparison.Ordinal) && response?.Status != 200)
                        {
                            // A page that did not load passes every check: say so rather than count it.
                            found.Append(lang).Append(' ').Append(path).Append(": answered ").Append(response?.Status).Append(" at ").AppendLine(page.Url);
                            continue;
                        }
                        found.Append(await ViolationsAsync(page, $"{lang} {path}"));
                    }
                }
            }
        }
        finally
        {
            await context.CloseAsync();
        }
        Assert.True(found.Length == 0, "axe-core WCAG 2.1 AA violations:\n" + found);
    }

    [Fact]
    public async Task Charts_HaveANameAndTheirDataAsATable()
    {
        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync("/lang?c=en&returnUrl=/indicators/4");
            var chart = page.Locator("#chart");
            Assert.Equal("img", await chart.GetAttributeAsync("role"));
            Assert.Contains("Actual", await chart.GetAttributeAsync("aria-label") ?? "", StringComparison.Ordinal);
            // The table is the chart's own figures (read while its <details> is closed, as a screen reader may): 2021's 10.1 from the fixture, in the row for 2021.
            var table = page.Locator("#chart + details.chart-data table");
            Assert.Equal("Chart data as a table", (await page.Locator("#chart + details.chart-data summary").InnerTextAsync()).Trim());
            Assert.Equal("Actual", (await table.Locator("thead th").Nth(1).TextContentAsync())?.Trim());
            var row2021 = table.Locator("tbody tr", new LocatorLocatorOptions { Has = page.Locator("th", new PageLocatorOptions { HasTextString = "2021" }) });
            Assert.Equal("10.1", (await row2021.Locator("td").First.TextContentAsync())?.Trim());

            // A sparkline on the dashboard names its figures instead of adding a table to the row.
            await page.GotoAsync("/");
            var spark = page.Locator("#spark-4");
            Assert.Equal("img", await spark.GetAttributeAsync("role"));
            Assert.Contains("2023 24.1", await spark.GetAttributeAsync("aria-label") ?? "", StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("#spark-4 + details").CountAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task EmptyChart_SaysWhereItsDataComesFrom_InThePagesLanguage()
    {
        var page = await fixture.NewPageAsync();
        try
        {
            // The fixture registers no identifiers: the statistics page has nothing to chart.
            await page.GotoAsync("/lang?c=en&returnUrl=/identifiers/statistics");
            var industry = page.Locator("#chart-industry");
            Assert.Contains("chart-empty", await industry.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
            Assert.Contains("ictgov identifiers register FILE", await industry.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("#chart-industry canvas").CountAsync());
            // Node roles named in English on the English page (they were Chinese in both).
            Assert.Equal("root node", (await page.Locator("#roles th").First.InnerTextAsync()).Trim());

            await page.GotoAsync("/lang?c=zh-CN&returnUrl=/identifiers/statistics");
            Assert.Contains("尚无标识注册", await page.Locator("#chart-industry").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("根节点", (await page.Locator("#roles th").First.InnerTextAsync()).Trim());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Runs axe-core in the page and describes each violation with the elements it names.</summary>
    private static async Task<string> ViolationsAsync(IPage page, string where)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\n').slice(1, 2).join('')) })));
            }
            """);
        var text = new StringBuilder();
        foreach (var v in JsonDocument.Parse(json).RootElement.EnumerateArray())
        {
            text.Append(where).Append(": ").Append(v.GetProperty("id").GetString()).Append(" (").Append(v.GetProperty("impact").GetString())
                .Append(") ").AppendLine(v.GetProperty("help").GetString());
            foreach (var n in v.GetProperty("nodes").EnumerateArray())
            {
                text.Append("    ").AppendLine(n.GetString());
            }
        }
        return text.ToString();
    }
}
