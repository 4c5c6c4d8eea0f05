using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Security;
using IctGov.Planning.Data;
using IctGov.Planning.Evaluation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MiniExcelLibs;

namespace IctGov.Planning.Features;

/// <summary>A problem with one field of one row. Row numbers count the header as row 1, as a spreadsheet does.</summary>
public sealed record ImportError(int Row, string Field, string Message);

/// <summary>The outcome of an import: either every row was accepted (errors empty) or nothing was written.</summary>
public sealed record ImportResult(Guid? BatchId, int Inserted, int Skipped, IReadOnlyList<ImportError> Errors)
{
    public bool Accepted => Errors.Count == 0;
}

/// <summary>
/// Imports observations from CSV or XLSX with the header
/// <c>indicator,region,period,value,status,published,source</c>. Every row is checked before
/// anything is written; one bad row rejects the file, and the answer names every bad row, field and
/// reason. Re-importing an identical row is a no-op, so a file can be sent twice safely.
/// </summary>
// The audit log and the actor are optional so the module also runs on its own (tests, tools);
// the platform always registers both, and then every accepted import is audited.
internal sealed class ObservationImporter(PlanningDbContext db, TimeProvider clock, IAuditLog? audit = null, IActorAccessor? actors = null)
{
    public static readonly string[] Header = ["indicator", "region", "period", "value", "status", "published", "source"];
    private const int MaxRows = 1_000_000;
    private const int MaxErrors = 1000;

    public async Task<ImportResult> ImportCsvAsync(Stream csv, string origin, CancellationToken ct = default)
    {
        List<RawRow> rows;
        var errors = new List<ImportError>();
        try
        {
            rows = ReadCsv(csv, errors);
        }
        catch (Exception e) when (e is CsvHelperException or DecoderFallbackExceptionWrapper)
        {
            return new ImportResult(null, 0, 0, [new ImportError(0, "file", "not readable as UTF-8 CSV: " + e.Message)]);
        }
        return errors.Count > 0 ? new ImportResult(null, 0, 0, errors) : await ImportRowsAsync(rows, origin, ct);
    }

    public async Task<ImportResult> ImportXlsxAsync(Stream xlsx, string origin, CancellationToken ct = default)
    {
        var errors = new List<ImportError>();
        List<RawRow> rows;
        try
        {
            rows = ReadXlsx(xlsx, errors);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or FormatException or System.Xml.XmlException)
        {
            return new ImportResult(null, 0, 0, [new ImportError(0, "file", "not a readable XLSX workbook: " + e.Message)]);
        }
        return errors.Count > 0 ? new ImportResult(null, 0, 0, errors) : await ImportRowsAsync(rows, origin, ct);
    }

    internal sealed record RawRow(int Row, string[] Fields);

    /// <summary>Wraps decoding failures so the catch above stays narrow.</summary>
    private sealed class DecoderFallbackExceptionWrapper(string message, Exception inner) : Exception(message, inner);

