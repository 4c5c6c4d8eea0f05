using IctGov.Kernel.Security;
using IctGov.Market.Contracts;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IctGov.Market.Features;

/// <summary>A notice of missing materials.</summary>
internal sealed record NoticeRequest(string? Missing);

/// <summary>A decision: approve, or refuse with a reason.</summary>
internal sealed record DecisionRequest(bool Approve, string? Reason);

/// <summary>The result of checking a promise after approval.</summary>
internal sealed record PostCheckRequest(bool Held, string? Note);

/// <summary>/api/v1/market/…: the catalogue (public), applications and licences (the deciding authority), verification (anyone).</summary>
internal static class MarketApi
{
    public static RouteGroupBuilder MapMarketApi(this RouteGroupBuilder api)
    {
        api.MapGet("/services", () => TypedResults.Ok(Domain.ServiceCatalogue.All.Select(s => new { s.Code, s.Parent, s.Level, s.NameZh, s.NameEn, s.Confirmed })))
            .WithName("MarketServiceCatalogue").WithSummary("The 2015 telecom services catalogue (public)");

        var applications = api.MapGroup("/applications").RequireAuthorization(Policies.ProvinceOrMinistry);
        applications.MapGet("", async (LicenceOffice office, IActorAccessor actors, CancellationToken ct) =>
            (await office.ApplicationsAsync(actors.Current, ct)).ToHttpResult()).WithName("MarketApplications").WithSummary("Applications of the caller's authority");
        applications.MapGet("/{id:long}", async (long id, LicenceOffice office, IActorAccessor actors, CancellationToken ct) =>
            (await office.ApplicationAsync(actors.Current, id, ct)).ToHttpResult()).WithName("MarketApplication");
        applications.MapPost("", async (ApplicationInput input, LicenceOffice office, IActorAccessor actors, CancellationToken ct) =>
            (await office.ReceiveAsync(actors.Current, input, ct)).ToHttpResult()).WithName("MarketReceiveApplication").WithSummary("Record an application received");
        applications.MapPost("/{id:long}/notice", async (long id, NoticeRequest body, LicenceOffice office, IActorAccessor actors, CancellationToken ct) =>
            (await office.NoticeAsync(actors.Current, id, body.Missing, ct)).ToHttpResult()).WithName("MarketNoticeMissing").WithSummary("The one-time notice of missing materials (5 working days)");
        applications.MapPost("/{id:long}/accept", async (long id, LicenceOffice office, IActorAccessor actors, CancellationToken ct) =>
            (await office.AcceptAsync(actors.Current, id, ct)).ToHttpResult()).WithName("MarketAcceptApplication").WithSummary("Accept (受理); on a promise, approve and issue");
        applications.MapPost("/{id:long}/decide", async (long id, DecisionRequest body, LicenceOffice office, IActorAccessor actors, CancellationToken ct) =>
            (await office.DecideAsync(actors.Current, id, body.Approve, body.Reason, ct)).ToHttpResult()).WithName("MarketDecideApplication");
        applications.MapPost("/{id:long}/post-check", async (long id, PostCheckRequest body, LicenceOffice office, IActorAccessor actors, CancellationToken ct) =>
            (await office.PostCheckAsync(actors.Current, id, body.Held, body.Note, ct)).ToHttpResult()).WithName("MarketPostCheck").WithSummary("The check of a promise after approval");

        var licences = api.MapGroup("/licences").RequireAuthorization(Policies.ProvinceOrMinistry);
        licences.MapGet("", async (string? holder, LicenceOffice office, IActorAccessor actors, CancellationToken ct) =>
            (await office.LicencesAsync(actors.Current, holder, ct)).ToHttpResult()).WithName("MarketLicences");
        licences.MapGet("/{number}", async (string number, LicenceOffice office, IActorAccessor actors, CancellationToken ct) =>
            (await office.LicenceAsync(actors.Current, number, ct)).ToHttpResult()).WithName("MarketLicence");
        licences.MapGet("/{number}/document", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string number, LicenceOffice office, IActorAccessor actors, CancellationToken ct) =>
        {
            var doc = await office.DocumentAsync(actors.Current, number, ct);
            return doc.Succeeded ? TypedResults.Text(doc.Value!, "application/json") : doc.ToProblem();
        }).WithName("MarketLicenceDocument").WithSummary("The signed electronic licence");
        licences.MapPost("/{number}/status", async (string number, LicenceStatusInput input, LicenceOffice office, IActorAccessor actors, CancellationToken ct) =>
            (await office.ChangeStatusAsync(actors.Current, number, input, ct)).ToHttpResult()).WithName("MarketLicenceStatus");

