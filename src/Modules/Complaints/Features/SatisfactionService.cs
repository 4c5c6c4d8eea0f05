using System.Globalization;
using System.Text.Json;
using IctGov.Complaints.Data;
using IctGov.Complaints.Domain;
using IctGov.Data.Files;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using IctGov.Planning.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IctGov.Complaints.Features;

/// <summary>One survey response as sent: item scores 0–10 by item code.</summary>
internal sealed record ResponseInput(string? Survey, string? Operator, string? Region, DateOnly? RespondedOn, Dictionary<string, decimal>? Scores);

/// <summary>The satisfaction index of a year: the figures and the surveys (with weights) they were computed with.</summary>
internal sealed record SatisfactionReport(int Year, IReadOnlyList<IndexFigure> Figures, IReadOnlyList<SurveyDefinition> Surveys, IReadOnlyList<IndexFigure> ComplaintHandling);

/// <summary>
/// Indicator 19 (电信用户综合满意指数): survey definitions, response intake (JSON, CSV, and the
/// rating after each closed telecom appeal), the index with confidence intervals, and publication.
/// </summary>
internal sealed class SatisfactionService(ComplaintsDbContext db, IAuditLog audit, ChinaCalendar calendar, IOrganisationDirectory directory, IObservationRecorder recorder)
{
    public const string Source = "电信用户满意度调查 (Complaints module)";

