namespace IctGov.Audit.Data;

/// <summary>
/// One row of <c>audit_entry</c>: an <see cref="Kernel.Auditing.AuditEntry"/> with its place in
/// the chain. Written once and never updated (see <see cref="AuditHash"/> for what the hash covers).
/// </summary>
internal sealed class AuditRecord
{
    /// <summary>1, 2, 3 … without gaps, assigned by the appender (not an identity), so a removed row shows as a gap.</summary>
    public long Seq { get; set; }
    /// <summary>UTC, whole microseconds: PostgreSQL keeps no finer, and the hash must survive the round trip.</summary>
    public DateTimeOffset RecordedAt { get; set; }
    public string ActorId { get; set; } = "";
    public string Action { get; set; } = "";
    public string SubjectType { get; set; } = "";
    public string SubjectId { get; set; } = "";
    public string? RegionCode { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string PrevHash { get; set; } = "";
    public string Hash { get; set; } = "";
}
