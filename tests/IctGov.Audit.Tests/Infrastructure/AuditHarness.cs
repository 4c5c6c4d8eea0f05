using System.Data.Common;
using IctGov.Audit.Data;
using IctGov.Audit.Features;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace IctGov.Audit.Tests.Infrastructure;

/// <summary>The Audit module on a real, migrated database with a fake clock, and an attacker's direct access to it.</summary>
internal sealed class AuditHarness : IAsyncDisposable
{
    private readonly ModuleHarness _modules;
    private readonly List<AsyncServiceScope> _scopes = [];

    private AuditHarness(ModuleHarness modules) => _modules = modules;

    public FakeTimeProvider Clock => _modules.Clock;
    public StorageOptions Storage => _modules.Storage;
    public DatabaseProvider Provider => Storage.Provider;
    public IAuditLog Log => _modules.Services.GetRequiredService<IAuditLog>();
    public IServiceProvider Services => _modules.Services;

    /// <summary>Starts at a time with a sub-microsecond part, which PostgreSQL cannot store.</summary>
    public static async Task<AuditHarness> StartAsync(DatabaseProvider provider) =>
        new(await ModuleHarness.StartAsync(provider, [new AuditModule()], new DateTimeOffset(2026, 6, 1, 8, 30, 0, TimeSpan.Zero).AddTicks(1_234_567)));

    public static AuditEntry Entry(int i) => new(
        "user:province-44-" + i, "submission.approve", "submission", "S-2026-" + i.ToString("0000", System.Globalization.CultureInfo.InvariantCulture),
        $$"""{"status":"submitted","value":{{i}}}""", $$"""{"status":"approved","value":{{i}},"note":"同意"}""", "440000");

    /// <summary>Appends entries 1..n, one second apart, each in its own transaction.</summary>
    public async Task AppendAsync(int n)
    {
        for (var i = 1; i <= n; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            await Log.AppendAsync(Entry(i), null);
        }
    }

    public AuditDbContext NewContext()
    {
        var scope = _modules.Services.CreateAsyncScope();
        _scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<AuditDbContext>();
    }

    /// <summary>A verifier reading in small batches, so batch boundaries fall inside the tests' logs.</summary>
    public AuditVerifier Verifier(int batchSize = 3) => new(NewContext()) { BatchSize = batchSize };

    public async Task<List<AuditRecord>> EntriesAsync() =>
        await NewContext().Entries.AsNoTracking().OrderBy(e => e.Seq).ToListAsync();

    public DbConnection NewConnection() => Provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(Storage.ConnectionString)
        : new NpgsqlConnection(Storage.ConnectionString);

    /// <summary>Runs SQL on a connection of its own, as any database client would.</summary>
    public async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var conn = NewConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Someone with the database file or a superuser login: drops the append-only triggers first,
    /// as such a person can, then runs <paramref name="sql"/>. The chain must still show it.
    /// </summary>
    public async Task TamperAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await DropAppendOnlyTriggersAsync();
        await ExecuteAsync(sql, parameters);
    }

    public Task DropAppendOnlyTriggersAsync() => ExecuteAsync(Provider == DatabaseProvider.Sqlite
        ? "DROP TRIGGER audit_entry_no_update; DROP TRIGGER audit_entry_no_delete;"
        : "DROP TRIGGER audit_entry_no_update_delete ON audit_entry; DROP TRIGGER audit_entry_no_truncate ON audit_entry;");

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }
        await _modules.DisposeAsync();
    }
}
