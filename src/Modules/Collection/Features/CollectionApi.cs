using System.Globalization;
using System.Text;
using IctGov.Collection.Domain;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Planning.Contracts;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore.Storage;

namespace IctGov.Collection.Features;

/// <summary>The reporting workflow over HTTP. Who acts comes from the signed-in user or the API token.</summary>
internal static class CollectionApi
{
    public sealed record SubmitRequest(string DataSet, string Unit, string Region, string Period, Dictionary<string, decimal> Values,
        Dictionary<string, string>? Units, Dictionary<string, string>? Explanations, string? CorrectionReason);
    public sealed record ActionRequest(string? Reason);
    public sealed record PublishRequest(string DataSet, string Period);
    public sealed record ReportDto(Guid Id, string DataSet, string Unit, string Region, string Period, int Version, string Status,
        IReadOnlyDictionary<string, decimal> Values, IReadOnlyDictionary<string, string> Explanations, DateTimeOffset? SubmittedAt, bool Late,
        DateOnly? PublishedOn, IReadOnlyList<ReportEvent>? History, IReadOnlyList<ReportVintage>? Vintages);

    public static RouteGroupBuilder MapCollectionApi(this RouteGroupBuilder api)
    {
        api.MapGet("/data-sets", async (ReportStore store, CancellationToken ct) => TypedResults.Ok(await store.DataSetsAsync(ct)))
            .WithName("ListDataSets").WithSummary("Data sets (报表): elements, period, reporters, deadline");
        api.MapPost("/data-sets", DefineDataSet).RequireAuthorization(Policies.MinistryOnly)
            .WithName("DefineDataSet").WithSummary("The ministry defines a new data set (报表)");
        // Who may submit for which unit and region, and review which report, is decided per report from the actor.
        api.MapPost("/reports", Submit).RequireAuthorization(Policies.SignedIn)
            .WithName("SubmitReport").WithSummary("Submit (or correct) a report as JSON; every rule is checked, a rejected report writes nothing");
        api.MapPost("/reports/upload", Upload).RequireAuthorization(Policies.SignedIn).DisableAntiforgery()
            .WithName("UploadReport").WithSummary("Submit a report as CSV or XLSX (one file = one report)");
        api.MapGet("/reports", List).RequireAuthorization(Policies.SignedIn)
            .WithName("ListReports").WithSummary("Reports of a data set and period that the caller may read");
        api.MapGet("/reports/{id:guid}", Get).RequireAuthorization(Policies.SignedIn)
            .WithName("GetReport").WithSummary("One report with its history and vintages");
        api.MapPost("/reports/{id:guid}/{action:regex(^(approve|return|accept)$)}", Transition).RequireAuthorization(Policies.SignedIn)
            .WithName("ReviewReport").WithSummary("Province approves or returns; the ministry accepts (or returns)");
        api.MapPost("/publish", Publish).RequireAuthorization(Policies.MinistryOnly)
            .WithName("PublishPeriod").WithSummary("Ministry publishes a period's accepted reports; totals become observations");
        api.MapGet("/reconciliation", Reconcile).RequireAuthorization(Policies.ProvinceOrMinistry)
            .WithName("Reconcile").WithSummary("Operators vs province, provinces vs nation, per additive element");
        api.MapGet("/timeliness", TimelinessOf).RequireAuthorization(Policies.ProvinceOrMinistry)
            .WithName("Timeliness").WithSummary("Who has not reported and who reported late");
        api.MapGet("/published", Published).WithName("PublishedFigures").WithSummary("Published regional totals (public)");
        return api;
    }

    private static IResult Answer(Outcome<Guid> r) => r.Succeeded ? TypedResults.Ok(new { reportId = r.Value }) : r.ToProblem();

    public sealed record DataSetRequest(string Code, string NameZh, string NameEn, string PeriodKind, List<ElementSpec> Elements,
        List<string> ReporterKinds, int DeadlineDays, decimal JumpThreshold, string Opens, string? Closes);

    private static readonly string[] UnitKinds = ["OperatorBranch", "Operator", "Enterprise", "ProvinceAdministration"];

