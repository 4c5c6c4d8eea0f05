using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using IctGov.AppLog.Data;
using IctGov.AppLog.Domain.Merkle;
using IctGov.AppLog.Domain.Notes;
using IctGov.AppLog.Domain.Tiles;
using IctGov.Kernel.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IctGov.AppLog.Features;

/// <summary>Where a batch of appended entries landed: their first index and the checkpoint that covers them.</summary>
internal sealed record Sequenced(long FirstIndex, int Count, long TreeSize, byte[] Root, string Checkpoint);

/// <summary>
/// Sequences entries into the tree with group commit: callers queue their entries, and whoever holds
/// the writer lock writes everything queued (up to <see cref="AppLogOptions.MaxBatch"/>) in one
/// transaction — entries, the tiles they change, the signed checkpoint and an audit entry — and only
/// then answers. An entry is acknowledged only once durable, and no checkpoint is ever committed
/// without the tiles and entries behind it. Works the same in the server and in a command-line run,
/// since no background loop is needed.
/// </summary>
internal sealed class Sequencer(IServiceScopeFactory scopes, LogKeys keys, TimeProvider clock, IOptions<AppLogOptions> options) : IDisposable
{
    /// <summary>Entry bundles prefix each entry with a 16-bit length.</summary>
    public const int MaxEntryBytes = ushort.MaxValue;

    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly ConcurrentQueue<Pending> _queue = new();
    private TileEdge? _edge;

    private sealed record Pending(IReadOnlyList<byte[]> Entries, string ActorId, IReadOnlyList<StatementRecord>? Statements = null)
    {
        public TaskCompletionSource<Sequenced> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Appends <paramref name="entries"/> (validated by the caller, each 1–65,535 bytes) and returns once
    /// they are committed. Once queued they are appended even if <paramref name="ct"/> is cancelled.
    /// </summary>
    public Task<Sequenced> AppendAsync(IReadOnlyList<byte[]> entries, string actorId, CancellationToken ct = default) =>
        EnqueueAsync(new Pending(entries, actorId), ct);

    /// <summary>
    /// Appends verified statements: each entry with its index row (<see cref="StatementRecord.Idx"/> is
    /// set here), in the same transaction.
    /// </summary>
    public Task<Sequenced> AppendStatementsAsync(IReadOnlyList<byte[]> entries, IReadOnlyList<StatementRecord> statements, string actorId, CancellationToken ct = default) =>
        EnqueueAsync(new Pending(entries, actorId, statements), ct);

    private async Task<Sequenced> EnqueueAsync(Pending pending, CancellationToken ct)
    {
        var entries = pending.Entries;
        foreach (var e in entries)
        {
            if (e.Length is 0 or > MaxEntryBytes)
            {
                throw new ArgumentException($"an entry has 1–{MaxEntryBytes} bytes, not {e.Length}", nameof(pending));
            }
        }
        _queue.Enqueue(pending);
        while (!pending.Done.Task.IsCompleted)
        {
            await _writer.WaitAsync(ct);
            try
            {
                if (!pending.Done.Task.IsCompleted)
                {
                    await SequenceQueuedAsync();
                }
            }
            finally
            {
                _writer.Release();
            }
        }
        return await pending.Done.Task;
    }

    private async Task SequenceQueuedAsync()
    {
        var batch = new List<Pending>();
        var count = 0;
        while (_queue.TryPeek(out var next) && (batch.Count == 0 || count + next.Entries.Count <= options.Value.MaxBatch))
        {
            _queue.TryDequeue(out _);
            batch.Add(next);
            count += next.Entries.Count;
        }
        if (batch.Count == 0)
        {
            return;
        }
        try
        {
            var results = await WriteAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception e)
        {
            // The edge may hold hashes of a rolled-back batch: reload it from the database next time.
            _edge = null;
            foreach (var p in batch)
            {
                p.Done.TrySetException(e);
            }
        }
    }

