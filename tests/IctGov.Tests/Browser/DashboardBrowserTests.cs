using System.Text;
using Microsoft.Playwright;

using IctGov.Testing;

namespace IctGov.Tests.Browser;

/// <summary>
/// The real platform on a loopback port with a few observations, and Debian's Chromium driven
/// headless by Playwright. Started once for the class; each test opens its own browser context so
/// the language cookie of one test does not leak into another.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>
    /// Indicator 4 (5G base stations per 10,000 people) nationally for 2021–2023, and the binding
    /// indicator 19 (satisfaction index, target &gt;82 from 81.5) falling in 2021–2022 so it is
    /// projected to miss. Each figure is published in the year after its period, before the
    /// platform's fake today (2026-06-01).
    /// </summary>
    public const string Observations = """
        indicator,region,period,value,status,published,source
        4,100000,2021,10.1,final,2022-01-20,工业和信息化部 2021年通信业统计公报
        4,100000,2022,16.4,final,2023-01-19,工业和信息化部 2022年通信业统计公报
        4,100000,2023,24.1,final,2024-01-25,工业和信息化部 2023年通信业统计公报
        19,100000,2021,81.0,final,2022-03-01,电信用户满意度测评
        19,100000,2022,80.5,final,2023-03-01,电信用户满意度测评

        """;

    private IPlaywright? _playwright;

    public PlatformServer Server { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await PlatformServer.StartAsync();
        using var response = await Server.PostCsvAsync(Observations);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // Root needs --no-sandbox; the rest keep Chromium from calling out on a closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Signs a page's browser context in through the login form, as a person would.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("form.login input[name=userName]").FillAsync(userName);
        await page.Locator("form.login input[name=password]").FillAsync(password);
        await page.Locator("form.login button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    /// <summary>A fresh page in its own context (own cookies), at the platform's address.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

public sealed class DashboardBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Dashboard_ShowsTwentyIndicators_Sparklines_AndBindingAlert()
    {
        var page = await fixture.NewPageAsync();
        try
        {
            var response = await page.GotoAsync("/");
            Assert.Equal(200, response!.Status);

            Assert.Equal(20, await page.Locator("table#indicators tbody tr[data-indicator]").CountAsync());
            for (var no = 1; no <= 20; no++)
            {
                Assert.Equal(1, await page.Locator($"table#indicators tr[data-indicator='{no}']").CountAsync());
            }

            // ECharts draws into a canvas (or an svg with the svg renderer) once the script has run.
            var drawn = page.Locator("#spark-4 canvas, #spark-4 svg").First;
            await drawn.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
            Assert.True(await page.Locator(".spark canvas, .spark svg").CountAsync() >= 1);

            var alerts = await page.Locator("p.alert").AllInnerTextsAsync();
            var alert = Assert.Single(alerts);
            Assert.Contains("19.", alert, StringComparison.Ordinal);
            Assert.Contains("电信用户综合满意指数", alert, StringComparison.Ordinal);

            // Evaluated after 2025 (the server's clock is mid-2026): the plan period is over, and every indicator lacks a 2025
            // figure here, listed as links in one run of text.
            var ended = page.Locator("#plan-period-ended");
            Assert.Contains("规划期（2021—2025年）已结束", await ended.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(20, await ended.Locator("a").CountAsync());
            Assert.Contains("4. 每万人拥有5G基站数、5.", await ended.InnerTextAsync(), StringComparison.Ordinal);

            // Indicator 4's row carries the imported latest value and a status badge.
            var row4 = page.Locator("table#indicators tr[data-indicator='4']");
            Assert.Contains("24.1", await row4.InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(1, await row4.Locator("span.status").CountAsync());

            var shot = Path.Combine(Path.GetTempPath(), "ictgov-dashboard.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            Assert.True(new FileInfo(shot).Length > 0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task IndicatorPage_DrawsChart_AndShowsLatestValue()
    {
        var page = await fixture.NewPageAsync();
        try
        {
            var response = await page.GotoAsync("/indicators/4?asOf=2026-06-01&region=100000");
            Assert.Equal(200, response!.Status);

            await page.Locator("#chart canvas").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
            Assert.Contains("每万人拥有5G基站数", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("24.1", await page.Locator("#latest").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("2023", await page.Locator("#latest").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(3, await page.Locator("table#series tbody tr").CountAsync());
            Assert.Equal(31, await page.Locator("table#provinces tbody tr").CountAsync());

            // The axis is the plan's years, and each annual figure sits on its own year (2021's value on "2021"), as ECharts drew it.
            var axis = await page.EvaluateAsync<string[]>("() => echarts.getInstanceByDom(document.querySelector('#chart')).getOption().xAxis[0].data");
            Assert.Equal(["2020", "2021", "2022", "2023", "2024", "2025"], axis);
            var firstTwo = await page.EvaluateAsync<string>("() => JSON.stringify(echarts.getInstanceByDom(document.querySelector('#chart')).getOption().series[0].data.slice(0, 2))");
            Assert.Equal("[[\"2020\",5],[\"2021\",10.1]]", firstTwo); // the 2020 baseline, then 2021's figure

            var missing = await page.GotoAsync("/indicators/99");
            Assert.Equal(404, missing!.Status);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task LanguageSwitch_ShowsEnglish()
    {
        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync("/");
            Assert.Contains("规划指标", await page.Locator("header.top").InnerTextAsync(), StringComparison.Ordinal);

            await page.Locator("header.top a[href^='/lang?c=en']").ClickAsync();
            await page.WaitForLoadStateAsync(LoadState.Load);

            var nav = await page.Locator("header.top").InnerTextAsync();
            Assert.Contains("Plan indicators", nav, StringComparison.Ordinal);
            Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
            Assert.Contains("5G base stations per 10,000 people", await page.Locator("table#indicators").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("Binding indicator alert", await page.Locator("p.alert").InnerTextAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Import_WithBadRegion_ListsTheRowAndField_AndWritesNothing()
    {
        var page = await fixture.NewPageAsync();
        try
        {
            await BrowserFixture.SignInAsync(page, PlatformServer.AdminUser, PlatformServer.AdminPassword);
            await page.GotoAsync("/import");
            const string csv = """
                indicator,region,period,value,status,published,source
                5,100000,2021,500,final,2022-02-01,工业和信息化部
                5,999999,2022,800,final,2023-02-01,工业和信息化部

                """;
            await page.Locator("input[type=file][name=file]").SetInputFilesAsync(new FilePayload
            {
                Name = "bad.csv",
                MimeType = "text/csv",
                Buffer = Encoding.UTF8.GetBytes(csv),
            });
            await page.Locator("form.upload button[type=submit]").ClickAsync();

            var errors = page.Locator("table.errors");
            await errors.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
            var row = errors.Locator("tbody tr");
            Assert.Equal(1, await row.CountAsync());
            var cells = await row.Locator("td").AllInnerTextsAsync();
            Assert.Equal("3", cells[0].Trim());
            Assert.Equal("region", cells[1].Trim());
            Assert.Contains("999999", cells[2], StringComparison.Ordinal);
            Assert.Contains("未写入任何数据", await page.Locator("#import-result").InnerTextAsync(), StringComparison.Ordinal);

            // The good row of the rejected file was not written either.
            using var evaluation = await fixture.Server.Http.GetAsync(new Uri("/api/v1/indicators/5", UriKind.Relative));
            Assert.DoesNotContain("\"2021\"", await evaluation.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