    /// <summary>Checks a definition field by field, so a ministry official sees every problem at once.</summary>
    private static async Task<IResult> DefineDataSet(DataSetRequest r, ReportStore store, IAuditLog audit, IActorAccessor actors, CancellationToken ct)
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(r.Code) || r.Code.Length > 32) problems["code"] = ["required, at most 32 characters"];
        if (string.IsNullOrWhiteSpace(r.NameZh)) problems["nameZh"] = ["required"];
        if (!Enum.TryParse<PeriodKind>(r.PeriodKind, ignoreCase: true, out var kind)) problems["periodKind"] = ["expected month, quarter or year"];
        if (r.Elements is not { Count: > 0 }) problems["elements"] = ["at least one element"];
        else
        {
            var keys = r.Elements.Select(e => e.Key).ToList();
            for (var i = 0; i < r.Elements.Count; i++)
            {
                var e = r.Elements[i];
                if (string.IsNullOrWhiteSpace(e.Key) || keys.Count(k => k == e.Key) > 1) problems[$"elements[{i}].key"] = ["required and unique"];
                if (string.IsNullOrWhiteSpace(e.Unit)) problems[$"elements[{i}].unit"] = ["required"];
                if (e.ComponentOf is { } total && !keys.Contains(total)) problems[$"elements[{i}].componentOf"] = [$"'{total}' is not an element of this data set"];
                if (e.Min is { } min && e.Max is { } max && min > max) problems[$"elements[{i}].max"] = ["below the minimum"];
            }
        }
        if (r.ReporterKinds is not { Count: > 0 } || r.ReporterKinds.Any(k => !UnitKinds.Contains(k))) problems["reporterKinds"] = [$"one or more of {string.Join(", ", UnitKinds)}"];
        if (r.DeadlineDays is < 0 or > 366) problems["deadlineDays"] = ["0–366 days after the period ends"];
        if (r.JumpThreshold <= 0) problems["jumpThreshold"] = ["a positive share, e.g. 0.5 for 50%"];
        if (!Period.TryParse(r.Opens, out var opens) || opens.Kind != kind) problems["opens"] = ["a period of the data set's kind, e.g. 2025-01"];
        Period? closes = null;
        if (r.Closes is not null)
        {
            if (!Period.TryParse(r.Closes, out var c) || c.Kind != kind || c < opens) problems["closes"] = ["a period of the same kind, not before opens"];
            else closes = c;
        }
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems);
        var dataSet = new DataSet(r.Code.Trim(), r.NameZh, r.NameEn, kind, r.Elements, r.ReporterKinds, r.DeadlineDays, r.JumpThreshold, opens, closes);
        await using var tx = await store.Db.Database.BeginTransactionAsync(ct);
        if (!await store.AddAsync(dataSet, ct)) return OutcomeResults.Problem(OutcomeStatus.Conflict, $"data set '{r.Code}' exists");
        await audit.AppendAsync(new AuditEntry(actors.Current.Id, "dataset.define", "data_set", dataSet.Code, null, System.Text.Json.JsonSerializer.Serialize(r)),
            tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/collection/data-sets/{dataSet.Code}", dataSet);
    }

    private static async Task<IResult> Submit(SubmitRequest request, ReportService service, CancellationToken ct)
    {
        var values = request.Values.Select(kv => new ReportedValue(0, kv.Key, kv.Value, request.Units?.GetValueOrDefault(kv.Key))).ToList();
        return Answer(await service.SubmitAsync(new SubmitCommand(request.DataSet, request.Unit, request.Region, request.Period, values,
            request.Explanations ?? [], request.CorrectionReason), ct));
    }

    private static async Task<IResult> Upload(HttpRequest http, ReportService service, CancellationToken ct)
    {
        if (!http.HasFormContentType || (await http.ReadFormAsync(ct)).Files is not { Count: > 0 } files)
        {
            return OutcomeResults.Problem(OutcomeStatus.Invalid, "expected a multipart upload with a CSV or XLSX file");
        }
        await using var stream = files[0].OpenReadStream();
        var parsed = SubmissionReader.Read(stream, files[0].FileName, files[0].ContentType, ct);
        if (!parsed.Succeeded)
        {
            // A file that cannot be read as a report is refused like one that breaks the rules (422), as it always was.
            return OutcomeResults.Problem(OutcomeStatus.Unprocessable, parsed.Problem!, parsed.Errors);
        }
        return Answer(await service.SubmitAsync(parsed.Value!, ct));
    }

    private static async Task<IResult> List(string dataSet, string period, ReportService service, CancellationToken ct)
    {
        if (!Period.TryParse(period, out var p)) return OutcomeResults.Problem(OutcomeStatus.Invalid, $"'{period}' is not a period");
        var reports = await service.ListAsync(dataSet, p, ct);
        return TypedResults.Ok(reports.Select(r => ToDto(r, full: false)));
    }

    private static async Task<IResult> Get(Guid id, ReportService service, CancellationToken ct) =>
        // A report outside the caller's scope answers as if it did not exist.
        await service.GetAsync(id, ct) is { } report ? TypedResults.Ok(ToDto(report, full: true)) : OutcomeResults.Problem(OutcomeStatus.NotFound, "no such report");

    private static async Task<IResult> Transition(Guid id, string action, ActionRequest? request, ReportService service, CancellationToken ct)
    {
        var outcome = await service.TransitionAsync(id, action, request?.Reason, ct);
        return outcome.Succeeded ? TypedResults.Ok(new { status = "ok" }) : outcome.ToProblem();
    }

    private static async Task<IResult> Publish(PublishRequest request, ReportService service, CancellationToken ct) =>
        (await service.PublishPeriodAsync(request.DataSet, request.Period, ct)).ToHttpResult();

    private static async Task<IResult> Reconcile(string dataSet, string period, decimal? tolerance, ReportStore store, ReportService service, CancellationToken ct)
    {
        if (await store.DataSetAsync(dataSet, ct) is not { } ds || !Period.TryParse(period, out var p)) return NoDataSet(dataSet, period);
        return TypedResults.Ok(await service.ReconcileAsync(ds, p, tolerance ?? 0.005m, ct));
    }

    private static async Task<IResult> TimelinessOf(string dataSet, string period, ReportStore store, ReportService service, CancellationToken ct)
    {
        if (await store.DataSetAsync(dataSet, ct) is not { } ds || !Period.TryParse(period, out var p)) return NoDataSet(dataSet, period);
        return TypedResults.Ok(await service.TimelinessAsync(ds, p, ct));
    }

    private static ProblemHttpResult NoDataSet(string dataSet, string period) =>
        OutcomeResults.Problem(OutcomeStatus.NotFound, $"no data set '{dataSet}' or bad period '{period}'");

    private static async Task<IResult> Published(string dataSet, string period, ReportStore store, ReportService service, CancellationToken ct)
    {
        if (await store.DataSetAsync(dataSet, ct) is not { } ds || !Period.TryParse(period, out var p)) return NoDataSet(dataSet, period);
        return TypedResults.Ok(await service.PublishedAsync(ds, p, ct));
    }

    private static ReportDto ToDto(Report r, bool full) => new(r.Id, r.DataSetCode, r.UnitId, r.RegionCode, r.Period.ToString(), r.Version, r.Status.ToString(),
        r.Values, r.Explanations, r.FirstSubmittedAt, r.Late, r.PublishedOn, full ? r.History : null, full ? r.Vintages : null);
}

