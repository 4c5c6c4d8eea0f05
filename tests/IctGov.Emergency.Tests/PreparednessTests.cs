using IctGov.Emergency.Contracts;
using IctGov.Emergency.Features;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using static IctGov.Emergency.Tests.IncidentTests;

namespace IctGov.Emergency.Tests;

/// <summary>Stockpiles, drills and training between incidents, on a real database of each engine; today is 2026-08-01 in Beijing.</summary>
public class PreparednessTests
{
    [Theory, DatabaseData]
    public async Task Stockpiles_CountedAgainstTheirMinimums_KeptByTheirOwner(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider);
        var saved = await h.WithAsync<PreparednessService, Outcome<StockpileView>>(s => s.SaveStockpileAsync(MobileGuangdong, new StockpileRequest(
            "CM-GD-S1", "移动广东湛江储备库", "cm-440000", "440000", "湛江市霞山区", 110.36, 21.27, new DateOnly(2026, 7, 30),
            [new("fuel_litre", 500, 1000), new("optical_cable_km", 20.5m, 10), new("satellite_phone", 12, null)])));
        Assert.True(saved.Succeeded, saved.Problem);
        Assert.Equal([("fuel_litre", true), ("optical_cable_km", false), ("satellite_phone", false)],
            saved.Value!.Items.Select(i => (i.Item, i.BelowMinimum)));

        // A new count replaces the old one: the fuel is topped up and the cable item is gone.
        var recount = await h.WithAsync<PreparednessService, Outcome<StockpileView>>(s => s.SaveStockpileAsync(Guangdong, new StockpileRequest(
            "CM-GD-S1", "移动广东湛江储备库", "cm-440000", "440000", null, null, null, null, [new("fuel_litre", 1200, 1000)])));
        Assert.True(recount.Succeeded, recount.Problem);
        Assert.Equal([("fuel_litre", 1200m, false)], recount.Value!.Items.Select(i => (i.Item, i.Quantity, i.BelowMinimum)));
        Assert.Equal(new DateOnly(2026, 8, 1), recount.Value.CheckedOn);

