using IctGov.Kernel;
using IctGov.Planning.Catalogue;
using IctGov.Planning.Data;
using IctGov.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Planning.Tests.Data;

public class MigrationLockTests
{
    /// <summary>A process killed while migrating leaves EF's SQLite lock row; the next start must not wait on it for ever.</summary>
    [Fact]
    public async Task Migrate_WithLockRowLeftByAKilledProcess_StillCompletes()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var dbFile = new SqliteConnectionStringBuilder(database.Storage.ConnectionString).DataSource;
        await using (var conn = new SqliteConnection($"Data Source={dbFile};Pooling=false"))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = """
                CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL PRIMARY KEY, "Timestamp" TEXT NOT NULL);
                INSERT INTO "__EFMigrationsLock" VALUES (1, '2026-06-01 00:00:00+00:00');
                """;
            await cmd.ExecuteNonQueryAsync();
        }
        await using var services = ModuleHarness.BuildServices(database.Storage, TimeProvider.System, new PlanningModule());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CatalogueSeeder>().MigrateAndSeedAsync(timeout.Token);
        Assert.Equal(20, await scope.ServiceProvider.GetRequiredService<PlanningDbContext>().Indicators.CountAsync());
        Assert.False(File.Exists(dbFile + ".migrate.lock")); // the file lock goes with its holder
    }
}
