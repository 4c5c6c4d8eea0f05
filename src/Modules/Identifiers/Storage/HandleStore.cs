using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using IctGov.Identifiers.Registry;
using IctGov.Protocols.Handle;
using Npgsql;

namespace IctGov.Identifiers.Storage;

/// <summary>What a write did, with the template rules it broke when it was refused for them.</summary>
internal sealed record WriteOutcome(HandleStoreResult Result, IReadOnlyList<TemplateViolation> Violations, bool Created = false)
{
    public static readonly WriteOutcome Ok = new(HandleStoreResult.Ok, []);
    public static WriteOutcome Of(HandleStoreResult r) => new(r, []);
}

/// <summary>A batch's outcome with the template rules that refused it, if any.</summary>
internal sealed record BatchOutcome(BatchResult Result, IReadOnlyList<TemplateViolation> Violations, string? Problem = null);

/// <summary>
/// The identifier registry's store, below EF Core: prepared commands on SQLite, binary COPY on
/// PostgreSQL for batches. Hot identifiers come from <see cref="HandleCache"/>; every write
/// invalidates the keys it touched after its transaction ended (committed or not), and before it
/// returns, so a read that starts after a write was acknowledged never sees the old value.
/// </summary>
internal sealed partial class HandleStore(Connections db, TemplateRegistry templates, HandleCache cache, TimeProvider clock) : IHandleStore
{
    /// <summary>The most identifiers one batch may carry (what IDIS secondary nodes accept per call).</summary>
    public const int MaxBatch = 2000;

    public ValueTask<IReadOnlyList<HandleValue>?> ResolveAsync(string handle, CancellationToken ct = default)
    {
        var key = HandleName.Normalize(handle);
        return cache.TryGet(key, out var values) ? ValueTask.FromResult(values) : LoadAsync(key, ct);
    }

    private async ValueTask<IReadOnlyList<HandleValue>?> LoadAsync(string key, CancellationToken ct)
    {
        // Taken before the read: a write that lands between the read and the fill makes the fill a no-op.
        var generation = cache.Generation(key);
        await using var conn = await db.OpenAsync(ct);
        var json = await ReadValuesJsonAsync(conn, null, key, forUpdate: false, ct);
        var values = json is null ? null : StoredValues.Deserialize(json);
        cache.Fill(key, generation, values);
        return values;
    }

    public async ValueTask<HandleStoreResult> CreateAsync(string handle, IReadOnlyList<HandleValue> values, bool overwrite = false, CancellationToken ct = default) =>
        (await CreateCoreAsync(handle, values, overwrite, null, ct)).Result;

    public async ValueTask<HandleStoreResult> DeleteAsync(string handle, CancellationToken ct = default) =>
        (await DeleteCoreAsync(handle, null, ct)).Result;

    public async ValueTask<HandleStoreResult> AddValuesAsync(string handle, IReadOnlyList<HandleValue> values, CancellationToken ct = default) =>
        (await ChangeValuesCoreAsync(handle, ValueChange.Add, values, [], null, ct)).Result;

    public async ValueTask<HandleStoreResult> RemoveValuesAsync(string handle, IReadOnlyList<int> indexes, CancellationToken ct = default) =>
        (await ChangeValuesCoreAsync(handle, ValueChange.Remove, [], indexes, null, ct)).Result;

    public async ValueTask<HandleStoreResult> ModifyValuesAsync(string handle, IReadOnlyList<HandleValue> values, CancellationToken ct = default) =>
        (await ChangeValuesCoreAsync(handle, ValueChange.Modify, values, [], null, ct)).Result;

    public async ValueTask<BatchResult> CreateBatchAsync(IReadOnlyList<HandleRecord> records, CancellationToken ct = default) =>
        (await CreateBatchCoreAsync(records, null, null, ct)).Result;

