using System.Globalization;
using DuckDB.NET.Data;
using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Domain;
using IctGov.NetworkQuality.Features;

namespace IctGov.NetworkQuality.Tests;

public class RollupTests
{
    private static NetqQuery Query(string groupBy, NetqFilterText? filter = null) => TestData.Query(groupBy, filter);

    [Theory]
    [InlineData("province")]
    [InlineData("city")]
    [InlineData("operator")]
    public async Task Rollups_AfterSeveralImports_AgreeWithRawRows(string by)
    {
        using var s = new TestStore();
        var data = TestData.Random(2400, 5);
        // Three imports for the same hours: partial roll-ups add up.
        await s.ImportAsync(data.Take(800));
        await s.ImportAsync(data.Skip(800).Take(800));
        await s.ImportAsync(data.Skip(1600));
        var rows = await s.Analytics.FromRollupsAsync(Query(by), default);
        Func<M, string> key = by switch { "province" => m => m.Province, "city" => m => m.City, _ => m => m.Operator };
        var expected = data.GroupBy(key).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(expected.Count, rows.Count);
        foreach (var row in rows)
        {
            var g = expected[(string)row.Keys[by]!];
            Assert.Equal(g.Count, row.Count);
            Assert.Equal(Reference.Mean(g.Select(m => m.Dl))!.Value, row.DlMean!.Value, 9);
            Assert.Equal(Reference.Mean(g.Select(m => m.Ul))!.Value, row.UlMean!.Value, 9);
            Assert.Equal(Reference.Share(g, s.Options)!.Value, row.Share!.Value, 12);
            var busy = Reference.Mean(g.Where(m => s.Options.BusyHours.Contains(m.LocalHour)).Select(m => m.Dl));
            var idle = Reference.Mean(g.Where(m => !s.Options.BusyHours.Contains(m.LocalHour)).Select(m => m.Dl));
            Assert.Equal(s.Options.BusyWeight * busy!.Value + (1 - s.Options.BusyWeight) * idle!.Value, row.DlWeighted!.Value, 9);
            // The histogram's p5 is approximate: within one bin of the exact value (the wider of its bin and the next).
            var exact = Reference.PercentileCont(g.Select(m => m.Dl), 0.05)!.Value;
            var bin = RateHistogram.Bin(exact);
            var width = Math.Max(RateHistogram.Range(bin).Width, RateHistogram.Range(bin + 1).Width);
            Assert.InRange(row.DlP5!.Value, exact - width - 1e-9, exact + width + 1e-9);
        }
    }

    [Fact]
    public async Task Rollups_WithASegmentFilter_GiveExactMeansButNoApproximatePercentiles()
    {
        using var s = new TestStore();
        var data = TestData.Random(600, 8);
        await s.ImportAsync(data);
        var row = Assert.Single(await s.Analytics.FromRollupsAsync(Query("province", new() { Segment = "metro", Province = "440000" }), default));
        var g = data.Where(m => m.Segment == "metro" && m.Province == "440000").ToList();
        Assert.Equal(g.Count, row.Count);
        Assert.Equal(Reference.Mean(g.Select(m => m.Dl))!.Value, row.DlMean!.Value, 9);
        Assert.Null(row.DlP5);
    }

