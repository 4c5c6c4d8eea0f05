using System.Data.Common;
using IctGov.Audit.Data;
using IctGov.Kernel.Auditing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IctGov.Audit.Features;

/// <summary>
/// Appends to the chain: under a lock, read the head, hash the new entry onto it, insert. In the
/// caller's transaction when one is given, so a write and its audit entry commit or roll back together.
/// </summary>
internal sealed class AuditLog(IServiceScopeFactory scopes, TimeProvider clock) : IAuditLog
{
    public async Task<long> AppendAsync(AuditEntry entry, DbTransaction? transaction, CancellationToken ct = default)
    {
        Validate(entry);
        if (transaction is not null)
        {
            var connection = transaction.Connection
                ?? throw new ArgumentException("the transaction has already been committed or rolled back", nameof(transaction));
            var engine = Engine();
            if (connection is SqliteConnection != engine.Sqlite || connection is not (SqliteConnection or NpgsqlConnection))
            {
                throw new ArgumentException($"the transaction is on a {connection.GetType().Name}, but the audit log is on {engine.Provider}", nameof(transaction));
            }
            return await AppendOnConnectionAsync(connection, transaction, entry, ct);
        }

        // Its own connection and transaction, from a context of its own (the context's connection
        // is not shared with anything else in a scope).
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        var own = db.Database.GetDbConnection();
        await using var tx = await db.BeginAppendTransactionAsync(own, ct);
        var seq = await AppendOnConnectionAsync(own, tx, entry, ct);
        await tx.CommitAsync(ct);
        return seq;
    }

    private (bool Sqlite, string Provider)? _engine;

    /// <summary>Which engine the log is on, read once from its context's type.</summary>
    private (bool Sqlite, string Provider) Engine()
    {
        if (_engine is { } known)
        {
            return known;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        var engine = (db is SqliteAuditDbContext, db.Database.ProviderName ?? db.GetType().Name);
        _engine = engine;
        return engine;
    }

    /// <summary>
    /// The append itself, as plain commands on the given connection and transaction: lock, read the
    /// head, hash the entry onto it, insert. An EF Core context enlisted in the caller's transaction
    /// did the same before, but writers that append once per batch in a loop (identifier
    /// registration: 500 appends per million identifiers) paid more for a scope, a context and its
    /// enlistment per append than for the append, and kept EF Core's query pipeline hot enough to be
    /// recompiled by the JIT during the run. The row is the one EF Core writes (the mapping in
    /// <see cref="AuditDbContext"/>): the same columns, and the time bound as a DateTimeOffset, which
    /// both providers store as EF Core does (SQLite text "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", PostgreSQL
    /// timestamptz). No savepoint: a failed insert on PostgreSQL fails the caller's whole
    /// transaction, so it cannot commit a write without its entry.
    /// </summary>
    private async Task<long> AppendOnConnectionAsync(DbConnection connection, DbTransaction transaction, AuditEntry entry, CancellationToken ct)
    {
        if (connection is NpgsqlConnection)
        {
            // Read committed alone would let two appends read the same head; the primary key would then
            // reject one of them, failing the caller's write. The lock, held until the transaction
            // ends, makes the second wait instead. On SQLite a write transaction already excludes
            // every other writer.
            await using var lockCmd = Command(connection, transaction, "SELECT pg_advisory_xact_lock(@k)");
            Add(lockCmd, "k", PostgresAuditDbContext.AppendLockKey);
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        long headSeq = 0;
        var prevHash = AuditHash.Genesis;
        await using (var head = Command(connection, transaction, """SELECT "Seq", "Hash" FROM audit_entry ORDER BY "Seq" DESC LIMIT 1"""))
        await using (var reader = await head.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                headSeq = reader.GetInt64(0);
                prevHash = reader.GetString(1);
            }
        }
        var record = new AuditRecord
        {
            Seq = headSeq + 1,
            // Read after the lock, so times never run backwards along the chain (clock permitting).
            RecordedAt = AuditHash.ToStoredPrecision(clock.GetUtcNow()),
            ActorId = entry.ActorId,
            Action = entry.Action,
            SubjectType = entry.SubjectType,
            SubjectId = entry.SubjectId,
            RegionCode = entry.RegionCode,
            Before = entry.Before,
            After = entry.After,
            PrevHash = prevHash,
        };
        record.Hash = AuditHash.Compute(record);
        await using var insert = Command(connection, transaction, """
            INSERT INTO audit_entry ("Seq", "RecordedAt", "ActorId", "Action", "SubjectType", "SubjectId", "RegionCode", "Before", "After", "PrevHash", "Hash")
            VALUES (@seq, @at, @actor, @action, @stype, @sid, @region, @before, @after, @prev, @hash)
            """);
        Add(insert, "seq", record.Seq);
        Add(insert, "at", record.RecordedAt);
        Add(insert, "actor", record.ActorId);
        Add(insert, "action", record.Action);
        Add(insert, "stype", record.SubjectType);
        Add(insert, "sid", record.SubjectId);
        Add(insert, "region", record.RegionCode);
        Add(insert, "before", record.Before);
        Add(insert, "after", record.After);
        Add(insert, "prev", record.PrevHash);
        Add(insert, "hash", record.Hash);
        await insert.ExecuteNonQueryAsync(ct);
        return record.Seq;

        static DbCommand Command(DbConnection c, DbTransaction tx, string sql)
        {
            var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            return cmd;
        }

        static void Add(DbCommand cmd, string name, object? value)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
    }

    /// <summary>Refuses, before anything is written, what the engines would reject or store differently from what was hashed.</summary>
    internal static void Validate(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Check(entry.ActorId, nameof(entry.ActorId), AuditLimits.ActorId, required: true);
        Check(entry.Action, nameof(entry.Action), AuditLimits.Action, required: true);
        Check(entry.SubjectType, nameof(entry.SubjectType), AuditLimits.SubjectType, required: true);
        Check(entry.SubjectId, nameof(entry.SubjectId), AuditLimits.SubjectId, required: true);
        Check(entry.RegionCode, nameof(entry.RegionCode), AuditLimits.RegionCode, required: false);
        Check(entry.Before, nameof(entry.Before), int.MaxValue, required: false);
        Check(entry.After, nameof(entry.After), int.MaxValue, required: false);

        static void Check(string? value, string field, int maxLength, bool required)
        {
            if (value is null)
            {
                if (required)
                {
                    throw new ArgumentException($"audit entry {field} is required", nameof(entry));
                }
                return;
            }
            if (required && string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"audit entry {field} is empty", nameof(entry));
            }
            if (value.Length > maxLength)
            {
                throw new ArgumentException($"audit entry {field} has {value.Length} characters; at most {maxLength} are kept", nameof(entry));
            }
            if (value.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"audit entry {field} contains a NUL character, which PostgreSQL text cannot hold", nameof(entry));
            }
            if (!AuditHash.IsEncodable(value))
            {
                throw new ArgumentException($"audit entry {field} is not valid Unicode (a lone surrogate)", nameof(entry));
            }
        }
    }
}
