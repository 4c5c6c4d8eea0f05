using System.Globalization;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Planning.Contracts;
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

/// <summary>The plan catalogue: indicators, project targets, versions and mid-term revisions.</summary>
internal static class PlanApi
{
    public sealed record IndicatorCatalogueDto(int No, BilingualText Category, BilingualText Name, BilingualText Unit,
        double? Baseline, double? Target, string Comparison, string ChangeText, double? AnnualGrowthPct, double? FiveYearChange,
        string Attribute, string Kind, string Measure, string Projection, FormulaDto? Formula, string PlanVersion);
    public sealed record FormulaDto(string Numerator, string Denominator, double Scale);
    public sealed record ProjectTargetDto(string Key, int Column, int Item, BilingualText ColumnTitle, BilingualText Name, BilingualText Unit,
        string Comparison, decimal Target, int TargetYear, bool PerYear, string Quote, ProjectProgressDto? Latest);
    public sealed record ProjectProgressDto(decimal Value, string Period, DateOnly Published, double? Progress, bool Met);
    public sealed record VersionDto(string Code, string NameZh, string NameEn, DateOnly Effective, string? BasedOn, string? Reason);
    public sealed record TargetRevision(int No, string? Region, decimal? Baseline, decimal? Target, string? Comparison);
    public sealed record RevisionRequest(string Code, string NameZh, string NameEn, DateOnly Effective, string? BasedOn, string Reason, IReadOnlyList<TargetRevision> Targets);