        // Another operator may not touch it; bad rows are named and nothing is written.
        Assert.Equal(OutcomeStatus.Forbidden, (await h.WithAsync<PreparednessService, Outcome<StockpileView>>(s => s.SaveStockpileAsync(Telecom,
            new StockpileRequest("CM-GD-S1", "x", "cm-440000", "440000", null, null, null, null, [])))).Status);
        var bad = await h.WithAsync<PreparednessService, Outcome<StockpileView>>(s => s.SaveStockpileAsync(MobileGuangdong, new StockpileRequest(
            "CM-GD-S2", "y", "cm-440000", "440000", null, null, null, new DateOnly(2026, 8, 2),
            [new("fuel_litre", 1, 0), new("fuel_litre", 2, 0), new("unicorn", -1, -5)])));
        Assert.Equal([("checkedOn", 0L), ("item", 1L), ("item", 2L), ("item", 3L), ("quantity", 3L), ("minimum", 3L)], bad.Errors.Select(e => (e.Field, e.Row)));
        Assert.Single(await h.WithAsync<PreparednessService, IReadOnlyList<StockpileView>>(s => s.StockpilesAsync(Mobile)));
        Assert.Empty(await h.WithAsync<PreparednessService, IReadOnlyList<StockpileView>>(s => s.StockpilesAsync(Guangxi)));
        Assert.Empty(await h.WithAsync<PreparednessService, IReadOnlyList<StockpileView>>(s => s.StockpilesAsync(Telecom)));
    }

    [Theory, DatabaseData]
    public async Task Drills_KeepEachPlanWithinThreeYears_TrainingRenewsQualifications(DatabaseProvider provider)
    {
        await using var h = await StartAsync(provider);
        // A plan adopted in 2023 and never drilled is overdue on 2026-01-02; one adopted today is due in 2029.
        Assert.True((await h.WithAsync<ResourceService, Outcome<PlanView>>(s => s.SavePlanAsync(Guangdong, new PlanRequest("GD-2023", "provincial", "prov-440000", "440000",
            "广东省通信保障应急预案", new DateOnly(2023, 1, 1), [new(2, "省局启动Ⅱ级响应", "operators", 120), new(4, "省局启动Ⅳ级响应", "operators", 1440)])))).Succeeded);
        Assert.True((await h.WithAsync<ResourceService, Outcome<PlanView>>(s => s.SavePlanAsync(Ministry, new PlanRequest("NAT-2026", "national", "ministry", null,
            "国家通信保障应急预案", null, [new(1, "部启动Ⅰ级响应", "operators", 60)])))).Succeeded);
        var status = await h.WithAsync<PreparednessService, IReadOnlyList<PlanDrillStatus>>(s => s.DrillStatusAsync());
        Assert.Equal([("GD-2023", null, new DateOnly(2026, 1, 1), true), ("NAT-2026", null, new DateOnly(2029, 8, 1), false)],
            status.Select(p => (p.PlanCode, p.LastDrill, p.Due, p.Overdue)));

        Assert.True((await h.WithAsync<ResourceService, Outcome<TeamView>>(s => s.SaveTeamAsync(MobileGuangdong, new TeamRequest("CM-GD-01", "移动广东应急一队",
            "cm-440000", "440000", "广州", [new("王工", "通信工程师", new DateOnly(2026, 7, 1)), new("李工", "无人机驾驶员", new DateOnly(2026, 8, 20))])))).Succeeded);

        // Bad drills are named: a level the plan does not define, an unknown team, a day to come, nobody there.
        var bad = await h.WithAsync<PreparednessService, Outcome<DrillView>>(s => s.RecordDrillAsync(Guangdong, new DrillRequest("D-1", "台风演练", "live",
            "GD-2023", 3, "prov-440000", "440000", new DateOnly(2026, 8, 2), ["CM-GD-01", "NOPE"], 0, null)));
        Assert.Equal(["held", "participants", "level", "teams"], bad.Errors.Select(e => e.Field));
        Assert.Equal(OutcomeStatus.Forbidden, (await h.WithAsync<PreparednessService, Outcome<DrillView>>(s => s.RecordDrillAsync(Guangxi, new DrillRequest("D-1",
            "台风演练", "live", "GD-2023", 2, "prov-440000", "440000", new DateOnly(2026, 7, 15), ["CM-GD-01"], 80, null)))).Status);
        var drill = await h.WithAsync<PreparednessService, Outcome<DrillView>>(s => s.RecordDrillAsync(Guangdong, new DrillRequest("D-1", "2026年防台风实战演练",
            "live", "GD-2023", 2, "prov-440000", "440000", new DateOnly(2026, 7, 15), ["CM-GD-01"], 80, "油机调度慢")));
        Assert.True(drill.Succeeded, drill.Problem);
        status = await h.WithAsync<PreparednessService, IReadOnlyList<PlanDrillStatus>>(s => s.DrillStatusAsync());
        Assert.Equal((new DateOnly(2026, 7, 15), new DateOnly(2029, 7, 15), false), status.Where(p => p.PlanCode == "GD-2023").Select(p => (p.LastDrill, p.Due, p.Overdue)).Single());
        Assert.Single(await h.WithAsync<PreparednessService, IReadOnlyList<DrillView>>(s => s.DrillsAsync(Ministry)));
        Assert.Empty(await h.WithAsync<PreparednessService, IReadOnlyList<DrillView>>(s => s.DrillsAsync(Guangxi)));

        // 王工's expired qualification is renewed by a training; a resend is the same record; a course
        // shorter than nothing, a member not in the team and a renewal before the course are named.
        var training = new TrainingRequest("CM-GD-01", "王工", "通信工程师继续教育", new DateOnly(2026, 7, 20), 24, new DateOnly(2029, 7, 20));
        Assert.True((await h.WithAsync<PreparednessService, Outcome<TrainingView>>(s => s.RecordTrainingAsync(MobileGuangdong, training))).Succeeded);
        Assert.True((await h.WithAsync<PreparednessService, Outcome<TrainingView>>(s => s.RecordTrainingAsync(MobileGuangdong, training))).Succeeded);
        Assert.Single(await h.WithAsync<PreparednessService, IReadOnlyList<TrainingView>>(s => s.TrainingAsync(Mobile)));
        var team = (await h.WithAsync<ResourceService, IReadOnlyList<TeamView>>(s => s.TeamsAsync(MobileGuangdong))).Single();
        Assert.Equal([("李工", false, true), ("王工", false, false)], team.Members.Select(m => (m.Name, m.Expired, m.ExpiresSoon)).OrderBy(x => x.Name, StringComparer.Ordinal));
        var badTraining = await h.WithAsync<PreparednessService, Outcome<TrainingView>>(s => s.RecordTrainingAsync(MobileGuangdong,
            new TrainingRequest("CM-GD-01", "张工", "x", new DateOnly(2026, 7, 20), 0, new DateOnly(2026, 7, 1))));
        Assert.Equal(["hours", "renewedUntil", "member"], badTraining.Errors.Select(e => e.Field));
        Assert.Equal(OutcomeStatus.Forbidden, (await h.WithAsync<PreparednessService, Outcome<TrainingView>>(s => s.RecordTrainingAsync(Telecom, training))).Status);
    }
}
