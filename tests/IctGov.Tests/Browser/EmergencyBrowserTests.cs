using System.Globalization;
using System.Net.Http.Json;
using IctGov.Kernel.Security;
using IctGov.Testing;

namespace IctGov.Tests.Browser;

/// <summary>
/// An incident walked in a real browser: the ministry opens it, China Mobile's Guangdong branch
/// reports its network, the ministry dispatches a UAV base station which the branch acknowledges
/// and brings in, a CAP warning is issued and acknowledged, and the ministry closes the incident.
/// </summary>
public sealed class EmergencyBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "a-long-enough-password-1";

    private static readonly Microsoft.Playwright.LocatorWaitForOptions Wait = new() { Timeout = 10_000 };

    [Fact]
    public async Task Incident_FromOpeningThroughReportsDispatchAndWarning_ToClosure()
    {
        var server = fixture.Server;
        await server.CreateUserAsync("cm-gd-duty", Password, Role.Reporter, unit: "cm-440000");
        var equipment = await server.Admin.PostAsJsonAsync("/api/v1/emergency/equipment",
            new { code = "CM-GD-UAV-01", kind = "uav_base_station", ownerUnit = "cm-440000", region = "440000", lon = 113.3, lat = 23.1 });
        Assert.True(equipment.IsSuccessStatusCode, await equipment.Content.ReadAsStringAsync());
        string Beijing(TimeSpan offset) => server.Clock.GetUtcNow().Add(offset).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

        // 1. the ministry opens the incident
        var ministry = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(ministry, PlatformServer.AdminUser, PlatformServer.AdminPassword);
        await ministry.GotoAsync("/emergency");
        var open = ministry.Locator("#open-form");
        await open.Locator("input[name=Code]").FillAsync("TY-2026-B1");
        await open.Locator("select[name=Type]").SelectOptionAsync("typhoon");
        await open.Locator("select[name=Level]").SelectOptionAsync("1");
        await open.Locator("input[name=Title]").FillAsync("台风“海燕”登陆湛江");
        await open.Locator("input[name=Regions][value='440000']").CheckAsync();
        await open.Locator("#open-incident").ClickAsync();
        await ministry.Locator("#incident-state[data-state=open]").WaitForAsync(Wait);
        var url = ministry.Url;

        // 2. China Mobile's Guangdong branch reports 120 stations out
        var branch = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(branch, "cm-gd-duty", Password);
        await branch.GotoAsync(url);
        var report = branch.Locator("#report-form");
        await report.Locator("input[name=At]").FillAsync(Beijing(TimeSpan.FromMinutes(-10)));
        await report.Locator("input[name=StationsOut]").FillAsync("120");
        await report.Locator("input[name=AffectedUsers]").FillAsync("36000");
        await report.Locator("#submit-report").ClickAsync();
        await branch.Locator("#totals tr[data-operator=cm]").WaitForAsync(Wait);
        Assert.Contains("120", await branch.Locator("#totals tr[data-operator=cm]").InnerTextAsync(), StringComparison.Ordinal);

        // 3. the ministry dispatches the UAV base station; the branch acknowledges with an ETA, it arrives; the ministry releases it
        await ministry.GotoAsync(url);
        Assert.Contains("120", await ministry.Locator("#totals-all").InnerTextAsync(), StringComparison.Ordinal);
        var dispatch = ministry.Locator("#dispatch-form");
        await dispatch.Locator("select[name=Resource]").SelectOptionAsync("equipment:CM-GD-UAV-01");
        await dispatch.Locator("input[name=Task]").FillAsync("徐闻县高空基站覆盖");
        await dispatch.Locator("#issue-dispatch").ClickAsync();
        await ministry.Locator("#dispatches tr[data-state=issued]").WaitForAsync(Wait);
        await branch.GotoAsync(url);
        await branch.Locator("#dispatches input[name=Eta]").FillAsync(Beijing(TimeSpan.FromHours(3)));
        await branch.Locator("#dispatches button[id$='-acknowledge']").ClickAsync();
        await branch.Locator("#dispatches tr[data-state=acknowledged]").WaitForAsync(Wait);
        await branch.Locator("#dispatches button[id$='-arrive']").ClickAsync();
        await branch.Locator("#dispatches tr[data-state=arrived]").WaitForAsync(Wait);

        // 4. a CAP warning for Guangdong, acknowledged by the branch
        await ministry.GotoAsync(url);
        var warning = ministry.Locator("#warning-form");
        await warning.Locator("input[name=Headline]").FillAsync("台风红色预警：请减少外出");
        await warning.Locator("textarea[name=Description]").FillAsync("台风“海燕”今晚登陆湛江，通信可能中断。");
        await warning.Locator("#issue-warning").ClickAsync();
        await ministry.Locator("#warnings").WaitForAsync(Wait);
        await branch.GotoAsync(url);
        await branch.Locator("#warnings button[id$='-440000']").ClickAsync();
        await branch.Locator("#warnings").GetByText("cm/").WaitForAsync(Wait);
        var cap = await server.Http.GetStringAsync("/emergency/cap/");
        Assert.Contains("台风红色预警", cap, StringComparison.Ordinal);

        // 5. the ministry releases the station and closes the incident; the after-action report holds the lessons
        await ministry.GotoAsync(url);
        await ministry.Locator("#dispatches button[id$='-release']").ClickAsync();
        await ministry.Locator("#dispatches tr[data-state=released]").WaitForAsync(Wait);
        await ministry.Locator("#close-form textarea[name=Lessons]").FillAsync("高空基站到位及时");
        await ministry.Locator("#close-incident").ClickAsync();
        await ministry.Locator("#incident-state[data-state=closed]").WaitForAsync(Wait);
        await ministry.Locator("#after-action").ClickAsync();
        Assert.Equal("高空基站到位及时", await ministry.Locator("#lessons").InnerTextAsync());
        Assert.Equal("120", await ministry.Locator("#peak").InnerTextAsync());
        var kinds = await ministry.Locator("#after-timeline tbody tr td:nth-child(2)").AllInnerTextsAsync();
        Assert.Equal(["open", "reports", "dispatch", "dispatch", "dispatch", "warning", "warning", "dispatch", "close"], kinds);
    }
}