    [Fact]
    public async Task RollupTables_MoreTestsInTheSameCells_KeepTheirRowCounts()
    {
        // The same days, hours, groups and rate bins, once with 4 tests per cell and once with 40:
        // the roll-up tables must hold one row per cell (and bin), not one per test.
        static List<M> Cells(int perCell)
        {
            var rows = new List<M>();
            var t0 = new DateTime(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc);
            for (var d = 0; d < 3; d++)
            {
                for (var h = 0; h < 4; h++)
                {
                    foreach (var p in TestData.Provinces)
                    {
                        for (var i = 0; i < perCell; i++)
                        {
                            // Rates cycle through four fixed values: the same bins whatever the count.
                            double dl = (i % 4) switch { 0 => 5, 1 => 50, 2 => 500, _ => 5000 };
                            rows.Add(TestData.One($"{perCell}-{d}-{h}-{p}-{i}", dl, dl / 10, province: p, time: t0.AddDays(d).AddHours(h)));
                        }
                    }
                }
            }
            return rows;
        }
        string[] tables = ["rollup_hourly", "rollup_province", "rollup_national_hist", "rollup_province_hist", "rollup_city_hist"];
        async Task<long[]> Counts(int perCell)
        {
            using var s = new TestStore();
            await s.ImportAsync(Cells(perCell));
            await using var c = await s.Store.OpenAsync(default);
            var counts = new long[tables.Length];
            for (var i = 0; i < tables.Length; i++)
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = $"SELECT COUNT(*) FROM {tables[i]}";
                counts[i] = Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            }
            return counts;
        }
        var few = await Counts(4);
        var many = await Counts(40);
        Assert.All(few, n => Assert.True(n > 0));
        Assert.Equal(few, many);
        // 3 days × 4 hours × 3 provinces × 2 rates × 4 bins at hour grain; 3 days × 3 provinces × 2 × 4 at day grain.
        Assert.Equal(3 * 4 * 2 * 4, few[2]);
        Assert.Equal(3 * 3 * 2 * 4, few[3]);
    }

    [Fact]
    public void Weighted_OnePartEmpty_UsesTheOther()
    {
        Assert.Equal(0.6 * 100 + 0.4 * 200, Analytics.Weighted(100, 200, 0.6)!.Value, 12);
        Assert.Equal(100, Analytics.Weighted(100, null, 0.6));
        Assert.Equal(200, Analytics.Weighted(null, 200, 0.6));
        Assert.Null(Analytics.Weighted(null, null, 0.6));
    }

    [Fact]
    public async Task Ranking_OrdersProvincesByWeightedRate()
    {
        using var s = new TestStore();
        var rows = new List<M>();
        double[] rates = [300, 100, 200];
        for (var p = 0; p < 3; p++)
        {
            for (var i = 0; i < 10; i++) rows.Add(TestData.One($"p{p}-{i}", rates[p] + i, 10, province: TestData.Provinces[p]));
        }
        await s.ImportAsync(rows);
        var ranked = await s.Analytics.RankAsync(NetqDimension.Province, new NetqFilter(), RankSort.Weighted, default);
        Assert.Equal(["110000", "440000", "310000"], ranked.Select(r => (string)r.Keys["province"]!));
        Assert.Equal([1, 2, 3], ranked.Select(r => r.Rank));
    }

    [Fact]
    public async Task RebuildRollups_AfterTheBarChanges_RecountsCompliance()
    {
        var dir = Path.Combine(Path.GetTempPath(), "netq-rebuild-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            using (var first = new TestStoreAt(dir, new NetqOptions()))
            {
                await first.Store.ImportAsync([TestData.One("a", 150, 6), TestData.One("b", 90, 6)]);
                Assert.Equal(0.5, (await first.Store.Analytics.FromRollupsAsync(Query("technology"), default)).Single().Share);
            }
            using var second = new TestStoreAt(dir, new NetqOptions { Bars = new() { ["5g-sa"] = new Bar(80, 5) } });
            Assert.Equal(1.0, (await second.Store.Analytics.FromRollupsAsync(Query("technology"), default)).Single().Share);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task HistogramBins_InSqlAndCSharp_Agree()
    {
        var rng = new Random(7);
        var values = Enumerable.Range(0, 3000).Select(_ => Math.Round(Math.Exp(rng.NextDouble() * 10) - 1, rng.Next(4)))
            .Concat([0, 0.5, 1, 9.999, 10, 100, 999.99, 1000, 9999.9, 10000, 50000, 99999.9, 100000]).ToList();
        await using var c = new DuckDBConnection("Data Source=:memory:");
        await c.OpenAsync();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT v, {RateHistogram.SqlBin("v")} FROM (VALUES {string.Join(", ", values.Select(v => $"(CAST({v.ToString("R", CultureInfo.InvariantCulture)} AS DOUBLE))"))}) t(v)";
        using var r = await cmd.ExecuteReaderAsync();
        var n = 0;
        while (await r.ReadAsync())
        {
            var v = r.GetDouble(0);
            Assert.Equal(RateHistogram.Bin(v), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture));
            var (lower, width) = RateHistogram.Range(RateHistogram.Bin(v));
            Assert.True(v >= lower && (width == 0 || v < lower + width), $"{v} outside [{lower}, {lower + width})");
            n++;
        }
        Assert.Equal(values.Count, n);
    }

    [Theory]
    [InlineData("city", "2026-03-04", "2026-03-20")]
    [InlineData("province", "2026-03-02", "2026-03-15")]
    [InlineData("operator", null, "2026-03-11")]
    [InlineData("city", "2026-03-10", null)]
    public async Task Rollups_RangeCuttingWeeks_AddWholeWeeksAndEdgeDays(string by, string? from, string? to)
    {
        // Whole weeks come from the week tables, the days of cut weeks from the day tables: the
        // figures must still be those of exactly the tests in the range, two imports or not.
        using var s = new TestStore();
        var data = TestData.Random(3000, 17, days: 35);
        await s.ImportAsync(data.Take(1000));
        await s.ImportAsync(data.Skip(1000));
        var more = new NetqFilterText { From = from, To = to };
        var rows = await s.Analytics.FromRollupsAsync(Query(by, more), default);
        var lo = from is null ? DateOnly.MinValue : DateOnly.Parse(from, CultureInfo.InvariantCulture);
        var hi = to is null ? DateOnly.MaxValue : DateOnly.Parse(to, CultureInfo.InvariantCulture);
        Func<M, string> key = by switch { "province" => m => m.Province, "city" => m => m.City, _ => m => m.Operator };
        var expected = data.Where(m => m.LocalDate >= lo && m.LocalDate <= hi).GroupBy(key).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(expected.Count, rows.Count);
        foreach (var row in rows)
        {
            var g = expected[(string)row.Keys[by]!];
            Assert.Equal(g.Count, row.Count);
            Assert.Equal(Reference.Mean(g.Select(m => m.Dl))!.Value, row.DlMean!.Value, 9);
            var busy = Reference.Mean(g.Where(m => s.Options.BusyHours.Contains(m.LocalHour)).Select(m => m.Dl));
            var idle = Reference.Mean(g.Where(m => !s.Options.BusyHours.Contains(m.LocalHour)).Select(m => m.Dl));
            Assert.Equal(Analytics.Weighted(busy, idle, s.Options.BusyWeight)!.Value, row.DlWeighted!.Value, 9);
            // The approximate median from the histogram of exactly these tests.
            var bins = g.Where(m => m.Dl.HasValue).GroupBy(m => RateHistogram.Bin(m.Dl!.Value)).Select(b => (b.Key, (long)b.Count())).OrderBy(b => b.Key).ToList();
            Assert.Equal(RateHistogram.Percentile(bins, 0.5)!.Value, row.DlP50!.Value, 9);
        }
    }

    [Fact]
    public async Task PercentileSql_OverRandomHistograms_MatchesTheCSharpComputation()
    {
        // Random groups with random sparse bin counts (some groups without upload bins): the SQL
        // running-sum percentile must give the C# interpolation's value for every group and p.
        var rng = new Random(11);
        var cells = new List<(string G, string Metric, int Bin, long N)>();
        for (var g = 0; g < 40; g++)
        {
            foreach (var metric in g % 5 == 0 ? new[] { "dl" } : ["dl", "ul"])
            {
                var bins = Enumerable.Range(0, RateHistogram.Bins).Where(_ => rng.NextDouble() < (g % 3 == 0 ? 0.02 : 0.3)).DefaultIfEmpty(rng.Next(RateHistogram.Bins));
                cells.AddRange(bins.Select(b => ($"g{g}", metric, b, (long)(g % 4 == 0 ? 1 : rng.Next(1, 1000)))));
            }
        }
        await using var c = new DuckDBConnection("Data Source=:memory:");
        await c.OpenAsync();
        using (var create = c.CreateCommand())
        {
            create.CommandText = "CREATE TABLE h (g VARCHAR, metric VARCHAR, bin SMALLINT, n BIGINT); INSERT INTO h VALUES " +
                string.Join(", ", cells.Select(x => string.Create(CultureInfo.InvariantCulture, $"('{x.G}', '{x.Metric}', {x.Bin}, {x.N})")));
            await create.ExecuteNonQueryAsync();
        }
        (string, double)[] wanted = [("dl", 0.05), ("dl", 0.5), ("ul", 0.05), ("ul", 0.95), ("dl", 1)];
        using var cmd = c.CreateCommand();
        cmd.CommandText = RateHistogram.PercentileSql("SELECT g, metric, bin, SUM(n) AS n FROM h GROUP BY g, metric, bin", ["g"], wanted);
        using var r = await cmd.ExecuteReaderAsync();
        var seen = 0;
        while (await r.ReadAsync())
        {
            var g = r.GetString(0);
            for (var i = 0; i < wanted.Length; i++)
            {
                var bins = cells.Where(x => x.G == g && x.Metric == wanted[i].Item1).Select(x => (x.Bin, x.N)).OrderBy(x => x.Bin).ToList();
                var expected = bins.Count == 0 ? null : RateHistogram.Percentile(bins, wanted[i].Item2);
                if (expected is null) Assert.True(r.IsDBNull(i + 1), $"{g} {wanted[i]}: expected no value");
                else Assert.Equal(expected.Value, r.GetDouble(i + 1), 9);
            }
            seen++;
        }
        Assert.Equal(40, seen);
    }

    [Fact]
    public async Task Rollups_TwoImports_LeaveTheSameRowsAsOneImportOfBoth()
    {
        // Two imports over the same days must merge into one row per cell: the roll-up tables end
        // up identical, row for row, to those of a single import of all the rows.
        var data = TestData.Random(1500, 21);
        using var twice = new TestStore();
        await twice.ImportAsync(data.Take(700));
        await twice.ImportAsync(data.Skip(700));
        using var once = new TestStore();
        await once.ImportAsync(data);
        foreach (var table in new[] { "rollup_hourly", "rollup_province", "rollup_national_hist", "rollup_province_hist", "rollup_city_hist" })
        {
            var a = await TableRowsAsync(twice, table);
            var b = await TableRowsAsync(once, table);
            Assert.NotEmpty(a);
            Assert.Equal(b, a);
            // At most one row per cell: the rows without their measures are distinct.
            Assert.Equal(a.Count, a.Select(x => x[..x.LastIndexOf('|')]).Distinct().Count());
        }
    }

    /// <summary>Every row of a roll-up table as text, sorted; the measure columns last, rounded so sums in another order compare equal.</summary>
    private static async Task<List<string>> TableRowsAsync(TestStore s, string table)
    {
        await using var c = await s.Store.OpenAsync(default);
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT * FROM {table}";
        using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await r.ReadAsync())
        {
            var values = Enumerable.Range(0, r.FieldCount).Select(i => r.GetValue(i) switch
            {
                double d => Math.Round(d, 6).ToString("R", CultureInfo.InvariantCulture),
                var v => Convert.ToString(v, CultureInfo.InvariantCulture),
            }).ToList();
            // Keys first, then the measures: the key columns are the non-numeric ones and local_hour/bin.
            rows.Add(string.Join("|", values.Take(values.Count - 1)) + "|" + values[^1]);
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    [Fact]
    public async Task Alerts_WeekBelowItsBaseline_IsReported()
    {
        using var s = new TestStore();
        var rows = new List<M>();
        var monday = new DateTime(2026, 3, 30, 4, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 200; i++)
        {
            // Four baseline weeks around 200 Mbps for both operators; in the last week ct falls to about half.
            var t = monday.AddDays(-28 + (i % 28));
            rows.Add(TestData.One($"b-ct-{i}", 150 + (i % 100), 10, op: "ct", time: t));
            rows.Add(TestData.One($"b-cm-{i}", 150 + (i % 100), 10, op: "cm", time: t));
        }
        for (var i = 0; i < 60; i++)
        {
            var t = monday.AddDays(i % 7);
            rows.Add(TestData.One($"w-ct-{i}", 75 + (i % 50), 10, op: "ct", time: t));
            rows.Add(TestData.One($"w-cm-{i}", 150 + (i % 100), 10, op: "cm", time: t));
        }
        await s.ImportAsync(rows);
        var q = Query("province,operator");
        var alerts = await s.Analytics.DegradationsAsync(q, new DateOnly(2026, 3, 30), 0.2, 30, default);
        var alert = Assert.Single(alerts);
        Assert.Equal("ct", alert.Keys["operator"]);
        var week = rows.Where(m => m.Id.StartsWith("w-ct", StringComparison.Ordinal)).Select(m => m.Dl);
        var baseline = rows.Where(m => m.Id.StartsWith("b-ct", StringComparison.Ordinal)).Select(m => m.Dl);
        Assert.Equal(Reference.PercentileCont(week, 0.05)!.Value, alert.P5, 9);
        Assert.Equal(Reference.PercentileCont(baseline, 0.05)!.Value, alert.BaselineP5, 9);
        Assert.Empty(await s.Analytics.DegradationsAsync(q, new DateOnly(2026, 3, 30), 0.6, 30, default));
    }
}

/// <summary>A store on a given directory (to reopen the same file with other settings).</summary>
internal sealed class TestStoreAt(string dir, NetqOptions options) : IDisposable
{
    internal TestStore Store { get; } = TestStore.At(dir, options);
    public void Dispose() => Store.Dispose();
}
