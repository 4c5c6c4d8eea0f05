using System.Text;
using IctGov.Kernel.Security;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IctGov.Resources.Features;

/// <summary>What a finding is assigned to or closed with.</summary>
internal sealed record FindingChange(string? Assignee, string? Note);

/// <summary>/api/v1/resources/checks and /findings: run the cross-check, list, assign, close and export findings.</summary>
internal static class CrossCheckApi
{
    public static RouteGroupBuilder MapCrossCheckApi(this RouteGroupBuilder api)
    {
        api.MapPost("/checks/run", async Task<Results<Ok<int>, ProblemHttpResult>> (CrossCheck c, IActorAccessor a, CancellationToken ct) => (await c.RunAsync(a.Current, ct)).ToHttpResult())
            .WithName("RunResourceCheck").WithSummary("Run every registry rule; answers how many new findings").RequireAuthorization(Policies.MinistryOnly);
        api.MapPost("/checks/dns", async Task<Results<Ok<int>, ProblemHttpResult>> (HttpRequest request, CrossCheck c, IActorAccessor a, CancellationToken ct) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body, ct);
                body.Position = 0;
                return (await c.CheckDnsAsync(a.Current, body, ct)).ToHttpResult();
            })
            .WithName("CheckDnsObservations").WithSummary("Check a DNS observation CSV (domain,address,firstSeen,lastSeen) for unfiled domains")
            .DisableAntiforgery().RequireAuthorization(Policies.MinistryOnly).Accepts<string>("text/csv");
        api.MapGet("/findings", async Task<Ok<IReadOnlyList<FindingView>>> (string? state, CrossCheck c, IActorAccessor a, CancellationToken ct) => TypedResults.Ok(await c.ListAsync(a.Current, state, ct)))
            .WithName("ListFindings").WithSummary("Findings, optionally by state (open, assigned, closed)").RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapGet("/findings.csv", async (string? state, CrossCheck c, IActorAccessor a, CancellationToken ct) =>
                Results.File(Encoding.UTF8.GetBytes(CrossCheck.Csv(await c.ListAsync(a.Current, state, ct))), "text/csv; charset=utf-8", "findings.csv"))
            .WithName("ExportFindings").WithSummary("Findings as CSV").RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapPost("/findings/{id:long}/assign", async Task<Results<Ok<FindingView>, ProblemHttpResult>> (long id, FindingChange body, CrossCheck c, IActorAccessor a, CancellationToken ct) =>
                (await c.AssignAsync(a.Current, id, body.Assignee, ct)).ToHttpResult())
            .WithName("AssignFinding").WithSummary("Assign a finding").RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapPost("/findings/{id:long}/close", async Task<Results<Ok<FindingView>, ProblemHttpResult>> (long id, FindingChange body, CrossCheck c, IActorAccessor a, CancellationToken ct) =>
                (await c.CloseAsync(a.Current, id, body.Note, ct)).ToHttpResult())
            .WithName("CloseFinding").WithSummary("Close a finding with a note").RequireAuthorization(Policies.ProvinceOrMinistry);
        return api;
    }
}
