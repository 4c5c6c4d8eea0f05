using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IctGov.Kernel;
using IctGov.Planning.Contracts;
using IctGov.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Tests.Api;

/// <summary>A new installation starts with the plan's real 2021–2025 record (plan/published-2021-2025.csv).</summary>
public class PublishedRecordTests
{
    private static readonly string ShippedFile = Path.Combine(Repository.Root, "plan", "published-2021-2025.csv");

    /// <summary>The file's rows (indicator, period, status, source), read here with no help from the platform.</summary>
    private static List<(string Subject, string Period, string Status, string Source)> ShippedRows() =>
        File.ReadLines(ShippedFile).Skip(1).Select(line => line.Split(',', 7)).Select(f => (f[0], f[2], f[4], f[6])).ToList();

    [Fact]
    public void ShippedFile_MarksEveryDerivedFigure_AndNamesASourceForEach()
    {
        var rows = ShippedRows();
        Assert.NotEmpty(rows);
        // Derived figures (推算) are the platform's estimates, not published figures: status estimated, and the reverse.
        Assert.All(rows, r => Assert.Equal(r.Source.StartsWith("推算", StringComparison.Ordinal), r.Status == "estimated"));
        Assert.All(rows, r => Assert.True(r.Source.Length is > 4 and <= 200, r.Source));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task FreshInstallation_EvaluatesThePublishedRecord_LoadedOnceAndAudited(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider, null, "--Planning:PublishedRecord:Load=true");
        var now = await server.Http.GetFromJsonAsync<JsonObject>("/api/v1/evaluation?asOf=2026-06-01&region=100000");
        JsonNode Indicator(JsonObject doc, int no) => doc["indicators"]!.AsArray().Single(i => (int)i!["no"]! == no)!;
        var gigabit = Indicator(now!, 14);
        Assert.Equal((23800.0, "2025", "2026-01-28"), ((double)gigabit["latest"]!["value"]!, (string)gigabit["latest"]!["period"]!, (string)gigabit["latest"]!["published"]!));
        Assert.Equal("achieved", (string)gigabit["status"]!);
        Assert.Equal("no_data", (string)Indicator(now!, 19)["status"]!);

        // After 2025 the document says the plan period is over and which indicators lack a figure for its end.
        var withFinal = ShippedRows().Where(r => r.Period is "2025" or "2025-12" && int.TryParse(r.Subject, out _)).Select(r => int.Parse(r.Subject, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.True((bool)now!["planPeriodEnded"]!);
        Assert.Equal(Enumerable.Range(1, 20).Where(n => !withFinal.Contains(n)), now["missingFinalFigures"]!.AsArray().Select(n => (int)n!));

        // As of mid-2024 only what was published by then counts: 2023's gigabit figure came out in March 2024.
        var then = await server.Http.GetFromJsonAsync<JsonObject>("/api/v1/evaluation?asOf=2024-06-30&region=100000");
        Assert.Equal((16370.0, "2023"), ((double)Indicator(then!, 14)["latest"]!["value"]!, (string)Indicator(then!, 14)["latest"]!["period"]!));
        Assert.False((bool)then!["planPeriodEnded"]!);
        Assert.Empty(then["missingFinalFigures"]!.AsArray());

        // A restart finds observations and loads nothing more; the one load is in the audit log.
        async Task<int> ObservationsAsync()
        {
            await using var scope = server.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<ICatalogueReader>().ListAsync()).Sum(c => c.Observations);
        }
        var loaded = await ObservationsAsync();
        Assert.Equal(ShippedRows().Count, loaded);
        await server.Services.InitializePlatformAsync();
        Assert.Equal(loaded, await ObservationsAsync());
        var audit = await server.Admin.GetFromJsonAsync<JsonArray>("/api/v1/audit?take=1000");
        Assert.Single(audit!, e => (string)e!["action"]! == "observations.import");
    }
}
