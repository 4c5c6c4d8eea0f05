using System.Text;
using IctGov.Kernel;
using IctGov.Planning.Data;
using IctGov.Testing;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace IctGov.Planning.Tests.Observations;

public class ImportTests
{
    private const string Header = "indicator,region,period,value,status,published,source\n";

    [Theory, DatabaseData]
    public async Task Import_ValidFile_WritesEveryRow(DatabaseProvider provider)
    {
        await using var h = await PlanningHarness.StartAsync(provider);
        var r = await h.ImportAsync(Header +
            "4,100000,2023,24.1,final,2024-01-20,工业和信息化部统计公报\n" +
            "4,440000,2023-Q3,30.5,provisional,2023-10-25,广东省通信管理局\n" +
            "5g_base_stations,110000,2023-07,100000,final,2023-08-20,北京市通信管理局\n" +
            "z9.2.secondary-nodes,100000,2023,300,final,2024-01-10,工业互联网产业联盟\n");
        Assert.True(r.Succeeded, string.Join("; ", r.Errors.Select(e => e.Message)));
        Assert.Equal(4, r.Value!.Inserted);
        Assert.Equal(4, await h.Db.Observations.CountAsync());
        var o = await h.Db.Observations.SingleAsync(x => x.RegionCode == "440000");
        Assert.Equal("2023-Q3", o.Period);
        Assert.Equal(new DateOnly(2023, 9, 30), o.PeriodEnd);
        Assert.Equal(30.5m, o.Value);
        Assert.Equal(ObservationStatus.Provisional, o.Status);
    }

    [Theory, DatabaseData]
    public async Task Import_AnyBadRow_WritesNothing_AndNamesEveryRowFieldAndReason(DatabaseProvider provider)
    {
        await using var h = await PlanningHarness.StartAsync(provider);
        var r = await h.ImportAsync(Header +
            "4,100000,2023,24.1,final,2024-01-20,ok\n" +          // row 2: good
            "21,100000,2023,1,final,2024-01-20,x\n" +              // row 3: no indicator 21
            "4,999999,2023,1,final,2024-01-20,x\n" +               // row 4: bad region
            "4,100000,2023-13,1,final,2024-01-20,x\n" +            // row 5: bad period
            "4,100000,2023,abc,final,2024-01-20,x\n" +             // row 6: bad value
            "8,100000,2023,120,final,2024-01-20,x\n" +             // row 7: share over 100
            "4,100000,2022,1,draft,2024-01-20,x\n" +               // row 8: bad status
            "4,100000,2021,1,final,2024-13-01,x\n" +               // row 9: bad date
            "4,100000,2021,1,final,2020-06-01,x\n" +               // row 10: published before the period
            "4,100000,2021,1,final,2027-01-01,x\n" +               // row 11: published in the future
            "4,100000,2020,1,final,2021-01-01,\n" +                // row 12: no source
            "4,100000,2023,24.1,final,2024-01-20,dup\n" +          // row 13: repeats row 2
            "11,100000,2023,0.9,final,2024-01-20,x\n");            // row 14: PUE below 1
        Assert.False(r.Succeeded);
        Assert.Equal(0, await h.Db.Observations.CountAsync());
        var got = r.Errors.Select(e => (e.Row, e.Field)).ToList();
        Assert.Equal(
            [(3L, "indicator"), (4L, "region"), (5L, "period"), (6L, "value"), (7L, "value"), (8L, "status"), (9L, "published"),
             (10L, "published"), (11L, "published"), (12L, "source"), (13L, "row"), (14L, "value")],
            got);
        Assert.Contains("999999", r.Errors.Single(e => e.Row == 4).Message);
        Assert.Contains("row 2", r.Errors.Single(e => e.Row == 13).Message);
    }

    [Theory]
    [InlineData("indicator,region,period,value,status,published\n", "source")]
    [InlineData("indicator,region,period,value,status,published,source,extra\n", "extra")]
    [InlineData("", "header")]
    [InlineData("indicator,region,period,value,status,published,source,\n4,100000,2023,1,final,2024-01-01,s\n", "header")]
    [InlineData("indicator,region,period,value,status,published,source,source\n", "source")]
    public async Task Import_WrongHeader_IsRejected(string header, string field)
    {
        await using var h = await PlanningHarness.StartAsync(DatabaseProvider.Sqlite);
        var r = await h.ImportAsync(header);
        Assert.False(r.Succeeded);
        Assert.Contains(r.Errors, e => e.Field == field && e.Row == 1);
    }

    [Fact]
    public async Task Import_InvalidUtf8_NamesTheByte()
    {
        await using var h = await PlanningHarness.StartAsync(DatabaseProvider.Sqlite);
        var bytes = Encoding.UTF8.GetBytes(Header + "4,100000,2023,1,final,2024-01-20,").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        using var s = new MemoryStream(bytes);
        var r = await h.Planning.ImportCsvAsync(s, "test");
        Assert.False(r.Succeeded);
        Assert.Contains("UTF-8", r.Errors[0].Message);
        Assert.Equal(0, await h.Db.Observations.CountAsync());
    }

