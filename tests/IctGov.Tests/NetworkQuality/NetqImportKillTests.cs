using System.Diagnostics;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

using IctGov.Testing;

namespace IctGov.Tests.NetworkQuality;

/// <summary>A kill during a network-quality import leaves all of the batch or none of it, with roll-ups to match.</summary>
public class NetqImportKillTests
{
    [Fact]
    public async Task Import_KilledMidway_LeavesAllOrNothing_AndRollupsMatchTheRows()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ictgov-netq-kill-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            const int rows = 200_000;
            var file = Path.Combine(dir, "big.csv");
            var sb = new StringBuilder("id,time_utc,province,city,operator,technology,segment,source,dl_mbps,ul_mbps,latency_ms,jitter_ms,loss_pct,device_hash,test_server\n");
            var rng = new Random(5);
            for (var i = 0; i < rows; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"k{i},2026-03-{1 + (i % 28):00}T{i % 24:00}:00:00Z,440000,4403{i % 10}0,cm,5g-sa,access,app,{rng.Next(500)},{rng.Next(50)},20,1,0,,\n");
            }
            await File.WriteAllTextAsync(file, sb.ToString());
            foreach (var delayMs in new[] { 1500, 3000, 5000 })
            {
                var psi = CliRunner.StartInfo();
                foreach (var a in new[] { typeof(PlatformHost).Assembly.Location, "netq", "import", file, "--data", dir })
                {
                    psi.ArgumentList.Add(a);
                }
                using var p = Process.Start(psi)!;
                await Task.Delay(delayMs);
                p.Kill(entireProcessTree: true); // SIGKILL: no chance to clean up
                await p.WaitForExitAsync();
                var store = Path.Combine(dir, "netq", "netq.duckdb");
                if (!File.Exists(store)) continue;
                await using var c = new DuckDBConnection($"Data Source={store}");
                await c.OpenAsync();
                using var cmd = c.CreateCommand();
                cmd.CommandText = "SELECT (SELECT COUNT(*) FROM measurement), (SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM rollup_hourly), (SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM rollup_province)";
                using var r = await cmd.ExecuteReaderAsync();
                Assert.True(await r.ReadAsync());
                var (count, fine, coarse) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2));
                Assert.True(count is 0 or rows, $"after a kill at {delayMs} ms the store holds {count} of {rows} rows");
                Assert.Equal(count, fine);
                Assert.Equal(count, coarse);
            }

            // After the kills, the same file imports to completion: every row once, whatever was already in.
            var (code, stdout, stderr) = await CliRunner.RunAsync(dir, "netq", "import", file);
            Assert.True(code == 0, stderr);
            Assert.Contains($"{rows} row(s)", stdout, StringComparison.Ordinal);
            await using var check = new DuckDBConnection($"Data Source={Path.Combine(dir, "netq", "netq.duckdb")}");
            await check.OpenAsync();
            using var total = check.CreateCommand();
            total.CommandText = "SELECT COUNT(*), COUNT(DISTINCT id) FROM measurement";
            using var t = await total.ExecuteReaderAsync();
            Assert.True(await t.ReadAsync());
            Assert.Equal((rows, rows), (t.GetInt64(0), t.GetInt64(1)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
