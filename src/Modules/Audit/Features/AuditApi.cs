using IctGov.Kernel.Security;
using IctGov.Audit.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Audit.Features;

/// <summary>The log for regulators to read, page by page, with the chain so a reader can check it independently.</summary>
internal static class AuditApi
{
    public const int DefaultTake = 100;
    public const int MaxTake = 1000;

    /// <param name="RecordedAt">Exactly the text the hash covers (UTC, ISO 8601, 7 fraction digits).</param>
    public sealed record AuditEntryDto(long Seq, string RecordedAt, string ActorId, string Action, string SubjectType, string SubjectId,
        string? RegionCode, string? Before, string? After, string PrevHash, string Hash);

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        // Ministry only: the log holds every region's before/after states.
        api.MapGet("/audit", List)
            .RequireAuthorization(Policies.MinistryOnly)
            .WithName("ListAuditEntries")
            .WithSummary("Audit log entries in sequence order from entry `from` (default 1), at most `take` (default 100, at most 1000), with their hash chain");
        return api;
    }

    private static async Task<Results<Ok<List<AuditEntryDto>>, BadRequest<string>>> List(long? from, int? take, AuditDbContext db, CancellationToken ct)
    {
        var start = from ?? 1;
        var count = take ?? DefaultTake;
        if (start < 1)
        {
            return TypedResults.BadRequest($"from={start}: entries are numbered from 1");
        }
        if (count is < 1 or > MaxTake)
        {
            return TypedResults.BadRequest($"take={count}: expected 1 to {MaxTake}");
        }
        var rows = await db.Entries.AsNoTracking().Where(e => e.Seq >= start).OrderBy(e => e.Seq).Take(count).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => new AuditEntryDto(r.Seq, AuditHash.FormatTime(r.RecordedAt), r.ActorId, r.Action, r.SubjectType,
            r.SubjectId, r.RegionCode, r.Before, r.After, r.PrevHash, r.Hash)).ToList());
    }
}
