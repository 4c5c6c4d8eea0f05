using IctGov.Complaints.Contracts;
using IctGov.Complaints.Domain;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IctGov.Complaints.Features;

/// <summary>A complaint sent as JSON (the operator's or a centre's system, the phone centre's entry).</summary>
internal sealed record IntakeRequest(
    string? Kind, string? Region, string? RespondentId, string? RespondentName, string? Topic,
    string? UserName, string? UserPhone, string? UserAddress, string? UserPostcode,
    string? Claim, string? Facts, DateOnly? EventDate, DateOnly? OperatorComplainedOn, string? OperatorResponse, string? Channel)
{
    public ComplaintIntake ToIntake() => new(Kind, Region, RespondentId, RespondentName, Topic, UserName, UserPhone, UserAddress, UserPostcode,
        Claim, Facts, EventDate, OperatorComplainedOn, OperatorResponse);
}

/// <summary>
/// /api/v1/complaints: intake, batch import, the workflow's actions, lists, surveys and indicators 19 and 20.
/// Every write needs a signed-in caller before its body is read; the public files and rates through
/// the pages (/complaints/new, /complaints/rate), whose forms carry the antiforgery token.
/// </summary>
internal static class ComplaintsApi
{
    public static RouteGroupBuilder MapComplaintsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/", Intake).WithName("RecordComplaint").WithSummary("Record a complaint (signed in: centre, operator or company system)")
            .RequireAuthorization(Policies.SignedIn);
        api.MapPost("/import", Import).WithName("ImportComplaints").WithSummary("Import a CSV batch of complaints (province or ministry); any bad row writes nothing")
            .RequireAuthorization(Policies.ProvinceOrMinistry).DisableAntiforgery().Accepts<string>("text/csv");
        api.MapGet("/", List).WithName("ListComplaints").WithSummary("Complaints the caller may see, filtered by kind, state, clock (green/amber/red) and region")
            .RequireAuthorization(Policies.SignedIn);
        api.MapGet("/{id:long}", Get).WithName("GetComplaint").WithSummary("One complaint with its clock").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/{id:long}/history", History).WithName("ComplaintHistory").WithSummary("Every transition of a complaint").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/{id:long}/{action}", Transition).WithName("ComplaintAction")
            .WithSummary("accept, reject, transfer, answer (the respondent), mediate, close, withdraw or duplicate").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/timeliness/{period}", Timeliness).WithName("ComplaintTimeliness")
            .WithSummary("Indicator 20 for a year, quarter or month, nationally and by province (public)");
        api.MapPost("/timeliness/{period}/publish", Publish).WithName("PublishComplaintTimeliness")
            .WithSummary("Record the year's indicator 20 as the plan's observation (ministry)").RequireAuthorization(Policies.MinistryOnly);
        api.MapGet("/surveys", Surveys).WithName("ListSurveys").WithSummary("Survey definitions with their items and fixed weights (public)");
        api.MapPost("/surveys/responses", Responses).WithName("RecordSurveyResponses").WithSummary("Record survey responses (province or ministry); any bad one writes nothing")
            .RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapPost("/surveys/responses/import", ImportResponses).WithName("ImportSurveyResponses").WithSummary("Import survey responses from CSV (long form)")
            .RequireAuthorization(Policies.ProvinceOrMinistry).DisableAntiforgery().Accepts<string>("text/csv");
        api.MapGet("/satisfaction/{year:int}", Satisfaction).WithName("SatisfactionIndex").WithSummary("Indicator 19 for a year with 95% intervals, by service, operator and province (public)");
        api.MapPost("/satisfaction/{year:int}/publish", PublishSatisfaction).WithName("PublishSatisfactionIndex")
            .WithSummary("Record the year's indicator 19 as the plan's observation (ministry)").RequireAuthorization(Policies.MinistryOnly);
        api.MapGet("/user-base", UserBaseList).WithName("ComplaintUserBase").WithSummary("User figures behind complaints per million users, with their sources")
            .RequireAuthorization(Policies.SignedIn);
        api.MapPost("/user-base/import", ImportUserBase).WithName("ImportComplaintUserBase")
            .WithSummary("Import user figures from CSV (scope,key,asOf,users,source; ministry); any bad row writes nothing")
            .RequireAuthorization(Policies.MinistryOnly).DisableAntiforgery().Accepts<string>("text/csv");
        api.MapPost("/summary/rebuild", RebuildSummary).WithName("RebuildComplaintSummary")
            .WithSummary("Recount the monitoring summary from the complaints (ministry; maintenance)").RequireAuthorization(Policies.MinistryOnly);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<UserBaseEntry>>> UserBaseList(UserBaseService service, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<UserBaseEntry>>((await service.ListAsync(ct)).Select(u => new UserBaseEntry(u.Scope, u.Key, u.AsOf, u.Users, u.Source)).ToList());

    private static async Task<Results<Ok<int>, ProblemHttpResult>> ImportUserBase(HttpRequest request, UserBaseService service, IActorAccessor actors, CancellationToken ct)
    {
        using var body = await BufferAsync(request, ct);
        return (await service.ImportCsvAsync(actors.Current, body, ct)).ToHttpResult();
    }

    private static async Task<Results<Ok<SummaryCellCounts>, ProblemHttpResult>> RebuildSummary(ComplaintIndicators indicators, IActorAccessor actors, CancellationToken ct)
    {
        if (actors.Current.Role != Role.MinistryAdmin)
        {
            return OutcomeResults.Problem(actors.Current.Refusal, "the ministry rebuilds the summary", []);
        }
        return TypedResults.Ok(await indicators.RebuildSummaryAsync(actors.Current.Id, ct));
    }

    private static async Task<Ok<IReadOnlyList<SurveyDefinition>>> Surveys(SatisfactionService service, CancellationToken ct) =>
        TypedResults.Ok(await service.SurveysAsync(ct));

    private static async Task<Results<Ok<int>, ProblemHttpResult>> Responses(List<ResponseInput> responses, SatisfactionService service, IActorAccessor actors, CancellationToken ct) =>
        (await service.SubmitAsync(actors.Current, responses, ct)).ToHttpResult();

    private static async Task<Results<Ok<int>, ProblemHttpResult>> ImportResponses(HttpRequest request, SatisfactionService service, IActorAccessor actors, CancellationToken ct)
    {
        using var body = await BufferAsync(request, ct);
        return (await service.ImportCsvAsync(actors.Current, body, ct)).ToHttpResult();
    }

    /// <summary>The CSV parser reads synchronously; Kestrel forbids that on the request body, so it is buffered.</summary>
    private static async Task<MemoryStream> BufferAsync(HttpRequest request, CancellationToken ct)
    {
        var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        body.Position = 0;
        return body;
    }

    private static async Task<Results<Ok<SatisfactionReport>, ProblemHttpResult>> Satisfaction(int year, SatisfactionService service, CancellationToken ct) =>
        year is >= 2000 and <= 2100
            ? TypedResults.Ok(await service.ComputeAsync(year, ct))
            : OutcomeResults.Problem(OutcomeStatus.Invalid, "year: expected 2000–2100", [new RowError(0, "year", "expected 2000–2100")]);

    private static async Task<Results<Ok<IReadOnlyList<IctGov.Planning.Contracts.ObservationRecord>>, ProblemHttpResult>> PublishSatisfaction(int year, SatisfactionService service,
        IActorAccessor actors, CancellationToken ct) =>
        (await service.PublishAsync(actors.Current, year, ct)).ToHttpResult();

    private static async Task<Results<Ok<ComplaintReceipt>, ProblemHttpResult>> Intake(IntakeRequest request, ComplaintService service, IActorAccessor actors, CancellationToken ct)
    {
        var channel = request.Channel ?? "api";
        if (channel is not ("api" or "phone"))
        {
            return OutcomeResults.Problem(OutcomeStatus.Invalid, "channel: expected api or phone", [new RowError(0, "channel", "expected api or phone") { Value = channel }]);
        }
        return (await service.IntakeAsync(actors.Current, request.ToIntake(), channel, ct)).ToHttpResult();
    }

    private static async Task<Results<Ok<IReadOnlyList<ComplaintReceipt>>, ProblemHttpResult>> Import(HttpRequest request, ComplaintService service, IActorAccessor actors, CancellationToken ct)
    {
        using var body = await BufferAsync(request, ct);
        return (await service.ImportCsvAsync(actors.Current, body, ct)).ToHttpResult();
    }

    private static async Task<Results<Ok<IReadOnlyList<ComplaintView>>, ProblemHttpResult>> List(ComplaintService service, IActorAccessor actors,
        string? kind, string? state, string? clock, string? region, bool? open, int? limit, CancellationToken ct) =>
        (await service.ListAsync(actors.Current, new ComplaintFilter(kind, state, clock, region, open ?? false, limit ?? 500), ct)).ToHttpResult();

    private static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> Get(long id, ComplaintService service, IActorAccessor actors, CancellationToken ct) =>
        (await service.GetAsync(actors.Current, id, ct)).ToHttpResult();

    private static async Task<Ok<IReadOnlyList<HistoryEntry>>> History(long id, ComplaintService service, IActorAccessor actors, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<HistoryEntry>>((await service.HistoryAsync(actors.Current, id, ct))
            .Select(e => new HistoryEntry(e.At, e.Day, e.ActorId, e.Action, e.FromState, e.ToState, e.Note)).ToList());

    private static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> Transition(long id, string action, TransitionRequest? request, ComplaintService service,
        IActorAccessor actors, CancellationToken ct) =>
        (await service.TransitionAsync(actors.Current, id, action, request ?? new TransitionRequest(), ct)).ToHttpResult();

    private static async Task<Results<Ok<IReadOnlyList<TimelinessFigure>>, ProblemHttpResult>> Timeliness(string period, DateOnly? asOf, ComplaintIndicators indicators, CancellationToken ct) =>
        IctGov.Kernel.Period.TryParse(period, out _)
            ? TypedResults.Ok(await indicators.TimelinessAsync(period, asOf, ct))
            : OutcomeResults.Problem(OutcomeStatus.Invalid, "period: expected 2026, 2026-Q2 or 2026-05", [new RowError(0, "period", "expected 2026, 2026-Q2 or 2026-05") { Value = period }]);

    private static async Task<Results<Ok<PublishedIndicator>, ProblemHttpResult>> Publish(string period, ComplaintIndicators indicators, IActorAccessor actors, CancellationToken ct) =>
        (await indicators.PublishAsync(actors.Current, period, ct)).ToHttpResult();
}

/// <summary>A user figure as the API shows it.</summary>
internal sealed record UserBaseEntry(string Scope, string Key, DateOnly AsOf, long Users, string Source);

/// <summary>The cells a rebuild of the monitoring summary wrote.</summary>

/// <summary>One transition as the API shows it.</summary>
internal sealed record HistoryEntry(DateTimeOffset At, DateOnly Day, string ActorId, string Action, string From, string To, string? Note);
