using System.Globalization;
using System.Text.Json;
using IctGov.Kernel.Security;
using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MiniExcelLibs;

namespace IctGov.NetworkQuality.Features;

/// <summary>
/// Network quality over HTTP. Statistics are published figures and public; pushing measurements
/// needs a signed-in actor (a probe system's API token).
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
        api.MapPost("/measurements", Push).DisableAntiforgery().WithName("NetqPush")
            .WithSummary("Probe push: a JSON array of measurements (CSV field names); Bearer token; a batch with a bad row writes nothing");
        return api;
    }

    private static Dictionary<string, string?> QueryOf(HttpRequest request) =>
        request.Query.ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    private static async Task<IResult> Summary(HttpContext http, NetqStore store, Analytics analytics, CancellationToken ct)
    {
        var query = QueryOf(http.Request);
        if (NetqQuery.TryParse(query, out var problems) is not { } q) return TypedResults.ValidationProblem(problems);
        var format = query.GetValueOrDefault("format")?.ToLowerInvariant();
        if (format is not (null or "" or "json" or "csv" or "xlsx")) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["json, csv or xlsx"] });
        await using var c = await store.OpenAsync(ct);
        using var cmd = c.CreateCommand();
        cmd.CommandText = analytics.SummarySql(q, cmd);
        using var reader = await cmd.ExecuteReaderAsync(ct);
        if (format == "xlsx")
        {
            var rows = new List<Dictionary<string, object?>>();
            while (await reader.ReadAsync(ct))
            {
                var row = new Dictionary<string, object?>();
                for (var i = 0; i < reader.FieldCount; i++) row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Cell(reader.GetValue(i));
                rows.Add(row);
            }
            return Xlsx(rows, "netq-summary.xlsx");
        }
        var response = http.Response;
        response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        if (format == "csv") response.Headers.ContentDisposition = "attachment; filename=netq-summary.csv";
        await RowWriter.WriteAsync(reader, response.Body, format == "csv" ? NetqOutputFormat.Csv : NetqOutputFormat.Json, ct);
        return TypedResults.Empty;
    }

    private static object? Cell(object v) => v switch
    {
        DateOnly or DateTime => RowWriter.Text(v),
        System.Numerics.BigInteger b => (decimal)b,
        _ => v,
    };

    private static readonly string[] RankBy = ["province", "city", "operator"];
    private static readonly string[] RankSort = ["weighted", "dl_p5", "share", "dl_mean"];

    private static async Task<IResult> Ranking(HttpContext http, Analytics analytics, CancellationToken ct)
    {
        var query = QueryOf(http.Request);
        var by = query.GetValueOrDefault("by")?.ToLowerInvariant() ?? "province";
        var sort = query.GetValueOrDefault("sort")?.ToLowerInvariant() ?? "weighted";
        var problems = new Dictionary<string, string[]>();
        if (!RankBy.Contains(by)) problems["by"] = ["province, city or operator"];
        if (!RankSort.Contains(sort)) problems["sort"] = [string.Join(", ", RankSort)];
        query["groupBy"] = by;
        if (NetqQuery.TryParse(query, out var more) is not { } q || problems.Count > 0)
        {
            foreach (var (k, v) in more) problems[k] = v;
            return TypedResults.ValidationProblem(problems);
        }
        var rows = await RankAsync(analytics, q, sort, ct);
        return Answer(query, rows.Select(r => WithName(r, by)).ToList(), "netq-ranking");
    }

    /// <summary>Ranks groups best first by the chosen figure; groups without it come last.</summary>
    public static async Task<List<RollupRow>> RankAsync(Analytics analytics, NetqQuery q, string sort, CancellationToken ct)
    {
        var rows = await analytics.FromRollupsAsync(q, ct);
        Func<RollupRow, double?> key = sort switch
        {
            "dl_p5" => r => r.DlP5,
            "share" => r => r.Share,
            "dl_mean" => r => r.DlMean,
            _ => r => r.DlWeighted,
        };
        var ranked = rows.OrderByDescending(r => key(r).HasValue).ThenByDescending(r => key(r) ?? 0)
            .ThenBy(r => Convert.ToString(r.Keys.Values.FirstOrDefault(), CultureInfo.InvariantCulture), StringComparer.Ordinal).ToList();
        for (var i = 0; i < ranked.Count; i++) ranked[i].Rank = i + 1;
        return ranked;
    }

    private static Dictionary<string, object?> WithName(RollupRow r, string by)
    {
        var d = r.ToDictionary();
        var named = new Dictionary<string, object?>();
        foreach (var (k, v) in d)
        {
            named[k] = v;
            if (k == by) named["name"] = Analytics.DisplayName(by, v);
        }
        return named;
    }

    private static async Task<IResult> Heatmap(HttpContext http, Analytics analytics, CancellationToken ct)
    {
        var query = QueryOf(http.Request);
        query["groupBy"] = "day,hour";
        if (NetqQuery.TryParse(query, out var problems) is not { } q) return TypedResults.ValidationProblem(problems);
        var rows = await analytics.FromRollupsAsync(q, ct);
        return Answer(query, rows.Select(r => new Dictionary<string, object?>
        {
            ["day"] = r.Keys["day"], ["hour"] = r.Keys["hour"], ["count"] = r.Count, ["dl_mean"] = r.DlMean,
            ["dl_p5_approx"] = r.DlP5, ["share_meeting_bar"] = r.Share,
        }).ToList(), "netq-heatmap");
    }

    private static async Task<IResult> Alerts(HttpContext http, NetqStore store, Analytics analytics, CancellationToken ct)
    {
        var query = QueryOf(http.Request);
        query["groupBy"] = query.GetValueOrDefault("by") is { Length: > 0 } by ? by : "province,operator";
        var problems = new Dictionary<string, string[]>();
        var drop = store.Options.AlertDrop;
        if (query.GetValueOrDefault("drop") is { Length: > 0 } d && !(double.TryParse(d, CultureInfo.InvariantCulture, out drop) && drop is > 0 and < 1))
        {
            problems["drop"] = ["a share between 0 and 1, e.g. 0.2"];
        }
        var minTests = store.Options.AlertMinTests;
        if (query.GetValueOrDefault("minTests") is { Length: > 0 } m && !(int.TryParse(m, CultureInfo.InvariantCulture, out minTests) && minTests >= 1))
        {
            problems["minTests"] = ["a whole number ≥ 1"];
        }
        DateOnly? week = null;
        if (query.GetValueOrDefault("week") is { Length: > 0 } w)
        {
            if (DateOnly.TryParseExact(w, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var wd)) week = wd;
            else problems["week"] = ["a date YYYY-MM-DD; the week is the Monday on or before it"];
        }
        if (NetqQuery.TryParse(query, out var more) is not { } q || problems.Count > 0)
        {
            foreach (var (k, v) in more) problems[k] = v;
            return TypedResults.ValidationProblem(problems);
        }
        week ??= await analytics.LatestDateAsync(ct);
        if (week is not { } day) return TypedResults.Ok(Array.Empty<object>());
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var list = await analytics.DegradationsAsync(q, monday, drop, minTests, ct);
        return TypedResults.Ok(list.Select(a =>
        {
            var row = new Dictionary<string, object?>(a.Keys)
            {
                ["week"] = a.Week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["count"] = a.Count, ["dl_p5"] = a.P5,
                ["baseline_count"] = a.BaselineCount, ["baseline_dl_p5"] = a.BaselineP5, ["drop"] = a.Drop,
            };
            return row;
        }));
    }

    private static IResult Answer(Dictionary<string, string?> query, List<Dictionary<string, object?>> rows, string name) =>
        query.GetValueOrDefault("format")?.ToLowerInvariant() switch
        {
            "csv" => TypedResults.File(System.Text.Encoding.UTF8.GetBytes(RowWriter.ToCsv(rows)), "text/csv; charset=utf-8", name + ".csv"),
            "xlsx" => Xlsx(rows, name + ".xlsx"),
            _ => TypedResults.Ok(rows),
        };

    private static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult Xlsx(List<Dictionary<string, object?>> rows, string fileName)
    {
        using var ms = new MemoryStream();
        MiniExcel.SaveAs(ms, rows.Select(r => (IDictionary<string, object?>)r).ToList());
        return TypedResults.File(ms.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName);
    }

    private static async Task<IResult> Push(HttpRequest request, IActorAccessor actors, NetqStore store, Importer importer, CancellationToken ct)
    {
        if (actors.Current.Role == Role.Public) return TypedResults.Problem("send an API token (Authorization: Bearer …)", statusCode: 401);
        var path = Path.Combine(Path.GetTempPath(), $"netq-push-{Guid.NewGuid():N}.json");
        try
        {
            await using (var file = File.Create(path))
            {
                await request.Body.CopyToAsync(file, ct);
            }
            // Check the shape first so a probe gets the element number, not a database message.
            try
            {
                await using var read = File.OpenRead(path);
                using var doc = await JsonDocument.ParseAsync(read, cancellationToken: ct);
                if (doc.RootElement.ValueKind != JsonValueKind.Array)
                {
                    return TypedResults.BadRequest(new { error = "expected a JSON array of measurement objects" });
                }
                var count = doc.RootElement.GetArrayLength();
                if (count > store.Options.MaxPushBatch)
                {
                    return TypedResults.BadRequest(new { error = $"{count} measurements in one request; at most {store.Options.MaxPushBatch}" });
                }
                var i = 0;
                foreach (var e in doc.RootElement.EnumerateArray())
                {
                    i++;
                    if (e.ValueKind != JsonValueKind.Object) return TypedResults.BadRequest(new { error = $"element {i}: expected a JSON object" });
                }
                if (count == 0) return TypedResults.Ok(new { rows = 0, inserted = 0, duplicates = 0 });
            }
            catch (JsonException e)
            {
                return TypedResults.BadRequest(new { error = $"not JSON: line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}" });
            }
            var report = await importer.ImportJsonArrayAsync(path, ct);
            if (report.FileError is { } error) return TypedResults.BadRequest(new { error });
            if (!report.Succeeded) return TypedResults.UnprocessableEntity(new { rejected = report.Rejected, errors = report.Problems });
            return TypedResults.Ok(new { rows = report.Rows, inserted = report.Inserted, duplicates = report.Duplicates });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
