using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IctGov.Kernel;
using IctGov.Kernel.Identity;
using IctGov.Kernel.Security;
using IctGov.Market.Contracts;
using static IctGov.Market.Tests.CreditHttpTests;

namespace IctGov.Market.Tests;

/// <summary>
/// 双随机、一公开 through the real platform: a province's plan draws from the holders in its charge by credit level,
/// the draw is published and re-run exactly, results are published per object and item, and a finding counts in
/// the holder's credit score; another province neither draws nor records on it.
/// </summary>
public class InspectionHttpTests
{
    private const string Password = "market-test-password-1";
    private static readonly string[] Items = ["年报信息", "网络与信息安全责任落实"];
    private static readonly string[] ReportOnly = ["年报信息"];
    private static readonly string[] B25 = ["B25"];

    /// <summary>A valid credit code numbered <paramref name="i"/>: its organisation code's check character is the one the kernel accepts.</summary>
    private static string Code(int i) => "0123456789X"
        .Select(org => $"91110000MA{i:D6}{org}")
        .Select(first17 => first17 + CreditCode.CheckCharacter(first17))
        .First(code => CreditCode.Problem(code) is null);

    [Theory, DatabaseData]
    public async Task Plan_Draw_Publish_Rerun_Results_FeedTheScore(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider, new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero));
        await server.CreateUserAsync("bj-insp", Password, Role.ProvinceAdmin, "110000");
        await server.CreateUserAsync("gd-insp", Password, Role.ProvinceAdmin, "440000");
        using var bj = server.Client();
        using var gd = server.Client();
        await PlatformServer.LoginAsync(bj, "bj-insp", Password);
        await PlatformServer.LoginAsync(gd, "gd-insp", Password);
        for (var i = 1; i <= 6; i++)
        {
            await IssueAsync(bj, "provincial", Code(i), $"北京{i}号科技有限公司", ["110000"]);
        }
        await IssueAsync(gd, "provincial", Code(9), "广东9号科技有限公司", ["440000"]);
        // Holder 1 is at level B (a penalty, 10 points): the plan draws every B holder and half of the A ones.
        await OkAsync(await bj.PostAsJsonAsync("/api/v1/market/credit/listings", Listing(Code(1), "penalty", "京通管罚〔2026〕3号", "2026-05-25")));

        var bad = await bj.PostAsJsonAsync("/api/v1/market/inspections", new { title = "", items = Array.Empty<string>(), ratios = new Dictionary<string, string> { ["A"] = "2" }, inspectors = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        foreach (var field in new[] { "title", "items", "ratios.A", "inspectors" })
        {
            Assert.True(problem.Contains($"\"{field}\"", StringComparison.Ordinal), problem);
        }
        var inspectors = new object[]
        {
            new { id = "J110-001", unit = "110000", region = "110000" }, new { id = "J110-002", unit = "110000", region = "110000" },
            new { id = "J110-003", unit = "110000", region = "110000" }, new { id = Code(2) + "-E", unit = Code(2), region = "110000" },
        };
        var plan = await OkAsync(await bj.PostAsJsonAsync("/api/v1/market/inspections", new
        {
            title = "2026年北京增值电信业务双随机抽查", items = Items, services = B25,
            ratios = new Dictionary<string, string> { ["A"] = "0.5", ["B"] = "1", ["C"] = "1" }, inspectors,
        }));
        var id = (long)plan["id"]!;
        Assert.Equal(HttpStatusCode.NotFound, (await gd.PostAsJsonAsync($"/api/v1/market/inspections/{id}/draw", new { announced = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await bj.PostAsJsonAsync($"/api/v1/market/inspections/{id}/draw", new { announced = "" })).StatusCode);
        var drawn = await OkAsync(await bj.PostAsJsonAsync($"/api/v1/market/inspections/{id}/draw", new { announced = "2026-06-01 上证综合指数收盘 3100.12" }));
        var picks = drawn["drawing"]!.AsArray();
        // Five A holders in Beijing → ⌈2.5⌉ = 3, and the B holder; Guangdong's holder is not in Beijing's pool.
        Assert.Equal(4, picks.Count);
        Assert.Contains(Code(1), picks.Select(p => (string)p!["code"]!));
        Assert.DoesNotContain(Code(9), picks.Select(p => (string)p!["code"]!));
        Assert.All(picks, p => Assert.Equal(2, p!["inspectors"]!.AsArray().Count));
        Assert.DoesNotContain(picks.Where(p => (string)p!["code"]! == Code(2)).SelectMany(p => p!["inspectors"]!.AsArray()), i => (string)i! == Code(2) + "-E");
        Assert.Equal(HttpStatusCode.Conflict, (await bj.PostAsJsonAsync($"/api/v1/market/inspections/{id}/draw", new { announced = "again" })).StatusCode);

        // The published draw re-runs exactly, anywhere.
        var document = await server.Http.GetStringAsync($"/api/v1/market/inspections/{id}/draw");
        Assert.True(InspectionDraw.Rerun(document).Reproduced);
        Assert.Equal((string)drawn["seed"]!, (string)JsonNode.Parse(document)!["seed"]!);

        // Results per object and item, published; a finding counts in the score.
        var target = (string)picks[0]!["code"]!;
        Assert.Equal(HttpStatusCode.BadRequest, (await bj.PostAsJsonAsync($"/api/v1/market/inspections/{id}/results", new { holderCode = Code(9), item = "年报信息", outcome = "finding", note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gd.PostAsJsonAsync($"/api/v1/market/inspections/{id}/results", new { holderCode = target, item = "年报信息", outcome = "compliant" })).StatusCode);
        var before = (int)(await OkAsync(await server.Http.GetAsync($"/api/v1/market/credit/scores/{target}")))["score"]!["points"]!;
        await OkAsync(await bj.PostAsJsonAsync($"/api/v1/market/inspections/{id}/results", new { holderCode = target, item = "网络与信息安全责任落实", outcome = "finding", note = "未落实用户信息保护制度" }));
        await OkAsync(await bj.PostAsJsonAsync($"/api/v1/market/inspections/{id}/results", new { holderCode = target, item = "年报信息", outcome = "compliant" }));
        Assert.Equal(HttpStatusCode.Conflict, (await bj.PostAsJsonAsync($"/api/v1/market/inspections/{id}/results", new { holderCode = target, item = "年报信息", outcome = "compliant" })).StatusCode);
        var published = await OkAsync(await server.Http.GetAsync($"/api/v1/market/inspections/{id}"));
        Assert.Equal(2, published["results"]!.AsArray().Count);
        var after = await OkAsync(await server.Http.GetAsync($"/api/v1/market/credit/scores/{target}"));
        Assert.Equal(before + 3, (int)after["score"]!["points"]!);
        Assert.Contains(after["score"]!["counted"]!.AsArray(), e => (string)e!["source"]! == $"inspection:{id}");

        // A second plan never gives an object the inspectors of its last inspection.
        object[] more = [.. inspectors, new { id = "J110-004", unit = "110000", region = "110000" }, new { id = "J110-005", unit = "110000", region = "110000" }];
        var again = await OkAsync(await bj.PostAsJsonAsync("/api/v1/market/inspections", new { title = "复查", items = ReportOnly, ratios = new Dictionary<string, string> { ["A"] = "1", ["B"] = "1", ["C"] = "1" }, inspectors = more }));
        var secondDoc = JsonNode.Parse(await (await bj.PostAsJsonAsync($"/api/v1/market/inspections/{(long)again["id"]!}/draw", new { announced = "2026-06-01 深证成指收盘 9800.01" })).Content.ReadAsStringAsync())!;
        var first = picks.ToDictionary(p => (string)p!["code"]!, p => p!["inspectors"]!.AsArray().Select(i => (string)i!).ToList());
        foreach (var p in secondDoc["drawing"]!.AsArray().Where(p => first.ContainsKey((string)p!["code"]!)))
        {
            Assert.Empty(p!["inspectors"]!.AsArray().Select(i => (string)i!).Intersect(first[(string)p["code"]!]));
        }

        var audit = await server.Admin.GetStringAsync("/api/v1/audit?take=1000");
        foreach (var action in new[] { "market.inspection.plan", "market.inspection.draw", "market.inspection.result" })
        {
            Assert.Contains(action, audit, StringComparison.Ordinal);
        }
    }
}