    private static List<RawRow> ReadCsv(Stream csv, List<ImportError> errors)
    {
        var encoding = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true);
        using var reader = new StreamReader(csv, encoding, detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = null,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };
        using var parser = new CsvParser(reader, config);
        var rows = new List<RawRow>();
        try
        {
            if (!parser.Read())
            {
                errors.Add(new ImportError(1, "header", "the file is empty: expected the header " + string.Join(',', Header)));
                return rows;
            }
            var header = parser.Record ?? [];
            var map = MapHeader(header, errors);
            if (map is null)
            {
                return rows;
            }
            while (parser.Read())
            {
                var record = parser.Record ?? [];
                if (record.Length == 1 && string.IsNullOrWhiteSpace(record[0]))
                {
                    continue; // blank line
                }
                if (rows.Count >= MaxRows)
                {
                    errors.Add(new ImportError(parser.Row, "file", $"more than {MaxRows:N0} rows: split the file"));
                    return rows;
                }
                if (record.Length != header.Length)
                {
                    errors.Add(new ImportError(parser.Row, "row", $"has {record.Length} fields, expected {header.Length} as in the header"));
                    if (errors.Count >= MaxErrors) return rows;
                    continue;
                }
                rows.Add(new RawRow(parser.Row, map.Select(i => record[i]).ToArray()));
            }
        }
        catch (System.Text.DecoderFallbackException e)
        {
            throw new DecoderFallbackExceptionWrapper($"byte {e.Index} is not valid UTF-8", e);
        }
        return rows;
    }

    private static List<RawRow> ReadXlsx(Stream xlsx, List<ImportError> errors)
    {
        var rows = new List<RawRow>();
        var rowNo = 1;
        var headerWidth = 0;
        int[]? map = null;
        foreach (IDictionary<string, object?> r in xlsx.Query(useHeaderRow: false))
        {
            var cells = r.Values.Select(Cell).ToArray();
            if (map is null)
            {
                // A sheet's used range can run past the header; empty cells there are not columns.
                headerWidth = cells.Length - cells.Reverse().TakeWhile(string.IsNullOrWhiteSpace).Count();
                map = MapHeader(cells[..headerWidth], errors);
                if (map is null) return rows;
                rowNo++;
                continue;
            }
            if (cells.Skip(headerWidth).Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                errors.Add(new ImportError(rowNo, "row", $"has values beyond the {headerWidth} columns of the header"));
            }
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                rowNo++;
                continue;
            }
            rows.Add(new RawRow(rowNo, map.Select(i => i < cells.Length ? cells[i] : "").ToArray()));
            rowNo++;
            if (rows.Count > MaxRows)
            {
                errors.Add(new ImportError(rowNo, "file", $"more than {MaxRows:N0} rows: split the file"));
                return rows;
            }
        }
        if (map is null)
        {
            errors.Add(new ImportError(1, "header", "the workbook's first sheet is empty: expected the header " + string.Join(',', Header)));
        }
        return rows;
    }

    private static string Cell(object? v) => v switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    /// <summary>Maps each expected column to its position; every expected column must appear exactly once and nothing else.</summary>
    private static int[]? MapHeader(string[] header, List<ImportError> errors)
    {
        var names = header.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        var map = new int[Header.Length];
        var ok = true;
        for (var i = 0; i < Header.Length; i++)
        {
            map[i] = Array.IndexOf(names, Header[i]);
            if (map[i] < 0)
            {
                errors.Add(new ImportError(1, Header[i], $"column '{Header[i]}' is missing: expected the header {string.Join(',', Header)}"));
                ok = false;
            }
        }
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length == 0)
            {
                errors.Add(new ImportError(1, "header", $"column {i + 1} has no name: expected the header {string.Join(',', Header)}"));
                ok = false;
            }
            else if (!Header.Contains(names[i]))
            {
                errors.Add(new ImportError(1, names[i], $"unexpected column '{names[i]}': expected the header {string.Join(',', Header)}"));
                ok = false;
            }
            else if (Array.IndexOf(names, names[i]) != i)
            {
                errors.Add(new ImportError(1, names[i], $"column '{names[i]}' appears twice"));
                ok = false;
            }
        }
        return ok ? map : null;
    }

    /// <summary>Rows already split into the seven fields, for callers that are not files (other modules).</summary>
    internal Task<ImportResult> ImportRawAsync(List<RawRow> rows, string origin, CancellationToken ct) => ImportRowsAsync(rows, origin, ct);

    private async Task<ImportResult> ImportRowsAsync(List<RawRow> rows, string origin, CancellationToken ct)
    {
        var indicators = await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.No, ct);
        var elements = await db.DataElements.AsNoTracking().Select(e => e.Key).ToListAsync(ct);
        var projects = await db.ProjectTargets.AsNoTracking().Select(p => p.Key).ToListAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = new List<ImportError>();
        var parsed = new List<(RawRow Raw, Observation Obs)>();
        var seen = new Dictionary<(SubjectKind, string, string, string, DateOnly), int>();

        foreach (var raw in rows)
        {
            var obs = ParseRow(raw, indicators, elements, projects, today, errors);
            if (obs is not null)
            {
                var key = (obs.SubjectKind, obs.SubjectKey, obs.RegionCode, obs.Period, obs.Published);
                if (seen.TryGetValue(key, out var first))
                {
                    errors.Add(new ImportError(raw.Row, "row", $"repeats row {first} (same indicator, region, period and published date)"));
                }
                else
                {
                    seen[key] = raw.Row;
                    parsed.Add((raw, obs));
                }
            }
            if (errors.Count >= MaxErrors)
            {
                errors.Add(new ImportError(raw.Row, "file", $"stopped after {MaxErrors} errors"));
                break;
            }
        }
        if (errors.Count > 0)
        {
            return new ImportResult(null, 0, 0, errors);
        }

        // Compare with what is already recorded: the same vintage with the same value is a
        // harmless repeat; the same vintage with another value is a conflict the sender must resolve.
        var subjects = parsed.Select(p => p.Obs.SubjectKey).Distinct().ToList();
        var existing = new Dictionary<(SubjectKind, string, string, string, DateOnly), decimal>();
        foreach (var chunk in subjects.Chunk(500))
        {
            var found = await db.Observations.AsNoTracking().Where(o => chunk.Contains(o.SubjectKey))
                .Select(o => new { o.SubjectKind, o.SubjectKey, o.RegionCode, o.Period, o.Published, o.Value }).ToListAsync(ct);
            foreach (var f in found)
            {
                existing[(f.SubjectKind, f.SubjectKey, f.RegionCode, f.Period, f.Published)] = f.Value;
            }
        }
        var batch = new ImportBatch { Id = Guid.NewGuid(), Origin = Truncate(origin, 400), RecordedAt = clock.GetUtcNow() };
        var toInsert = new List<Observation>();
        var skipped = 0;
        foreach (var (raw, obs) in parsed)
        {
            if (existing.TryGetValue((obs.SubjectKind, obs.SubjectKey, obs.RegionCode, obs.Period, obs.Published), out var old))
            {
                if (old == obs.Value)
                {
                    skipped++;
                    continue;
                }
                errors.Add(new ImportError(raw.Row, "value",
                    $"{obs.Value.ToString(CultureInfo.InvariantCulture)} conflicts with {old.ToString(CultureInfo.InvariantCulture)} already recorded for the same published date; a revision needs a later published date and status revised"));
                continue;
            }
            obs.BatchId = batch.Id;
            obs.RecordedAt = batch.RecordedAt;
            toInsert.Add(obs);
        }
        if (errors.Count > 0)
        {
            return new ImportResult(null, 0, 0, errors);
        }
        batch.Rows = toInsert.Count;
        batch.Skipped = skipped;
        // One transaction for the batch record and every row: all or nothing, even if the process dies.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(ct);
            await ObservationBulkWriter.WriteAsync(db, toInsert, ct);
            if (audit is not null)
            {
                // The batch id ties the entry to its rows; the rows themselves stay in planning_observation.
                var summary = System.Text.Json.JsonSerializer.Serialize(new { batch = batch.Id, origin = batch.Origin, rows = batch.Rows, skipped = batch.Skipped,
                    subjects = toInsert.Select(o => o.SubjectKey).Distinct().Order().ToList() });
                await audit.AppendAsync(new AuditEntry((actors?.Current ?? Actor.System("planning")).Id, "observations.import", "import_batch", batch.Id.ToString(), null, summary),
                    tx.GetDbTransaction(), ct);
            }
            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } or Npgsql.PostgresException { SqlState: "23505" })
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new ImportResult(null, 0, 0, [new ImportError(0, "file", "another import wrote some of these rows at the same time; nothing was written, send the file again: " + e.GetBaseException().Message)]);
        }
        db.ChangeTracker.Clear();
        return new ImportResult(batch.Id, toInsert.Count, skipped, []);
    }

    private static Observation? ParseRow(RawRow raw, Dictionary<int, Indicator> indicators, List<string> elements, List<string> projects, DateOnly today, List<ImportError> errors)
    {
        var f = raw.Fields;
        var before = errors.Count;
        void Err(string field, string message) => errors.Add(new ImportError(raw.Row, field, message));

        var subjectText = f[0].Trim();
        SubjectKind kind = default;
        Indicator? indicator = null;
        if (int.TryParse(subjectText, NumberStyles.None, CultureInfo.InvariantCulture, out var no))
        {
            if (indicators.TryGetValue(no, out indicator))
            {
                kind = SubjectKind.Indicator;
                subjectText = no.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                Err("indicator", $"'{subjectText}' is not an indicator of 专栏1: expected 1–20");
            }
        }
        else if (elements.Contains(subjectText))
        {
            kind = SubjectKind.DataElement;
        }
        else if (projects.Contains(subjectText))
        {
            kind = SubjectKind.ProjectTarget;
        }
        else
        {
            Err("indicator", subjectText.Length == 0
                ? "is empty: expected an indicator number 1–20 or a data-element key"
                : $"'{Truncate(subjectText, 60)}' is neither an indicator number 1–20, a data-element key nor a project-target key");
        }

        if (!Regions.TryGet(f[1], out var region))
        {
            Err("region", $"'{Truncate(f[1], 20)}' is not a GB/T 2260 code: expected 100000 for the nation or a provincial code such as 110000");
        }

        if (!Period.TryParse(f[2], out var period))
        {
            Err("period", $"'{Truncate(f[2], 20)}' is not a period: expected YYYY, YYYY-Qn or YYYY-MM");
        }

        decimal value = 0;
        var valueText = f[3].Trim();
        if (!decimal.TryParse(valueText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value))
        {
            Err("value", valueText.Length == 0 ? "is empty: expected a number" : $"'{Truncate(valueText, 30)}' is not a number: expected digits with '.' as the decimal point");
        }
        else if (indicator is not null && RangeProblem(indicator, value) is { } problem)
        {
            Err("value", problem);
        }
        else if (indicator is null && value < 0)
        {
            Err("value", $"{valueText} is negative: counts and amounts cannot be");
        }

        var status = ParseStatus(f[4]);
        if (status is null)
        {
            Err("status", $"'{Truncate(f[4], 20)}' is not a status: expected provisional, final, estimated or revised");
        }

        if (!DateOnly.TryParseExact(f[5].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var published))
        {
            Err("published", $"'{Truncate(f[5], 20)}' is not a date: expected YYYY-MM-DD");
        }
        else if (published > today)
        {
            Err("published", $"{published:yyyy-MM-dd} is in the future: figures are imported once published");
        }
        else if (errors.Count == before && published < period.Start)
        {
            Err("published", $"{published:yyyy-MM-dd} is before the period {period} begins");
        }

        var source = f[6].Trim();
        if (source.Length == 0)
        {
            Err("source", "is empty: name the publication or reporting unit the figure comes from");
        }
        else if (source.Length > 200)
        {
            Err("source", $"is {source.Length} characters long: at most 200");
        }

        if (errors.Count != before)
        {
            return null;
        }
        return new Observation
        {
            SubjectKind = kind,
            SubjectKey = subjectText,
            RegionCode = region.Code,
            Period = period.ToString(),
            PeriodKind = period.Kind,
            PeriodEnd = period.End,
            Value = value,
            Status = status!.Value,
            Published = published,
            Source = source,
        };
    }

    /// <summary>Plausibility by unit: shares are 0–100, a decline may be negative (consumption rose), PUE is at least 1.</summary>
    private static string? RangeProblem(Indicator indicator, decimal value)
    {
        if (indicator.Kind == IndicatorKind.CumulativeChange)
        {
            return value is < -100 or > 100 ? $"{value} is outside −100…100 (a percentage change)" : null;
        }
        if (indicator.UnitEn == "%")
        {
            return value is < 0 or > 100 ? $"{value} is outside 0…100 (a percentage)" : null;
        }
        if (indicator.Measure == Measure.Ratio && indicator.No == 11)
        {
            return value < 1 ? $"{value} is below 1: PUE is total energy over IT energy" : null;
        }
        return value < 0 ? $"{value} is negative: expected a value ≥ 0" : null;
    }

    private static ObservationStatus? ParseStatus(string text) => text.Trim().ToLowerInvariant() switch
    {
        "provisional" or "初步" or "快报" or "初值" => ObservationStatus.Provisional,
        "final" or "最终" or "终值" or "正式" => ObservationStatus.Final,
        "estimated" or "estimate" or "估计" or "推算" => ObservationStatus.Estimated,
        "revised" or "修订" => ObservationStatus.Revised,
        _ => null,
    };

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}