    public static RouteGroupBuilder MapPlanApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plan/indicators", ListIndicators).WithName("ListIndicators").WithSummary("The 20 headline indicators of 专栏1 with targets of a plan version");
        api.MapGet("/plan/projects", ListProjects).WithName("ListProjectTargets").WithSummary("Quantitative targets of 专栏2–22 with their latest progress");
        api.MapGet("/plan/versions", ListVersions).WithName("ListPlanVersions").WithSummary("Plan versions: the original and any mid-term revisions");
        api.MapPost("/plan/versions", Revise).RequireAuthorization(Policies.MinistryOnly).WithName("RevisePlan").WithSummary("Record a revision of targets as a new plan version; the original is kept");
        return api;
    }

    internal static async Task<List<IndicatorCatalogueDto>> CatalogueAsync(PlanningDbContext db, PlanVersion version, CancellationToken ct)
    {
        var indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.No).ToListAsync(ct);
        var targets = await db.IndicatorTargets.AsNoTracking()
            .Where(t => t.PlanVersionId == version.Id && t.RegionCode == Region.NationalCode).ToDictionaryAsync(t => t.IndicatorNo, ct);
        return indicators.Select(i =>
        {
            var t = targets[i.No];
            return new IndicatorCatalogueDto(i.No, new(i.CategoryZh, i.CategoryEn), new(i.NameZh, i.NameEn), new(i.UnitZh, i.UnitEn),
                (double?)t.Baseline, (double?)t.Target, t.Comparison.Symbol(), i.ChangeText, (double?)t.AnnualGrowthPct, (double?)t.FiveYearChange,
                i.Binding ? "binding" : "expected", EvaluationJson.KindName(i.Kind), i.Measure.ToString().ToLowerInvariant(), i.Projection.ToString().ToLowerInvariant(),
                i.FormulaNumerator is { } n ? new FormulaDto(n, i.FormulaDenominator!, i.FormulaScale ?? 1) : null, version.Code);
        }).ToList();
    }

    private static async Task<Results<Ok<List<IndicatorCatalogueDto>>, ProblemHttpResult>> ListIndicators(string? version, PlanningDbContext db, EvaluationService service, CancellationToken ct)
    {
        try
        {
            var v = await service.ResolveVersionAsync(version, service.Today, ct);
            return TypedResults.Ok(await CatalogueAsync(db, v, ct));
        }
        catch (KeyNotFoundException e)
        {
            return OutcomeResults.Problem(OutcomeStatus.NotFound, e.Message);
        }
    }

    internal static async Task<List<ProjectTargetDto>> ProjectsAsync(PlanningDbContext db, DateOnly asOf, CancellationToken ct)
    {
        var targets = await db.ProjectTargets.AsNoTracking().OrderBy(p => p.Column).ThenBy(p => p.Item).ThenBy(p => p.Key).ToListAsync(ct);
        var observations = await db.Observations.AsNoTracking()
            .Where(o => o.SubjectKind == SubjectKind.ProjectTarget && o.RegionCode == Region.NationalCode && o.Published <= asOf)
            .ToListAsync(ct);
        var latest = observations.GroupBy(o => o.SubjectKey)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(o => o.PeriodEnd).ThenByDescending(o => o.Published).First());
        return targets.Select(p =>
        {
            ProjectProgressDto? progress = null;
            if (latest.TryGetValue(p.Key, out var o))
            {
                var met = p.Comparison.Meets((double)o.Value, (double)p.Target);
                progress = new ProjectProgressDto(o.Value, o.Period, o.Published, p.Target != 0 ? Math.Round((double)(o.Value / p.Target), 4) : null, met);
            }
            return new ProjectTargetDto(p.Key, p.Column, p.Item, new(p.ColumnTitleZh, p.ColumnTitleEn), new(p.NameZh, p.NameEn), new(p.UnitZh, p.UnitEn),
                p.Comparison.Symbol(), p.Target, p.TargetYear, p.PerYear, p.Quote, progress);
        }).ToList();
    }

    private static async Task<Results<Ok<List<ProjectTargetDto>>, ProblemHttpResult>> ListProjects(string? asOf, PlanningDbContext db, EvaluationService service, CancellationToken ct)
    {
        if (!EvaluationApi.TryQuery(asOf, null, service.Today, out var date, out _, out var problem))
        {
            return OutcomeResults.Problem(OutcomeStatus.Invalid, problem!);
        }
        return TypedResults.Ok(await ProjectsAsync(db, date, ct));
    }

    private static async Task<Ok<List<VersionDto>>> ListVersions(PlanningDbContext db, CancellationToken ct)
    {
        var versions = await db.PlanVersions.AsNoTracking().OrderBy(v => v.Effective).ThenBy(v => v.Id).ToListAsync(ct);
        var byId = versions.ToDictionary(v => v.Id);
        return TypedResults.Ok(versions.Select(v => new VersionDto(v.Code, v.NameZh, v.NameEn, v.Effective,
            v.BasedOnId is { } b ? byId[b].Code : null, v.Reason)).ToList());
    }

    /// <summary>
    /// A revision copies every target of the version it is based on, then applies the changes, so
    /// each version is complete on its own and the original stays exactly as published.
    /// </summary>
    private static async Task<Results<Created<VersionDto>, ValidationProblem, ProblemHttpResult>> Revise(RevisionRequest request, PlanningDbContext db, TimeProvider clock, IAuditLog audit, IActorAccessor actors, CancellationToken ct)
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Code) || request.Code.Length > 64) problems["code"] = ["required, at most 64 characters"];
        if (string.IsNullOrWhiteSpace(request.Reason)) problems["reason"] = ["a revision must say why (e.g. the mid-term review's decision)"];
        if (request.Targets is null || request.Targets.Count == 0) problems["targets"] = ["at least one revised target"];
        var indicators = await db.Indicators.AsNoTracking().Select(i => i.No).ToListAsync(ct);
        for (var k = 0; k < (request.Targets?.Count ?? 0); k++)
        {
            var t = request.Targets![k];
            if (!indicators.Contains(t.No)) problems[$"targets[{k}].no"] = [$"{t.No} is not an indicator: expected 1–20"];
            if (t.Region is not null && !Regions.TryGet(t.Region, out _)) problems[$"targets[{k}].region"] = [$"'{t.Region}' is not a GB/T 2260 code"];
            if (t.Comparison is not null && !TryComparison(t.Comparison)) problems[$"targets[{k}].comparison"] = ["expected >=, >, <= or <"];
        }
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }
        if (await db.PlanVersions.AnyAsync(v => v.Code == request.Code, ct))
        {
            return OutcomeResults.Problem(OutcomeStatus.Conflict, $"plan version '{request.Code}' already exists");
        }
        var basedOn = request.BasedOn is null
            ? await db.PlanVersions.OrderByDescending(v => v.Effective).ThenByDescending(v => v.Id).FirstAsync(ct)
            : await db.PlanVersions.SingleOrDefaultAsync(v => v.Code == request.BasedOn, ct);
        if (basedOn is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["basedOn"] = [$"no plan version '{request.BasedOn}'"] });
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var version = new PlanVersion
        {
            Code = request.Code, NameZh = request.NameZh, NameEn = request.NameEn, Effective = request.Effective,
            BasedOnId = basedOn.Id, Reason = request.Reason, RecordedAt = clock.GetUtcNow(),
        };
        db.PlanVersions.Add(version);
        await db.SaveChangesAsync(ct);
        var copies = await db.IndicatorTargets.AsNoTracking().Where(t => t.PlanVersionId == basedOn.Id).ToListAsync(ct);
        var byKey = copies.Select(t => new IndicatorTarget
        {
            PlanVersionId = version.Id, IndicatorNo = t.IndicatorNo, RegionCode = t.RegionCode, Baseline = t.Baseline, Target = t.Target,
            Comparison = t.Comparison, AnnualGrowthPct = t.AnnualGrowthPct, FiveYearChange = t.FiveYearChange,
        }).ToDictionary(t => (t.IndicatorNo, t.RegionCode));
        foreach (var r in request.Targets!)
        {
            var region = r.Region is null ? Region.NationalCode : Regions.Get(r.Region).Code;
            if (!byKey.TryGetValue((r.No, region), out var t))
            {
                var national = byKey[(r.No, Region.NationalCode)];
                t = new IndicatorTarget { PlanVersionId = version.Id, IndicatorNo = r.No, RegionCode = region, Comparison = national.Comparison };
                byKey[(r.No, region)] = t;
            }
            t.Baseline = r.Baseline ?? t.Baseline;
            t.Target = r.Target ?? t.Target;
            if (r.Comparison is not null) t.Comparison = ComparisonExtensions.ParseComparison(r.Comparison);
        }
        db.IndicatorTargets.AddRange(byKey.Values);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(actors.Current.Id, "plan.revise", "plan_version", version.Code, null,
            System.Text.Json.JsonSerializer.Serialize(request)), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        var dto = new VersionDto(version.Code, version.NameZh, version.NameEn, version.Effective, basedOn.Code, version.Reason);
        return TypedResults.Created($"/api/v1/plan/versions/{Uri.EscapeDataString(version.Code)}", dto);
    }

    private static bool TryComparison(string s)
    {
        try
        {
            ComparisonExtensions.ParseComparison(s);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    internal static string Format(double? v) => v is { } x ? x.ToString("0.######", CultureInfo.InvariantCulture) : "—";
}
