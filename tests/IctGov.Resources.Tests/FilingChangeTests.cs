using System.Net.Http.Json;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Resources.Contracts;
using IctGov.Resources.Features;

namespace IctGov.Resources.Tests;

/// <summary>Changes (变更), withdrawal of access (取消接入) and cancellation (注销) of an approved filing, each kept in its history; and the nightly cross-check on the platform clock.</summary>
public class FilingChangeTests
{
    private static readonly Actor Guangdong = new("user:gd", "广东", Role.ProvinceAdmin, "440000", null, ["440000"]);
    private static readonly Actor Beijing = new("user:bj", "北京", Role.ProvinceAdmin, "110000", null, ["110000"]);
    private static readonly Actor ProviderOneStaff = new("token:p1", "接入商一", Role.Reporter, null, "PROV-1", ["110000"]);
    private static readonly Actor ProviderTwoStaff = new("token:p2", "接入商二", Role.Reporter, null, "PROV-2", ["440000"]);

    private static FilingInput Change(string? name = null, string? domains = null, string? provider = null, string? responsibleId = null) =>
        new(null, null, provider, name, domains, null, null, responsibleId, null);

    [Theory, DatabaseData]
    public async Task ChangeWithdrawAndCancel_KeepTheNumberAndEveryStepInTheHistory(DatabaseProvider provider)
    {
        await using var h = await TestData.StartAsync(provider);
        await TestData.SeedAsync(h);
        Assert.True((await h.WithAsync<IResourceRegistry, Outcome<BatchResult>>(r => r.AddProvidersAsync(TestData.Ministry,
            [new ProviderInput("广东示例数据中心有限公司", TestData.UnlicensedProviderCode, "B1-20190002", "440000")]))).Succeeded);
        async Task<Outcome<FilingView>> With(Func<Filings, Task<Outcome<FilingView>>> f) => await h.WithAsync(f);
        var input = new FilingInput("website", "SUBJ-1", "PROV-1", "示例", "example.cn", "203.0.113.10", "李四", "11010519491231002X", "企业官网");
        var id = (await With(f => f.SubmitAsync(TestData.Ministry, input, default))).Value!.Id;
        await With(f => f.VerifyAsync(TestData.Ministry, id, default));
        var number = (await With(f => f.ApproveAsync(Guangdong, id, default))).Value!.Number;
        var other = (await With(f => f.SubmitAsync(TestData.Ministry, input with { Domains = "personal.cn", Name = "另一个" }, default))).Value!.Id;

        // 变更: only the filing's province, the ministry or its provider; nothing unchanged, no domain of another filing, no new subject.
        Assert.Equal(OutcomeStatus.Forbidden, (await With(f => f.ChangeAsync(Beijing, id, Change(name: "新名称"), default))).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await With(f => f.ChangeAsync(ProviderTwoStaff, id, Change(name: "新名称"), default))).Status);
        Assert.Equal(OutcomeStatus.Conflict, (await With(f => f.ChangeAsync(Guangdong, other, Change(name: "新名称"), default))).Status); // not approved
        Assert.Equal(["domains"], (await With(f => f.ChangeAsync(Guangdong, id, Change(domains: "example.cn personal.cn"), default))).Errors.Select(e => e.Field));
        Assert.Equal(["filing"], (await With(f => f.ChangeAsync(Guangdong, id, Change(name: "示例"), default))).Errors.Select(e => e.Field));
        Assert.Equal(["subject"], (await With(f => f.ChangeAsync(Guangdong, id, Change(name: "x") with { Subject = "SUBJ-2" }, default))).Errors.Select(e => e.Field));
        var changed = await With(f => f.ChangeAsync(ProviderOneStaff, id, Change(name: "示例官网", domains: "example.cn 例子.中国", responsibleId: "110105199001011232"), default));
        Assert.True(changed.Succeeded, string.Join("; ", changed.Describe()));
        Assert.Equal((number, "approved", "示例官网"), (changed.Value!.Number, changed.Value.State, changed.Value.Name));
        Assert.Equal(["example.cn", "xn--fsqu00a.xn--fiqs8s"], changed.Value.Domains);

