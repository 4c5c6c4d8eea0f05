using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IctGov.Kernel;
using IctGov.Kernel.Security;

namespace IctGov.Complaints.Tests;

/// <summary>
/// The API through the real platform: operators see only complaints about themselves (a branch only
/// its province), a province only its own region, the ministry all; the public files through the
/// form and rates with its token, and is told to sign in for everything else.
/// </summary>
public class HttpTests
{
    private const string Password = "complaints-test-password-1";

    private static object Appeal(string op, string region, string phone) => new
    {
        kind = "telecom", region, respondentId = op, topic = "network_quality", userName = "张三", userPhone = phone,
        userAddress = "某市某路1号", userPostcode = "510000", claim = "恢复信号", facts = "家中无信号已一月",
        eventDate = "2026-05-01", operatorComplainedOn = "2026-05-05", operatorResponse = "dissatisfied",
    };

    private static async Task<long> RecordAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/complaints", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["complaint"]!["id"]!;
    }

    private static async Task<long[]> IdsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonArray>("/api/v1/complaints"))!.Select(c => (long)c!["id"]!).Order().ToArray();

    [Theory, DatabaseData]
    public async Task Permissions_HoldThroughHttp_ForOperatorsProvincesMinistryAndPublic(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider, new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero));
        await server.CreateUserAsync("gd-centre", Password, Role.ProvinceAdmin, "440000");
        await server.CreateUserAsync("bj-centre", Password, Role.ProvinceAdmin, "110000");
        using var gd = server.Client();
        using var bj = server.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(gd, "gd-centre", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(bj, "bj-centre", Password)).StatusCode);
        using var mobile = server.Client(await server.TokenAsync("cm"));
        using var mobileGd = server.Client(await server.TokenAsync("cm-440000"));
        using var telecom = server.Client(await server.TokenAsync("ct"));

        var a = await RecordAsync(server.Admin, Appeal("cm", "440000", "13800000001"));
        var b = await RecordAsync(server.Admin, Appeal("cm", "110000", "13800000002"));
        var c = await RecordAsync(telecom, Appeal("ct", "110000", "13800000003")); // an operator's system forwards an appeal about itself

        // An operator may not file against another, nor a province outside its region.
        Assert.Equal(HttpStatusCode.Forbidden, (await telecom.PostAsJsonAsync("/api/v1/complaints", Appeal("cm", "110000", "13800000009"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gd.PostAsJsonAsync("/api/v1/complaints", Appeal("cm", "110000", "13800000009"))).StatusCode);

        Assert.Equal([a, b, c], await IdsAsync(server.Admin));
        Assert.Equal([a], await IdsAsync(gd));
        Assert.Equal([b, c], await IdsAsync(bj));
        Assert.Equal([a, b], await IdsAsync(mobile));
        Assert.Equal([a], await IdsAsync(mobileGd));
        Assert.Equal([c], await IdsAsync(telecom));
        Assert.Equal(HttpStatusCode.NotFound, (await telecom.GetAsync($"/api/v1/complaints/{a}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gd.GetAsync($"/api/v1/complaints/{b}")).StatusCode);

        var anonymous = await server.Http.GetAsync("/api/v1/complaints");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.PostAsJsonAsync("/api/v1/complaints", Appeal("cm", "440000", "1"))).StatusCode);

        // The workflow: the centre decides, the operator's branch answers, the centre closes.
        Assert.Equal(HttpStatusCode.NotFound, (await bj.PostAsJsonAsync($"/api/v1/complaints/{a}/accept", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mobileGd.PostAsJsonAsync($"/api/v1/complaints/{a}/accept", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gd.PostAsJsonAsync($"/api/v1/complaints/{a}/accept", new { })).StatusCode);
        var early = await mobileGd.PostAsJsonAsync($"/api/v1/complaints/{a}/answer", new { note = "已修复" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gd.PostAsJsonAsync($"/api/v1/complaints/{a}/transfer", new { due = "2026-06-05" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await mobileGd.PostAsJsonAsync($"/api/v1/complaints/{a}/answer", new { note = "已修复" })).StatusCode);
        var closed = await gd.PostAsJsonAsync($"/api/v1/complaints/{a}/close", new { outcome = "resolved" });
        Assert.Equal("closed", (string)(await closed.Content.ReadFromJsonAsync<JsonObject>())!["state"]!);
        var history = await gd.GetFromJsonAsync<JsonArray>($"/api/v1/complaints/{a}/history");
        Assert.Equal(["intake", "accept", "transfer", "answer", "close"], history!.Select(e => (string)e!["action"]!));

        // A province's batch may only hold its own region's complaints: refused whole, nothing written.
        const string csv = "kind,region,respondentId,respondentName,topic,userName,userPhone,userAddress,userPostcode,claim,facts,eventDate,operatorComplainedOn,operatorResponse,receivedOn\n"
            + "telecom,440000,cu,,billing,王五,13700000000,深圳市,518000,退费,扣费,2026-05-02,2026-05-03,dissatisfied,\n"
            + "telecom,110000,cu,,billing,赵六,13700000001,北京市,100000,退费,扣费,2026-05-02,2026-05-03,dissatisfied,\n";
        using var body = new StringContent(csv, Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.Forbidden, (await gd.PostAsync("/api/v1/complaints/import", body)).StatusCode);
        using var body2 = new StringContent(csv, Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.Forbidden, (await mobile.PostAsync("/api/v1/complaints/import", body2)).StatusCode);
        Assert.Equal(3, (await IdsAsync(server.Admin)).Length);

        // Indicator 20 is public; publishing it is the ministry's.
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/api/v1/complaints/timeliness/2026-05")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Http.GetAsync("/api/v1/complaints/timeliness/last-year")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gd.PostAsync("/api/v1/complaints/timeliness/2026/publish", null)).StatusCode);

        // Pages: the export holds only what the actor may see; the public gets the bulletin, aggregated.
        var bytes = await gd.GetByteArrayAsync("/complaints?handler=export");
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]); // so a spreadsheet reads the Chinese names
        var export = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Equal(2, export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("id,kind,region", export, StringComparison.Ordinal);
        Assert.Contains($"\n{a},telecom,440000,cm,", export, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await server.Http.GetAsync("/complaints?handler=export")).StatusCode);
        var bulletin = await server.Http.GetStringAsync("/complaints/bulletin?period=2026-Q2");
        Assert.Contains("申诉情况通告", bulletin, StringComparison.Ordinal);
        Assert.Contains("<tr data-topic=\"network_quality\"><td>网络质量</td><td class=\"num\">3</td></tr>", bulletin, StringComparison.Ordinal);
        Assert.DoesNotContain("13800000001", bulletin, StringComparison.Ordinal);
        Assert.Contains("Bulletin of telecom", await server.Client().GetStringAsync("/complaints/bulletin?period=2026&culture=en"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Http.GetAsync("/complaints/bulletin?period=soon")).StatusCode);
        var satisfaction = await server.Http.GetStringAsync("/complaints/satisfaction?year=2026");
        Assert.Contains("本年度尚无调查数据", satisfaction, StringComparison.Ordinal);
        Assert.Contains("<td>网络质量</td><td class=\"num\">0.3</td>", satisfaction, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task Monitoring_IsForCentresAndTheMinistry_UserFiguresAndRebuildForTheMinistry(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider, new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero));
        await server.CreateUserAsync("gd-centre", Password, Role.ProvinceAdmin, "440000");
        using var gd = server.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(gd, "gd-centre", Password)).StatusCode);
        using var mobile = server.Client(await server.TokenAsync("cm"));
        await RecordAsync(server.Admin, Appeal("cm", "440000", "13800000001"));
        await RecordAsync(server.Admin, Appeal("ct", "440000", "13800000002"));

        Assert.Equal(HttpStatusCode.Redirect, (await server.Http.GetAsync("/complaints/monitor")).StatusCode);
        var page = await gd.GetStringAsync("/complaints/monitor?period=2026");
        Assert.Contains("申诉投诉监测", page, StringComparison.Ordinal);
        Assert.Contains("data-chart=", page, StringComparison.Ordinal);
        Assert.Contains("<tr data-topic=\"network_quality\"><td>网络质量</td><td class=\"num\">2</td><td class=\"num\">0</td><td class=\"num\">2</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr data-month=\"2026-06\"><td>2026-06</td><td class=\"num\">2</td>", page, StringComparison.Ordinal);
        // China Mobile's seeded user figure (10.04277亿) gives 1 ÷ 1,004.277 million ≈ 0.0 per million; Guangdong has none recorded yet.
        Assert.Contains("<tr data-key=\"440000\"><td>广东</td><td class=\"num\">2</td><td class=\"num\" title=\"\">—</td>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await gd.GetAsync("/complaints/monitor?period=soon")).StatusCode);

        // User figures: the ministry's; a bad row is named and nothing is written.
        const string header = "scope,key,asOf,users,source\n";
        using (var bad = new StringContent(header + "province,440000,2026-03-31,180000000,广东省通信管理局\nprovince,449999,2026-03-31,-5,\n", Encoding.UTF8, "text/csv"))
        {
            var refused = await server.Admin.PostAsync("/api/v1/complaints/user-base/import", bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var errors = (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray().Select(e => ((long)e!["row"]!, (string)e!["field"]!)).ToList();
            Assert.Equal([(3L, "key"), (3L, "users"), (3L, "source")], errors);
        }
        Assert.DoesNotContain((await server.Admin.GetFromJsonAsync<JsonArray>("/api/v1/complaints/user-base"))!, u => (string)u!["key"]! == "440000");
        using (var good = new StringContent(header + "province,440000,2026-03-31,2000000,广东省通信管理局 (test figure)\n", Encoding.UTF8, "text/csv"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await gd.PostAsync("/api/v1/complaints/user-base/import", good)).StatusCode);
        }
        using (var good = new StringContent(header + "province,440000,2026-03-31,2000000,广东省通信管理局 (test figure)\n", Encoding.UTF8, "text/csv"))
        {
            Assert.Equal(HttpStatusCode.OK, (await server.Admin.PostAsync("/api/v1/complaints/user-base/import", good)).StatusCode);
        }
        // 2 complaints ÷ 2 million users = 1.0 per million.
        Assert.Contains("<td class=\"num\">2</td><td class=\"num\" title=\"2,000,000 · 2026-03-31 · 广东省通信管理局 (test figure)\">1.0</td>", await gd.GetStringAsync("/complaints/monitor?period=2026"), StringComparison.Ordinal);

        var export = await gd.GetStringAsync("/complaints/monitor?handler=export&period=2026-Q2");
        Assert.Contains("section,key,name,received", export, StringComparison.Ordinal);
        Assert.Equal("province,440000,广东,2,0,0,,0,,2000000,2026-03-31,1",
            export.Split('\n').Select(l => l.TrimEnd('\r')).Single(l => l.StartsWith("province,440000,", StringComparison.Ordinal)));

        // The rebuild is the ministry's maintenance.
        Assert.Equal(HttpStatusCode.Forbidden, (await gd.PostAsync("/api/v1/complaints/summary/rebuild", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mobile.PostAsync("/api/v1/complaints/summary/rebuild", null)).StatusCode);
        var rebuilt = await server.Admin.PostAsync("/api/v1/complaints/summary/rebuild", null);
        Assert.Equal(HttpStatusCode.OK, rebuilt.StatusCode);
        // Two appeals alike but for the operator: one cell by topic and state, one per operator among the respondents.
        var counts = (await rebuilt.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((1, 2, 0), ((int)counts["cells"]!, (int)counts["respondentCells"]!, (int)counts["dueCells"]!));
    }

    /// <summary>The public form: anyone may file, but one address only so often (staff entering calls are signed in and not limited).</summary>
    [Fact]
    public async Task PublicForm_LimitsFilingsPerAddress()
    {
        await using var server = await PlatformServer.StartAsync(DatabaseProvider.Sqlite, new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero),
            "--Complaints:PublicIntake:Burst=2", "--Complaints:PublicIntake:PerHour=1");
        using var visitor = server.Client();
        async Task<HttpStatusCode> FileAsync(string phone)
        {
            var page = await visitor.GetStringAsync("/complaints/new");
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = PlatformServer.AntiforgeryField().Match(page).Groups[1].Value,
                ["Kind"] = "telecom", ["Region"] = "440000", ["RespondentId"] = "cm", ["Topic"] = "network_quality",
                ["UserName"] = "张三", ["UserPhone"] = phone, ["UserAddress"] = "某市某路1号", ["UserPostcode"] = "510000",
                ["Claim"] = "恢复信号", ["Facts"] = "家中无信号已一月", ["EventDate"] = "2026-05-01",
                ["OperatorComplainedOn"] = "2026-05-05", ["OperatorResponse"] = "dissatisfied",
            });
            var response = await visitor.PostAsync("/complaints/new", form);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("提交过于频繁", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await FileAsync("13800000001"));
        Assert.Equal(HttpStatusCode.OK, await FileAsync("13800000002"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await FileAsync("13800000003"));
        Assert.Equal(2, (await server.Admin.GetFromJsonAsync<JsonArray>("/api/v1/complaints"))!.Count); // the refused one wrote nothing
        server.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, await FileAsync("13800000003"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await FileAsync("13800000004"));
    }
}
