using IctGov.Kernel.Security;
using IctGov.Resources.Contracts;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IctGov.Resources.Features;

/// <summary>A province's decision: reasons for a return, a note for a cancellation.</summary>
internal sealed record FilingDecision(string? Reasons);

/// <summary>/api/v1/resources/filings…: submission, verification, the province's decision, cancellation, queue and public query.</summary>
internal static class FilingApi
{
    public static RouteGroupBuilder MapFilingApi(this RouteGroupBuilder api)
    {
        api.MapPost("/filings", async Task<Results<Ok<FilingView>, ProblemHttpResult>> (FilingInput input, Filings f, IActorAccessor a, CancellationToken ct) =>
                (await f.SubmitAsync(a.Current, input, ct)).ToHttpResult())
            .WithName("SubmitFiling").WithSummary("Submit a website or app filing (signed in)").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/filings/{id:long}/verify", async Task<Results<Ok<FilingView>, ProblemHttpResult>> (long id, Filings f, IActorAccessor a, CancellationToken ct) =>
                (await f.VerifyAsync(a.Current, id, ct)).ToHttpResult())
            .WithName("VerifyFiling").WithSummary("The access provider's verification (核验)").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/filings/{id:long}/approve", async Task<Results<Ok<FilingView>, ProblemHttpResult>> (long id, Filings f, IActorAccessor a, CancellationToken ct) =>
                (await f.ApproveAsync(a.Current, id, ct)).ToHttpResult())
            .WithName("ApproveFiling").WithSummary("Approve a filing: it gets its number (the subject's province)").RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapPost("/filings/{id:long}/return", async Task<Results<Ok<FilingView>, ProblemHttpResult>> (long id, FilingDecision d, Filings f, IActorAccessor a, CancellationToken ct) =>
                (await f.ReturnAsync(a.Current, id, d.Reasons, ct)).ToHttpResult())
            .WithName("ReturnFiling").WithSummary("Return a filing with reasons (the subject's province)").RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapPost("/filings/{id:long}/cancel", async Task<Results<Ok<FilingView>, ProblemHttpResult>> (long id, FilingDecision d, Filings f, IActorAccessor a, CancellationToken ct) =>
                (await f.CancelAsync(a.Current, id, d.Reasons, ct)).ToHttpResult())
            .WithName("CancelFiling").WithSummary("Cancel an approved filing (注销)").RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapPost("/filings/{id:long}/change", async Task<Results<Ok<FilingView>, ProblemHttpResult>> (long id, FilingInput input, Filings f, IActorAccessor a, CancellationToken ct) =>
                (await f.ChangeAsync(a.Current, id, input, ct)).ToHttpResult())
            .WithName("ChangeFiling").WithSummary("Change an approved filing's details or its access provider (变更); fields left out stay as they are").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/filings/{id:long}/withdraw", async Task<Results<Ok<FilingView>, ProblemHttpResult>> (long id, FilingDecision d, Filings f, IActorAccessor a, CancellationToken ct) =>
                (await f.WithdrawAccessAsync(a.Current, id, d.Reasons, ct)).ToHttpResult())
            .WithName("WithdrawFilingAccess").WithSummary("Withdraw access (取消接入): the access provider stops hosting the service").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/filings/{id:long}/history", async Task<Results<Ok<IReadOnlyList<FilingEvent>>, ProblemHttpResult>> (long id, Filings f, IActorAccessor a, CancellationToken ct) =>
                (await f.HistoryAsync(a.Current, id, ct)).ToHttpResult())
            .WithName("FilingHistory").WithSummary("Every step of a filing: submission, verification, decision, changes, withdrawal of access, cancellation").RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapGet("/filings/queue", async Task<Ok<IReadOnlyList<FilingView>>> (Filings f, IActorAccessor a, CancellationToken ct) => TypedResults.Ok(await f.QueueAsync(a.Current, ct)))
            .WithName("FilingQueue").WithSummary("Filings awaiting verification or decision, with deadlines and overdue flags").RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapGet("/filings/public", async Task<Ok<IReadOnlyList<FilingView>>> (string? q, Filings f, CancellationToken ct) => TypedResults.Ok(await f.PublicSearchAsync(q, ct)))
            .WithName("PublicFilingQuery").WithSummary("Approved filings by domain, filing number or subject name (public; personal data masked)");
        return api;
    }
}
