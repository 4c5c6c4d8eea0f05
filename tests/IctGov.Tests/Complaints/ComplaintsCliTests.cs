using IctGov.Testing;
using Microsoft.Data.Sqlite;

namespace IctGov.Tests.Complaints;

/// <summary><c>ictgov complaints</c> on a data directory: the summary's check fails on a cell no complaint accounts for, the rebuild mends it; indicator 20 by period.</summary>
public class ComplaintsCliTests
{
    [Fact]
    public async Task SummaryCheck_FindsACellNoComplaintAccountsFor_AndRebuildMendsIt()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ictgov-complaints-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var (code, stdout, stderr) = await CliRunner.RunAsync(dir, "complaints", "summary", "check");
            Assert.True(code == 0, stderr);
            Assert.Contains("summary holds", stdout, StringComparison.Ordinal);

            // A stray cell, as a restore of the summary from another backup than the complaints' would leave.
            await using (var conn = new SqliteConnection($"Data Source={Path.Combine(dir, "ictgov.db")};Pooling=False"))
            {
                await conn.OpenAsync();
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = """
                    INSERT INTO complaints_count (month, region, kind, topic, state, outcome, decided, handled, on_time, complaints, rated, rating_sum)
                    VALUES ('2025-03-01', '440000', 'telecom', 'billing', 'closed', 'resolved', 1, 1, 1, 7, 0, 0)
                    """;
                await cmd.ExecuteNonQueryAsync();
            }
            (code, _, stderr) = await CliRunner.RunAsync(dir, "complaints", "summary", "check");
            Assert.Equal(1, code);
            Assert.Contains("1 cells, 0 respondent cells, 0 deadline cells", stderr, StringComparison.Ordinal);

            (code, stdout, stderr) = await CliRunner.RunAsync(dir, "complaints", "summary", "rebuild");
            Assert.True(code == 0, stderr);
            Assert.Contains("summary rebuilt: 0 cells", stdout, StringComparison.Ordinal);
            (code, _, stderr) = await CliRunner.RunAsync(dir, "complaints", "summary", "check");
            Assert.True(code == 0, stderr);

            (code, _, stderr) = await CliRunner.RunAsync(dir, "complaints", "indicator20", "--period", "2025-13");
            Assert.Equal(2, code);
            Assert.Contains("--period '2025-13'", stderr, StringComparison.Ordinal);
            (code, stdout, stderr) = await CliRunner.RunAsync(dir, "complaints", "indicator20", "--period", "2025-Q2", "--as-of", "2025-08-01");
            Assert.True(code == 0, stderr);
            Assert.Contains("indicator 20, 2025-Q2 as of 2025-08-01", stdout, StringComparison.Ordinal);
            // Nothing was due: the nation's line says so rather than a rate.
            Assert.Matches(@"100000\s+全国\s+0\s+0\s+—", stdout);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }
}
