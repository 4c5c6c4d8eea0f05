using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using IctGov.Identifiers.Registry;
using IctGov.Protocols.Handle;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

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
internal sealed class HandleStore(Connections db, TemplateRegistry templates, HandleCache cache, TimeProvider clock) : IHandleStore
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

    /// <summary>
    /// Creates every handle of the batch in one transaction, or none: the batch is checked whole
    /// first (syntax, duplicates, values, templates), then written; a handle that already exists
    /// rolls the whole batch back.
    /// </summary>
    public async Task<BatchOutcome> CreateBatchCoreAsync(IReadOnlyList<HandleRecord> records, string? batchId, Func<DbTransaction, Task>? inTransaction, CancellationToken ct)
    {
        var refused = PrepareBatch(records, null, out var prepared);
        if (refused is not null)
        {
            return refused;
        }
        using (prepared)
        {
            return await WriteBatchAsync(prepared!, batchId, inTransaction, null, ct);
        }
    }

    /// <summary>
    /// Checks a batch whole (syntax, duplicates within it, values, templates) and encodes its rows;
    /// returns why it is refused, or null with <paramref name="prepared"/> set (the caller disposes
    /// it). Touches no database, so it can run while the batch before is being written.
    /// </summary>
    public BatchOutcome? PrepareBatch(IReadOnlyList<HandleRecord> records, RegistrationTimings? timings, out PreparedBatch? prepared)
    {
        prepared = null;
        if (records.Count > MaxBatch)
        {
            return new BatchOutcome(new BatchResult(HandleStoreResult.InvalidValue, 0), [], $"a batch holds at most {MaxBatch} identifiers; this one has {records.Count}");
        }
        var started = Stopwatch.GetTimestamp();
        var keys = new string[records.Count];
        var seen = new HashSet<string>(records.Count, StringComparer.Ordinal);
        var violations = new List<TemplateViolation>();
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Handle is null || !HandleName.IsValid(r.Handle))
            {
                return Fail(HandleStoreResult.InvalidValue, i, r.Handle, $"record {i + 1}: '{r.Handle}' is not a handle (expected prefix/suffix)");
            }
            keys[i] = HandleName.Normalize(r.Handle);
            if (!seen.Add(keys[i]))
            {
                return Fail(HandleStoreResult.HandleAlreadyExists, i, r.Handle, $"record {i + 1}: {r.Handle} appears twice in the batch");
            }
            if (CheckValues(r.Values) is { } bad)
            {
                return Fail(HandleStoreResult.InvalidValue, i, r.Handle, $"record {i + 1}: {r.Handle}: {bad}");
            }
            templates.Find(r.Handle)?.Validate(r.Handle, r.Values, violations);
            if (violations.Count > 0)
            {
                return new BatchOutcome(new BatchResult(HandleStoreResult.InvalidValue, 0, i, r.Handle), violations,
                    $"record {i + 1}: " + string.Join("; ", violations));
            }
        }
        started = timings?.Add(RegistrationPhase.Validate, started) ?? 0;
        prepared = PreparedBatch.Encode(records, keys, (int)clock.GetUtcNow().ToUnixTimeSeconds());
        timings?.Add(RegistrationPhase.Encode, started);
        return null;

        static BatchOutcome Fail(HandleStoreResult r, int at, string? handle, string problem) =>
            new(new BatchResult(r, 0, at, handle), [], problem);
    }

    /// <summary>Writes a prepared batch in one transaction with <paramref name="inTransaction"/> (the audit entry) before the commit; a handle that exists already rolls it all back.</summary>
    public async Task<BatchOutcome> WriteBatchAsync(PreparedBatch batch, string? batchId, Func<DbTransaction, Task>? inTransaction, RegistrationTimings? timings, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return new BatchOutcome(new BatchResult(HandleStoreResult.Ok, 0), []);
        }
        try
        {
            return await WriteAsync(batch.Keys, async (conn, tx) =>
            {
                var started = Stopwatch.GetTimestamp();
                int? clash = conn is NpgsqlConnection pg
                    ? await CopyBatchAsync(pg, (NpgsqlTransaction)tx, batch, batchId, ct)
                    : InsertBatch((SqliteConnection)conn, batch, batchId, ct);
                started = timings?.Add(RegistrationPhase.Insert, started) ?? 0;
                if (clash is { } at)
                {
                    return (new BatchOutcome(new BatchResult(HandleStoreResult.HandleAlreadyExists, 0, at, batch.Records[at].Handle), [],
                        $"record {at + 1}: {batch.Records[at].Handle} is already registered"), false);
                }
                foreach (var (prefix, count) in batch.Counts)
                {
                    await AddCountAsync(conn, tx, prefix, count, ct);
                }
                started = timings?.Add(RegistrationPhase.Count, started) ?? 0;
                if (inTransaction is not null)
                {
                    await inTransaction(tx);
                    timings?.Add(RegistrationPhase.Audit, started);
                }
                return (new BatchOutcome(new BatchResult(HandleStoreResult.Ok, batch.Count), []), true);
            }, ct, timings);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another batch registered one of these handles between this batch's check and its COPY.
            return new BatchOutcome(new BatchResult(HandleStoreResult.HandleAlreadyExists, 0), [],
                "a handle of the batch was registered by a concurrent batch; nothing of this batch was written");
        }
    }

    private const string InsertSql = """INSERT INTO identifiers_handle ("Key", "Handle", "Prefix", "ValuesJson", "CreatedAt", "BatchId") VALUES (?1, ?2, ?3, ?4, ?5, ?6)""";

    /// <summary>
    /// One prepared single-row INSERT stepped once per record through SQLite's own interface, binding
    /// the prepared UTF-8 spans by position. Microsoft.Data.Sqlite's commands bind every parameter by
    /// name on every execution (a linear search of the statement's names: with multi-row INSERTs that
    /// search was the largest single cost of a registration run) and convert each string to UTF-8
    /// again. Returns the first record whose key exists already: the primary key is the duplicate
    /// check, and the caller rolls the transaction back.
    /// </summary>
    private static int? InsertBatch(SqliteConnection conn, PreparedBatch batch, string? batchId, CancellationToken ct)
    {
        var handle = conn.Handle!;
        Check(raw.sqlite3_prepare_v2(handle, InsertSql, out var stmt), handle);
        using (stmt)
        {
            Check(raw.sqlite3_bind_int64(stmt, 5, batch.Now), handle);
            Check(batchId is null ? raw.sqlite3_bind_null(stmt, 6) : raw.sqlite3_bind_text(stmt, 6, batchId), handle);
            for (var i = 0; i < batch.Count; i++)
            {
                if ((i & 255) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
                Check(raw.sqlite3_bind_text(stmt, 1, batch.Key(i)), handle);
                Check(raw.sqlite3_bind_text(stmt, 2, batch.Handle(i)), handle);
                Check(raw.sqlite3_bind_text(stmt, 3, batch.Prefix(i)), handle);
                Check(raw.sqlite3_bind_text(stmt, 4, batch.Json(i)), handle);
                var rc = raw.sqlite3_step(stmt);
                raw.sqlite3_reset(stmt);
                if (rc == raw.SQLITE_DONE)
                {
                    continue;
                }
                // The statement was undone; only the primary key can refuse a row (nothing is NULL).
                if (rc == raw.SQLITE_CONSTRAINT)
                {
                    return i;
                }
                Check(rc, handle);
            }
        }
        return null;

        static void Check(int rc, sqlite3 db)
        {
            if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }
    }

    private static async Task<int?> CopyBatchAsync(NpgsqlConnection conn, NpgsqlTransaction tx, PreparedBatch batch, string? batchId, CancellationToken ct)
    {
        // COPY cannot say which row clashed, and a failed COPY aborts the transaction: look first.
        // Row locks make a concurrent batch with the same handle wait for this one and then fail.
        var keys = batch.Keys;
        await using (var check = new NpgsqlCommand("""SELECT "Key" FROM identifiers_handle WHERE "Key" = ANY(@keys)""", conn, tx))
        {
            check.Parameters.AddWithValue("keys", keys);
            await using var reader = await check.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                var existing = reader.GetString(0);
                return Array.IndexOf(keys, existing);
            }
        }
        await using var import = await conn.BeginBinaryImportAsync(
            """COPY identifiers_handle ("Key", "Handle", "Prefix", "ValuesJson", "CreatedAt", "BatchId") FROM STDIN (FORMAT BINARY)""", ct);
        for (var i = 0; i < batch.Count; i++)
        {
            await import.StartRowAsync(ct);
            await import.WriteAsync(keys[i], NpgsqlDbType.Text, ct);
            await import.WriteAsync(batch.Records[i].Handle, NpgsqlDbType.Text, ct);
            await import.WriteAsync(KeyPrefix(keys[i]), NpgsqlDbType.Varchar, ct);
            await import.WriteAsync(batch.JsonText(i), NpgsqlDbType.Text, ct);
            await import.WriteAsync((long)batch.Now, NpgsqlDbType.Bigint, ct);
            if (batchId is null)
            {
                await import.WriteNullAsync(ct);
            }
            else
            {
                await import.WriteAsync(batchId, NpgsqlDbType.Varchar, ct);
            }
        }
        await import.CompleteAsync(ct);
        return null;
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

    private List<TemplateViolation> Validate(string handle, IReadOnlyList<HandleValue> values)
    {
        var violations = new List<TemplateViolation>();
        templates.Find(handle)?.Validate(handle, values, violations);
        return violations;
    }

    /// <summary>Why the values cannot be stored, or null: indexes positive and unique, types present.</summary>
    internal static string? CheckValues(IReadOnlyList<HandleValue>? values)
    {
        if (values is null)
        {
            return "values are required";
        }
        // A handle has a handful of values: comparing with the earlier ones beats a set allocated
        // per record (a million of them per million identifiers on the batch path).
        HashSet<int>? seen = values.Count > 16 ? new HashSet<int>(values.Count) : null;
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (v.Index <= 0)
            {
                return $"value index {v.Index}: must be positive";
            }
            if (seen is null ? IndexBefore(values, i) : !seen.Add(v.Index))
            {
                return $"value index {v.Index} appears twice";
            }
            if (string.IsNullOrEmpty(v.Type))
            {
                return $"value index {v.Index}: type is required";
            }
        }
        return null;
    }

    private static bool IndexBefore(IReadOnlyList<HandleValue> values, int i)
    {
        for (var j = 0; j < i; j++)
        {
            if (values[j].Index == values[i].Index)
            {
                return true;
            }
        }
        return false;
    }

    private List<HandleValue> Stamp(IReadOnlyList<HandleValue> values) => Stamp(values, (int)clock.GetUtcNow().ToUnixTimeSeconds());

    /// <summary>The server sets a value's timestamp when it is written, as Handle servers do.</summary>
    private static List<HandleValue> Stamp(IReadOnlyList<HandleValue> values, int now) =>
        values.Select(v => new HandleValue
        {
            Index = v.Index, Type = v.Type, Data = v.Data, TtlType = v.TtlType, Ttl = v.Ttl, Timestamp = now,
            Permissions = v.Permissions, References = v.References,
        }).ToList();

    private static string KeyPrefix(string key) => HandleName.Prefix(key);

    private static async Task<string?> ReadValuesJsonAsync(DbConnection conn, DbTransaction? tx, string key, bool forUpdate, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, """SELECT "ValuesJson" FROM identifiers_handle WHERE "Key" = @k""" + (forUpdate && conn is NpgsqlConnection ? " FOR UPDATE" : ""));
        Add(cmd, "k", key);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    private static async Task InsertOneAsync(DbConnection conn, DbTransaction tx, string key, string handle, List<HandleValue> values, string? batchId, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, """INSERT INTO identifiers_handle ("Key", "Handle", "Prefix", "ValuesJson", "CreatedAt", "BatchId") VALUES (@k, @h, @p, @v, @c, @b)""");
        Add(cmd, "k", key);
        Add(cmd, "h", handle);
        Add(cmd, "p", KeyPrefix(key));
        Add(cmd, "v", StoredValues.Serialize(values));
        Add(cmd, "c", values.Count > 0 ? (long)values[0].Timestamp : 0L);
        Add(cmd, "b", batchId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task UpdateOneAsync(DbConnection conn, DbTransaction tx, string key, IReadOnlyList<HandleValue> values, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, """UPDATE identifiers_handle SET "ValuesJson" = @v WHERE "Key" = @k""");
        Add(cmd, "k", key);
        Add(cmd, "v", StoredValues.Serialize(values));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task AddCountAsync(DbConnection conn, DbTransaction tx, string prefix, long delta, CancellationToken ct)
    {
        await using var cmd = Command(conn, tx, """
            INSERT INTO identifiers_registration_count ("Prefix", "Count") VALUES (@p, @n)
            ON CONFLICT ("Prefix") DO UPDATE SET "Count" = identifiers_registration_count."Count" + excluded."Count"
            """);
        Add(cmd, "p", prefix);
        Add(cmd, "n", delta);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    internal static DbCommand Command(DbConnection conn, DbTransaction? tx, string sql)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    internal static void Add(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }
}