        // 取消接入: the provider stops hosting; the filing is no longer in force but keeps its domains.
        Assert.Equal(OutcomeStatus.Invalid, (await With(f => f.WithdrawAccessAsync(ProviderOneStaff, id, " ", default))).Status);
        Assert.Equal("withdrawn", (await With(f => f.WithdrawAccessAsync(ProviderOneStaff, id, "合同到期，停止接入", default))).Value!.State);
        Assert.Null(await h.WithAsync<Filings, string?>(f => f.NumberForDomainAsync("example.cn", default)));
        Assert.Empty(await h.WithAsync<Filings, IReadOnlyList<FilingView>>(f => f.PublicSearchAsync("example.cn", default)));
        Assert.Equal(["domains"], (await With(f => f.SubmitAsync(TestData.Ministry, input with { Name = "抢注" }, default))).Errors.Select(e => e.Field));
        Assert.Equal(["provider"], (await With(f => f.ChangeAsync(Guangdong, id, Change(name: "再改"), default))).Errors.Select(e => e.Field));
        // 变更接入: the new provider takes the filing; it is in force again under the same number.
        var moved = await With(f => f.ChangeAsync(ProviderTwoStaff, id, Change(provider: "PROV-2"), default));
        Assert.Equal(("approved", "PROV-2", number), (moved.Value!.State, moved.Value.ProviderHandle, moved.Value.Number));
        Assert.Equal(number, await h.WithAsync<Filings, string?>(f => f.NumberForDomainAsync("example.cn", default)));

        Assert.Equal("cancelled", (await With(f => f.CancelAsync(Guangdong, id, "主体申请注销", default))).Value!.State);
        var history = await h.WithAsync<Filings, Outcome<IReadOnlyList<FilingEvent>>>(f => f.HistoryAsync(Guangdong, id, default));
        Assert.Equal(["submit:submitted", "verify:verified", "approve:approved", "change:approved", "withdraw:withdrawn", "change:approved", "cancel:cancelled"],
            history.Value!.Select(e => $"{e.Action}:{e.State}"));
        Assert.Equal("name: 示例 → 示例官网; domains: example.cn → example.cn xn--fsqu00a.xn--fiqs8s; responsibleId: 11***************X → 11***************2",
            history.Value![3].Note);
        Assert.Equal("provider: PROV-1 → PROV-2", history.Value[5].Note);
        Assert.Equal(("token:p1", "合同到期，停止接入"), (history.Value[4].Actor, history.Value[4].Note));
        Assert.Equal(OutcomeStatus.Forbidden, (await h.WithAsync<Filings, Outcome<IReadOnlyList<FilingEvent>>>(f => f.HistoryAsync(Beijing, id, default))).Status);
    }

    [Theory]
    [InlineData("2026-06-01T17:59:00Z", "02:00", "2026-06-01T18:00:00Z")] // 01:59 in Beijing: tonight
    [InlineData("2026-06-01T18:00:00Z", "02:00", "2026-06-02T18:00:00Z")] // exactly 02:00: the next night
    [InlineData("2026-06-01T00:00:00Z", "23:30", "2026-06-01T15:30:00Z")]
    [InlineData("2026-12-31T20:00:00Z", "00:00", "2027-01-01T16:00:00Z")] // 04:00 on 1 January in Beijing
    public void NextRun_IsTheNextTimeOfDayInBeijing(string now, string at, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            NightlyCrossCheck.NextRun(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory, DatabaseData]
    public async Task NightlyCheck_RunsAtTheConfiguredTimeOnThePlatformClock(DatabaseProvider provider)
    {
        // Monday 2026-06-01, 08:00 in Beijing; the run is set for 03:30.
        await using var server = await PlatformServer.StartAsync(provider, null, "--Resources:CrossCheck:NightlyAt=03:30");
        await RdapTests.SeedOverHttpAsync(server);
        var unlicensed = await server.Admin.PostAsJsonAsync("/api/v1/resources/providers", new[]
        {
            new { name = "广东无证接入有限公司", creditCode = TestData.UnlicensedProviderCode, region = "440000" },
        });
        Assert.True(unlicensed.IsSuccessStatusCode, await unlicensed.Content.ReadAsStringAsync());
        // Read through the service: the admin's sign-in does not outlive the night the clock skips.
        async Task<IReadOnlyList<FindingView>> Findings()
        {
            await using var scope = server.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<CrossCheck>().ListAsync(TestData.Ministry, null, default);
        }

        server.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 1, 18, 0, 0, TimeSpan.Zero)); // 02:00 on 2 June: not yet
        await Task.Delay(500);
        Assert.Empty(await Findings());
        server.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 1, 19, 30, 0, TimeSpan.Zero)); // 03:30
        // The run happens on the server's own task: wait for it (at most 20 s of real time).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<FindingView> found;
        while ((found = await Findings()).Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
        }
        Assert.Contains(found, f => f.Rule == "provider_without_licence" && f.Found == new DateOnly(2026, 6, 2));
    }
}
