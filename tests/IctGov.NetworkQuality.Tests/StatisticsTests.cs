using System.Globalization;
using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Domain;

namespace IctGov.NetworkQuality.Tests;

public class StatisticsTests
{
    private static void Near(double? expected, object? actual, double tolerance = 1e-9)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }
        Assert.NotNull(actual);
        Assert.InRange(Convert.ToDouble(actual, CultureInfo.InvariantCulture), expected.Value - tolerance, expected.Value + tolerance);
    }

    private static void AssertRow(List<M> group, Dictionary<string, object?> row, NetqOptions options)
    {
        Assert.Equal((long)group.Count, Convert.ToInt64(row["count"], CultureInfo.InvariantCulture));
        Near(Reference.Mean(group.Select(m => m.Dl)), row["dl_mean"]);
        Near(Reference.PercentileCont(group.Select(m => m.Dl), 0.05), row["dl_p5"]);
        Near(Reference.PercentileCont(group.Select(m => m.Dl), 0.5), row["dl_p50"]);
        Near(Reference.PercentileCont(group.Select(m => m.Ul), 0.05), row["ul_p5"]);
        Near(Reference.PercentileCont(group.Select(m => m.Ul), 0.5), row["ul_p50"]);
        Near(Reference.PercentileCont(group.Select(m => m.Latency), 0.5), row["latency_p50"]);
        Near(Reference.PercentileCont(group.Select(m => m.Latency), 0.95), row["latency_p95"]);
        Near(Reference.Mean(group.Select(m => m.Loss)), row["loss_mean"]);
        Near(Reference.Share(group, options), row["share_meeting_bar"]);
    }

    [Fact]
    public async Task Summary_GroupsByProvinceAndOperator_MatchesIndependentComputation()
    {
        using var s = new TestStore();
        var data = TestData.Random(3000, 1);
        await s.ImportAsync(data);
        var rows = await s.SummaryAsync("province,operator");
        var expected = data.GroupBy(m => (m.Province, m.Operator)).OrderBy(g => g.Key.Province, StringComparer.Ordinal).ThenBy(g => g.Key.Operator, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expected[i].Key.Province, rows[i]["province"]);
            Assert.Equal(expected[i].Key.Operator, rows[i]["operator"]);
            AssertRow([.. expected[i]], rows[i], s.Options);
        }
    }

    [Theory]
    [InlineData("technology")]
    [InlineData("hour")]
    [InlineData("day")]
    [InlineData("week")]
    [InlineData("month")]
    [InlineData("segment,source")]
    [InlineData("city")]
    public async Task Summary_EveryGrouping_MatchesIndependentComputation(string groupBy)
    {
        using var s = new TestStore();
        var data = TestData.Random(1500, 2);
        await s.ImportAsync(data);
        var rows = await s.SummaryAsync(groupBy, new() { From = "2026-03-03", To = "2026-03-20" });
        var kept = data.Where(m => m.LocalDate >= new DateOnly(2026, 3, 3) && m.LocalDate <= new DateOnly(2026, 3, 20)).ToList();
        string Key(M m) => string.Join("|", groupBy.Split(',').Select(g => g switch
        {
            "technology" => m.Technology,
            "hour" => m.LocalHour.ToString(CultureInfo.InvariantCulture),
            "day" => m.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "week" => m.LocalDate.AddDays(-(((int)m.LocalDate.DayOfWeek + 6) % 7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "month" => new DateOnly(m.LocalDate.Year, m.LocalDate.Month, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "segment" => m.Segment,
            "source" => m.Source,
            _ => m.City,
        }));
        var expected = kept.GroupBy(Key).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(expected.Count, rows.Count);
        foreach (var row in rows)
        {
            var key = string.Join("|", groupBy.Split(',').Select(g => Convert.ToString(row[g], CultureInfo.InvariantCulture)));
            AssertRow(expected[key], row, s.Options);
        }
    }

    [Fact]
    public async Task Summary_SingleTest_EveryPercentileIsThatTest()
    {
        using var s = new TestStore();
        await s.ImportAsync([TestData.One("only", 123.5, 7.25, latency: 33)]);
        var row = Assert.Single(await s.SummaryAsync("province"));
        Assert.Equal(1L, Convert.ToInt64(row["count"], CultureInfo.InvariantCulture));
        foreach (var k in new[] { "dl_p5", "dl_p50", "dl_mean" }) Near(123.5, row[k]);
        foreach (var k in new[] { "ul_p5", "ul_p50" }) Near(7.25, row[k]);
        Near(33, row["latency_p50"]);
        Near(33, row["latency_p95"]);
        Near(1.0, row["share_meeting_bar"]);
    }

    [Fact]
    public async Task Summary_TiesAtThePercentile_InterpolateBetweenEqualValues()
    {
        using var s = new TestStore();
        // 21 tests: p5 sits at position 1 of 0..20, inside a run of equal values; p50 at 10, where a tie meets a jump.
        double[] dl = [5, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 200, 200, 200, 200, 200, 200, 200, 200, 200, 300];
        await s.ImportAsync(dl.Select((v, i) => TestData.One($"t{i}", v, 5)));
        var row = Assert.Single(await s.SummaryAsync("operator"));
        Near(Reference.PercentileCont(dl.Select(v => (double?)v), 0.05), row["dl_p5"]);
        Near(50, row["dl_p5"]);
        Near(50, row["dl_p50"]);
        // All uploads are exactly 5 Mbps (≥ meets); only the ten tests at 200 and 300 Mbps reach 100 down.
        Near(10.0 / 21, row["share_meeting_bar"]);
    }

    [Fact]
    public async Task Summary_EmptySelection_GivesNoGroupsAndAZeroOverallRow()
    {
        using var s = new TestStore();
        await s.ImportAsync(TestData.Random(50, 3));
        Assert.Empty(await s.SummaryAsync("province", new() { Technology = "5g-sa", From = "2027-01-01" }));
        var overall = Assert.Single(await s.SummaryAsync("", new() { From = "2027-01-01" }));
        Assert.Equal(0L, Convert.ToInt64(overall["count"], CultureInfo.InvariantCulture));
        Assert.Null(overall["dl_p5"]);
        Assert.Null(overall["share_meeting_bar"]);
    }

    [Fact]
    public async Task Summary_GroupWithoutUploadsOrBar_HasNullUploadPercentilesAndShare()
    {
        using var s = new TestStore();
        await s.ImportAsync([TestData.One("a", 80, null, technology: "4g"), TestData.One("b", 90, null, technology: "4g")]);
        var row = Assert.Single(await s.SummaryAsync("technology"));
        Assert.Null(row["ul_p5"]);
        Assert.Null(row["share_meeting_bar"]);
        Near(80.5, row["dl_p5"]);
    }

    [Fact]
    public async Task Summary_ConfiguredBar_AppliesPerTechnology()
    {
        var options = new NetqOptions { Bars = new() { ["ftth-gpon"] = new Bar(500, 50) } };
        using var s = new TestStore(options);
        await s.ImportAsync([TestData.One("a", 600, 60, technology: "ftth-gpon"), TestData.One("b", 600, 40, technology: "ftth-gpon"), TestData.One("c", 50, 1, technology: "5g-sa")]);
        var rows = await s.SummaryAsync("technology");
        Near(0.5, rows.Single(r => (string?)r["technology"] == "ftth-gpon")["share_meeting_bar"]);
        Assert.Null(rows.Single(r => (string?)r["technology"] == "5g-sa")["share_meeting_bar"]);
    }

    [Fact]
    public async Task LocalHourAndDate_AreBeijingTime()
    {
        using var s = new TestStore();
        await s.ImportAsync([TestData.One("late", 100, 10, time: new DateTime(2026, 3, 1, 16, 30, 0, DateTimeKind.Utc))]);
        var row = Assert.Single(await s.SummaryAsync("day,hour"));
        Assert.Equal("2026-03-02", row["day"]);
        Assert.Equal(0, row["hour"]);
    }
}

public class SummarySqlTests
{
    [Fact]
    public async Task SummarySql_RunDirectly_GivesTheSameRowsAsTheParameterisedQuery()
    {
        using var s = new TestStore();
        await s.ImportAsync(TestData.Random(800, 21));
        var service = s.Service();
        var filter = new NetqFilterText { From = "2026-03-02", To = "2026-03-22", Technology = "5g-sa", Operator = "ct" };
        var sql = service.SummarySql(TestData.Query("province,week", filter));
        Assert.DoesNotContain("$", sql, StringComparison.Ordinal);
        var expected = await s.SummaryAsync("province,week", filter);
        await using var c = await s.Store.OpenAsync(default);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = await cmd.ExecuteReaderAsync();
        var n = 0;
        while (await r.ReadAsync())
        {
            for (var i = 0; i < r.FieldCount; i++)
            {
                Assert.Equal(expected[n][r.GetName(i)], r.IsDBNull(i) ? null : IctGov.NetworkQuality.Features.Analytics.KeyValue(r.GetValue(i)));
            }
            n++;
        }
        Assert.Equal(expected.Count, n);
        Assert.True(n > 0);
        var bad = new Dictionary<string, string[]>();
        Assert.Null(new NetqSummaryText { GroupBy = "planet" }.ToQuery(bad));
        Assert.True(bad.ContainsKey("groupBy"));
    }
}
