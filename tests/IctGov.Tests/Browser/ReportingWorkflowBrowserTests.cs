using System.Net.Http.Json;
using IctGov.Kernel.Security;

using IctGov.Testing;

namespace IctGov.Tests.Browser;

/// <summary>
/// The reporting workflow as its users see it: the workbench lists what waits for each of them with counts,
/// a province approves several reports at once, and the ministry is asked — with the missing units named —
/// before publishing a period that not every unit has reported.
/// </summary>
public sealed class ReportingWorkflowBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "a-long-enough-password-1";

    private static object Report(string unit, decimal stations) => new
    {
        dataSet = "T-5G-M", unit, region = "440000", period = "2025-09",
        values = new Dictionary<string, decimal> { ["5g_base_stations"] = stations, ["5g_terminal_connections"] = 100 },
    };

    [Fact]
    public async Task Workbench_BatchApproval_AndAnIncompletePeriodIsPublishedOnlyAfterConfirmation()
    {
        var server = fixture.Server;
        await server.CreateUserAsync("gd-review", Password, Role.ProvinceAdmin, region: "440000");
        await server.CreateUserAsync("ct-gd-work", Password, Role.Reporter, unit: "ct-440000");
        var ids = new List<string>();
        foreach (var (unit, stations) in new[] { ("ct-440000", 1000m), ("cm-440000", 2000m) })
        {
            using var client = server.Client(bearer: await server.TokenAsync(unit));
            var ok = await client.PostAsJsonAsync("/api/v1/collection/reports", Report(unit, stations));
            Assert.True(ok.IsSuccessStatusCode, await ok.Content.ReadAsStringAsync());
            ids.Add((string)(await ok.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["reportId"]!);
        }

        // the province's workbench counts both reports waiting for it, by name
        var province = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(province, "gd-review", Password);
        await province.GotoAsync("/collection");
        foreach (var id in ids)
        {
            Assert.Equal(1, await province.Locator($"#to-review-list tr[data-report='{id}']").CountAsync());
        }
        Assert.True(int.Parse(await province.Locator("#to-review-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 2);
        var queue = await province.Locator("#to-review-list").InnerTextAsync();
        Assert.Contains("分公司", queue, StringComparison.Ordinal);
        Assert.DoesNotContain("cm-440000", queue, StringComparison.Ordinal);

        // values as a table, and both approved with one click
        await province.GotoAsync("/collection/review?DataSet=T-5G-M&Period=2025-09");
        Assert.Equal("2,000", await province.Locator($"#reports tr[data-report='{ids[1]}'] td[data-element='5g_base_stations']").InnerTextAsync());
        foreach (var id in ids)
        {
            await province.Locator($"#reports tr[data-report='{id}'] input[type=checkbox]").CheckAsync();
        }
        await province.Locator("#approve-many").ClickAsync();
        await province.Locator("#message").WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal(2, await province.Locator("#reports tr[data-status=ProvinceApproved]").CountAsync());
        await province.GotoAsync("/collection");
        Assert.Equal(0, await province.Locator($"#to-review-list tr[data-report='{ids[0]}']").CountAsync());

        // the ministry accepts both at once; publishing asks first and names who has not reported
        var ministry = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(ministry, PlatformServer.AdminUser, PlatformServer.AdminPassword);
        await ministry.GotoAsync("/collection/review?DataSet=T-5G-M&Period=2025-09");
        foreach (var id in ids)
        {
            await ministry.Locator($"#reports tr[data-report='{id}'] input[type=checkbox]").CheckAsync();
        }
        await ministry.Locator("#accept-many").ClickAsync();
        await ministry.Locator("#publish-form").WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal(2, await ministry.Locator("#reports tr[data-status=Accepted]").CountAsync());
        await ministry.Locator("#publish-form button[type=submit]").ClickAsync();
        await ministry.Locator("#publish-confirm").WaitForAsync(new() { Timeout = 10_000 });
        var missing = await ministry.Locator("#missing-units").InnerTextAsync();
        Assert.Contains("中国联通", missing, StringComparison.Ordinal); // its Guangdong branch has not reported
        Assert.Equal(0, await ministry.Locator("#reports tr[data-status=Published]").CountAsync()); // nothing published yet
        await ministry.Locator("#publish-anyway").ClickAsync();
        await ministry.Locator("#reports tr[data-status=Published]").First.WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal(2, await ministry.Locator("#reports tr[data-status=Published]").CountAsync());

        // the reporter's own list shows the report published
        var reporter = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(reporter, "ct-gd-work", Password);
        await reporter.GotoAsync("/collection");
        Assert.Equal("Published", await reporter.Locator($"#mine-list tr[data-report='{ids[0]}']").GetAttributeAsync("data-status"));
        Assert.Equal(0, await reporter.Locator($"#mine-list tr[data-report='{ids[1]}']").CountAsync()); // another unit's report
    }
}