    [Theory, DatabaseData]
    public async Task Import_SameFileTwice_IsIdempotent_ButConflictingValueIsRejected(DatabaseProvider provider)
    {
        await using var h = await PlanningHarness.StartAsync(provider);
        var file = Header + "4,100000,2023,24.1,final,2024-01-20,公报\n";
        Assert.Equal(1, (await h.ImportAsync(file)).Value!.Inserted);
        var again = await h.ImportAsync(file);
        Assert.True(again.Succeeded);
        Assert.Equal(0, again.Value!.Inserted);
        Assert.Equal(1, again.Value.Skipped);

        var conflict = await h.ImportAsync(Header + "4,100000,2023,25,final,2024-01-20,公报\n");
        Assert.False(conflict.Succeeded);
        Assert.Equal("value", conflict.Errors.Single().Field);

        // a revision is a later vintage
        var revision = await h.ImportAsync(Header + "4,100000,2023,25,revised,2024-06-01,公报修订\n");
        Assert.True(revision.Succeeded);
        Assert.Equal(2, await h.Db.Observations.CountAsync());
    }

    [Theory, DatabaseData]
    public async Task Import_Xlsx_UsesTheSameRules(DatabaseProvider provider)
    {
        await using var h = await PlanningHarness.StartAsync(provider);
        var rows = new[]
        {
            new Dictionary<string, object> { ["indicator"] = 4, ["region"] = "100000", ["period"] = "2023", ["value"] = 24.1, ["status"] = "final", ["published"] = "2024-01-20", ["source"] = "公报" },
            new Dictionary<string, object> { ["indicator"] = 14, ["region"] = "110000", ["period"] = "2023", ["value"] = 500.5, ["status"] = "final", ["published"] = "2024-02-01", ["source"] = "北京" },
        };
        using var ms = new MemoryStream();
        ms.SaveAs(rows);
        ms.Position = 0;
        var r = await h.Planning.ImportXlsxAsync(ms, "test.xlsx");
        Assert.True(r.Succeeded, string.Join("; ", r.Errors.Select(e => $"{e.Row} {e.Field} {e.Message}")));
        Assert.Equal(2, r.Value!.Inserted);

        var bad = new[] { new Dictionary<string, object> { ["indicator"] = 4, ["region"] = "123", ["period"] = "2023", ["value"] = 1, ["status"] = "final", ["published"] = "2024-01-20", ["source"] = "x" } };
        using var ms2 = new MemoryStream();
        ms2.SaveAs(bad);
        ms2.Position = 0;
        var rejected = await h.Planning.ImportXlsxAsync(ms2, "bad.xlsx");
        Assert.Equal((2L, "region"), (rejected.Errors.Single().Row, rejected.Errors.Single().Field));
        Assert.Equal(2, await h.Db.Observations.CountAsync());
    }

    [Fact]
    public async Task Import_NotAWorkbook_IsAClearError()
    {
        await using var h = await PlanningHarness.StartAsync(DatabaseProvider.Sqlite);
        using var s = new MemoryStream(Encoding.UTF8.GetBytes("this is not a zip"));
        var r = await h.Planning.ImportXlsxAsync(s, "x.xlsx");
        Assert.False(r.Succeeded);
        Assert.Equal("file", r.Errors[0].Field);
    }

    /// <summary>
    /// Fuzzing the CSV parser: random mutations of a valid file (bytes flipped, inserted, deleted,
    /// truncated) must always end in either an accepted import or a list of errors — never an
    /// exception — and a rejected file must write nothing.
    /// </summary>
    [Fact]
    public async Task Import_FuzzedCsv_NeverThrows_AndRejectionWritesNothing()
    {
        await using var h = await PlanningHarness.StartAsync(DatabaseProvider.Sqlite);
        var seed = Encoding.UTF8.GetBytes(Header +
            "4,100000,2023,24.1,final,2024-01-20,公报\n5g_base_stations,110000,2023-Q2,5,provisional,2023-07-01,\"a,b\"\n19,440000,2022,81.7,final,2023-03-01,满意度调查\n");
        var rng = new Random(20211116);
        byte[] alphabet = "0123456789,-.\"\n\rQq\t abcdefz".Select(c => (byte)c).Concat(new byte[] { 0xE4, 0xB8, 0xAD, 0xFF, 0x00 }).ToArray();
        var before = 0;
        for (var i = 0; i < 400; i++)
        {
            var data = seed.ToList();
            for (var m = rng.Next(1, 6); m > 0 && data.Count > 0; m--)
            {
                var at = rng.Next(data.Count);
                switch (rng.Next(4))
                {
                    case 0: data[at] = alphabet[rng.Next(alphabet.Length)]; break;
                    case 1: data.Insert(at, alphabet[rng.Next(alphabet.Length)]); break;
                    case 2: data.RemoveAt(at); break;
                    default: data.RemoveRange(at, data.Count - at); break;
                }
            }
            using var s = new MemoryStream(data.ToArray());
            var r = await h.Planning.ImportCsvAsync(s, "fuzz");
            var after = await h.Db.Observations.CountAsync();
            if (r.Succeeded)
            {
                Assert.Equal(before + r.Value!.Inserted, after);
            }
            else
            {
                Assert.Equal(before, after);
                Assert.All(r.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
            }
            before = after;
        }
    }
}
