using System.Reflection;
using IctGov.Kernel;
using Npgsql;
using Xunit.Sdk;

namespace IctGov.Testing;

/// <summary>
/// Runs a storage test once per supported engine (after bitwarden/server's DatabaseDataAttribute):
/// the embedded SQLite file and a real PostgreSQL server.
/// </summary>
public sealed class DatabaseDataAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        [[DatabaseProvider.Sqlite], [DatabaseProvider.Postgres]];
}

/// <summary>
/// A fresh, empty database for one test: a SQLite file in a temporary data directory, or a new
/// database on the PostgreSQL server named by ICTGOV_TEST_PG (scripts/test.sh starts one on
/// loopback). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _pgAdmin;
    private readonly string? _pgName;

    private TestDatabase(StorageOptions storage, string? pgAdmin, string? pgName)
    {
        Storage = storage;
        _pgAdmin = pgAdmin;
        _pgName = pgName;
    }

    public StorageOptions Storage { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ictgov-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        if (provider == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(StorageOptions.Resolve(dir, "sqlite", null, _ => null), null, null);
        }
        var admin = Environment.GetEnvironmentVariable("ICTGOV_TEST_PG")
            ?? throw new InvalidOperationException("ICTGOV_TEST_PG is not set: run the tests with scripts/test.sh, which installs and starts PostgreSQL on loopback");
        var name = "ictgov_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new TestDatabase(StorageOptions.Resolve(dir, "postgres", cs, _ => null), admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_pgAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(_pgAdmin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        try
        {
            Directory.Delete(Storage.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a temp directory left behind is harmless
        }
    }
}
