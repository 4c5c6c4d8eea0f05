using IctGov.Collection.Domain;
using IctGov.Collection.Features;
using IctGov.Kernel;
using IctGov.Kernel.Security;
using IctGov.Testing;
using static IctGov.Collection.Tests.DomainFixtures;

namespace IctGov.Collection.Tests;

public class ReportServiceTests
{
    private static readonly Actor CmReporter = new("tok-cm-gd", "中国移动广东分公司", Role.Reporter, null, "cm-440000", ["440000"]);

    private static SubmitCommand Cmd(string unit, decimal stations, decimal connections, string period = "2024-07", string? correction = null) =>
        new("T-5G-M", unit, "440000", period, [new ReportedValue(0, "5g_base_stations", stations), new ReportedValue(0, "5g_terminal_connections", connections)], None, correction);

    [Theory, DatabaseData]
    public async Task Workflow_FromSubmissionToPublication_FeedsThePlan(DatabaseProvider provider)
    {
        await using var h = await CollectionHarness.StartAsync(provider);
        h.Current = Reporter;
        var ct = await h.Service.SubmitAsync(Cmd("ct-440000", 100_000, 4_000), default);
        Assert.True(ct.Succeeded, ct.Problem);
        h.Current = CmReporter;
        var cm = await h.Service.SubmitAsync(Cmd("cm-440000", 150_000, 6_000), default);
        Assert.True(cm.Succeeded, cm.Problem);

        h.Current = Guangdong;
        Assert.True((await h.Service.TransitionAsync(ct.Value, "approve", null, default)).Succeeded);
        Assert.True((await h.Service.TransitionAsync(cm.Value, "approve", null, default)).Succeeded);
        h.Current = Ministry;
        Assert.True((await h.Service.TransitionAsync(ct.Value, "accept", null, default)).Succeeded);
        Assert.True((await h.Service.TransitionAsync(cm.Value, "accept", null, default)).Succeeded);

        // nothing is public before publication
        var ds = DefaultDataSetsAccessor.T5G;
        Assert.Empty(await h.Service.PublishedAsync(ds, Period.OfMonth(2024, 7), default));

        h.Clock.Advance(TimeSpan.FromDays(10));
        var outcome = await h.Service.PublishPeriodAsync("T-5G-M", "2024-07", default);
        Assert.True(outcome.Succeeded, outcome.Problem);
        Assert.Equal(2, outcome.Value!.Reports);
        var published = await h.Service.PublishedAsync(ds, Period.OfMonth(2024, 7), default);
        Assert.Equal(250_000, published.Single(f => f.Element == "5g_base_stations").Value);

        // the province's total is now an observation, published today and final (both branches due in 440000 reported)
        var detail = (await h.Planning.EvaluateAsync(new DateOnly(2024, 8, 20), "440000")).Indicators.Single(i => i.No == 4);
        Assert.Null(detail.Latest?.Value); // no population figure yet: no. 4 cannot be derived
        await using var import = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("indicator,region,period,value,status,published,source\npopulation,440000,2024-07,12706,final,2024-08-10,统计局\n"));
        Assert.True((await h.Planning.ImportCsvAsync(import, "test")).Succeeded);
        var derived = (await h.Planning.EvaluateAsync(new DateOnly(2024, 8, 20), "440000")).Indicators.Single(i => i.No == 4).Latest;
        Assert.Equal(250_000 / 12706.0, derived!.Value, 6);
        Assert.Equal(new DateOnly(2024, 8, 15), derived.Published);
        var before = (await h.Planning.EvaluateAsync(new DateOnly(2024, 8, 14), "440000")).Indicators.Single(i => i.No == 4).Latest;
        Assert.Null(before?.Value); // as of the day before publication the figure did not exist

