using System.Globalization;
using System.Text;
using IctGov.Kernel.Security;
using Microsoft.Playwright;

using IctGov.Testing;

namespace IctGov.Tests.Browser;

/// <summary>
/// The whole 部省联动 path in a real browser: an operator branch's reporter uploads a report, the
/// province approves it, the ministry accepts and publishes it, and the public sees the figure on
/// the published page and in the plan's dashboard.
/// </summary>
public sealed class CollectionWalkBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "a-long-enough-password-1";

    [Fact]
    public async Task ReporterUpload_ProvinceApproval_MinistryAcceptance_ReachThePublicDashboard()
    {
        var server = fixture.Server;
        await server.CreateUserAsync("ct-gd", Password, Role.Reporter, unit: "ct-440000");
        await server.CreateUserAsync("gd-admin", Password, Role.ProvinceAdmin, region: "440000");
        // Guangdong's population, so the plan can derive no. 4 (5G base stations per 10,000 people) once the figure is published.
        Assert.True((await server.PostCsvAsync("indicator,region,period,value,status,published,source\npopulation,440000,2025-11,12706,final,2025-12-15,统计局\n")).IsSuccessStatusCode);

        // 1. the reporter uploads a CSV report
        var reporter = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(reporter, "ct-gd", Password);
        await reporter.GotoAsync("/collection/submit?DataSet=T-5G-M");
        await reporter.Locator("#report-form select[name=Period]").SelectOptionAsync("2025-11");
        await reporter.Locator("#report-form input[type=file][name=Upload]").SetInputFilesAsync(new FilePayload
        {
            Name = "t-5g-m-2025-11.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("data_set,unit,region,period,element,value,unit_of_measure,explanation\n" +
                "T-5G-M,ct-440000,440000,2025-11,5g_base_stations,300000,个,\nT-5G-M,ct-440000,440000,2025-11,5g_terminal_connections,9000,万户,\n"),
        });
        await reporter.Locator("#report-form button[type=submit]").ClickAsync();
        await reporter.Locator("#submitted").WaitForAsync(new() { Timeout = 10_000 });
        // The confirmation names what was submitted, by name; the page was reached by a redirect, so a reload cannot submit twice.
        Assert.Contains("Submitted=", reporter.Url, StringComparison.Ordinal);
        var confirmation = await reporter.Locator("#submitted").InnerTextAsync();
        Assert.Contains("2025-11", confirmation, StringComparison.Ordinal);
        Assert.Contains("分公司", confirmation, StringComparison.Ordinal);
        Assert.Contains("300000", await reporter.Locator("#submitted-values").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("ct-440000", confirmation, StringComparison.Ordinal);

        // 2. the province approves it
        var province = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(province, "gd-admin", Password);
        await province.GotoAsync("/collection/review?DataSet=T-5G-M&Period=2025-11");
        var row = province.Locator("#reports tr[data-report]");
        Assert.Equal("Submitted", await row.GetAttributeAsync("data-status"));
        await row.Locator("button[value=approve]").ClickAsync();
        await province.Locator("#reports tr[data-status=ProvinceApproved]").WaitForAsync(new() { Timeout = 10_000 });

        // 3. the ministry accepts and publishes the period
        var ministry = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(ministry, PlatformServer.AdminUser, PlatformServer.AdminPassword);
        await ministry.GotoAsync("/collection/review?DataSet=T-5G-M&Period=2025-11");
        await ministry.Locator("#reports tr[data-report] button[value=accept]").ClickAsync();
        await ministry.Locator("#reports tr[data-status=Accepted]").WaitForAsync(new() { Timeout = 10_000 });
        await ministry.Locator("#publish-form button[type=submit]").ClickAsync();
        // only China Telecom's branch has reported: the ministry is asked first, then publishes anyway
        await ministry.Locator("#publish-anyway").ClickAsync();
        await ministry.Locator("#reports tr[data-status=Published]").WaitForAsync(new() { Timeout = 10_000 });

        // 4. the public sees the published total and the plan's dashboard derives no. 4 from it
        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync("/collection/published?DataSet=T-5G-M&Period=2025-11");
        Assert.Contains("300000", await visitor.Locator("#published").InnerTextAsync(), StringComparison.Ordinal);
        await visitor.GotoAsync("/?region=440000&asOf=2026-06-01");
        var expected = (300000 / 12706.0).ToString("0.###", CultureInfo.InvariantCulture);
        Assert.Contains(expected, await visitor.Locator("#indicators tr[data-indicator='4']").InnerTextAsync(), StringComparison.Ordinal);

        // and the review page is not for the public
        await visitor.GotoAsync("/collection/review?DataSet=T-5G-M&Period=2025-11");
        Assert.Contains("/account/login", visitor.Url, StringComparison.Ordinal);
    }
}
