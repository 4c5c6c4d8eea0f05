using System.Data.Common;
using IctGov.Audit.Data;
using IctGov.Kernel.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
        // A context of its own for every append: enlisting in a caller's connection changes a
        // context for good, so it must not be one that anything else in a scope goes on using.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        // A failed insert must not leave the caller's transaction fit to commit a write without its
        // entry: without a savepoint, PostgreSQL marks the whole transaction failed.
        db.Database.AutoSavepointsEnabled = false;
        if (transaction is not null)
        {
            var connection = transaction.Connection
                ?? throw new ArgumentException("the transaction has already been committed or rolled back", nameof(transaction));
            if (!db.IsSameEngine(connection))
            {
                throw new ArgumentException($"the transaction is on a {connection.GetType().Name}, but the audit log is on {db.Database.ProviderName}", nameof(transaction));
            }
            db.Database.SetDbConnection(connection, contextOwnsConnection: false);
            await db.Database.UseTransactionAsync(transaction, ct);
            return await AppendInTransactionAsync(db, entry, ct);
        }

        await db.Database.OpenConnectionAsync(ct);
        await using var own = await db.BeginAppendTransactionAsync(db.Database.GetDbConnection(), ct);
        await db.Database.UseTransactionAsync(own, ct);
        var seq = await AppendInTransactionAsync(db, entry, ct);
        await own.CommitAsync(ct);
        return seq;
    }

    private async Task<long> AppendInTransactionAsync(AuditDbContext db, AuditEntry entry, CancellationToken ct)
    {
        await db.SerializeAppendsAsync(ct);
        var head = await db.Entries.AsNoTracking().OrderByDescending(e => e.Seq)
            .Select(e => new { e.Seq, e.Hash }).FirstOrDefaultAsync(ct);
        var record = new AuditRecord
        {
            Seq = (head?.Seq ?? 0) + 1,
            // Read after the lock, so times never run backwards along the chain (clock permitting).
            RecordedAt = AuditHash.ToStoredPrecision(clock.GetUtcNow()),
            ActorId = entry.ActorId,
            Action = entry.Action,
            SubjectType = entry.SubjectType,
            SubjectId = entry.SubjectId,
            RegionCode = entry.RegionCode,
            Before = entry.Before,
            After = entry.After,
            PrevHash = head?.Hash ?? AuditHash.Genesis,
        };
        record.Hash = AuditHash.Compute(record);
        db.Entries.Add(record);
        await db.SaveChangesAsync(ct);
        return record.Seq;
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