        Assert.Equal(["report.submit", "report.submit", "report.approve", "report.approve", "report.accept", "report.accept", "report.publish", "report.publish"],
            h.Audit.Where(a => a.Action.StartsWith("report.", StringComparison.Ordinal)).Select(a => a.Action));
        // the figures handed to the plan on publication are audited by Planning, before the reports are marked published
        Assert.Equal("observations.import", h.Audit[6].Action);
        Assert.Null(h.Audit[0].Before);
        Assert.Contains("\"status\":\"Published\"", h.Audit.Last(a => a.Action == "report.publish").After);
    }

    [Theory, DatabaseData]
    public async Task RejectedSubmission_WritesNothing_AndNamesTheRule(DatabaseProvider provider)
    {
        await using var h = await CollectionHarness.StartAsync(provider);
        h.Current = Reporter;
        var r = await h.Service.SubmitAsync(new SubmitCommand("T-5G-M", "ct-440000", "440000", "2024-07",
            [new ReportedValue(0, "mobile_traffic", 10), new ReportedValue(0, "mobile_ipv6_traffic", 11)], None), default);
        Assert.Equal(422, (int)r.Status);
        Assert.Equal(("mobile_ipv6_traffic", "component"), (r.Errors.Single().Field, r.Errors.Single().Rule));
        Assert.Empty(await h.Service.ListAsync("T-5G-M", Period.OfMonth(2024, 7), default));
        Assert.Empty(h.Audit);
    }

    [Theory, DatabaseData]
    public async Task JumpAgainstThePreviousAcceptedPeriod_NeedsExplanation(DatabaseProvider provider)
    {
        await using var h = await CollectionHarness.StartAsync(provider);
        await AcceptAsync(h, Cmd("ct-440000", 100_000, 4_000, "2024-06"));
        h.Current = Reporter;
        var jump = await h.Service.SubmitAsync(Cmd("ct-440000", 160_000, 4_100, "2024-07"), default);
        Assert.Equal("jump", jump.Errors.Single().Rule);
        var explained = await h.Service.SubmitAsync(Cmd("ct-440000", 160_000, 4_100, "2024-07") with { Explanations = new Dictionary<string, string> { ["5g_base_stations"] = "共建共享站点并网" } }, default);
        Assert.True(explained.Succeeded);
    }

    [Theory, DatabaseData]
    public async Task Scope_IsEnforced_ForSubmissionReviewAndReading(DatabaseProvider provider)
    {
        await using var h = await CollectionHarness.StartAsync(provider);
        h.Current = Reporter;
        Assert.Equal(403, (int)(await h.Service.SubmitAsync(Cmd("cm-440000", 1, 1), default)).Status);
        var mine = await h.Service.SubmitAsync(Cmd("ct-440000", 1, 1), default);
        h.Current = Beijing;
        Assert.Equal(404, (int)(await h.Service.TransitionAsync(mine.Value, "approve", null, default)).Status); // not even visible
        Assert.Empty(await h.Service.ListAsync("T-5G-M", Period.OfMonth(2024, 7), default));
        h.Current = CmReporter;
        Assert.Empty(await h.Service.ListAsync("T-5G-M", Period.OfMonth(2024, 7), default));
        h.Current = Guangdong;
        Assert.Single(await h.Service.ListAsync("T-5G-M", Period.OfMonth(2024, 7), default));
        Assert.Equal(403, (int)(await h.Service.PublishPeriodAsync("T-5G-M", "2024-07", default)).Status);
    }

    [Theory, DatabaseData]
    public async Task Correction_AfterPublication_IsARevisedVintage(DatabaseProvider provider)
    {
        await using var h = await CollectionHarness.StartAsync(provider);
        var id = await AcceptAsync(h, Cmd("ct-440000", 100_000, 4_000));
        h.Current = Ministry;
        Assert.True((await h.Service.PublishPeriodAsync("T-5G-M", "2024-07", default)).Succeeded);

        h.Clock.Advance(TimeSpan.FromDays(30));
        h.Current = Reporter;
        Assert.Equal(409, (int)(await h.Service.SubmitAsync(Cmd("ct-440000", 101_000, 4_000), default)).Status); // locked
        Assert.True((await h.Service.SubmitAsync(Cmd("ct-440000", 101_000, 4_000, correction: "漏报1000个站"), default)).Succeeded);
        h.Current = Guangdong;
        await h.Service.TransitionAsync(id, "approve", null, default);
        h.Current = Ministry;
        await h.Service.TransitionAsync(id, "accept", null, default);
        h.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True((await h.Service.PublishPeriodAsync("T-5G-M", "2024-07", default)).Succeeded);

        // the plan sees the first figure until the correction's publication day, the revised one after
        await using var import = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("indicator,region,period,value,status,published,source\npopulation,440000,2024-07,10000,final,2024-08-01,统计局\n"));
        Assert.True((await h.Planning.ImportCsvAsync(import, "test")).Succeeded);
        double? Stations(DateOnly asOf) => h.Planning.EvaluateAsync(asOf, "440000").Result.Indicators.Single(i => i.No == 4).Latest?.Value;
        Assert.Equal(10.0, Stations(new DateOnly(2024, 9, 1))!.Value, 9);
        Assert.Equal(10.1, Stations(new DateOnly(2024, 9, 10))!.Value, 9);
        var report = (await h.Service.ListAsync("T-5G-M", Period.OfMonth(2024, 7), default)).Single();
        Assert.Equal(2, report.Version);
        Assert.Equal(ReportStatus.Published, report.Status);
    }

    [Theory, DatabaseData]
    public async Task Timeliness_ListsMissingAndLateUnits(DatabaseProvider provider)
    {
        await using var h = await CollectionHarness.StartAsync(provider);
        h.Current = Reporter;
        await h.Service.SubmitAsync(Cmd("ct-440000", 1, 1), default);
        h.Clock.Advance(TimeSpan.FromDays(10)); // past 10 August
        h.Current = CmReporter;
        await h.Service.SubmitAsync(Cmd("cm-440000", 1, 1), default);
        h.Current = Ministry;
        var rows = await h.Service.TimelinessAsync(DefaultDataSetsAccessor.T5G, Period.OfMonth(2024, 7), default);
        Assert.Equal([("cm-440000", true, true), ("ct-110000", false, false), ("ct-440000", true, false)],
            rows.OrderBy(r => r.UnitId).Select(r => (r.UnitId, r.Reported, r.Late)));
        h.Current = Guangdong;
        Assert.Equal(2, (await h.Service.TimelinessAsync(DefaultDataSetsAccessor.T5G, Period.OfMonth(2024, 7), default)).Count); // its own region only
    }

    private static async Task<Guid> AcceptAsync(CollectionHarness h, SubmitCommand cmd)
    {
        h.Current = Reporter;
        var r = await h.Service.SubmitAsync(cmd, default);
        Assert.True(r.Succeeded, r.Problem + string.Join(";", r.Errors.Select(e => e.Message)));
        h.Current = Guangdong;
        Assert.True((await h.Service.TransitionAsync(r.Value, "approve", null, default)).Succeeded);
        h.Current = Ministry;
        Assert.True((await h.Service.TransitionAsync(r.Value, "accept", null, default)).Succeeded);
        return r.Value;
    }
}

internal static class DefaultDataSetsAccessor
{
    public static DataSet T5G => Data.DefaultDataSets.All.Single(d => d.Code == "T-5G-M");
}