    public async IAsyncEnumerable<string> ListHandlesAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var conn = await db.OpenAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = """SELECT "Handle" FROM identifiers_handle WHERE "Prefix" = @p ORDER BY "Key" """;
        Add(cmd, "p", HandleName.Normalize(prefix));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return reader.GetString(0);
        }
    }

    /// <summary>Creates (or with <paramref name="overwrite"/> replaces) a handle; <paramref name="inTransaction"/> runs before commit (the audit entry).</summary>
    public async Task<WriteOutcome> CreateCoreAsync(string handle, IReadOnlyList<HandleValue> values, bool overwrite, Func<DbTransaction, Task>? inTransaction, CancellationToken ct)
    {
        if (!HandleName.IsValid(handle) || CheckValues(values) is not null)
        {
            return WriteOutcome.Of(HandleStoreResult.InvalidValue);
        }
        var violations = Validate(handle, values);
        if (violations.Count > 0)
        {
            return new WriteOutcome(HandleStoreResult.InvalidValue, violations);
        }
        var key = HandleName.Normalize(handle);
        try
        {
            return await CreateRowAsync(handle, key, values, overwrite, inTransaction, ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Two creates of the same new handle at once: FOR UPDATE cannot lock a row that does not exist yet.
            return WriteOutcome.Of(HandleStoreResult.HandleAlreadyExists);
        }
    }

    private Task<WriteOutcome> CreateRowAsync(string handle, string key, IReadOnlyList<HandleValue> values, bool overwrite, Func<DbTransaction, Task>? inTransaction, CancellationToken ct) =>
        WriteAsync([key], async (conn, tx) =>
        {
            var existing = await ReadValuesJsonAsync(conn, tx, key, forUpdate: true, ct);
            if (existing is not null && !overwrite)
            {
                return (WriteOutcome.Of(HandleStoreResult.HandleAlreadyExists), false);
            }
            var stamped = Stamp(values);
            if (existing is null)
            {
                await InsertOneAsync(conn, tx, key, handle, stamped, null, ct);
                await AddCountAsync(conn, tx, KeyPrefix(key), 1, ct);
            }
            else
            {
                await UpdateOneAsync(conn, tx, key, stamped, ct);
            }
            if (inTransaction is not null)
            {
                await inTransaction(tx);
            }
            return (new WriteOutcome(HandleStoreResult.Ok, [], Created: existing is null), true);
        }, ct);

    public Task<WriteOutcome> DeleteCoreAsync(string handle, Func<DbTransaction, Task>? inTransaction, CancellationToken ct)
    {
        var key = HandleName.Normalize(handle);
        return WriteAsync([key], async (conn, tx) =>
        {
            await using var cmd = Command(conn, tx, """DELETE FROM identifiers_handle WHERE "Key" = @k""");
            Add(cmd, "k", key);
            if (await cmd.ExecuteNonQueryAsync(ct) == 0)
            {
                return (WriteOutcome.Of(HandleStoreResult.HandleNotFound), false);
            }
            await AddCountAsync(conn, tx, KeyPrefix(key), -1, ct);
            if (inTransaction is not null)
            {
                await inTransaction(tx);
            }
            return (WriteOutcome.Ok, true);
        }, ct);
    }

    internal enum ValueChange { Add, Remove, Modify, AddOrReplace }

    /// <summary>Changes some values of an existing handle; AddOrReplace is the REST API's PUT with <c>index</c>.</summary>
    public Task<WriteOutcome> ChangeValuesCoreAsync(string handle, ValueChange change, IReadOnlyList<HandleValue> values, IReadOnlyList<int> indexes,
        Func<DbTransaction, Task>? inTransaction, CancellationToken ct)
    {
        if (CheckValues(values) is not null)
        {
            return Task.FromResult(WriteOutcome.Of(HandleStoreResult.InvalidValue));
        }
        var key = HandleName.Normalize(handle);
        return WriteAsync([key], async (conn, tx) =>
        {
            var json = await ReadValuesJsonAsync(conn, tx, key, forUpdate: true, ct);
            if (json is null)
            {
                return (WriteOutcome.Of(HandleStoreResult.HandleNotFound), false);
            }
            var current = StoredValues.Deserialize(json).ToDictionary(v => v.Index);
            switch (change)
            {
                case ValueChange.Add when values.Any(v => current.ContainsKey(v.Index)):
                    return (WriteOutcome.Of(HandleStoreResult.ValueAlreadyExists), false);
                case ValueChange.Modify when values.Any(v => !current.ContainsKey(v.Index)):
                case ValueChange.Remove when indexes.Any(i => !current.ContainsKey(i)):
                    return (WriteOutcome.Of(HandleStoreResult.ValueNotFound), false);
            }
            foreach (var i in indexes)
            {
                current.Remove(i);
            }
            foreach (var v in Stamp(values))
            {
                current[v.Index] = v;
            }
            var next = current.Values.OrderBy(v => v.Index).ToList();
            var violations = Validate(handle, next);
            if (violations.Count > 0)
            {
                return (new WriteOutcome(HandleStoreResult.InvalidValue, violations), false);
            }
            await UpdateOneAsync(conn, tx, key, next, ct);
            if (inTransaction is not null)
            {
                await inTransaction(tx);
            }
            return (WriteOutcome.Ok, true);
        }, ct);
    }

    private async Task<T> WriteAsync<T>(string[] keys, Func<DbConnection, DbTransaction, Task<(T Result, bool Commit)>> work, CancellationToken ct, RegistrationTimings? timings = null)
    {
        var started = Stopwatch.GetTimestamp();
        if (db.IsSqlite)
        {
            await db.SqliteWriter.WaitAsync(ct);
        }
        try
        {
            await using var conn = await db.OpenAsync(ct);
            await Connections.PrepareWriteAsync(conn, ct);
            await using var tx = await Connections.BeginWriteAsync(conn, ct);
            timings?.Add(RegistrationPhase.Begin, started);
            try
            {
                var (result, commit) = await work(conn, tx);
                started = Stopwatch.GetTimestamp();
                if (commit)
                {
                    await tx.CommitAsync(ct);
                }
                else
                {
                    await tx.RollbackAsync(ct);
                }
                timings?.Add(RegistrationPhase.Commit, started);
                return result;
            }
            finally
            {
                // Whatever happened (commit, rollback, an exception after a commit that may have
                // reached the disk), no cached value of these keys may outlive this write.
                started = Stopwatch.GetTimestamp();
                foreach (var key in keys)
                {
                    cache.Invalidate(key);
                }
                timings?.Add(RegistrationPhase.Invalidate, started);
            }
        }
        finally
        {
            if (db.IsSqlite)
            {
                db.SqliteWriter.Release();
            }
        }
    }
}