        // The credit lists are public (令42 art. 37: published through the platform); entries are made and removed by the authorities.
        var credit = api.MapGroup("/credit");
        credit.MapGet("/listings", async (string? list, string? holder, DateOnly? asOf, CreditRegistry registry, CancellationToken ct) =>
            (await registry.PublishedAsync(list, holder, asOf, ct)).ToHttpResult()).WithName("MarketCreditListings").WithSummary("不良名单 and 失信名单 as of a day (public)");
        credit.MapPost("/listings", async (CreditListingInput input, CreditRegistry registry, IActorAccessor actors, CancellationToken ct) =>
            (await registry.ListAsync(actors.Current, input, ct)).ToHttpResult()).RequireAuthorization(Policies.ProvinceOrMinistry)
            .WithName("MarketCreditList").WithSummary("List a holder (the list follows from the ground)");
        credit.MapPost("/listings/{id:long}/remove", async (long id, CreditRemovalInput input, CreditRegistry registry, IActorAccessor actors, CancellationToken ct) =>
            (await registry.RemoveAsync(actors.Current, id, input, ct)).ToHttpResult()).RequireAuthorization(Policies.ProvinceOrMinistry)
            .WithName("MarketCreditRemove").WithSummary("Take an entry off early (report filed, or decision withdrawn)");

        credit.MapGet("/scores", async (DateOnly? asOf, string? level, CreditScores scores, CancellationToken ct) =>
            (await scores.AllAsync(asOf, level, ct)).ToHttpResult()).WithName("MarketCreditScores").WithSummary("信用记分: every licence holder's points and level on a day (public)");
        credit.MapGet("/scores/rules", (CreditScores scores) => TypedResults.Ok(scores.Table)).WithName("MarketCreditScoreRules").WithSummary("The score's rule table and levels");
        credit.MapGet("/scores/{code}", async (string code, DateOnly? asOf, CreditScores scores, CancellationToken ct) =>
            (await scores.HolderAsync(code, asOf, ct)).ToHttpResult()).WithName("MarketCreditScore").WithSummary("A holder's score on a day, the events counted, and its history");

        // 双随机、一公开: plans and draws by the authorities; every draw and result public (一公开).
        var inspections = api.MapGroup("/inspections");
        inspections.MapPost("", async (InspectionPlanInput input, InspectionOffice office, IActorAccessor actors, CancellationToken ct) =>
            (await office.PlanAsync(actors.Current, input, ct)).ToHttpResult()).RequireAuthorization(Policies.ProvinceOrMinistry).WithName("MarketInspectionPlan");
        inspections.MapPost("/{id:long}/draw", async (long id, DrawRequest body, InspectionOffice office, IActorAccessor actors, CancellationToken ct) =>
            (await office.DrawAsync(actors.Current, id, body.Announced, ct)).ToHttpResult()).RequireAuthorization(Policies.ProvinceOrMinistry)
            .WithName("MarketInspectionDraw").WithSummary("Draw objects and inspectors (双随机) from the register, with the announced public figure");
        inspections.MapPost("/{id:long}/results", async (long id, InspectionResultInput input, InspectionOffice office, IActorAccessor actors, CancellationToken ct) =>
            (await office.ResultAsync(actors.Current, id, input, ct)).ToHttpResult()).RequireAuthorization(Policies.ProvinceOrMinistry).WithName("MarketInspectionResult");
        inspections.MapGet("/{id:long}", async (long id, InspectionOffice office, CancellationToken ct) =>
            (await office.PublishedAsync(id, ct)).ToHttpResult()).WithName("MarketInspectionPublished").WithSummary("A plan, its draw and its results (public)");
        inspections.MapGet("/{id:long}/draw", async Task<Results<ContentHttpResult, NotFound>> (long id, InspectionOffice office, CancellationToken ct) =>
            await office.DocumentAsync(id, ct) is { } doc ? TypedResults.Text(doc, "application/json") : TypedResults.NotFound())
            .WithName("MarketInspectionDrawDocument").WithSummary("The published draw (ictgov-draw/1), for ictgov inspection rerun");

        // Verification is for anyone: reading by number is a GET; checking a presented file is a POST, so it needs a signed-in caller.
        api.MapGet("/verify/{number}", async (string number, LicenceOffice office, CancellationToken ct) =>
            TypedResults.Ok(await office.VerifyOnlineAsync(number, ct))).WithName("MarketVerifyNumber").WithSummary("Verify a licence by its number (public)");
        api.MapPost("/verify", async (HttpRequest request, LicenceOffice office, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            return TypedResults.Ok(await office.VerifyFileAsync(await reader.ReadToEndAsync(ct), ct));
        }).RequireAuthorization(Policies.SignedIn).WithName("MarketVerifyFile").WithSummary("Verify a presented electronic licence file");
        api.MapGet("/verify/root.pem", (LicenceSigning signing) => TypedResults.Text(signing.RootPem, "application/x-pem-file"))
            .WithName("MarketRootCertificate").WithSummary("The platform's root certificate (SM2), for offline verification");
        api.MapGet("/verify/revoked", async (LicenceOffice office, CancellationToken ct) => TypedResults.Ok(await office.RevokedAsync(ct)))
            .WithName("MarketRevokedLicences").WithSummary("Numbers of revoked licences, for offline verification");
        return api;
    }
}