    /// <summary>CSV in long form: one row per item of a response; rows of a response share its key.</summary>
    public static readonly IReadOnlyList<string> CsvColumns = ["response", "survey", "operator", "region", "respondedOn", "item", "score"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds the default surveys (DefaultSurveys) that are not there yet; existing definitions are kept as they are.</summary>
    public async Task SeedAsync(CancellationToken ct)
    {
        var have = await db.Surveys.Select(s => s.Code).ToListAsync(ct);
        foreach (var s in DefaultSurveys.All.Where(s => !have.Contains(s.Code)))
        {
            db.Surveys.Add(new SurveyRow { Code = s.Code, Service = s.Service, NameZh = s.NameZh, NameEn = s.NameEn, InIndex = s.InIndex, ItemsJson = JsonSerializer.Serialize(s.Items, Json) });
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<SurveyDefinition>> SurveysAsync(CancellationToken ct = default) =>
        (await db.Surveys.AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct))
            .Select(s => new SurveyDefinition(s.Code, s.Service, s.NameZh, s.NameEn, s.InIndex, JsonSerializer.Deserialize<List<SurveyItem>>(s.ItemsJson, Json)!)).ToList();

    /// <summary>Records responses (a survey firm's batch through the API); any bad one refuses them all.</summary>
    public async Task<Outcome<int>> SubmitAsync(Actor actor, IReadOnlyList<ResponseInput> responses, CancellationToken ct = default)
    {
        if (actor.Role is not (Role.MinistryAdmin or Role.ProvinceAdmin))
        {
            return Outcome.Refused<int>(actor.Refusal, "survey responses are recorded by the ministry or a province");
        }
        if (responses.Count == 0)
        {
            return Outcome.Invalid<int>([RowError.File("no responses")]);
        }
        var surveys = (await SurveysAsync(ct)).ToDictionary(s => s.Code);
        var operators = (await directory.ListAsync(ct)).Where(u => u.Kind == "Operator").Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var errors = new List<RowError>();
        var rows = new List<SurveyResponseRow>();
        var today = calendar.Today;
        for (var i = 0; i < responses.Count; i++)
        {
            var (row, r) = (i + 1L, responses[i]);
            if (r.Survey is null || !surveys.TryGetValue(r.Survey, out var survey) || survey.Code == DefaultSurveys.ComplaintHandling)
            {
                errors.Add(new RowError(row, "survey", "expected one of " + string.Join(", ", surveys.Keys.Where(k => k != DefaultSurveys.ComplaintHandling).Order(StringComparer.Ordinal))
                    + " (appeal ratings come from the appeals themselves)") { Value = r.Survey });
                continue;
            }
            if (r.Operator is null || !operators.Contains(r.Operator))
            {
                errors.Add(new RowError(row, "operator", "expected a basic telecom operator: " + string.Join(", ", operators.Order(StringComparer.Ordinal))) { Value = r.Operator });
            }
            if (!Regions.Provinces.Any(p => p.Code == r.Region))
            {
                errors.Add(new RowError(row, "region", "expected a province's GB/T 2260 code") { Value = r.Region });
            }
            else if (actor.Role == Role.ProvinceAdmin && actor.RegionCode != r.Region)
            {
                return Outcome.Refused<int>(OutcomeStatus.Forbidden, $"row {row}: a province records responses of its own region only");
            }
            if (r.RespondedOn is not { } on || on > today)
            {
                errors.Add(new RowError(row, "respondedOn", $"expected the date of the response, on or before {today:yyyy-MM-dd}"));
            }
            var scores = r.Scores ?? [];
            errors.AddRange(survey.Check(row, scores));
            if (errors.Count == 0)
            {
                rows.Add(new SurveyResponseRow
                {
                    SurveyCode = survey.Code, OperatorId = r.Operator!, Region = r.Region!, RespondedOn = r.RespondedOn!.Value, Source = "survey",
                    ScoresJson = JsonSerializer.Serialize(scores, Json), IndexValue = survey.Index(scores),
                });
            }
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<int>(errors);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Responses.AddRange(rows);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, "complaints.survey.responses", "survey_response", $"{rows[0].Id}..{rows[^1].Id}", null,
            JsonSerializer.Serialize(new { count = rows.Count }), actor.RegionCode), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(rows.Count);
    }

    /// <summary>The same from a CSV file in long form (<see cref="CsvColumns"/>), a response's rows grouped by its key.</summary>
    public async Task<Outcome<int>> ImportCsvAsync(Actor actor, Stream csv, CancellationToken ct = default)
    {
        var table = TableReader.ReadCsv(csv, CsvColumns, ct: ct);
        if (!table.Succeeded)
        {
            return table.Cast<int>();
        }
        var errors = new List<RowError>();
        var byKey = new Dictionary<string, (long FirstRow, ResponseInput Input)>(StringComparer.Ordinal);
        foreach (var r in table.Value!)
        {
            if (!decimal.TryParse(r[6], NumberStyles.Number, CultureInfo.InvariantCulture, out var score))
            {
                errors.Add(new RowError(r.Row, "score", "expected a number from 0 to 10") { Value = r[6] });
                continue;
            }
            DateOnly? on = DateOnly.TryParseExact(r[4].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            if (on is null)
            {
                errors.Add(new RowError(r.Row, "respondedOn", "expected a date yyyy-MM-dd") { Value = r[4] });
                continue;
            }
            var key = r[0].Trim();
            if (!byKey.TryGetValue(key, out var entry))
            {
                entry = (r.Row, new ResponseInput(r[1].Trim(), r[2].Trim(), r[3].Trim(), on, []));
                byKey[key] = entry;
            }
            else if (entry.Input.Survey != r[1].Trim() || entry.Input.Operator != r[2].Trim() || entry.Input.Region != r[3].Trim() || entry.Input.RespondedOn != on)
            {
                errors.Add(new RowError(r.Row, "response", $"response {key} has another survey, operator, region or date on row {entry.FirstRow}"));
            }
            if (!entry.Input.Scores!.TryAdd(r[5].Trim(), score))
            {
                errors.Add(new RowError(r.Row, "item", $"item {r[5].Trim()} of response {key} is given twice"));
            }
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<int>(errors);
        }
        var inputs = byKey.Values.ToList();
        var result = await SubmitAsync(actor, inputs.Select(v => v.Input).ToList(), ct);
        // Name the file's rows, not the responses' positions.
        return result.Status == OutcomeStatus.Invalid
            ? Outcome.Invalid<int>(result.Errors.Select(e => e with { Row = inputs[(int)e.Row - 1].FirstRow }).ToList())
            : result;
    }

    /// <summary>The index for <paramref name="year"/> from surveys in the index, and the appeal-handling ratings beside it.</summary>
    public async Task<SatisfactionReport> ComputeAsync(int year, CancellationToken ct = default)
    {
        var surveys = await SurveysAsync(ct);
        var (start, end) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var responses = await db.Responses.AsNoTracking().Where(r => r.RespondedOn >= start && r.RespondedOn <= end)
            .Select(r => new { r.SurveyCode, r.OperatorId, r.Region, r.IndexValue }).ToListAsync(ct);
        var byCode = surveys.ToDictionary(s => s.Code);
        ScoredResponse Scored(string code, string op, string region, double index) => new(code, byCode.TryGetValue(code, out var s) ? s.Service : code, op, region, index);
        var inIndex = responses.Where(r => byCode.TryGetValue(r.SurveyCode, out var s) && s.InIndex).Select(r => Scored(r.SurveyCode, r.OperatorId, r.Region, r.IndexValue));
        var complaint = responses.Where(r => r.SurveyCode == DefaultSurveys.ComplaintHandling).Select(r => Scored(r.SurveyCode, r.OperatorId, r.Region, r.IndexValue));
        return new SatisfactionReport(year, SatisfactionIndex.Compute(inIndex), surveys, SatisfactionIndex.Compute(complaint));
    }

    /// <summary>Records the year's index nationally and per province as the plan's indicator 19.</summary>
    public async Task<Outcome<IReadOnlyList<ObservationRecord>>> PublishAsync(Actor actor, int year, CancellationToken ct = default)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<IReadOnlyList<ObservationRecord>>(actor.Refusal, "the ministry publishes the plan's indicators");
        }
        var today = calendar.Today;
        var report = await ComputeAsync(year, ct);
        if (report.Figures.Count == 0)
        {
            return Outcome.Refused<IReadOnlyList<ObservationRecord>>(OutcomeStatus.Unprocessable, $"no survey response in {year}: nothing to publish");
        }
        var status = today > new DateOnly(year, 12, 31) ? "final" : "provisional";
        var records = report.Figures.Where(f => f.Scope is "national" or "province")
            .Select(f => new ObservationRecord("19", f.Key, year.ToString(CultureInfo.InvariantCulture), (decimal)f.Index, status, today, Source)).ToList();
        var recorded = await recorder.RecordAsync(records, "complaints:satisfaction:" + year, ct);
        if (!recorded.Succeeded)
        {
            return recorded.Cast<IReadOnlyList<ObservationRecord>>();
        }
        await audit.AppendAsync(new AuditEntry(actor.Id, "complaints.satisfaction.publish", "plan_indicator", "19:" + year, null,
            JsonSerializer.Serialize(new { year, status, national = report.Figures[0].Index, responses = report.Figures[0].Responses })), null, ct);
        return Outcome.Ok<IReadOnlyList<ObservationRecord>>(records);
    }
}
