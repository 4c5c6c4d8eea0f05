using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Data;
using IctGov.Web.Http;
using IctGov.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IctGov.NetworkQuality.Features;

/// <summary><c>GET /api/v1/netq/summary</c>: the grouping, the filter and the output format.</summary>
internal sealed class SummaryRequest : NetqSummaryText
{
    /// <summary>json (default), csv or xlsx.</summary>
    public string? Format { get; set; }
}

/// <summary>A filter and an output format: <c>GET /api/v1/netq/heatmap</c>, and the base of the ranking's request.</summary>
internal class ExportRequest : NetqFilterText
{
    /// <summary>json (default), csv or xlsx.</summary>
    public string? Format { get; set; }
}

/// <summary><c>GET /api/v1/netq/ranking</c>: what is ranked, by which figure, over which tests.</summary>
internal sealed class RankingRequest : ExportRequest
{
    /// <summary>province (default), city or operator.</summary>
    public string? By { get; set; }

    /// <summary>weighted (default), dl_p5, share or dl_mean.</summary>
    public string? Sort { get; set; }
}

/// <summary><c>GET /api/v1/netq/alerts</c>: the grouping, the week and the thresholds.</summary>
internal sealed class AlertsRequest : NetqFilterText
{
    /// <summary>Comma-separated dimensions; province,operator by default.</summary>
    public string? By { get; set; }

    /// <summary>Any day of the week (YYYY-MM-DD); the latest week with data by default.</summary>
    public string? Week { get; set; }

    /// <summary>The share of the baseline p5 a week may lose before an alert, 0–1.</summary>
    public string? Drop { get; set; }

    /// <summary>Tests a group needs in the week and in the baseline.</summary>
    public string? MinTests { get; set; }
}

/// <summary>
/// Network quality over HTTP. Statistics are published figures and public; pushing measurements
/// needs a signed-in actor (a probe system's API token). Query strings are bound to typed requests
/// and checked into a <see cref="NetqQuery"/>, which goes as it is to <see cref="Analytics"/>.
/// </summary>
internal static class NetqApi
{
    public static RouteGroupBuilder MapNetqApi(this RouteGroupBuilder api)
    {
        api.MapGet("/summary", Summary).WithName("NetqSummary")
            .WithSummary("Exact statistics per group (count, mean, p5/p50 rates, p50/p95 latency, loss, share meeting the bar), streamed; format=json|csv|xlsx");
        api.MapGet("/ranking", Ranking).WithName("NetqRanking")
            .WithSummary("Province, city or operator ranking from the roll-ups: busy/idle weighted download rate, bar share, approximate p5");
        api.MapGet("/heatmap", Heatmap).WithName("NetqHeatmap").WithSummary("Hour of day × day from the roll-ups: tests, mean download, approximate p5");
        api.MapGet("/alerts", Alerts).WithName("NetqAlerts").WithSummary("Groups whose week's p5 download fell more than a share below their trailing four-week baseline");
        api.MapGet("/settings", (NetqStore store) => TypedResults.Ok(new
        {
            bars = store.Options.Bars,
            busyHours = store.Options.BusyHours,
            busyWeight = store.Options.BusyWeight,
            alertDrop = store.Options.AlertDrop,
            alertMinTests = store.Options.AlertMinTests,
        })).WithName("NetqSettings").WithSummary("Bars per technology, busy hours and weights in force");
        // Any signed-in actor (a person or an API token of any role): 401 without one.
        api.MapPost("/measurements", Push).DisableAntiforgery().RequireActor(actor => actor.IsSignedIn).WithName("NetqPush")
            .WithSummary("Probe push: a JSON array of measurements (CSV field names); Bearer token; a batch with a bad row writes nothing");
        return api;
    }

    private static readonly string[] OutputFormats = ["json", "csv", "xlsx"];

