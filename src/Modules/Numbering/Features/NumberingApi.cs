using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Numbering.Contracts;
using IctGov.Numbering.Domain;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IctGov.Numbering.Features;

/// <summary>/api/v1/numbering/…: applications, allocations, usage, statistics, ports and routing.</summary>
internal static class NumberingApi
{
    public static RouteGroupBuilder MapNumberingApi(this RouteGroupBuilder api)
    {
        api.MapGet("/allocations", (Registry r, string? holder, CancellationToken ct) => r.AllocationsAsync(holder, ct))
            .WithName("ListNumberAllocations").WithSummary("Numbering resources in force, by prefix (public register)");
        api.MapGet("/statistics", (Registry r, CancellationToken ct) => r.UtilisationAsync(ct))
            .WithName("NumberingUtilisation").WithSummary("Utilisation by operator and kind (public)");
        api.MapGet("/usage/missing", (Registry r, int year, CancellationToken ct) => r.MissingReportsAsync(year, ct))
            .WithName("MissingUsageReports").WithSummary("Allocations without a usage report for a year (ministry)").RequireAuthorization(Policies.MinistryOnly);

        api.MapGet("/applications", (Registry r, IActorAccessor a, CancellationToken ct) => r.ApplicationsAsync(a.Current, ct))
            .WithName("ListNumberingApplications").WithSummary("Applications the caller may see (an operator its own)").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/applications", async (ApplyRequest body, Registry r, IActorAccessor a, CancellationToken ct) => (await r.ApplyAsync(a.Current, body, ct)).ToHttpResult())
            .WithName("ApplyForNumbering").WithSummary("An operator applies for a resource").RequireAuthorization(Policies.Reporter);
        api.MapPost("/applications/{id:long}/accept", async (long id, Registry r, IActorAccessor a, CancellationToken ct) => (await r.AcceptAsync(a.Current, id, ct)).ToHttpResult())
            .WithName("AcceptNumberingApplication").WithSummary("The ministry accepts an application (decision clock starts)").RequireAuthorization(Policies.MinistryOnly);
        api.MapPost("/applications/{id:long}/decide", async (long id, DecideRequest body, Registry r, IActorAccessor a, CancellationToken ct) => (await r.DecideAsync(a.Current, id, body, ct)).ToHttpResult())
            .WithName("DecideNumberingApplication").WithSummary("The ministry approves (allocates) or refuses").RequireAuthorization(Policies.MinistryOnly);
        api.MapPost("/allocations/{id:long}/reclaim", async (long id, Registry r, IActorAccessor a, CancellationToken ct) => (await r.ReclaimAsync(a.Current, id, ct)).ToHttpResult())
            .WithName("ReclaimNumbering").WithSummary("The ministry reclaims a resource").RequireAuthorization(Policies.MinistryOnly);
        api.MapPost("/usage", async (UsageRequest body, Registry r, IActorAccessor a, CancellationToken ct) => (await r.ReportUsageAsync(a.Current, body, ct)).ToHttpResult())
            .WithName("ReportNumberingUsage").WithSummary("The holder reports activated numbers for a year").RequireAuthorization(Policies.Reporter);
        api.MapPost("/penalties", async (PenaltyRequest body, Registry r, IActorAccessor a, CancellationToken ct) => (await r.RecordPenaltyAsync(a.Current, body, ct)).ToHttpResult())
            .WithName("RecordNumberingPenalty").WithSummary("The ministry records a penalty (bars applications)").RequireAuthorization(Policies.MinistryOnly);

        api.MapGet("/ports", (Porting p, IActorAccessor a, CancellationToken ct) => p.PortsAsync(a.Current, ct))
            .WithName("ListPorts").WithSummary("Ports the caller is party to (the ministry all)").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/ports/authorisations", async (AuthoriseRequest body, Porting p, IActorAccessor a, CancellationToken ct) => (await p.AuthoriseAsync(a.Current, body, ct)).ToHttpResult())
            .WithName("AuthorisePort").WithSummary("The serving operator checks eligibility and issues a 60-minute code").RequireAuthorization(Policies.Reporter);
        api.MapPost("/ports", async (PortRequest body, Porting p, IActorAccessor a, CancellationToken ct) => (await p.RequestAsync(a.Current, body, ct)).ToHttpResult())
            .WithName("RequestPort").WithSummary("The recipient files a port with the subscriber's code").RequireAuthorization(Policies.Reporter);
        api.MapPost("/ports/{id:long}/acknowledge", async (long id, Porting p, IActorAccessor a, CancellationToken ct) => (await p.AcknowledgeAsync(a.Current, id, ct)).ToHttpResult())
            .WithName("AcknowledgePort").WithSummary("Donor or recipient acknowledges; both make it effective at the next full hour").RequireAuthorization(Policies.Reporter);
        api.MapGet("/routing/{number}", Route)
            .WithName("RouteNumber").WithSummary("Which network serves this number now").RequireAuthorization(Policies.SignedIn);
        return api;
    }

    private static async Task<Results<Ok<NumberRouting>, ProblemHttpResult>> Route(string number, Porting p, CancellationToken ct) =>
        NumberingPlan.IsNationalNumber(number)
            ? TypedResults.Ok(await p.RouteAsync(number, null, ct))
            : OutcomeResults.Problem(OutcomeStatus.Invalid, "expected a national number", [new RowError(0, "number", "expected 11-digit mobile, 13-digit IoT or 0 + area code + local number") { Value = number }]);
}
