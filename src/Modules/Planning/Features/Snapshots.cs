using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Planning.Data;
using IctGov.Planning.Evaluation;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IctGov.Planning.Features;

/// <summary>
/// Frozen evaluations: the answer given on a date is stored as it was, so a report to the State
/// Council can be reproduced later even after figures are revised.
/// </summary>
internal sealed class SnapshotStore(PlanningDbContext db, EvaluationService service, TimeProvider clock, IAuditLog? audit = null, IActorAccessor? actors = null)
{
    public async Task<EvaluationSnapshot> FreezeAsync(DateOnly asOf, string region, string? version, string? label, CancellationToken ct)
    {
        var report = await service.EvaluateAsync(asOf, region, version, ct);
        var snapshot = new EvaluationSnapshot
        {
            AsOf = asOf,
            RegionCode = region,
            PlanVersionCode = report.PlanVersion.Code,
            Label = label,
            CreatedAt = clock.GetUtcNow(),
            Json = EvaluationJson.Serialize(report),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.EvaluationSnapshots.Add(snapshot);
        await db.SaveChangesAsync(ct);
        if (audit is not null)
        {
            await audit.AppendAsync(new AuditEntry((actors?.Current ?? Actor.System("planning")).Id, "evaluation.freeze", "evaluation_snapshot",
                snapshot.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
                System.Text.Json.JsonSerializer.Serialize(new { asOf = asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), region, planVersion = snapshot.PlanVersionCode, label }), region),
                tx.GetDbTransaction(), ct);
        }
        await tx.CommitAsync(ct);
        return snapshot;
    }
}

internal static class SnapshotsApi
{
    public sealed record FreezeRequest(string? AsOf, string? Region, string? Version, string? Label);
    public sealed record SnapshotDto(long Id, DateOnly AsOf, string Region, string PlanVersion, string? Label, DateTimeOffset CreatedAt);

    public static RouteGroupBuilder MapSnapshotsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/evaluation/snapshots", Freeze).RequireAuthorization(Policies.MinistryOnly).WithName("FreezeEvaluation").WithSummary("Freeze the evaluation as of a date");
        api.MapGet("/evaluation/snapshots", List).WithName("ListSnapshots").WithSummary("Frozen evaluations, newest first");
        api.MapGet("/evaluation/snapshots/{id:long}", Get).WithName("GetSnapshot").WithSummary("A frozen evaluation exactly as stored");
        return api;
    }

    private static async Task<Results<Created<SnapshotDto>, ProblemHttpResult>> Freeze(FreezeRequest request, SnapshotStore store, EvaluationService service, CancellationToken ct)
    {
        if (!EvaluationApi.TryQuery(request.AsOf, request.Region, service.Today, out var date, out var region, out var problem))
        {
            return OutcomeResults.Problem(OutcomeStatus.Invalid, problem!);
        }
        try
        {
            var s = await store.FreezeAsync(date, region, request.Version, request.Label, ct);
            return TypedResults.Created($"/api/v1/evaluation/snapshots/{s.Id}", ToDto(s));
        }
        catch (KeyNotFoundException e)
        {
            return OutcomeResults.Problem(OutcomeStatus.NotFound, e.Message);
        }
    }

    private static async Task<Ok<List<SnapshotDto>>> List(PlanningDbContext db, CancellationToken ct)
    {
        var rows = await db.EvaluationSnapshots.AsNoTracking().OrderByDescending(s => s.Id).Take(200).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(ToDto).ToList());
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Get(long id, PlanningDbContext db, CancellationToken ct)
    {
        var s = await db.EvaluationSnapshots.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return s is null ? OutcomeResults.Problem(OutcomeStatus.NotFound, "no such snapshot") : TypedResults.Content(s.Json, "application/json; charset=utf-8");
    }

    private static SnapshotDto ToDto(EvaluationSnapshot s) => new(s.Id, s.AsOf, s.RegionCode, s.PlanVersionCode, s.Label, s.CreatedAt);
}
