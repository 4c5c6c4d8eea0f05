using System.Text;
using IctGov.Data.Files;
using IctGov.Kernel.Results;
using MiniExcelLibs;

namespace IctGov.Planning.Tests.Files;

/// <summary>The platform's one CSV/XLSX reader (IctGov.Data.Files), whatever module reads through it.</summary>
public class TableReaderTests
{
    private static readonly string[] Columns = ["name", "period", "value"];

    private static Outcome<IReadOnlyList<TableRow>> Csv(string text, TableReaderOptions? options = null) =>
        TableReader.ReadCsv(new MemoryStream(Encoding.UTF8.GetBytes(text)), Columns, options);

    private static Outcome<IReadOnlyList<TableRow>> Xlsx(IEnumerable<Dictionary<string, object>> rows)
    {
        var ms = new MemoryStream();
        ms.SaveAs(rows);
        ms.Position = 0;
        return TableReader.ReadXlsx(ms, Columns);
    }

    [Fact]
    public void Csv_ColumnsMatchByName_InAnyOrderCaseOrSpacing_AndRowsCountAsASpreadsheet()
    {
        var r = Csv("\uFEFF Value ,NAME,pe riod\n1.5,a,2024\n\n  \n2,b,2025\n");
        Assert.True(r.Succeeded, r.Problem);
        Assert.Equal([(2L, "a", "2024", "1.5"), (5L, "b", "2025", "2")], r.Value!.Select(x => (x.Row, x[0], x[1], x[2])));
    }

    [Fact]
    public void Csv_MissingAndUnknownColumns_AreNamed()
    {
        var r = Csv("name,value,colour\n");
        Assert.False(r.Succeeded);
        Assert.Equal(OutcomeStatus.Invalid, r.Status);
        Assert.Equal([(1L, "period"), (1L, "colour")], r.Errors.Select(e => (e.Row, e.Field)));
        Assert.Equal("header", Csv("a,b\n").Errors.Single().Field); // nothing recognised: one error says so
        Assert.Equal("header", Csv("").Errors.Single().Field);
    }

    [Fact]
    public void Csv_InvalidUtf8_NamesTheByteOffset()
    {
        var bytes = Encoding.UTF8.GetBytes("name,period,value\n中,2024,").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        var r = TableReader.ReadCsv(new MemoryStream(bytes), Columns);
        var e = Assert.Single(r.Errors);
        Assert.Equal((0L, "file"), (e.Row, e.Field));
        Assert.Contains($"byte {bytes.Length - 3} (0xC3)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_RaggedRow_IsAnError_WithItsRow()
    {
        var r = Csv("name,period,value\na,2024\nb,2024,1\n");
        Assert.Equal((2L, "row"), (r.Errors.Single().Row, r.Errors.Single().Field));
    }

    [Fact]
    public void RowCap_RefusesTheWholeFile_NamingTheLimit()
    {
        var r = Csv("name,period,value\na,1,1\nb,1,1\nc,1,1\n", new TableReaderOptions(MaxRows: 2));
        Assert.False(r.Succeeded);
        var e = Assert.Single(r.Errors);
        Assert.Equal((4L, "file"), (e.Row, e.Field));
        Assert.Contains("more than 2 rows", e.Message, StringComparison.Ordinal);
        Assert.Equal(1_000_000, new TableReaderOptions().MaxRows);
    }

    [Fact]
    public void ErrorCap_StopsReading()
    {
        var r = Csv("name,period,value\n" + string.Concat(Enumerable.Repeat("a\n", 50)), new TableReaderOptions(MaxErrors: 10));
        Assert.Equal(11, r.Errors.Count);
        Assert.Equal("file", r.Errors[^1].Field);
    }

    [Fact]
    public void Xlsx_DatesBecomeIsoDates_NumbersRoundTrip_AndBlankRowsAreSkipped()
    {
        var r = Xlsx(
        [
            new() { ["name"] = "a", ["period"] = new DateTime(2025, 10, 31), ["value"] = 0.1 + 0.2 },
            new() { ["name"] = "", ["period"] = "", ["value"] = "" },
            new() { ["name"] = "b", ["period"] = "2025", ["value"] = 12.5 },
        ]);
        Assert.True(r.Succeeded, r.Problem);
        Assert.Equal([(2L, "a", "2025-10-31", "0.30000000000000004"), (4L, "b", "2025", "12.5")], r.Value!.Select(x => (x.Row, x[0], x[1], x[2])));
    }

    [Fact]
    public void Xlsx_NotAWorkbook_IsAFileError()
    {
        var r = TableReader.ReadXlsx(new MemoryStream([1, 2, 3]), Columns);
        Assert.Equal(("file", "not a readable XLSX workbook"), (r.Errors.Single().Field, r.Errors.Single().Message.Split(':')[0]));
    }

    /// <summary>
    /// Fuzzing the reader: random bytes, and CSV and XLSX files with bytes flipped, inserted, removed
    /// or cut off, always end in rows or row errors — the reader never throws.
    /// </summary>
    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public void Fuzzed_NeverThrows_AndEveryErrorSaysSomething(string format)
    {
        byte[] seed;
        if (format == "csv")
        {
            seed = Encoding.UTF8.GetBytes("name,period,value\n中文,2024,1.5\n\"a,b\",2024-Q2,\"2\"\n\nc,2024-07,3e2\n");
        }
        else
        {
            var ms = new MemoryStream();
            ms.SaveAs(new[] { new Dictionary<string, object> { ["name"] = "a", ["period"] = new DateTime(2024, 1, 1), ["value"] = 1.5 } });
            seed = ms.ToArray();
        }
        var rng = new Random(format == "csv" ? 2021 : 2025);
        for (var i = 0; i < 400; i++)
        {
            var data = i % 10 == 0 ? RandomBytes(rng) : Mutate(seed, rng);
            var r = format == "csv" ? TableReader.ReadCsv(new MemoryStream(data), Columns) : TableReader.ReadXlsx(new MemoryStream(data), Columns);
            Assert.True(r.Succeeded || r.Errors.Count > 0);
            Assert.All(r.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        }
    }

    private static byte[] RandomBytes(Random rng)
    {
        var data = new byte[rng.Next(0, 300)];
        rng.NextBytes(data);
        return data;
    }

    private static readonly byte[] Alphabet = [(byte)',', (byte)'"', (byte)'\n', (byte)'\r', 0xEF, 0xBB, 0xBF, 0xC3, (byte)'0', 0x00];

    private static byte[] Mutate(byte[] seed, Random rng)
    {
        var data = seed.ToList();
        for (var m = rng.Next(1, 6); m > 0 && data.Count > 0; m--)
        {
            var at = rng.Next(data.Count);
            switch (rng.Next(4))
            {
                case 0: data[at] = (byte)rng.Next(256); break;
                case 1: data.Insert(at, Alphabet[rng.Next(Alphabet.Length)]); break;
                case 2: data.RemoveAt(at); break;
                default: data.RemoveRange(at, data.Count - at); break;
            }
        }
        return [.. data];
    }
}
