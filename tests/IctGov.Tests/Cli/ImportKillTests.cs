using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

using IctGov.Testing;

namespace IctGov.Tests.Cli;

/// <summary>A kill during an import must leave all of the file or none of it: never half a batch.</summary>
public class ImportKillTests
{
    [Fact]
    public async Task Import_KilledMidway_LeavesAllOrNothing()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ictgov-kill-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            // create and seed the database first, so the kill lands in the import, not the migration
            var (code, _, err) = await CliRunner.RunAsync(dir, "migrate");
            Assert.True(code == 0, err);

            var file = Path.Combine(dir, "big.csv");
            var rows = WriteFile(file);
            var outcomes = new HashSet<long>();
            foreach (var delayMs in new[] { 900, 1400, 2000 })
            {
                var psi = CliRunner.StartInfo();
                foreach (var a in new[] { typeof(PlatformHost).Assembly.Location, "import", "observations", file, "--data", dir })
                {
                    psi.ArgumentList.Add(a);
                }
                using var p = Process.Start(psi)!;
                await Task.Delay(delayMs);
                p.Kill(entireProcessTree: true); // SIGKILL: no chance to clean up
                await p.WaitForExitAsync();
                var count = await CountAsync(dir);
                Assert.True(count == 0 || count == rows, $"after a kill at {delayMs} ms the database holds {count} of {rows} rows");
                outcomes.Add(count);
                if (count == rows)
                {
                    break;
                }
            }
            // the file can always be imported afterwards, completely
            (code, _, err) = await CliRunner.RunAsync(dir, "import", "observations", file);
            Assert.True(code == 0, err);
            Assert.Equal(rows, await CountAsync(dir));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    private static int WriteFile(string path)
    {
        var sb = new StringBuilder("indicator,region,period,value,status,published,source\n");
        var rows = 0;
        foreach (var region in Kernel.Regions.All)
        {
            foreach (var subject in new[] { "5", "6", "7", "9", "12", "14", "15", "16" })
            {
                for (var y = 2021; y <= 2025; y++)
                {
                    for (var m = 1; m <= 12; m++)
                    {
                        for (var v = 0; v < 3; v++)
                        {
                            var published = new DateOnly(y, m, 1).AddMonths(1 + v);
                            sb.Append(CultureInfo.InvariantCulture, $"{subject},{region.Code},{y}-{m:00},{100 + m + v},final,{published:yyyy-MM-dd},kill test\n");
                            rows++;
                        }
                    }
                }
            }
        }
        File.WriteAllText(path, sb.ToString());
        return rows;
    }

    private static async Task<long> CountAsync(string dir)
    {
        await using var conn = new SqliteConnection($"Data Source={Path.Combine(dir, "ictgov.db")};Pooling=false");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM planning_observation";
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
