using System.Data.Common;

namespace IctGov.Kernel.Auditing;

/// <summary>One write or decision to record: who did what to which thing, with the state before and after.</summary>
/// <param name="ActorId">The actor's id (see <see cref="Security.Actor.Id"/>).</param>
/// <param name="Action">What happened, e.g. <c>submission.approve</c>.</param>
/// <param name="SubjectType">The kind of thing, e.g. <c>submission</c>.</param>
/// <param name="SubjectId">Its identifier.</param>
/// <param name="Before">JSON of the state before, null for a creation.</param>
/// <param name="After">JSON of the state after, null for a deletion.</param>
/// <param name="RegionCode">The region the thing belongs to, for scoped reading of the log.</param>
public sealed record AuditEntry(string ActorId, string Action, string SubjectType, string SubjectId, string? Before, string? After, string? RegionCode = null);

/// <summary>
/// The platform's append-only, hash-chained audit log. Append inside the caller's own database
/// transaction (pass it) so the write and its audit entry commit or roll back together.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends an entry, enlisting in <paramref name="transaction"/> when given; returns its sequence number.</summary>
    Task<long> AppendAsync(AuditEntry entry, DbTransaction? transaction, CancellationToken ct = default);
}
