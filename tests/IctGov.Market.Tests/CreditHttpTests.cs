using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IctGov.Kernel;
using IctGov.Kernel.Security;

namespace IctGov.Market.Tests;

/// <summary>
/// The credit lists through the real platform: the ground decides the list, a second penalty escalates to the 失信名单,
/// terms and removals follow 令42, a province acts only on holders in its charge, and anyone reads the lists.
/// </summary>
public class CreditHttpTests
{
    private const string Password = "market-test-password-1";
    private const string CodeA = "914403001922038216";
    private const string CodeB = "91110000MA01ABCD52";
    private static readonly string[] Services = ["B25"];

    internal static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    internal static async Task IssueAsync(HttpClient authority, string kind, string code, string name, string[] coverage)
    {
        var a = await OkAsync(await authority.PostAsJsonAsync("/api/v1/market/applications",
            new { kind, applicantCode = code, applicantName = name, services = Services, coverage, promise = true }));
        Assert.Equal("approved", (string)(await OkAsync(await authority.PostAsJsonAsync($"/api/v1/market/applications/{(long)a["id"]!}/accept", new { })))["state"]!);
    }

    internal static object Listing(string code, string ground, string decision, string decisionDate) =>
        new { holderCode = code, ground, decision, decisionDate };

    [Theory, DatabaseData]
    public async Task CreditLists_FollowTheRulesAndProvincesActOnTheirOwn(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider, new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero));
        await server.CreateUserAsync("bj-credit", Password, Role.ProvinceAdmin, "110000");
        await server.CreateUserAsync("gd-credit", Password, Role.ProvinceAdmin, "440000");
        await server.CreateUserAsync("sh-credit", Password, Role.ProvinceAdmin, "310000");
        using var bj = server.Client();
        using var gd = server.Client();
        using var sh = server.Client();
        await PlatformServer.LoginAsync(bj, "bj-credit", Password);
        await PlatformServer.LoginAsync(gd, "gd-credit", Password);
        await PlatformServer.LoginAsync(sh, "sh-credit", Password);
        // A: licensed by Beijing for Beijing. B: licensed by the ministry across Beijing and Guangdong.
        await IssueAsync(bj, "provincial", CodeA, "北京甲网络科技有限公司", ["110000"]);
        await IssueAsync(server.Admin, "cross_regional", CodeB, "乙信息技术有限公司", ["110000", "440000"]);
        Assert.Empty((await OkArrayAsync(server.Http, "/api/v1/market/credit/listings")));

        // Bad input names every field at fault and writes nothing.
        var bad = await bj.PostAsJsonAsync("/api/v1/market/credit/listings", new { holderCode = "914403001922038217", ground = "rumour", decision = "", decisionDate = "2026-07-01" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        foreach (var field in new[] { "holderCode", "ground", "decision", "decisionDate" })
        {
            Assert.Contains($"\"{field}\"", problem, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await bj.PostAsJsonAsync("/api/v1/market/credit/listings", Listing(CodeA, "penalty_while_poor", "京通管罚〔2026〕1号", "2026-05-20"))).StatusCode);

        // Only authorities list, and a province only holders in its charge: Shanghai has neither; Guangdong not A.
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.PostAsJsonAsync("/api/v1/market/credit/listings", Listing(CodeA, "penalty", "京通管罚〔2026〕1号", "2026-05-20"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gd.PostAsJsonAsync("/api/v1/market/credit/listings", Listing(CodeA, "penalty", "粤通管罚〔2026〕1号", "2026-05-20"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sh.PostAsJsonAsync("/api/v1/market/credit/listings", Listing(CodeB, "penalty", "沪通管罚〔2026〕1号", "2026-05-20"))).StatusCode);
        Assert.Empty((await OkArrayAsync(server.Http, "/api/v1/market/credit/listings")));

        // A penalty puts A on the 不良名单 for three years; listed 12 days after the decision, within the 30 (令42 art. 42).
        var first = await OkAsync(await bj.PostAsJsonAsync("/api/v1/market/credit/listings", Listing(CodeA, "penalty", "京通管罚〔2026〕1号", "2026-05-20")));
        Assert.Equal("poor", (string)first["list"]!);
        Assert.Equal("110000", (string)first["authority"]!);
        Assert.Equal("2029-05-31", (string)first["lastDay"]!);
        Assert.False((bool)first["listedLate"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await bj.PostAsJsonAsync("/api/v1/market/credit/listings", Listing(CodeA, "penalty", "京通管罚〔2026〕1号", "2026-05-20"))).StatusCode);
        // A second penalty while on the 不良名单 goes to the 失信名单 for five years; this one was listed late.
        var second = await OkAsync(await bj.PostAsJsonAsync("/api/v1/market/credit/listings", Listing(CodeA, "penalty", "京通管罚〔2026〕7号", "2026-04-01")));
        Assert.Equal("dishonest", (string)second["list"]!);
        Assert.Equal("penalty_while_poor", (string)second["ground"]!);
        Assert.Equal("2031-05-31", (string)second["lastDay"]!);
        Assert.True((bool)second["listedLate"]!);

        // Guangdong, where B operates, lists B for its missing annual report: no term, it waits on the report.
        var report = await OkAsync(await gd.PostAsJsonAsync("/api/v1/market/credit/listings", Listing(CodeB, "annual_report_overdue", "粤通管函〔2026〕3号", "2026-05-30")));
        Assert.Null(report["lastDay"]);
        var reportId = (long)report["id"]!;

        // Published for anyone, by list, by holder, and as of a day.
        Assert.Equal(3, (await OkArrayAsync(server.Http, "/api/v1/market/credit/listings")).Count);
        Assert.Equal([CodeB, CodeA], (await OkArrayAsync(server.Http, "/api/v1/market/credit/listings?list=poor")).Select(e => (string)e!["holderCode"]!).Order(StringComparer.Ordinal));
        Assert.Single(await OkArrayAsync(server.Http, $"/api/v1/market/credit/listings?list=dishonest&holder={CodeA}"));
        Assert.Empty(await OkArrayAsync(server.Http, "/api/v1/market/credit/listings?asOf=2026-05-31"));
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Http.GetAsync("/api/v1/market/credit/listings?list=black")).StatusCode);
        var page = await server.Http.GetStringAsync("/market/credit?list=dishonest");
        Assert.Contains("京通管罚〔2026〕7号", page, StringComparison.Ordinal);
        Assert.Contains("北京甲网络科技有限公司", page, StringComparison.Ordinal);
        Assert.DoesNotContain("粤通管函", page, StringComparison.Ordinal);

        // Terms end by themselves: after three years only the 失信 entry and the unfiled report remain.
        Assert.Equal(["annual_report_overdue", "penalty_while_poor"], (await OkArrayAsync(server.Http, "/api/v1/market/credit/listings?asOf=2029-06-01")).Select(e => (string)e!["ground"]!).Order(StringComparer.Ordinal));
        Assert.Equal(["annual_report_overdue"], (await OkArrayAsync(server.Http, "/api/v1/market/credit/listings?asOf=2031-06-01")).Select(e => (string)e!["ground"]!));

        // Removal: only by the listing authority, and for a reason its ground allows.
        var firstId = (long)first["id"]!;
        Assert.Equal(HttpStatusCode.Forbidden, (await gd.PostAsJsonAsync($"/api/v1/market/credit/listings/{firstId}/remove", new { reason = "decision_withdrawn", note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Admin.PostAsJsonAsync($"/api/v1/market/credit/listings/{reportId}/remove", new { reason = "report_filed", note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await bj.PostAsJsonAsync($"/api/v1/market/credit/listings/{firstId}/remove", new { reason = "report_filed", note = "年报已补报" })).StatusCode);
        var removed = await OkAsync(await gd.PostAsJsonAsync($"/api/v1/market/credit/listings/{reportId}/remove", new { reason = "report_filed", note = "2026年6月1日补报2025年度年报，经核实" }));
        Assert.Equal("2026-06-01", (string)removed["removed"]!);
        Assert.False((bool)removed["active"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await gd.PostAsJsonAsync($"/api/v1/market/credit/listings/{reportId}/remove", new { reason = "report_filed", note = "again" })).StatusCode);
        Assert.Equal([CodeA], (await OkArrayAsync(server.Http, "/api/v1/market/credit/listings?list=poor")).Select(e => (string)e!["holderCode"]!));

        // Every entry and removal is audited.
        var audit = await server.Admin.GetStringAsync("/api/v1/audit?take=1000");
        foreach (var action in new[] { "market.credit.list_poor", "market.credit.list_dishonest", "market.credit.remove" })
        {
            Assert.Contains(action, audit, StringComparison.Ordinal);
        }
    }

    [Theory, DatabaseData]
    public async Task CreditScores_CountEventsUnderTheRuleTableOnAnyDay(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider, new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero));
        await server.CreateUserAsync("bj-credit", Password, Role.ProvinceAdmin, "110000");
        using var bj = server.Client();
        await PlatformServer.LoginAsync(bj, "bj-credit", Password);
        await IssueAsync(bj, "provincial", CodeA, "北京甲网络科技有限公司", ["110000"]);
        await IssueAsync(server.Admin, "cross_regional", CodeB, "乙信息技术有限公司", ["110000", "440000"]);
        // A penalty decided 2026-04-01 (10 points, 36 months), then one of 2026-05-20 while listed (penalty_while_poor: 20, 60 months).
        var first = await OkAsync(await bj.PostAsJsonAsync("/api/v1/market/credit/listings", Listing(CodeA, "penalty", "京通管罚〔2026〕1号", "2026-04-01")));
        await OkAsync(await bj.PostAsJsonAsync("/api/v1/market/credit/listings", Listing(CodeA, "penalty", "京通管罚〔2026〕7号", "2026-05-20")));

        var all = await OkArrayAsync(server.Http, "/api/v1/market/credit/scores?asOf=2026-06-01");
        Assert.Equal([(CodeA, 30, "C"), (CodeB, 0, "A")], all.Select(s => ((string)s!["holderCode"]!, (int)s["points"]!, (string)s["level"]!)));
        Assert.Equal([CodeA], (await OkArrayAsync(server.Http, "/api/v1/market/credit/scores?asOf=2026-06-01&level=C")).Select(s => (string)s!["holderCode"]!));
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Http.GetAsync("/api/v1/market/credit/scores?level=Z")).StatusCode);
        // Before any licence was issued there is no holder to score.
        Assert.Empty(await OkArrayAsync(server.Http, "/api/v1/market/credit/scores?asOf=2026-05-31"));

        // Points run out: the 10 on 2029-04-01, the 20 on 2031-05-20.
        var a = await OkAsync(await server.Http.GetAsync($"/api/v1/market/credit/scores/{CodeA}?asOf=2029-04-01"));
        Assert.Equal(20, (int)a["score"]!["points"]!);
        Assert.Equal("B", (string)a["score"]!["level"]!);
        Assert.Equal("2031-05-19", (string)a["score"]!["counted"]![0]!["lastDay"]!);
        Assert.Equal([("2026-04-01", 10, "B"), ("2026-05-20", 30, "C"), ("2029-04-01", 20, "B"), ("2031-05-20", 0, "A")],
            a["history"]!.AsArray().Select(h => ((string)h!["from"]!, (int)h["points"]!, (string)h["level"]!)));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/api/v1/market/credit/scores/91110000MA01ABCD60")).StatusCode);

        // A decision withdrawn stops counting from the day it is withdrawn; the past keeps it.
        await OkAsync(await bj.PostAsJsonAsync($"/api/v1/market/credit/listings/{(long)first["id"]!}/remove", new { reason = "decision_withdrawn", note = "行政复议撤销" }));
        var after = await OkAsync(await server.Http.GetAsync($"/api/v1/market/credit/scores/{CodeA}"));
        Assert.Equal(20, (int)after["score"]!["points"]!);
        Assert.Equal(30, (int)(await OkAsync(await server.Http.GetAsync($"/api/v1/market/credit/scores/{CodeA}?asOf=2026-05-31")))["score"]!["points"]!);
        Assert.Contains("2026-06-01", after["history"]!.AsArray().Select(h => (string)h!["from"]!));
        Assert.Contains("北京甲网络科技有限公司", await server.Http.GetStringAsync($"/market/credit/scores?holder={CodeA}"), StringComparison.Ordinal);
    }

    /// <summary>The rule table is configuration: other points and thresholds give other scores and levels.</summary>
    [Fact]
    public async Task CreditScores_FollowAConfiguredRuleTable()
    {
        await using var server = await PlatformServer.StartAsync(DatabaseProvider.Sqlite, new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero),
            "--Market:Credit:Rules:penalty:Points=4", "--Market:Credit:Levels:B=4", "--Market:Credit:Levels:D=50");
        await IssueAsync(server.Admin, "cross_regional", CodeB, "乙信息技术有限公司", ["110000", "440000"]);
        await OkAsync(await server.Admin.PostAsJsonAsync("/api/v1/market/credit/listings", Listing(CodeB, "penalty", "工信罚〔2026〕2号", "2026-05-30")));
        var b = await OkAsync(await server.Http.GetAsync($"/api/v1/market/credit/scores/{CodeB}"));
        Assert.Equal((4, "B"), ((int)b["score"]!["points"]!, (string)b["score"]!["level"]!));
        var table = await server.Http.GetStringAsync("/api/v1/market/credit/scores/rules");
        Assert.Contains("\"D\":50", table, StringComparison.Ordinal);
    }

    internal static async Task<JsonArray> OkArrayAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsArray();
    }
}
