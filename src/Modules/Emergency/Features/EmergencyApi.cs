using IctGov.Emergency.Contracts;
using IctGov.Kernel.Security;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IctGov.Emergency.Features;

/// <summary>
/// /api/v1/emergency: plans, resources, incidents with their reports, situation, dispatch and
/// closing; warnings (CAP 1.2). Every write needs a signed-in caller; who may do what on which
/// province or operator is decided in the services from the actor.
/// </summary>
internal static class EmergencyApi
{
    public static RouteGroupBuilder MapEmergencyApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plans", async (ResourceService s, CancellationToken ct) => TypedResults.Ok(await s.PlansAsync(ct)))
            .WithName("ListEmergencyPlans").WithSummary("Emergency plans with what each response level triggers").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/plans", async (PlanRequest r, ResourceService s, IActorAccessor a, CancellationToken ct) => (await s.SavePlanAsync(a.Current, r, ct)).ToHttpResult())
            .WithName("SaveEmergencyPlan").WithSummary("Create or replace a plan (its owner or the ministry)").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/teams", async (ResourceService s, IActorAccessor a, CancellationToken ct) => TypedResults.Ok(await s.TeamsAsync(a.Current, ct)))
            .WithName("ListEmergencyTeams").WithSummary("Teams the caller may see, members' qualifications flagged when expired or expiring").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/teams", async (TeamRequest r, ResourceService s, IActorAccessor a, CancellationToken ct) => (await s.SaveTeamAsync(a.Current, r, ct)).ToHttpResult())
            .WithName("SaveEmergencyTeam").WithSummary("Create or replace a team with its members").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/equipment", async (ResourceService s, IActorAccessor a, CancellationToken ct) => TypedResults.Ok(await s.EquipmentAsync(a.Current, ct)))
            .WithName("ListEmergencyEquipment").WithSummary("Equipment the caller may see, with location and state").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/equipment", async (EquipmentRequest r, ResourceService s, IActorAccessor a, CancellationToken ct) => (await s.SaveEquipmentAsync(a.Current, r, ct)).ToHttpResult())
            .WithName("SaveEmergencyEquipment").WithSummary("Create or update a piece of equipment").RequireAuthorization(Policies.SignedIn);

        api.MapGet("/stockpiles", async (PreparednessService s, IActorAccessor a, CancellationToken ct) => TypedResults.Ok(await s.StockpilesAsync(a.Current, ct)))
            .WithName("ListStockpiles").WithSummary("Stockpiles the caller may see, supplies below their minimum flagged").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/stockpiles", async (StockpileRequest r, PreparednessService s, IActorAccessor a, CancellationToken ct) => (await s.SaveStockpileAsync(a.Current, r, ct)).ToHttpResult())
            .WithName("SaveStockpile").WithSummary("Create or replace a stockpile with its supplies (a stock count)").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/drills", async (PreparednessService s, IActorAccessor a, CancellationToken ct) => TypedResults.Ok(await s.DrillsAsync(a.Current, ct)))
            .WithName("ListDrills").WithSummary("Drills the caller may see, newest first").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/drills", async (DrillRequest r, PreparednessService s, IActorAccessor a, CancellationToken ct) => (await s.RecordDrillAsync(a.Current, r, ct)).ToHttpResult())
            .WithName("RecordDrill").WithSummary("Record a drill of a plan at one of its levels").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/plans/drills", async (PreparednessService s, CancellationToken ct) => TypedResults.Ok(await s.DrillStatusAsync(ct)))
            .WithName("PlanDrillStatus").WithSummary("Every plan's last drill and the day the next is due").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/training", async (PreparednessService s, IActorAccessor a, CancellationToken ct) => TypedResults.Ok(await s.TrainingAsync(a.Current, ct)))
            .WithName("ListTraining").WithSummary("Training records of the teams the caller may see").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/training", async (TrainingRequest r, PreparednessService s, IActorAccessor a, CancellationToken ct) => (await s.RecordTrainingAsync(a.Current, r, ct)).ToHttpResult())
            .WithName("RecordTraining").WithSummary("Record a member's training; one that renews the qualification moves its expiry").RequireAuthorization(Policies.SignedIn);

