using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using IctGov.Kernel;
using IctGov.Kernel.Security;

namespace IctGov.Emergency.Tests;

/// <summary>
/// The module through the real platform on each engine: operators report and see only their own
/// network, provinces only their own area, the ministry everything; the public reads warnings and
/// the CAP index and is told to sign in for the rest.
/// </summary>
public class HttpTests
{
    private const string Password = "emergency-test-password-1";

    private static object Report(string area, string at, int stationsOut, string? op = null) =>
        new { operatorId = op, area, at, stationsOut, stationsRestored = 0, affectedUsers = stationsOut * 100 };

    [Theory, DatabaseData]
    public async Task Permissions_HoldThroughHttp_AndCapIsPublic(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider, new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero));
        await server.CreateUserAsync("gd-duty", Password, Role.ProvinceAdmin, "440000");
        await server.CreateUserAsync("gx-duty", Password, Role.ProvinceAdmin, "450000");
        using var gd = server.Client();
        using var gx = server.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(gd, "gd-duty", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(gx, "gx-duty", Password)).StatusCode);
        using var mobile = server.Client(await server.TokenAsync("cm"));
        using var mobileGd = server.Client(await server.TokenAsync("cm-440000"));
        using var telecom = server.Client(await server.TokenAsync("ct"));

        var opened = await server.Admin.PostAsJsonAsync("/api/v1/emergency/incidents", new { code = "TY-2026-07", type = "typhoon", title = "台风“海燕”", level = 1, regions = (string[])["440000", "450000"] });
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var id = (long)(await opened.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Assert.Equal(HttpStatusCode.Forbidden, (await mobile.PostAsJsonAsync("/api/v1/emergency/incidents", new { code = "X", type = "typhoon", title = "x", level = 1, regions = (string[])["440000"] })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gd.PostAsJsonAsync("/api/v1/emergency/incidents", new { code = "X", type = "typhoon", title = "x", level = 1, regions = (string[])["450000"] })).StatusCode);

        server.Clock.Advance(TimeSpan.FromHours(1));
        var reports = $"/api/v1/emergency/incidents/{id}/reports";
        Assert.Equal(HttpStatusCode.OK, (await mobile.PostAsJsonAsync(reports, new[] { Report("440000", "2026-08-01T08:30:00+08:00", 1200), Report("450000", "2026-08-01T08:30:00+08:00", 300) })).StatusCode);
        var resent = await mobile.PostAsJsonAsync(reports, new[] { Report("440000", "2026-08-01T00:30:00Z", 1200) });
        Assert.Equal(1, (int)(await resent.Content.ReadFromJsonAsync<JsonObject>())!["unchanged"]!);
        Assert.Equal(HttpStatusCode.OK, (await telecom.PostAsJsonAsync(reports, new[] { Report("440000", "2026-08-01T08:30:00+08:00", 700) })).StatusCode);
        // Another operator's network, another province's, or a bad row: refused, nothing written.
        Assert.Equal(HttpStatusCode.Forbidden, (await telecom.PostAsJsonAsync(reports, new[] { Report("440000", "2026-08-01T08:30:00+08:00", 1, "cm") })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mobileGd.PostAsJsonAsync(reports, new[] { Report("450000", "2026-08-01T08:30:00+08:00", 1) })).StatusCode);
        var bad = await mobile.PostAsJsonAsync(reports, new[] { Report("440000", "2026-08-01T08:45:00+08:00", 1), Report("110000", "2026-08-01T08:45:00+08:00", 1) });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        using var csv = new StringContent("operatorId,area,at,stationsOut,stationsRestored,affectedUsers,cableCuts,coreNodesDown,congested,counties\n"
            + "ct,450000,2026-08-01T08:45:00+08:00,90,0,9000,1,0,false,南宁市\n", Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.OK, (await telecom.PostAsync(reports + "/import", csv)).StatusCode);

        async Task<int> Seen(HttpClient c) => (await c.GetFromJsonAsync<JsonArray>(reports))!.Count;
        Assert.Equal(4, await Seen(server.Admin));
        Assert.Equal(2, await Seen(gd));
        Assert.Equal(2, await Seen(gx));
        Assert.Equal(2, await Seen(mobile));
        Assert.Equal(1, await Seen(mobileGd));
        Assert.Equal(2, await Seen(telecom));
        var gdMap = await gd.GetFromJsonAsync<JsonObject>($"/api/v1/emergency/incidents/{id}/map");
        Assert.Equal(["440000"], gdMap!["regions"]!.AsArray().Select(r => (string)r!["code"]!));
        Assert.Equal(1900, (int)gdMap["regions"]![0]!["totals"]!["stationsOut"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.GetAsync(reports)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.PostAsJsonAsync(reports, new[] { Report("440000", "2026-08-01T08:30:00+08:00", 1) })).StatusCode);

        // A warning: issued by the ministry, public in the index and as CAP, acknowledged by the operator.
        var warning = await server.Admin.PostAsJsonAsync("/api/v1/emergency/warnings", CapTests.Warning(id, "440000", "450000"));
        Assert.Equal(HttpStatusCode.OK, warning.StatusCode);
        var warningId = (long)(await warning.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var index = await server.Http.GetAsync("/emergency/cap/");
        Assert.Equal("application/atom+xml", index.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await index.Content.ReadAsStringAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var link = feed.Root!.Element(atom + "entry")!.Element(atom + "link")!.Attribute("href")!.Value;
        var cap = await server.Http.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal("application/cap+xml", cap.Content.Headers.ContentType?.MediaType);
        var (code, output) = CapTests.XmlLint(await cap.Content.ReadAsStringAsync());
        Assert.True(code == 0, output);
        Assert.Equal(HttpStatusCode.OK, (await mobileGd.PostAsJsonAsync($"/api/v1/emergency/warnings/{warningId}/ack", new { area = "440000" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gd.PostAsJsonAsync($"/api/v1/emergency/warnings/{warningId}/ack", new { area = "440000" })).StatusCode);
        Assert.Contains("440000:acknowledged", await server.Http.GetStringAsync("/emergency/cap/operators/cm.atom"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/emergency/cap/operators/nobody.atom")).StatusCode);
        using var import = new StringContent("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x</identifier></alert>", Encoding.UTF8, "application/cap+xml");
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Admin.PostAsync("/api/v1/emergency/warnings/import", import)).StatusCode);

        // Pages: the public sees the warnings, the duty officers the incident, its round report and after-action report.
        Assert.Contains("台风红色预警", await server.Http.GetStringAsync("/emergency/warnings"), StringComparison.Ordinal);
        Assert.Contains("/emergency/cap/", await server.Http.GetStringAsync("/emergency"), StringComparison.Ordinal);
        var page = await gd.GetStringAsync($"/emergency/incidents/{id}");
        Assert.Contains("TY-2026-07", page, StringComparison.Ordinal);
        Assert.Contains("data-chart", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await server.Http.GetAsync($"/emergency/incidents/{id}")).StatusCode);
        var round = await gd.GetStringAsync($"/emergency/incidents/{id}/rounds/0");
        Assert.Contains("退服基站 1,900 个", round, StringComparison.Ordinal); // Guangdong's province only
        Assert.Contains("退服基站 2,290 个", await server.Admin.GetStringAsync($"/emergency/incidents/{id}/rounds/0"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await server.Admin.PostAsJsonAsync($"/api/v1/emergency/incidents/{id}/close", new { lessons = "储备油机不足" })).StatusCode);
        Assert.Contains("储备油机不足", await server.Admin.GetStringAsync($"/emergency/incidents/{id}/after-action"), StringComparison.Ordinal);
        Assert.Contains("Public warnings", await server.Client().GetStringAsync("/emergency/warnings?culture=en"), StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task Stockpiles_AndDrills_ThroughHttp_OnTheResourcesPage(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider, new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero));
        await server.CreateUserAsync("gd-duty", Password, Role.ProvinceAdmin, "440000");
        using var gd = server.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(gd, "gd-duty", Password)).StatusCode);
        using var mobileGd = server.Client(await server.TokenAsync("cm-440000"));
        using var telecom = server.Client(await server.TokenAsync("ct"));

        var pile = new { code = "CM-GD-S1", name = "湛江储备库", ownerUnit = "cm-440000", region = "440000",
            items = new object[] { new { item = "fuel_litre", quantity = 300, minimum = 1000 }, new { item = "tent", quantity = 40, minimum = 20 } } };
        Assert.Equal(HttpStatusCode.OK, (await mobileGd.PostAsJsonAsync("/api/v1/emergency/stockpiles", pile)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await telecom.PostAsJsonAsync("/api/v1/emergency/stockpiles", pile)).StatusCode);
        var bad = await mobileGd.PostAsJsonAsync("/api/v1/emergency/stockpiles", new { code = "S2", name = "x", ownerUnit = "cm-440000", region = "440000",
            items = new object[] { new { item = "fuel_litre", quantity = -1 } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("quantity", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await telecom.GetFromJsonAsync<JsonArray>("/api/v1/emergency/stockpiles"))!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.GetAsync("/api/v1/emergency/stockpiles")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await gd.PostAsJsonAsync("/api/v1/emergency/plans", new { code = "GD-2023", tier = "provincial", ownerUnit = "prov-440000",
            region = "440000", title = "广东省通信保障应急预案", adopted = "2023-01-01", levels = new object[] { new { level = 2, actions = "启动Ⅱ级响应" } } })).StatusCode);
        var status = (await gd.GetFromJsonAsync<JsonArray>("/api/v1/emergency/plans/drills"))!.Single()!;
        Assert.True((bool)status["overdue"]!);
        Assert.Equal(HttpStatusCode.OK, (await gd.PostAsJsonAsync("/api/v1/emergency/drills", new { code = "D-1", title = "防台风实战演练", kind = "live",
            planCode = "GD-2023", level = 2, ownerUnit = "prov-440000", region = "440000", held = "2026-07-15", teams = Array.Empty<string>(), participants = 60 })).StatusCode);
        status = (await gd.GetFromJsonAsync<JsonArray>("/api/v1/emergency/plans/drills"))!.Single()!;
        Assert.Equal(("2029-07-15", false), ((string)status["due"]!, (bool)status["overdue"]!));

        var page = await gd.GetStringAsync("/emergency/resources");
        Assert.Contains("湛江储备库", page, StringComparison.Ordinal);
        Assert.Contains("data-below=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("防台风实战演练", page, StringComparison.Ordinal);
        Assert.Contains("data-overdue=\"false\"", page, StringComparison.Ordinal);
    }
}
