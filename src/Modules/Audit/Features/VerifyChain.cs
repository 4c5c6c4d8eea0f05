using IctGov.Audit.Contracts;
using IctGov.Audit.Data;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Audit.Features;

/// <summary>
/// Walks the chain in sequence order, a batch at a time (keyset paging on the primary key, so a
/// log of millions of rows is read in constant memory), recomputing every hash.
/// </summary>
internal sealed class AuditVerifier(AuditDbContext db) : IAuditVerifier
{
    /// <summary>Rows per query; small in tests, so that batch boundaries are crossed.</summary>
    internal int BatchSize { get; init; } = 1000;

    public async Task<AuditVerification> VerifyAsync(AuditHead? expectedHead = null, CancellationToken ct = default)
    {
        var count = 0L;
        var head = AuditHead.Empty;
        var last = long.MinValue;
        while (true)
        {
            var batch = await db.Entries.AsNoTracking().Where(e => e.Seq > last).OrderBy(e => e.Seq).Take(BatchSize).ToListAsync(ct);
            foreach (var entry in batch)
            {
                if (Check(entry, head, expectedHead) is { } problem)
                {
                    return new AuditVerification(count, head, problem);
                }
                count++;
                head = new AuditHead(entry.Seq, entry.Hash);
            }
            if (batch.Count < BatchSize)
            {
                break;
            }
            last = batch[^1].Seq;
        }
        if (expectedHead is not null && expectedHead.Seq > head.Seq)
        {
            var missing = expectedHead.Seq == head.Seq + 1 ? $"entry {expectedHead.Seq} was" : $"entries {head.Seq + 1}–{expectedHead.Seq} were";
            return new AuditVerification(count, head, new AuditProblem(head.Seq + 1, AuditProblemKind.Removed,
                $"the log ends at entry {head.Seq}, but the head written down was entry {expectedHead.Seq}: {missing} removed from the end"));
        }
        return new AuditVerification(count, head, null);
    }

    /// <summary>The problem with <paramref name="entry"/> given the last good entry <paramref name="previous"/>, if any.</summary>
    private static AuditProblem? Check(AuditRecord entry, AuditHead previous, AuditHead? expectedHead)
    {
        var expectedSeq = previous.Seq + 1;
        if (entry.Seq > expectedSeq)
        {
            var missing = entry.Seq - 1 == expectedSeq ? $"entry {expectedSeq} is" : $"entries {expectedSeq}–{entry.Seq - 1} are";
            return new AuditProblem(expectedSeq, AuditProblemKind.Removed, $"{missing} missing: the log goes from entry {previous.Seq} to entry {entry.Seq}");
        }
        if (entry.Seq < expectedSeq)
        {
            // Only possible before the first entry: the primary key keeps the rest unique.
            return new AuditProblem(entry.Seq, AuditProblemKind.ChainBroken, $"entry {entry.Seq} comes before the first entry of the log (entries are numbered from 1): it was inserted or renumbered");
        }
        var recomputed = AuditHash.Compute(entry);
        if (!string.Equals(recomputed, entry.Hash, StringComparison.Ordinal))
        {
            return new AuditProblem(entry.Seq, AuditProblemKind.Edited,
                $"entry {entry.Seq} was changed after it was written: its contents hash to {recomputed}, but the stored hash is {entry.Hash}");
        }
        if (!string.Equals(entry.PrevHash, previous.Hash, StringComparison.Ordinal))
        {
            return new AuditProblem(entry.Seq, AuditProblemKind.ChainBroken, entry.Seq == 1
                ? $"entry 1 does not start the chain: its PrevHash is {entry.PrevHash}, not {previous.Hash}"
                : $"entry {entry.Seq} does not follow entry {previous.Seq}: its PrevHash is {entry.PrevHash}, but entry {previous.Seq} hashes to {previous.Hash}; entry {previous.Seq} was changed and re-hashed");
        }
        if (expectedHead is not null && entry.Seq == expectedHead.Seq && !string.Equals(entry.Hash, expectedHead.Hash, StringComparison.Ordinal))
        {
            return new AuditProblem(entry.Seq, AuditProblemKind.HeadMismatch,
                $"entry {entry.Seq} hashes to {entry.Hash}, but the head written down was {expectedHead}: the log up to entry {entry.Seq} was rewritten");
        }
        return null;
    }
}
