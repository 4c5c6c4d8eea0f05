using System.Text;
using IctGov.Collection.Features;
using IctGov.Kernel.Results;
using MiniExcelLibs;

namespace IctGov.Collection.Tests;

public class SubmissionReaderTests
{
    private const string Header = "data_set,unit,region,period,element,value,unit_of_measure,explanation\n";

    private static Outcome<SubmitCommand> Csv(string text) => SubmissionReader.ReadCsv(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Csv_OneReport_BecomesOneCommand_WithUnitsAndExplanations()
    {
        var p = Csv(Header + "T-5G-M,ct-440000,440000,2025-10,5g_base_stations,1000,个,新建室分\nT-5G-M,ct-440000,440000,2025-10,5g_terminal_connections,12.5,万户,\n");
        Assert.Empty(p.Errors);
        Assert.Equal(("T-5G-M", "ct-440000", "440000", "2025-10"), (p.Value!.DataSet, p.Value.Unit, p.Value.Region, p.Value.Period));
        Assert.Equal([(2L, "5g_base_stations", 1000m, "个"), (3L, "5g_terminal_connections", 12.5m, "万户")], p.Value.Values.Select(v => (v.Row, v.Element, v.Value, v.Unit)));
        Assert.Equal("新建室分", p.Value.Explanations["5g_base_stations"]);
    }

    [Fact]
    public void Csv_TwoReportsInOneFile_OrABadNumber_AreNamedByRow()
    {
        var p = Csv(Header + "T-5G-M,ct-440000,440000,2025-10,5g_base_stations,1000,个,\nT-5G-M,ct-440000,440000,2025-11,5g_base_stations,x,个,\n");
        Assert.Null(p.Value);
        Assert.Equal((3L, "data_set"), (p.Errors.Single().Row, p.Errors.Single().Field));
        var q = Csv(Header + "T-5G-M,ct-440000,440000,2025-10,5g_base_stations,1 000,个,\n");
        Assert.Equal((2L, "value"), (q.Errors.Single().Row, q.Errors.Single().Field));
        Assert.Equal("header", Csv("a,b\n").Errors.Single().Field);
    }

    [Fact]
    public void Xlsx_IsReadLikeCsv()
    {
        var rows = new[]
        {
            new Dictionary<string, object> { ["data_set"] = "T-5G-M", ["unit"] = "ct-440000", ["region"] = "440000", ["period"] = "2025-10", ["element"] = "5g_base_stations", ["value"] = 1000, ["unit_of_measure"] = "个", ["explanation"] = "" },
            new Dictionary<string, object> { ["data_set"] = "T-5G-M", ["unit"] = "ct-440000", ["region"] = "440000", ["period"] = "2025-10", ["element"] = "5g_terminal_connections", ["value"] = 12.5, ["unit_of_measure"] = "万户", ["explanation"] = "" },
        };
        using var ms = new MemoryStream();
        ms.SaveAs(rows);
        ms.Position = 0;
        var p = SubmissionReader.ReadXlsx(ms);
        Assert.Empty(p.Errors);
        Assert.Equal([1000m, 12.5m], p.Value!.Values.Select(v => v.Value));
        Assert.Equal("not a readable XLSX workbook", SubmissionReader.ReadXlsx(new MemoryStream([1, 2, 3])).Errors.Single().Message.Split(':')[0]);
    }

    private const string Alphabet = ",\"\n\r0.-x";

    /// <summary>Fuzzing the report reader: mutated files end in a command or errors, never an exception.</summary>
    [Fact]
    public void Csv_Fuzzed_NeverThrows()
    {
        var seed = Encoding.UTF8.GetBytes(Header + "T-5G-M,ct-440000,440000,2025-10,5g_base_stations,1000,个,\"a,b\"\n");
        var rng = new Random(17);
        for (var i = 0; i < 500; i++)
        {
            var data = seed.ToList();
            for (var m = rng.Next(1, 5); m > 0 && data.Count > 0; m--)
            {
                var at = rng.Next(data.Count);
                switch (rng.Next(3))
                {
                    case 0: data[at] = (byte)rng.Next(256); break;
                    case 1: data.Insert(at, (byte)Alphabet[rng.Next(Alphabet.Length)]); break;
                    default: data.RemoveRange(at, rng.Next(data.Count - at + 1)); break;
                }
            }
            var p = SubmissionReader.ReadCsv(new MemoryStream(data.ToArray()));
            Assert.True(p.Value is not null || p.Errors.Count > 0);
        }
    }

    // The three behaviours the report reader gained from the platform's one reader (it had its own copy before).

    [Fact]
    public void Xlsx_DateCells_ReadAsIsoDates()
    {
        var rows = new[]
        {
            new Dictionary<string, object> { ["data_set"] = "T-5G-M", ["unit"] = "ct-440000", ["region"] = "440000", ["period"] = "2025-10", ["element"] = "5g_base_stations", ["value"] = 1000, ["unit_of_measure"] = "个", ["explanation"] = new DateTime(2025, 10, 31) },
        };
        using var ms = new MemoryStream();
        ms.SaveAs(rows);
        ms.Position = 0;
        var p = SubmissionReader.ReadXlsx(ms);
        Assert.Empty(p.Errors);
        Assert.Equal("2025-10-31", p.Value!.Explanations["5g_base_stations"]);
    }

    [Fact]
    public void Csv_BlankLines_AreSkipped_AndRowsKeepTheirSpreadsheetNumbers()
    {
        var p = Csv("\n" + Header + "T-5G-M,ct-440000,440000,2025-10,5g_base_stations,1000,个,\n\n,,,,,,,\nT-5G-M,ct-440000,440000,2025-10,5g_terminal_connections,x,万户,\n");
        Assert.Equal((6L, "value"), (p.Errors.Single().Row, p.Errors.Single().Field));
    }

    [Fact]
    public void Csv_ColumnsMatchByName_InAnyOrder()
    {
        var p = Csv("unit,data_set,region,period,element,value,unit_of_measure,explanation\nct-440000,T-5G-M,440000,2025-10,5g_base_stations,1000,个,\n");
        Assert.Empty(p.Errors);
        Assert.Equal(("T-5G-M", "ct-440000"), (p.Value!.DataSet, p.Value.Unit));
    }
}