    /// <summary>Checks <c>format</c>: null for JSON, else csv or xlsx.</summary>
    private static string? OutputFormat(string? format, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(format)) return null;
        var f = format.ToLowerInvariant();
        if (!OutputFormats.Contains(f)) errors["format"] = ["json, csv or xlsx"];
        return f == "json" ? null : f;
    }

    private static async Task<IResult> Summary([AsParameters] SummaryRequest request, HttpResponse response, NetqStore store, Analytics analytics, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var format = OutputFormat(request.Format, errors);
        if (request.ToQuery(errors) is not { } q) return TypedResults.ValidationProblem(errors);
        await using var c = await store.OpenAsync(ct);
        using var cmd = c.CreateCommand();
        cmd.CommandText = analytics.SummarySql(q, cmd);
        using var reader = await cmd.ExecuteReaderAsync(ct);
        if (format == "xlsx") return Download(NetqExport.Xlsx(await ReadAllAsync(reader, ct), "netq-summary"));
        response.ContentType = format == "csv" ? NetqExport.CsvType : "application/json; charset=utf-8";
        if (format == "csv") response.Headers.ContentDisposition = "attachment; filename=netq-summary.csv";
        await RowWriter.WriteAsync(reader, response.Body, format == "csv" ? NetqOutputFormat.Csv : NetqOutputFormat.Json, ct);
        return TypedResults.Empty;
    }

    /// <summary>A spreadsheet is built in memory anyway, so its rows are read first.</summary>
    private static async Task<List<Dictionary<string, object?>>> ReadAllAsync(DbDataReader reader, CancellationToken ct)
    {
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(ct))
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Cell(reader.GetValue(i));
            rows.Add(row);
        }
        return rows;
    }

    private static object? Cell(object v) => v switch
    {
        DateOnly or DateTime => RowWriter.Text(v),
        System.Numerics.BigInteger b => (decimal)b,
        _ => v,
    };

    private static readonly NetqDimension[] RankBy = [NetqDimension.Province, NetqDimension.City, NetqDimension.Operator];

    private static async Task<IResult> Ranking([AsParameters] RankingRequest request, Analytics analytics, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!(NetqDimensions.TryParse(request.By ?? "province", out var by) && RankBy.Contains(by))) errors["by"] = ["province, city or operator"];
        if (!RankSorts.TryParse(request.Sort, out var sort)) errors["sort"] = [string.Join(", ", RankSorts.All)];
        var format = OutputFormat(request.Format, errors);
        var filter = request.ToFilter(errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var rows = NetqExport.Ranking(await analytics.RankAsync(by, filter, sort, ct), by);
        return Answer(format, rows, "netq-ranking");
    }

    private static async Task<IResult> Heatmap([AsParameters] ExportRequest request, Analytics analytics, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var format = OutputFormat(request.Format, errors);
        var filter = request.ToFilter(errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var cells = await analytics.FromRollupsAsync(new NetqQuery([NetqDimension.Day, NetqDimension.Hour], filter), ct);
        return Answer(format, NetqExport.Heatmap(cells), "netq-heatmap");
    }

    private static async Task<IResult> Alerts([AsParameters] AlertsRequest request, NetqStore store, Analytics analytics, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var groups = NetqDimensions.Parse(string.IsNullOrEmpty(request.By) ? "province,operator" : request.By, "by", errors);
        var drop = store.Options.AlertDrop;
        if (request.Drop is { Length: > 0 } d && !(double.TryParse(d, CultureInfo.InvariantCulture, out drop) && drop is > 0 and < 1))
        {
            errors["drop"] = ["a share between 0 and 1, e.g. 0.2"];
        }
        var minTests = store.Options.AlertMinTests;
        if (request.MinTests is { Length: > 0 } m && !(int.TryParse(m, CultureInfo.InvariantCulture, out minTests) && minTests >= 1))
        {
            errors["minTests"] = ["a whole number ≥ 1"];
        }
        DateOnly? week = null;
        if (request.Week is { Length: > 0 } w)
        {
            if (DateOnly.TryParseExact(w, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var wd)) week = wd;
            else errors["week"] = ["a date YYYY-MM-DD; the week is the Monday on or before it"];
        }
        var filter = request.ToFilter(errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        week ??= await analytics.LatestDateAsync(ct);
        if (week is not { } day) return TypedResults.Ok(Array.Empty<object>());
        var list = await analytics.DegradationsAsync(new NetqQuery(groups, filter), Analytics.MondayOf(day), drop, minTests, ct);
        return TypedResults.Ok(list.Select(a => new Dictionary<string, object?>(a.Keys)
        {
            ["week"] = Kernel.Display.Format.Date(a.Week), ["count"] = a.Count, ["dl_p5"] = a.P5,
            ["baseline_count"] = a.BaselineCount, ["baseline_dl_p5"] = a.BaselineP5, ["drop"] = a.Drop,
        }));
    }

    private static IResult Answer(string? format, List<Dictionary<string, object?>> rows, string name) =>
        NetqExport.As(format, rows, name) is { } file ? Download(file) : TypedResults.Ok(rows);

    private static FileContentHttpResult Download(ExportFile file) => TypedResults.File(file.Content, file.ContentType, file.FileName);

    private static async Task<IResult> Push(HttpRequest request, IActorAccessor actors, NetqStore store, Importer importer, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"netq-push-{Guid.NewGuid():N}.json");
        try
        {
            // The body's digest names the batch in the audit log; it is taken while the body is saved.
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long bytes = 0;
            await using (var file = File.Create(path))
            {
                var buffer = new byte[81920];
                int n;
                while ((n = await request.Body.ReadAsync(buffer, ct)) > 0)
                {
                    sha.AppendData(buffer, 0, n);
                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                    bytes += n;
                }
            }
            // Check the shape first so a probe gets the element number, not a database message.
            try
            {
                await using var read = File.OpenRead(path);
                using var doc = await JsonDocument.ParseAsync(read, cancellationToken: ct);
                if (doc.RootElement.ValueKind != JsonValueKind.Array) return Invalid("expected a JSON array of measurement objects");
                var count = doc.RootElement.GetArrayLength();
                if (count > store.Options.MaxPushBatch) return Invalid($"{count} measurements in one request; at most {store.Options.MaxPushBatch}");
                var i = 0;
                foreach (var e in doc.RootElement.EnumerateArray())
                {
                    i++;
                    if (e.ValueKind != JsonValueKind.Object) return Invalid($"element {i}: expected a JSON object");
                }
                if (count == 0) return TypedResults.Ok(new { rows = 0, inserted = 0, duplicates = 0 });
            }
            catch (JsonException e)
            {
                return Invalid($"not JSON: line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}");
            }
            var origin = new BatchOrigin(actors.Current, "netq.push", "POST /api/v1/netq/measurements", bytes, null, Convert.ToHexStringLower(sha.GetHashAndReset()));
            var report = await importer.ImportJsonArrayAsync(path, origin, ct);
            if (report.FileError is { } error) return Invalid(error);
            if (!report.Succeeded)
            {
                return OutcomeResults.Problem(OutcomeStatus.Unprocessable, $"{report.Rejected} bad row(s) of {report.Rows}; nothing was written",
                    report.Problems, new Dictionary<string, object?> { ["rejected"] = report.Rejected });
            }
            return TypedResults.Ok(new { rows = report.Rows, inserted = report.Inserted, duplicates = report.Duplicates });
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static ProblemHttpResult Invalid(string detail) => OutcomeResults.Problem(OutcomeStatus.Invalid, detail);
}