/// <summary>The data resource catalogue (行业数据资源目录, 专栏17.2): every indicator and data element, browsable and exportable.</summary>
internal static class DataCatalogueApi
{
    public sealed record Entry(string Kind, string Key, string NameZh, string NameEn, string Unit, string? Formula, string Frequency,
        string SourceUnits, string Owner, string? FirstPeriod, string? LastPeriod, int Observations, string DataSets);

    public static RouteGroupBuilder MapDataCatalogueApi(this RouteGroupBuilder api)
    {
        api.MapGet("/catalogue", async (ICatalogueReader catalogue, ReportStore store, CancellationToken ct) => TypedResults.Ok(await BuildAsync(catalogue, store, ct)))
            .WithName("DataResourceCatalogue").WithSummary("行业数据资源目录: definition, unit, formula, source units, frequency, owner, first/last period");
        api.MapGet("/catalogue.csv", async (ICatalogueReader catalogue, ReportStore store, CancellationToken ct) =>
        {
            var sb = new StringBuilder("kind,key,name_zh,name_en,unit,formula,frequency,source_units,owner,first_period,last_period,observations,data_sets\n");
            foreach (var e in await BuildAsync(catalogue, store, ct))
            {
                sb.AppendLine(string.Join(',', new[] { e.Kind, e.Key, e.NameZh, e.NameEn, e.Unit, e.Formula ?? "", e.Frequency, e.SourceUnits, e.Owner, e.FirstPeriod ?? "", e.LastPeriod ?? "",
                    e.Observations.ToString(CultureInfo.InvariantCulture), e.DataSets }.Select(Csv)));
            }
            return TypedResults.Text(sb.ToString(), "text/csv; charset=utf-8", Encoding.UTF8);
        }).WithName("DataResourceCatalogueCsv").WithSummary("The data resource catalogue as CSV");
        return api;
    }

    internal static async Task<IReadOnlyList<Entry>> BuildAsync(ICatalogueReader catalogue, ReportStore store, CancellationToken ct)
    {
        var dataSets = await store.DataSetsAsync(ct);
        return (await catalogue.ListAsync(ct)).Select(c =>
        {
            var collecting = dataSets.Where(d => d.Elements.Any(e => e.Key == c.Key)).ToList();
            return new Entry(c.Kind, c.Key, c.NameZh, c.NameEn, c.UnitZh, c.Formula,
                collecting.Count > 0 ? string.Join('/', collecting.Select(d => d.PeriodKind.ToString().ToLowerInvariant()).Distinct()) : c.Formula is null ? "as published" : "derived",
                collecting.Count > 0 ? string.Join('/', collecting.SelectMany(d => d.ReporterKinds).Distinct()) : "ministry statistics",
                "ministry", c.FirstPeriod, c.LastPeriod, c.Observations, string.Join('/', collecting.Select(d => d.Code)));
        }).ToList();
    }

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
