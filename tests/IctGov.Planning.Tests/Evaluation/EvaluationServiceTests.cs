using IctGov.Kernel;
using IctGov.Planning.Evaluation;
using IctGov.Testing;

namespace IctGov.Planning.Tests.Evaluation;

/// <summary>Evaluation through the database: vintages, derivation, aggregation, regional targets, versions.</summary>
public class EvaluationServiceTests
{
    private const string Header = "indicator,region,period,value,status,published,source\n";

    private static async Task<IndicatorEvaluation> EvalAsync(PlanningHarness h, int no, string asOf, string region = Region.NationalCode, string? version = null)
    {
        var report = await h.Get<EvaluationService>().EvaluateAsync(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), region, version, default);
        return report.Indicators.Single(i => i.No == no).Evaluation;
    }

    /// <summary>01:00 on 2 June in Beijing is still 1 June in UTC: "today" (the default as-of date) is Beijing's.</summary>
    [Fact]
    public async Task Today_IsTheDateInBeijing_NotInUtc()
    {
        await using var h = await PlanningHarness.StartAsync(DatabaseProvider.Sqlite, new DateTimeOffset(2026, 6, 1, 17, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 6, 2), h.Planning.Today);
        // A figure published "today" in Beijing is accepted, not refused as published in the future.
        Assert.True((await h.ImportAsync(Header + "14,100000,2025,40000,provisional,2026-06-02,公报\n")).Succeeded);
    }

    [Theory, DatabaseData]
    public async Task Evaluate_AsOfADate_UsesOnlyFiguresPublishedByThen(DatabaseProvider provider)
    {
        await using var h = await PlanningHarness.StartAsync(provider);
        Assert.True((await h.ImportAsync(Header +
            "14,100000,2021,3456,final,2022-01-25,公报\n" +
            "14,100000,2022,9175,final,2023-01-19,公报\n" +
            "14,100000,2022,9200,revised,2023-06-30,公报修订\n")).Succeeded);

        var early = await EvalAsync(h, 14, "2022-06-30");
        Assert.Equal(3456, early.LatestValue);
        Assert.Equal("2021", early.LatestPeriod);

        var mid = await EvalAsync(h, 14, "2023-02-01");
        Assert.Equal(9175, mid.LatestValue);       // the first vintage of 2022

        var late = await EvalAsync(h, 14, "2023-07-01");
        Assert.Equal(9200, late.LatestValue);      // the revision supersedes it
        Assert.Equal(new DateOnly(2023, 6, 30), late.LatestPublished);

        var before = await EvalAsync(h, 14, "2021-12-31");
        Assert.Equal(EvaluationStatus.NoData, before.Status);
    }

    [Theory, DatabaseData]
    public async Task Evaluate_RatioIndicator_IsDerivedFromItsComponents(DatabaseProvider provider)
    {
        await using var h = await PlanningHarness.StartAsync(provider);
        // no. 4 = 5G base stations ÷ population (万人)
        Assert.True((await h.ImportAsync(Header +
            "5g_base_stations,100000,2023,3377000,final,2024-01-20,公报\n" +
            "population,100000,2023,140967,final,2024-01-17,国家统计局\n")).Succeeded);
        var e = await EvalAsync(h, 4, "2024-02-01");
        Assert.Equal(3377000 / 140967.0, e.LatestValue!.Value, 9);
        Assert.Equal("derived", e.LatestOrigin);
        Assert.Equal(new DateOnly(2024, 1, 20), e.LatestPublished); // the later of its components
    }

    [Theory, DatabaseData]
    public async Task Evaluate_National_AggregatesProvincesExactly_OnlyWhenAll31Reported(DatabaseProvider provider)
    {
        await using var h = await PlanningHarness.StartAsync(provider);
        var sb = new System.Text.StringBuilder(Header);
        var k = 0;
        foreach (var p in Regions.Provinces)
        {
            k++;
            // no. 13 derived nationally from summed components; no. 5 summed directly
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"5g_terminal_connections,{p.Code},2023,{1000 + k},final,2024-02-01,{p.NameZh}\n");
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"population,{p.Code},2023,{2000 + k},final,2024-02-01,{p.NameZh}\n");
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"5,{p.Code},2023,{10 + k},final,2024-02-01,{p.NameZh}\n");
            if (k < 31)
            {
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"5,{p.Code},2024,{20 + k},final,2025-02-01,{p.NameZh}\n"); // one province missing for 2024
            }
        }
        Assert.True((await h.ImportAsync(sb.ToString())).Succeeded);
        var sumConn = Enumerable.Range(1, 31).Sum(i => 1000.0 + i);
        var sumPop = Enumerable.Range(1, 31).Sum(i => 2000.0 + i);

        var thirteen = await EvalAsync(h, 13, "2025-06-01");
        Assert.Equal(sumConn / sumPop * 100, thirteen.LatestValue!.Value, 9);
        Assert.Equal("aggregated", thirteen.LatestOrigin);

        var five = await EvalAsync(h, 5, "2025-06-01");
        Assert.Equal("2023", five.LatestPeriod);          // 2024 is incomplete, so it is not summed
        Assert.Equal(Enumerable.Range(1, 31).Sum(i => 10.0 + i), five.LatestValue!.Value, 9);

        // a published national figure wins over the sum
        Assert.True((await h.ImportAsync(Header + "5,100000,2023,999,final,2024-03-01,公报\n")).Succeeded);
        Assert.Equal(999, (await EvalAsync(h, 5, "2025-06-01")).LatestValue);
    }

    [Theory, DatabaseData]
    public async Task Evaluate_Province_HasBenchmarkOrShareTargets(DatabaseProvider provider)
    {
        await using var h = await PlanningHarness.StartAsync(provider);
        Assert.True((await h.ImportAsync(Header +
            "13,440000,2020,20,final,2021-02-01,广东\n13,440000,2023,50,final,2024-02-01,广东\n" +
            "14,440000,2020,64,final,2021-02-01,广东\n14,440000,2023,400,final,2024-02-01,广东\n" +
            "14,110000,2023,400,final,2024-02-01,北京\n")).Succeeded);

        var ratio = await EvalAsync(h, 13, "2024-06-01", "440000");
        Assert.Equal("national-benchmark", ratio.TargetSource);
        Assert.Equal(56, ratio.Target);
        Assert.Equal(20, ratio.Baseline);

        var count = await EvalAsync(h, 14, "2024-06-01", "440000");
        Assert.Equal("derived-share", count.TargetSource);
        Assert.Equal(64 * 6000 / 640.0, count.Target!.Value, 9); // its 2020 share of the national 640 → same share of 6000
        Assert.Equal(EvaluationStatus.OnTrack, count.Status); // 64 → 400 in three years projects far past 600

        var noBase = await EvalAsync(h, 14, "2024-06-01", "110000");
        Assert.Equal(EvaluationStatus.NoData, noBase.Status); // no 2020 value: no share, no target
        Assert.Equal("no target for this region", noBase.Note);
    }

    [Theory, DatabaseData]
    public async Task Evaluate_BindingIndicatorProjectedToMiss_RaisesAlert(DatabaseProvider provider)
    {
        await using var h = await PlanningHarness.StartAsync(provider);
        Assert.True((await h.ImportAsync(Header +
            "19,100000,2021,81.2,final,2022-03-01,调查\n19,100000,2022,81.0,final,2023-03-01,调查\n19,100000,2023,80.8,final,2024-03-01,调查\n" +
            "20,100000,2021,85,final,2022-03-01,统计\n20,100000,2022,88,final,2023-03-01,统计\n20,100000,2023,91,final,2024-03-01,统计\n")).Succeeded);
        var report = await h.Get<EvaluationService>().EvaluateAsync(new DateOnly(2024, 6, 1), Region.NationalCode, null, default);
        Assert.Equal([19], report.BindingAlerts.Select(a => a.No));
        Assert.Equal(EvaluationStatus.Achieved, report.Indicators.Single(i => i.No == 20).Evaluation.Status);
    }

    [Theory, DatabaseData]
    public async Task Snapshot_KeepsTheAnswerGiven_AfterRevision(DatabaseProvider provider)
    {
        await using var h = await PlanningHarness.StartAsync(provider);
        Assert.True((await h.ImportAsync(Header + "7,100000,2023,120,final,2024-01-10,联盟\n")).Succeeded);
        var id = await h.Planning.FreezeAsync(new DateOnly(2024, 6, 1), Region.NationalCode, null, "mid-term");
        Assert.True((await h.ImportAsync(Header + "7,100000,2023,130,revised,2024-02-10,联盟修订\n")).Succeeded);
        var stored = h.Db.EvaluationSnapshots.Single(s => s.Id == id);
        Assert.Contains("\"value\": 120", stored.Json);
        Assert.Equal("2021-original", stored.PlanVersionCode);
        var now = await EvalAsync(h, 7, "2024-06-01");
        Assert.Equal(130, now.LatestValue);
    }

    [Theory, DatabaseData]
    public async Task Migrate_IsIdempotent_AndSeedsTheCatalogueOnce(DatabaseProvider provider)
    {
        await using var h = await PlanningHarness.StartAsync(provider);
        await h.Get<IctGov.Planning.Catalogue.CatalogueSeeder>().MigrateAndSeedAsync();
        Assert.Equal(20, h.Db.Indicators.Count());
        Assert.Equal(20, h.Db.IndicatorTargets.Count());
        Assert.Single(h.Db.PlanVersions);
        Assert.True(h.Db.ProjectTargets.Count() >= 20);
    }
}