/// <summary>POST /api/v1/observations/import: CSV body or a multipart upload of CSV or XLSX.</summary>
internal static class ImportObservationsEndpoint
{
    public static RouteGroupBuilder MapImportObservations(this RouteGroupBuilder api)
    {
        api.MapPost("/observations/import", Handle)
            .WithName("ImportObservations")
            .WithSummary("Import observations (CSV or XLSX); any bad row rejects the whole file")
            .DisableAntiforgery()
            .RequireMinistry()
            .Accepts<IFormFile>("multipart/form-data")
            .Accepts<string>("text/csv");
        return api;
    }

    private static async Task<Results<Ok<ImportResult>, UnprocessableEntity<ImportResult>, BadRequest<string>>> Handle(HttpRequest request, ObservationImporter importer, CancellationToken ct)
    {
        ImportResult result;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.Count > 0 ? form.Files[0] : null;
            if (file is null)
            {
                return TypedResults.BadRequest("multipart upload has no file part");
            }
            await using var s = file.OpenReadStream();
            result = IsXlsx(file.FileName, file.ContentType)
                ? await importer.ImportXlsxAsync(s, "upload:" + file.FileName, ct)
                : await importer.ImportCsvAsync(s, "upload:" + file.FileName, ct);
        }
        else
        {
            // The CSV parser reads synchronously; Kestrel forbids that on the request body, so buffer it.
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            body.Position = 0;
            result = await importer.ImportCsvAsync(body, "api", ct);
        }
        return result.Accepted ? TypedResults.Ok(result) : TypedResults.UnprocessableEntity(result);
    }

    internal static bool IsXlsx(string? fileName, string? contentType) =>
        (fileName?.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ?? false) ||
        contentType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}
