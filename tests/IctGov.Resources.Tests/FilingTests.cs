using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Resources.Contracts;
using IctGov.Resources.Features;

namespace IctGov.Resources.Tests;

/// <summary>The filing workflow over HTTP on both engines: submission, verification, the province's decision within 20 working days, numbers, public query.</summary>
public class FilingTests
{
    private static object Website(string name, string domains) => new
    {
        kind = "website", subject = "SUBJ-1", provider = "PROV-1", name, domains, addresses = "203.0.113.10",
        responsibleName = "李四", responsibleId = "11010519491231002X", category = "企业官网",
    };

    private static async Task<JsonObject> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static async Task<HttpClient> ProvinceAsync(PlatformServer server, string region)
    {
        await server.CreateUserAsync("prov-" + region, "province-password-" + region, Role.ProvinceAdmin, region);
        var client = server.Client();
        await PlatformServer.LoginAsync(client, "prov-" + region, "province-password-" + region);
        return client;
    }

    [Theory, DatabaseData]
    public async Task Filing_GoesFromSubmissionToApprovalWithItsNumber_AndOnlyItsProvinceDecides(DatabaseProvider provider)
    {
        // Monday 2026-06-01, 08:00 in Beijing.
        await using var server = await PlatformServer.StartAsync(provider);
        await RdapTests.SeedOverHttpAsync(server);
        var beijing = await ProvinceAsync(server, "110000");
        var guangdong = await ProvinceAsync(server, "440000");

        var filing = await Ok(server.Admin.PostAsJsonAsync("/api/v1/resources/filings", Website("示例官网", "example.cn 例子.中国")));
        var id = (long)filing["id"]!;
        Assert.Equal("submitted", (string)filing["state"]!);
        Assert.Equal("440000", (string)filing["region"]!); // the subject's province decides
        Assert.Equal("11***************X", (string)filing["responsibleIdMasked"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await guangdong.PostAsync($"/api/v1/resources/filings/{id}/approve", null)).StatusCode); // not verified yet

        var verified = await Ok(server.Admin.PostAsync($"/api/v1/resources/filings/{id}/verify", null));
        // 20 working days after 1 June, the Dragon Boat Festival (19 June) not counted.
        Assert.Equal("2026-06-30", (string)verified["deadline"]!);

        Assert.Equal(HttpStatusCode.Forbidden, (await beijing.PostAsync($"/api/v1/resources/filings/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Admin.PostAsync($"/api/v1/resources/filings/{id}/approve", null)).StatusCode);
        Assert.Empty((await beijing.GetFromJsonAsync<JsonArray>("/api/v1/resources/filings/queue"))!);
        Assert.Single((await guangdong.GetFromJsonAsync<JsonArray>("/api/v1/resources/filings/queue"))!);

        var approved = await Ok(guangdong.PostAsync($"/api/v1/resources/filings/{id}/approve", null));
        Assert.Equal("粤ICP备00000001号-1", (string)approved["number"]!);

        var second = (long)(await Ok(server.Admin.PostAsJsonAsync("/api/v1/resources/filings", Website("第二个网站", "example2.cn"))))["id"]!;
        await Ok(server.Admin.PostAsync($"/api/v1/resources/filings/{second}/verify", null));
        Assert.Equal("粤ICP备00000001号-2", (string)(await Ok(guangdong.PostAsync($"/api/v1/resources/filings/{second}/approve", null)))["number"]!);
        var app = (long)(await Ok(server.Admin.PostAsJsonAsync("/api/v1/resources/filings", new
        {
            kind = "app", subject = TestData.SubjectCode, provider = "PROV-1", name = "示例APP", domains = "", addresses = "",
            responsibleName = "李四", responsibleId = "11010519491231002X", category = "工具",
        })))["id"]!;
        await Ok(server.Admin.PostAsync($"/api/v1/resources/filings/{app}/verify", null));
        Assert.Equal("粤ICP备00000001号-1A", (string)(await Ok(guangdong.PostAsync($"/api/v1/resources/filings/{app}/approve", null)))["number"]!);

        // RDAP and WHOIS name the filing on the domain.
        var rdap = (await server.Http.GetFromJsonAsync<JsonObject>("/rdap/domain/example.cn"))!;
        Assert.Equal("粤ICP备00000001号-1", (string)rdap["remarks"]![0]!["description"]![0]!);

        // A domain already in an active filing cannot be filed again.
        var again = await server.Admin.PostAsJsonAsync("/api/v1/resources/filings", Website("重复", "example.cn"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("粤ICP备00000001号-1", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The public (no sign-in) finds it by domain, number or subject, with the person in charge masked.
        foreach (var q in new[] { "例子.中国", "粤ICP备00000001号", "粤ICP备00000001号-2", "深圳示例科技有限公司" })
        {
            var found = (await server.Http.GetFromJsonAsync<JsonArray>("/api/v1/resources/filings/public?q=" + Uri.EscapeDataString(q)))!;
            Assert.Contains(found, f => (string)f!["number"]! == (q.EndsWith("-2", StringComparison.Ordinal) ? "粤ICP备00000001号-2" : "粤ICP备00000001号-1"));
            Assert.All(found, f => Assert.Equal("李*", (string)f!["responsibleName"]!));
            Assert.All(found, f => Assert.Equal("", (string)f!["responsibleIdMasked"]!));
        }

        // Return needs reasons; cancellation keeps the history.
        var third = (long)(await Ok(server.Admin.PostAsJsonAsync("/api/v1/resources/filings", Website("第三个", "personal.cn"))))["id"]!;
        await Ok(server.Admin.PostAsync($"/api/v1/resources/filings/{third}/verify", null));
        Assert.Equal(HttpStatusCode.BadRequest, (await guangdong.PostAsJsonAsync($"/api/v1/resources/filings/{third}/return", new { reasons = "" })).StatusCode);
        var returned = await Ok(guangdong.PostAsJsonAsync($"/api/v1/resources/filings/{third}/return", new { reasons = "网站名称与主体不符" }));
        Assert.Equal("returned", (string)returned["state"]!);
        await Ok(guangdong.PostAsJsonAsync($"/api/v1/resources/filings/{id}/cancel", new { reasons = "主体申请注销" }));
        Assert.Empty((await server.Http.GetFromJsonAsync<JsonArray>("/api/v1/resources/filings/public?q=example.cn"))!);
        await using var scope = server.Services.CreateAsyncScope();
        var history = await scope.ServiceProvider.GetRequiredService<Filings>().HistoryAsync(id, default);
        Assert.Equal(["submit:submitted", "verify:verified", "approve:approved", "cancel:cancelled"], history.Select(e => $"{e.Action}:{e.State}"));
    }

    [Theory, DatabaseData]
    public async Task Queue_FlagsFilingsPastTheirDeadline_AndOnlyTheProvidersStaffVerify(DatabaseProvider provider)
    {
        await using var h = await TestData.StartAsync(provider);
        await TestData.SeedAsync(h);
        var input = new FilingInput("website", "SUBJ-1", "PROV-1", "示例", "example.cn", null, "李四", "11010519491231002X", "企业官网");
        var submitted = await h.WithAsync<Filings, Outcome<FilingView>>(f => f.SubmitAsync(TestData.Ministry, input, default));
        var id = submitted.Value!.Id;

        var otherStaff = new Actor("token:x", "other", Role.Reporter, null, "PROV-9", ["110000"]);
        Assert.Equal(OutcomeStatus.Forbidden, (await h.WithAsync<Filings, Outcome<FilingView>>(f => f.VerifyAsync(otherStaff, id, default))).Status);
        var staff = new Actor("token:p1", "接入商", Role.Reporter, null, "PROV-1", ["110000"]);
        var verified = await h.WithAsync<Filings, Outcome<FilingView>>(f => f.VerifyAsync(staff, id, default));
        Assert.Equal(new DateOnly(2026, 6, 30), verified.Value!.Deadline);

        var guangdong = new Actor("user:gd", "广东", Role.ProvinceAdmin, "440000", null, ["440000"]);
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 30, 15, 59, 0, TimeSpan.Zero)); // 23:59 on the deadline in Beijing
        Assert.False((await h.WithAsync<Filings, IReadOnlyList<FilingView>>(f => f.QueueAsync(guangdong, default))).Single().Overdue);
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 30, 16, 0, 0, TimeSpan.Zero)); // 00:00 on 1 July in Beijing
        Assert.True((await h.WithAsync<Filings, IReadOnlyList<FilingView>>(f => f.QueueAsync(guangdong, default))).Single().Overdue);

        var bad = await h.WithAsync<Filings, Outcome<FilingView>>(f => f.SubmitAsync(TestData.Ministry,
            new FilingInput("website", "SUBJ-99", "PROV-1", "", "bad_name.cn", "10.0.0.0/8", "", "110105194912310021", ""), default));
        Assert.Equal(["subject", "name", "domains", "addresses", "responsibleName", "responsibleId", "category"], bad.Errors.Select(e => e.Field));
    }
}
