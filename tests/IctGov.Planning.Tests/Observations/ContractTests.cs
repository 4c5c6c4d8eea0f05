using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Planning.Contracts;
using IctGov.Testing;

namespace IctGov.Planning.Tests.Observations;

/// <summary>What other modules rely on: recording figures and reading the catalogue.</summary>
public class ContractTests
{
    [Theory, DatabaseData]
    public async Task Recorder_AppliesTheImportRules_AllOrNothing(DatabaseProvider provider)
    {
        await using var h = await PlanningHarness.StartAsync(provider);
        var recorder = h.Get<IObservationRecorder>();
        var bad = await recorder.RecordAsync(
            [new("5g_base_stations", "440000", "2024-07", 1000, "final", new DateOnly(2024, 8, 20), "T-5G-M ct-440000"),
             new("5g_base_stations", "999999", "2024-07", 1000, "final", new DateOnly(2024, 8, 20), "x")], "collection");
        Assert.Equal(OutcomeStatus.Unprocessable, bad.Status);
        var error = Assert.Single(bad.Errors);
        Assert.Equal((2L, "region"), (error.Row, error.Field));
        Assert.Equal(0, h.Db.Observations.Count());

        var ok = await recorder.RecordAsync(
            [new("5g_base_stations", "440000", "2024-07", 1000, "final", new DateOnly(2024, 8, 20), "T-5G-M ct-440000")], "collection");
        Assert.Equal(1, ok.Value!.Inserted);
        var again = await recorder.RecordAsync(
            [new("5g_base_stations", "440000", "2024-07", 1000, "final", new DateOnly(2024, 8, 20), "T-5G-M ct-440000")], "collection");
        Assert.Equal((0, 1), (again.Value!.Inserted, again.Value.Skipped));
    }

    [Theory, DatabaseData]
    public async Task CatalogueReader_ListsIndicatorsAndElements_WithTheirSpan(DatabaseProvider provider)
    {
        await using var h = await PlanningHarness.StartAsync(provider);
        Assert.True((await h.ImportAsync("indicator,region,period,value,status,published,source\n" +
            "4,100000,2022,16,final,2023-02-01,s\n4,100000,2024-Q2,28,final,2024-08-01,s\n4,100000,2023,24,final,2024-02-01,s\n")).Succeeded);
        var entries = await h.Get<ICatalogueReader>().ListAsync();
        Assert.Equal(20, entries.Count(e => e.Kind == "indicator"));
        Assert.Contains(entries, e => e.Kind == "element" && e.Key == "population");
        var four = entries.Single(e => e.Kind == "indicator" && e.Key == "4");
        Assert.Equal(("2022", "2024-Q2", 3), (four.FirstPeriod, four.LastPeriod, four.Observations));
        Assert.Equal("5g_base_stations ÷ population × 1", four.Formula);
    }
}