    private async Task<List<Sequenced>> WriteAsync(List<Pending> batch)
    {
        // The batch is written whatever happens to the callers that queued it.
        var ct = CancellationToken.None;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppLogDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(ct);
        var conn = db.Database.GetDbConnection();
        if (sqlite)
        {
            // Acknowledged means durable: a commit reaches the disk before the caller hears of it.
            await ExecAsync(conn, null, "PRAGMA synchronous=FULL");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var dbTx = tx.GetDbTransaction();
        if (!sqlite)
        {
            // One writer across processes; SQLite's BEGIN IMMEDIATE already serialises writers.
            await ExecAsync(conn, dbTx, "SELECT pg_advisory_xact_lock(6962)");
        }
        var size = await db.Checkpoints.MaxAsync(c => (long?)c.Size, ct) ?? 0;
        if (_edge is null || _edge.Size != size)
        {
            _edge = await LoadEdgeAsync(db, size, ct);
        }
        var edge = _edge;

        var (insert, entryParams) = Prepare(conn, dbTx, "INSERT INTO applog_entry (idx, data, leaf_hash) VALUES (@p0, @p1, @p2)", 3);
        await using (insert)
        {
            foreach (var p in batch)
            {
                for (var k = 0; k < p.Entries.Count; k++)
                {
                    var leaf = TreeHash.Leaf(p.Entries[k]);
                    entryParams[0].Value = edge.Size;
                    entryParams[1].Value = p.Entries[k];
                    entryParams[2].Value = leaf;
                    await insert.ExecuteNonQueryAsync(ct);
                    if (p.Statements is { } statements)
                    {
                        statements[k].Idx = edge.Size;
                        db.Statements.Add(statements[k]);
                    }
                    edge.Append(leaf);
                }
            }
        }
        var (upsert, tileParams) = Prepare(conn, dbTx, "INSERT INTO applog_tile (level, idx, data) VALUES (@p0, @p1, @p2) ON CONFLICT (level, idx) DO UPDATE SET data = excluded.data", 3);
        await using (upsert)
        {
            foreach (var (level, index, hashes) in edge.Touched())
            {
                tileParams[0].Value = level;
                tileParams[1].Value = index;
                tileParams[2].Value = hashes;
                await upsert.ExecuteNonQueryAsync(ct);
            }
        }
        var root = edge.Root();
        var body = new Checkpoint(keys.Origin, edge.Size, root).Text();
        var note = new SignedNote(body, [keys.Signer.Sign(body)]).Format();
        db.Checkpoints.Add(new LogCheckpoint { Size = edge.Size, Root = root, Note = note, Published = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);

        var first = size;
        var summary = JsonSerializer.Serialize(new { first, count = edge.Size - size, treeSize = edge.Size, root = Convert.ToBase64String(root) });
        foreach (var actor in batch.Select(p => p.ActorId).Distinct())
        {
            await audit.AppendAsync(new AuditEntry(actor, "applog.append", "applog", $"{first}-{edge.Size - 1}", null, summary), dbTx, ct);
        }
        await tx.CommitAsync(ct);
        edge.ClearTouched();

        var results = new List<Sequenced>(batch.Count);
        var at = first;
        foreach (var p in batch)
        {
            results.Add(new Sequenced(at, p.Entries.Count, edge.Size, root, note));
            at += p.Entries.Count;
        }
        return results;
    }

    private static async Task<TileEdge> LoadEdgeAsync(AppLogDbContext db, long size, CancellationToken ct)
    {
        var wanted = new List<(int Level, long Index)>();
        for (var level = 0; (size >> (8 * level)) > 0; level++)
        {
            wanted.Add((level, size >> (8 * (level + 1))));
        }
        var tiles = new Dictionary<(int, long), byte[]>();
        foreach (var (level, index) in wanted)
        {
            var data = await db.Tiles.Where(t => t.Level == level && t.Idx == index).Select(t => t.Data).FirstOrDefaultAsync(ct);
            if (data is not null)
            {
                tiles[(level, index)] = data;
            }
        }
        return TileEdge.Load(size, (l, i) => tiles.GetValueOrDefault((l, i)));
    }

    public void Dispose() => _writer.Dispose();

    /// <summary>One command reused for every row of the batch, its parameters @p0…@pN reloaded in place.</summary>
    private static (DbCommand Command, DbParameter[] Parameters) Prepare(DbConnection conn, DbTransaction tx, string sql, int parameters)
    {
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        var ps = new DbParameter[parameters];
        for (var i = 0; i < parameters; i++)
        {
            ps[i] = cmd.CreateParameter();
            ps[i].ParameterName = $"@p{i}";
            cmd.Parameters.Add(ps[i]);
        }
        return (cmd, ps);
    }

    private static async Task ExecAsync(DbConnection conn, DbTransaction? tx, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
