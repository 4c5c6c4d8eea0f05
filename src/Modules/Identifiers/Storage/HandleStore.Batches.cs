using System.Data.Common;
using System.Diagnostics;
using IctGov.Identifiers.Registry;
using IctGov.Protocols.Handle;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

namespace IctGov.Identifiers.Storage;

// Batch registration: a batch checked whole, encoded, then written in one transaction (prepared INSERT on SQLite, binary COPY on PostgreSQL).
internal sealed partial class HandleStore
{
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
}
