using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Domain;

namespace IctGov.NetworkQuality.Tests;

public class ImportTests
{
    private static async Task<long> CountAsync(TestStore s, string table = "measurement")
    {
        await using var c = await s.Store.OpenAsync(default);
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static string Good(int i) => TestData.Line(TestData.One($"g{i}", 120 + i, 8));

    [Fact]
    public async Task Csv_Duplicates_InTheFileAndAlreadyStored_AreIgnored()
    {
        using var s = new TestStore();
        var first = await s.ImportFileAsync(s.File("a.csv", $"{TestData.Header}\n{Good(1)}\n{Good(2)}\n{Good(1)}\n"), null, default);
        Assert.True(first.Succeeded);
        Assert.Equal((3L, 2L, 1L), (first.Rows, first.Inserted, first.Duplicates));
        var second = await s.ImportFileAsync(s.File("b.csv", $"{TestData.Header}\n{Good(2)}\n{Good(3)}\n"), null, default);
        Assert.Equal((2L, 1L, 1L), (second.Rows, second.Inserted, second.Duplicates));
        Assert.Equal(3, await CountAsync(s));
        Assert.Equal(3, await s.SummaryAsync("").ContinueWith(t => Convert.ToInt64(t.Result[0]["count"], CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("time_utc", "2026-03-01T08:15:00+08:00")]
    [InlineData("time_utc", "yesterday")]
    [InlineData("province", "990000")]
    [InlineData("city", "310100")]
    [InlineData("operator", "att")]
    [InlineData("technology", "6g")]
    [InlineData("segment", "core")]
    [InlineData("source", "rumour")]
    [InlineData("dl_mbps", "-1")]
    [InlineData("dl_mbps", "fast")]
    [InlineData("ul_mbps", "NaN")]
    [InlineData("loss_pct", "101")]
    [InlineData("latency_ms", "-3")]
    public async Task Csv_OneBadField_RejectsTheFileNamingRowAndField(string field, string value)
    {
        using var s = new TestStore();
        var bad = TestData.Line(TestData.One("bad", 100, 10)).Split(',');
        bad[Array.IndexOf(TestData.Header.Split(','), field)] = value;
        var csv = $"{TestData.Header}\n{Good(1)}\n{Good(2)}\n{string.Join(",", bad)}\n{Good(3)}\n";
        var report = await s.ImportFileAsync(s.File("bad.csv", csv), null, default);
        Assert.False(report.Succeeded);
        Assert.Equal(1, report.Rejected);
        var problem = Assert.Single(report.Problems);
        Assert.Equal(4, problem.Row); // the header is row 1, as in a spreadsheet
        Assert.Equal(field, problem.Field);
        Assert.Equal(value, problem.Value);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        Assert.Equal(0, await CountAsync(s));
        Assert.Equal(0, await CountAsync(s, "rollup_hourly"));
    }

    [Fact]
    public async Task Csv_NoRateAtAll_IsRejected()
    {
        using var s = new TestStore();
        var csv = $"{TestData.Header}\n{TestData.Line(TestData.One("x", null, null))}\n";
        var report = await s.ImportFileAsync(s.File("x.csv", csv), null, default);
        Assert.Equal("dl_mbps", Assert.Single(report.Problems).Field);
    }

    [Fact]
    public async Task Csv_WrongHeader_IsRejectedBeforeAnyRow()
    {
        using var s = new TestStore();
        var report = await s.ImportFileAsync(s.File("h.csv", TestData.Header.Replace("dl_mbps", "download", StringComparison.Ordinal) + "\n"), null, default);
        Assert.False(report.Succeeded);
        Assert.Contains("missing dl_mbps", report.FileError, StringComparison.Ordinal);
        Assert.Contains("unknown download", report.FileError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_ColumnsInAnotherOrder_AreReadByName()
    {
        using var s = new TestStore();
        var cols = TestData.Header.Split(',');
        var line = TestData.Line(TestData.One("o", 150, 9)).Split(',');
        var order = Enumerable.Range(0, cols.Length).Reverse().ToArray();
        var csv = string.Join(",", order.Select(i => cols[i])) + "\n" + string.Join(",", order.Select(i => line[i])) + "\n";
        var report = await s.ImportFileAsync(s.File("o.csv", csv), null, default);
        Assert.True(report.Succeeded, report.FileError);
        var row = Assert.Single(await s.SummaryAsync("province"));
        Assert.Equal(150.0, Convert.ToDouble(row["dl_mean"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Csv_RaggedRow_IsAFileErrorAndWritesNothing()
    {
        using var s = new TestStore();
        var report = await s.ImportFileAsync(s.File("r.csv", $"{TestData.Header}\n{Good(1)}\n{Good(2)},extra\n"), null, default);
        Assert.False(report.Succeeded);
        Assert.NotNull(report.FileError);
        Assert.Equal(0, await CountAsync(s));
    }

    [Fact]
    public async Task JsonLines_GoodAndBad()
    {
        using var s = new TestStore();
        const string ok = """{"id":"j1","time_utc":"2026-03-01T08:15:00Z","province":"440000","city":"440300","operator":"ct","technology":"5g-sa","segment":"access","source":"probe","dl_mbps":250.5,"ul_mbps":30,"latency_ms":18}""";
        var good = await s.ImportFileAsync(s.File("a.jsonl", ok + "\n"), null, default);
        Assert.True(good.Succeeded, good.FileError);
        Assert.Equal(1, good.Inserted);
        var bad = await s.ImportFileAsync(s.File("b.jsonl", ok.Replace("j1", "j2", StringComparison.Ordinal) + "\n" + ok.Replace("j1", "j3", StringComparison.Ordinal).Replace("\"ct\"", "\"xx\"", StringComparison.Ordinal) + "\n"), null, default);
        Assert.Equal((2L, "operator"), (Assert.Single(bad.Problems).Row, bad.Problems[0].Field));
        var broken = await s.ImportFileAsync(s.File("c.jsonl", "{\"id\": \n"), null, default);
        Assert.NotNull(broken.FileError);
        Assert.Equal(1, await CountAsync(s));
    }

    private static async Task WriteParquetAsync(string path, string dl)
    {
        await using var c = new DuckDBConnection("Data Source=:memory:");
        await c.OpenAsync();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            COPY (SELECT 'p' || i AS id, TIMESTAMP '2026-03-05 10:00:00' + i * INTERVAL '1' MINUTE AS time_utc, '510000' AS province, '510100' AS city,
                'cu' AS operator, '5g-nsa' AS technology, 'e2e' AS segment, 'app' AS source,
                CASE WHEN i = 3 THEN {dl} ELSE 100.0 + i END AS dl_mbps, 6.0 AS ul_mbps, 20.0 AS latency_ms, 2.0 AS jitter_ms, 0.0 AS loss_pct,
                'h' AS device_hash, 's' AS test_server FROM range(1, 6) t(i)) TO '{path}' (FORMAT parquet)
            """;
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Parquet_GoodAndBad()
    {
        using var s = new TestStore();
        var good = Path.Combine(s.Directory, "good.parquet");
        await WriteParquetAsync(good, "103.0");
        var report = await s.ImportFileAsync(good, null, default);
        Assert.True(report.Succeeded, report.FileError);
        Assert.Equal(5, report.Inserted);
        var bad = Path.Combine(s.Directory, "bad.parquet");
        await WriteParquetAsync(bad, "-5.0");
        var rejected = await s.ImportFileAsync(bad, null, default);
        var p = Assert.Single(rejected.Problems);
        Assert.Equal((3L, "dl_mbps"), (p.Row, p.Field));
    }

    [Fact]
    public async Task Ndt_MapsChineseRows_AndSkipsOthersWithAReason()
    {
        using var s = new TestStore();
        var csv = new StringBuilder("id,date,a.TestTime,a.MeanThroughputMbps,a.MinRTT,a.LossRate,client.Geo.CountryCode,client.Geo.Subdivision1ISOCode,client.Geo.City,client.Network.ASNumber,server.Site\n");
        csv.Append("ndt-1,2026-03-01,2026-03-01T12:00:00Z,85.5,23.0,0.01,CN,CN-GD,Shenzhen,AS4134,pek01\n");
        csv.Append("ndt-2,2026-03-01,2026-03-01T12:05:00Z,40,50,0,US,US-CA,San Jose,7922,lax01\n");
        csv.Append("ndt-3,2026-03-01,2026-03-01T12:06:00Z,40,50,0,CN,CN-BJ,Beijing,4538,pek01\n");
        csv.Append("ndt-4,2026-03-01,2026-03-01T12:07:00Z,120,10,0.002,CN,CN-31,Shanghai,9808,sha01\n");
        var report = await s.ImportFileAsync(s.File("ndt.csv", csv.ToString()), "ndt", default);
        Assert.True(report.Succeeded, report.FileError + string.Join(";", report.Problems));
        Assert.Equal((4L, 2L, 2L), (report.Rows, report.Inserted, report.Skipped));
        Assert.Contains("outside China", report.SkippedRows[0].Message, StringComparison.Ordinal);
        Assert.Equal(3, report.SkippedRows[0].Row);
        Assert.Contains("4538", report.SkippedRows[1].Message, StringComparison.Ordinal);
        var rows = await s.SummaryAsync("province,operator");
        Assert.Equal(2, rows.Count);
        Assert.Equal(("310000", "cm"), ((string)rows[0]["province"]!, (string)rows[0]["operator"]!));
        Assert.Equal(("440000", "ct"), ((string)rows[1]["province"]!, (string)rows[1]["operator"]!));
        Assert.Equal(1.0, Convert.ToDouble(rows[1]["loss_mean"], CultureInfo.InvariantCulture), 9);
        Assert.Null(rows[1]["ul_p5"]);
    }

    [Fact]
    public async Task Ndt_MissingColumns_IsAFileError()
    {
        using var s = new TestStore();
        var report = await s.ImportFileAsync(s.File("n.csv", "id,date\n1,2026-03-01\n"), "ndt", default);
        Assert.Contains("a.TestTime", report.FileError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownFormat_IsRefused()
    {
        using var s = new TestStore();
        Assert.NotNull((await s.ImportFileAsync(s.File("x.txt", "x"), null, default)).FileError);
        Assert.NotNull((await s.ImportFileAsync(s.File("x.csv", "x"), "xml", default)).FileError);
    }

    [Fact]
    public async Task Import_FuzzedCsv_OnlyEverReportsProblems()
    {
        using var s = new TestStore();
        var valid = Encoding.UTF8.GetBytes(TestData.Csv(TestData.Random(20, 11)));
        var rng = new Random(12);
        for (var round = 0; round < 60; round++)
        {
            var bytes = (byte[])valid.Clone();
            if (round % 5 == 0)
            {
                bytes = new byte[rng.Next(0, 400)];
                rng.NextBytes(bytes);
            }
            else
            {
                for (var k = 0; k < rng.Next(1, 8); k++) bytes[rng.Next(bytes.Length)] = (byte)"\",\n\r0aZ-.\0é"[rng.Next(11)];
            }
            var path = Path.Combine(s.Directory, $"fuzz{round}.csv");
            await File.WriteAllBytesAsync(path, bytes);
            var before = await CountAsync(s);
            var report = await s.ImportFileAsync(path, null, default);
            if (!report.Succeeded) Assert.Equal(before, await CountAsync(s));
            else Assert.Equal(before + report.Inserted, await CountAsync(s));
        }
    }

    [Fact]
    public async Task Import_FuzzedJsonLines_OnlyEverReportsProblems()
    {
        using var s = new TestStore();
        var lines = TestData.Random(15, 13).Select(m =>
            $"{{\"id\":\"{m.Id}\",\"time_utc\":\"{m.TimeUtc:yyyy-MM-dd'T'HH:mm:ss'Z'}\",\"province\":\"{m.Province}\",\"city\":\"{m.City}\",\"operator\":\"{m.Operator}\",\"technology\":\"{m.Technology}\",\"segment\":\"{m.Segment}\",\"source\":\"{m.Source}\",\"dl_mbps\":{m.Dl?.ToString(CultureInfo.InvariantCulture) ?? "null"},\"ul_mbps\":{m.Ul?.ToString(CultureInfo.InvariantCulture) ?? "null"}}}");
        var valid = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
        var rng = new Random(14);
        for (var round = 0; round < 40; round++)
        {
            var bytes = (byte[])valid.Clone();
            for (var k = 0; k < rng.Next(1, 6); k++) bytes[rng.Next(bytes.Length)] = (byte)"{}[]\":,\n0a-.\\"[rng.Next(13)];
            var path = Path.Combine(s.Directory, $"fuzz{round}.jsonl");
            await File.WriteAllBytesAsync(path, bytes);
            var before = await CountAsync(s);
            var report = await s.ImportFileAsync(path, null, default);
            Assert.Equal(report.Succeeded ? before + report.Inserted : before, await CountAsync(s));
        }
    }

    [Fact]
    public void Options_Validate_RefusesNonsense()
    {
        Assert.Throws<InvalidOperationException>(() => new NetqOptions { BusyHours = [25] }.Validate());
        Assert.Throws<InvalidOperationException>(() => new NetqOptions { BusyWeight = 1.5 }.Validate());
        Assert.Throws<InvalidOperationException>(() => new NetqOptions { Bars = new() { ["6g"] = new Bar(1, 1) } }.Validate());
        new NetqOptions().Validate();
    }

    [Fact]
    public void ReportSucceeds_OnlyWithoutRejections() =>
        Assert.False(new NetqImportReport(1, 0, 0, 0, 1, [], [], null).Succeeded);
}
