using System.Data.Common;
using IctGov.Kernel;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IctGov.Identifiers.Storage;

/// <summary>Opens connections for the hot paths that run below EF Core (resolution, registration, meter flush).</summary>
internal sealed class Connections : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _pg;
    private readonly string _sqlite = "";

    public Connections(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        IsSqlite = storage.Provider == DatabaseProvider.Sqlite;
        if (IsSqlite)
        {
            _sqlite = storage.ConnectionString;
        }
        else
        {
            _pg = NpgsqlDataSource.Create(storage.ConnectionString);
        }
    }

    public bool IsSqlite { get; }

    /// <summary>SQLite has one writer at a time; queueing in-process is cheaper than spinning on SQLITE_BUSY.</summary>
    public SemaphoreSlim SqliteWriter { get; } = new(1, 1);

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        DbConnection conn = IsSqlite ? new SqliteConnection(_sqlite) : _pg!.CreateConnection();
        try
        {
            await conn.OpenAsync(ct);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
        return conn;
    }

    /// <summary>
    /// SQLite in WAL mode with synchronous=NORMAL: a commit appends to the write-ahead log without
    /// an fsync; the log is synced at checkpoints. A committed transaction is in the operating
    /// system's page cache when the commit returns, so killing the process never loses it; only a
    /// power cut or kernel crash can lose the last commits (the database stays consistent). The
    /// setting belongs to the connection, so every write connection sets it.
    /// </summary>
    public static async ValueTask PrepareWriteAsync(DbConnection conn, CancellationToken ct)
    {
        if (conn is SqliteConnection)
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA synchronous=NORMAL";
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// A write transaction. SQLite's is IMMEDIATE (takes the write lock at once, so two writers never
    /// deadlock upgrading read locks) and is only begun while holding <see cref="SqliteWriter"/>.
    /// </summary>
    public static async ValueTask<DbTransaction> BeginWriteAsync(DbConnection conn, CancellationToken ct) =>
        conn is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : await conn.BeginTransactionAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (_pg is not null)
        {
            await _pg.DisposeAsync();
        }
        SqliteWriter.Dispose();
    }
}
