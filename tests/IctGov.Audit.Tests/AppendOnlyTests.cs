using IctGov.Audit.Tests.Infrastructure;
using IctGov.Kernel;

namespace IctGov.Audit.Tests;

public class AppendOnlyTests
{
    [Theory, DatabaseData]
    public async Task Database_RejectsUpdateAndDeleteOfAuditEntries(DatabaseProvider provider)
    {
        await using var harness = await AuditHarness.StartAsync(provider);
        await harness.AppendAsync(3);
        var statements = new List<string>
        {
            """UPDATE audit_entry SET "After" = '{}' WHERE "Seq" = 2""",
            """DELETE FROM audit_entry WHERE "Seq" = 3""",
            "DELETE FROM audit_entry",
        };
        if (provider == DatabaseProvider.Postgres)
        {
            statements.Add("TRUNCATE audit_entry"); // fires no row trigger, so it has its own
        }
        foreach (var sql in statements)
        {
            var e = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => harness.ExecuteAsync(sql));
            Assert.Contains("append-only", e.Message, StringComparison.Ordinal);
        }
        var result = await harness.Verifier().VerifyAsync();
        Assert.True(result.Intact);
        Assert.Equal(3, result.Count);
    }
}