        api.MapGet("/incidents", async (IncidentService s, IActorAccessor a, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(a.Current, ct)))
            .WithName("ListIncidents").WithSummary("Incidents touching the caller's provinces").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/incidents", async (OpenIncidentRequest r, IncidentService s, IActorAccessor a, CancellationToken ct) => (await s.OpenAsync(a.Current, r, ct)).ToHttpResult())
            .WithName("OpenIncident").WithSummary("Open an incident; activates the plan level's reporting duties").RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapGet("/incidents/{id:long}", async (long id, IncidentService s, IActorAccessor a, CancellationToken ct) => (await s.GetAsync(a.Current, id, ct)).ToHttpResult())
            .WithName("GetIncident").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/incidents/{id:long}/duties", async (long id, IncidentService s, IActorAccessor a, CancellationToken ct) => (await s.DutiesAsync(a.Current, id, ct)).ToHttpResult())
            .WithName("IncidentDuties").WithSummary("Reporting duties the incident activated").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/incidents/{id:long}/reports", async (long id, List<ReportInput> reports, IncidentService s, IActorAccessor a, CancellationToken ct) =>
                (await s.ReportAsync(a.Current, id, reports.Select((r, i) => ((long)i + 1, r)).ToList(), "api", ct)).ToHttpResult())
            .WithName("ReportNetworkState").WithSummary("Report network state (a list); idempotent per (operator, area, time); any bad report writes nothing")
            .RequireAuthorization(Policies.SignedIn);
        api.MapPost("/incidents/{id:long}/reports/import", ImportReports).WithName("ImportNetworkState")
            .WithSummary("Report network state as CSV: " + string.Join(",", IncidentService.CsvColumns)).RequireAuthorization(Policies.SignedIn)
            .DisableAntiforgery().Accepts<string>("text/csv");
        api.MapGet("/incidents/{id:long}/reports", async (long id, IncidentService s, IActorAccessor a, CancellationToken ct) => (await s.ReportsAsync(a.Current, id, ct)).ToHttpResult())
            .WithName("ListNetworkReports").WithSummary("Reports the caller may see").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/incidents/{id:long}/rounds", async (long id, IncidentService s, IActorAccessor a, CancellationToken ct) => (await s.RoundsAsync(a.Current, id, ct)).ToHttpResult())
            .WithName("IncidentRounds").WithSummary("Outages per operator per reporting round").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/incidents/{id:long}/map", async (long id, DateTimeOffset? at, IncidentService s, IActorAccessor a, CancellationToken ct) => (await s.MapAsync(a.Current, id, at, ct)).ToHttpResult())
            .WithName("IncidentMap").WithSummary("The map's data: stations out, provinces with totals, dispatched equipment").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/incidents/{id:long}/timeline", Timeline).WithName("IncidentTimeline").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/incidents/{id:long}/close", async (long id, CloseRequest? r, IncidentService s, IActorAccessor a, CancellationToken ct) => (await s.CloseAsync(a.Current, id, r ?? new(null), ct)).ToHttpResult())
            .WithName("CloseIncident").WithSummary("Close the incident with its lessons").RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapGet("/incidents/{id:long}/after-action", async (long id, IncidentService s, IActorAccessor a, CancellationToken ct) => (await s.AfterActionAsync(a.Current, id, ct)).ToHttpResult())
            .WithName("AfterActionReport").WithSummary("Totals, time to restore 50/90/100%, timeline").RequireAuthorization(Policies.SignedIn);

        api.MapPost("/incidents/{id:long}/dispatches", async (long id, DispatchRequest r, DispatchService s, IActorAccessor a, CancellationToken ct) => (await s.IssueAsync(a.Current, id, r, ct)).ToHttpResult())
            .WithName("IssueDispatch").WithSummary("Order a team or equipment to a province").RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapGet("/incidents/{id:long}/dispatches", async (long id, DispatchService s, IActorAccessor a, CancellationToken ct) => (await s.ListAsync(a.Current, id, ct)).ToHttpResult())
            .WithName("ListDispatches").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/dispatches/{id:long}/{step}", async (long id, string step, DispatchStep? r, DispatchService s, IActorAccessor a, CancellationToken ct) =>
                (await s.StepAsync(a.Current, id, step, r ?? new(null, null, null), ct)).ToHttpResult())
            .WithName("DispatchStep").WithSummary("acknowledge (with eta), arrive, release").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/incidents/{id:long}/support", async (long id, SupportRequestInput r, DispatchService s, IActorAccessor a, CancellationToken ct) => (await s.RequestSupportAsync(a.Current, id, r, ct)).ToHttpResult())
            .WithName("RequestSupport").WithSummary("Ask another province for support").RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapPost("/support/{id:long}/answer", async (long id, SupportAnswer r, DispatchService s, IActorAccessor a, CancellationToken ct) => (await s.AnswerSupportAsync(a.Current, id, r, ct)).ToHttpResult())
            .WithName("AnswerSupport").RequireAuthorization(Policies.ProvinceOrMinistry);

        api.MapGet("/warnings", async (long? incidentId, WarningService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(incidentId, 200, ct)))
            .WithName("ListWarnings").WithSummary("Public warnings with their acknowledgements (public)");
        api.MapPost("/warnings", async (WarningRequest r, WarningService s, IActorAccessor a, CancellationToken ct) => (await s.IssueAsync(a.Current, r, ct)).ToHttpResult())
            .WithName("IssueWarning").WithSummary("Issue a warning as CAP 1.2 (validated against the schema)").RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapPost("/warnings/import", ImportWarning).WithName("ImportWarning").WithSummary("Import a CAP 1.2 message from another command system")
            .RequireAuthorization(Policies.ProvinceOrMinistry).DisableAntiforgery().Accepts<string>("application/cap+xml");
        api.MapPost("/warnings/{id:long}/ack", async (long id, AckRequest r, WarningService s, IActorAccessor a, CancellationToken ct) => (await s.AcknowledgeAsync(a.Current, id, r, ct)).ToHttpResult())
            .WithName("AcknowledgeWarning").WithSummary("An operator confirms it pushed the warning in a province").RequireAuthorization(Policies.Reporter);
        return api;
    }

    private static async Task<Results<Ok<IntakeReceipt>, ProblemHttpResult>> ImportReports(long id, HttpRequest request, IncidentService s, IActorAccessor a, CancellationToken ct)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct); // the CSV reader is synchronous; Kestrel forbids that on the request body
        body.Position = 0;
        return (await s.ImportCsvAsync(a.Current, id, body, ct)).ToHttpResult();
    }

    private static async Task<Results<Ok<WarningView>, ProblemHttpResult>> ImportWarning(HttpRequest request, WarningService s, IActorAccessor a, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        return (await s.ImportAsync(a.Current, await reader.ReadToEndAsync(ct), ct)).ToHttpResult();
    }

    private static async Task<Results<Ok<IReadOnlyList<TimelineEntry>>, ProblemHttpResult>> Timeline(long id, IncidentService s, IActorAccessor a, CancellationToken ct) =>
        await s.FindAsync(a.Current, id, ct) is null
            ? IncidentService.NotFound<IReadOnlyList<TimelineEntry>>(a.Current, id).ToHttpResult()
            : TypedResults.Ok(await s.TimelineAsync(id, ct));

    /// <summary>The public CAP distribution: /emergency/cap/ (ATOM index), one feed per operator, each message as application/cap+xml.</summary>
    public static void MapCap(this IEndpointRouteBuilder app)
    {
        app.MapGet("/emergency/cap/", async (HttpRequest request, WarningService s, CancellationToken ct) =>
            Results.Text(await s.AtomAsync(BaseUrl(request), null, ct), "application/atom+xml; charset=utf-8")).WithName("CapIndex").ExcludeFromDescription();
        app.MapGet("/emergency/cap/operators/{op}.atom", async (string op, HttpRequest request, WarningService s, CancellationToken ct) =>
            EmergencyAccess.Operators.Contains(op)
                ? Results.Text(await s.AtomAsync(BaseUrl(request), op, ct), "application/atom+xml; charset=utf-8")
                : Results.NotFound()).WithName("CapOperatorFeed").ExcludeFromDescription();
        app.MapGet("/emergency/cap/{id:long}.xml", async (long id, WarningService s, CancellationToken ct) =>
            await s.FindAsync(id, ct) is { } w ? Results.Text(w.Xml, "application/cap+xml; charset=utf-8") : Results.NotFound()).WithName("CapMessage").ExcludeFromDescription();
    }

    private static string BaseUrl(HttpRequest r) => $"{r.Scheme}://{r.Host}";
}
