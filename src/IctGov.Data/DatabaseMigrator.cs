using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Data;

/// <summary>Applies a module's EF Core migrations safely on either engine.</summary>
public static class DatabaseMigrator
{
    /// <summary>
    /// MigrateAsync takes EF's migration lock, which on SQLite is a row in __EFMigrationsLock: a
    /// process killed while holding it (a CLI command stopped during start-up) leaves the row, and
    /// every later start waits on it for ever. So the lock is only taken when there is something to
    /// migrate, and on SQLite migrations are serialised by an OS file lock beside the database, which
    /// the kernel releases when its holder dies: whoever holds the file lock knows that any lock row
    /// left in the table is stale. (PostgreSQL's lock is an advisory lock, released with the session.)
    /// </summary>
    public static async Task MigrateAsync(DbContext db, CancellationToken ct = default)
    {
        if (!(await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            return;
        }
        if (!db.Database.IsSqlite())
        {
            await db.Database.MigrateAsync(ct);
            return;
        }
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        using var fileLock = await AcquireFileLockAsync(Path.GetFullPath(source) + ".migrate.lock", ct);
        await ClearLockRowAsync(db, ct);
        await db.Database.MigrateAsync(ct);
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(100, ct); // another process is migrating
            }
        }
    }

    private static async Task ClearLockRowAsync(DbContext db, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var exists = conn.CreateCommand();
            exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0)
            {
                await using var clear = conn.CreateCommand();
                clear.CommandText = "DELETE FROM __EFMigrationsLock";
                await clear.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
