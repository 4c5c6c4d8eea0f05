using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

using IctGov.Testing;

namespace IctGov.Tests.Identifiers;

/// <summary>
/// Killing the registering process mid-run loses no acknowledged batch and leaves no half batch:
/// the real <c>ictgov identifiers register</c> is SIGKILLed while it writes, restarted, and the
/// database is compared with what it acknowledged on standard output.
/// </summary>
public class RegisterKillTests
{
    private const int Batch = 2000;

    [Fact]
    public async Task Register_KilledMidway_KeepsEveryAcknowledgedBatchAndNoPartialOne()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ictgov-idkill-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var (code, _, err) = await CliRunner.RunAsync(dir, "migrate");
            Assert.True(code == 0, err);
            foreach (var args in new[]
            {
                new[] { "88.1", "--level", "secondary", "--parent", "88", "--industry", "C", "--province", "320000" },
                ["88.1.2", "--level", "enterprise", "--parent", "88.1"],
                ["88.1.5", "--level", "enterprise", "--parent", "88.1"],
                ["88.2", "--level", "secondary", "--parent", "88", "--industry", "I", "--province", "440000"],
            })
            {
                (code, _, err) = await CliRunner.RunAsync(dir, ["identifiers", "add-prefix", .. args, "--owner", "演示单位", "--demo"]);
                Assert.True(code == 0, err);
            }
            var file = Path.Combine(dir, "ids.csv");
            const int batches = 40;
            WriteFile(file, "88.1", batches * Batch);

            var acknowledged = new List<string>();
            foreach (var afterBatches in new[] { 2, 5 })
            {
                var psi = CliRunner.StartInfo();
                foreach (var a in new[] { typeof(PlatformHost).Assembly.Location, "identifiers", "register", file, "--data", dir })
                {
                    psi.ArgumentList.Add(a);
                }
                using var p = Process.Start(psi)!;
                var seen = 0;
                while (await p.StandardOutput.ReadLineAsync() is { } line)
                {
                    if (line.StartsWith("committed batch ", StringComparison.Ordinal))
                    {
                        acknowledged.Add(line.Split(' ')[3]);
                        if (++seen == afterBatches)
                        {
                            // land the kill inside the next batch's transaction, not between batches
                            await Task.Delay(15 * afterBatches);
                            p.Kill(entireProcessTree: true);
                            break;
                        }
                    }
                }
                await p.WaitForExitAsync();
                Assert.True(seen == afterBatches, $"the process ended after {seen} batch(es) before it could be killed: {await p.StandardError.ReadToEndAsync()}");
                // the next run re-registers the same file: its first batch now clashes, so start afresh on new handles
                WriteFile(file, "88.1." + afterBatches, batches * Batch);
            }

            // restart: a new process opens the database (recovering SQLite's journal) and reads the statistics
            (code, var stats, err) = await CliRunner.RunAsync(dir, "identifiers", "stats");
            Assert.True(code == 0, err);
            var perBatch = await BatchCountsAsync(dir);
            Assert.All(acknowledged, id => Assert.True(perBatch.TryGetValue(id, out var n) && n == Batch, $"acknowledged batch {id} holds {perBatch.GetValueOrDefault(id)} of {Batch}"));
            Assert.All(perBatch, kv => Assert.Equal(Batch, kv.Value));
            var total = perBatch.Values.Sum();
            Assert.Contains($"registrations\t{total}", stats, StringComparison.Ordinal);

            // Re-running the first killed run's very file finishes it: whatever that run committed, acknowledged or not, is
            // registered with the same values and skipped; nothing is registered twice.
            WriteFile(file, "88.1", batches * Batch);
            (code, var rerun, err) = await CliRunner.RunAsync(dir, "identifiers", "register", file);
            Assert.True(code == 0, err + rerun);
            Assert.Contains("already registered batch 1 2000 88.1/item0 ", rerun, StringComparison.Ordinal);
            Assert.Equal((long)batches * Batch, await CountAsync(dir, "88.1"));
            perBatch = await BatchCountsAsync(dir);
            Assert.All(perBatch, kv => Assert.Equal(Batch, kv.Value));
            total = perBatch.Values.Sum();

            // and the registry goes on working: a fresh file registers completely
            WriteFile(file, "88.2", 3 * Batch + 7);
            (code, var output, err) = await CliRunner.RunAsync(dir, "identifiers", "register", file);
            Assert.True(code == 0, err + output);
            Assert.Equal(total + 3 * Batch + 7, (await BatchCountsAsync(dir)).Values.Sum());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    private static void WriteFile(string path, string prefix, int count)
    {
        var sb = new StringBuilder("handle,index,type,data\n");
        for (var i = 0; i < count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{prefix}/item{i},1,URL,https://e.example/{prefix}/{i}\n");
            sb.Append(CultureInfo.InvariantCulture, $"{prefix}/item{i},2,PRODUCT.CODE,\"C,{i}\"\n");
        }
        File.WriteAllText(path, sb.ToString());
    }

    private static async Task<long> CountAsync(string dir, string prefix)
    {
        await using var conn = new SqliteConnection($"Data Source={Path.Combine(dir, "ictgov.db")};Mode=ReadOnly;Pooling=False");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = """SELECT count(*) FROM identifiers_handle WHERE "Prefix" = $prefix""";
        cmd.Parameters.AddWithValue("$prefix", prefix);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<Dictionary<string, int>> BatchCountsAsync(string dir)
    {
        await using var conn = new SqliteConnection($"Data Source={Path.Combine(dir, "ictgov.db")};Mode=ReadOnly;Pooling=False");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        // Prefix handles (0.NA/…), written by the registry, belong to no batch.
        cmd.CommandText = """SELECT "BatchId", count(*) FROM identifiers_handle WHERE "BatchId" IS NOT NULL GROUP BY "BatchId" """;
        var counts = new Dictionary<string, int>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }
        return counts;
    }
}
