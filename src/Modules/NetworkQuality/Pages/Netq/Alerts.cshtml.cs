using System.Globalization;
using IctGov.Kernel;
using IctGov.NetworkQuality.Domain;
using IctGov.NetworkQuality.Features;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace IctGov.NetworkQuality.Pages.Netq;

/// <summary>
/// Degradation alerts: the groups (province × operator, or city × operator) whose 5th-percentile
/// download rate in a week fell more than a set share below the p5 of their four weeks before.
/// </summary>
public sealed class AlertsModel : NetqPage
{
    /// <summary>Any day of the week to look at; the week runs Monday to Sunday (Beijing time).</summary>
    [BindProperty(SupportsGet = true)] public string? Week { get; set; }

    /// <summary>The fall that raises an alert, in per cent of the baseline p5.</summary>
    [BindProperty(SupportsGet = true)] public string? Drop { get; set; }
    [BindProperty(SupportsGet = true)] public string? MinTests { get; set; }

    /// <summary>"province" (province × operator) or "city" (city × operator).</summary>
    [BindProperty(SupportsGet = true)] public string By { get; set; } = "province";

    public DateOnly? Monday { get; private set; }
    public double DropShare { get; private set; }
    public int MinTestCount { get; private set; }
    internal IReadOnlyList<Degradation> Alerts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return BadRequest(ProblemText());
        var csv = RowWriter.ToCsv(ExportRows());
        if (csv.Length == 0) csv = string.Join(",", ExportColumns) + "\n";
        return File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", FileName("csv"));
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return BadRequest(ProblemText());
        var rows = ExportRows();
        using var ms = new MemoryStream();
        // An empty sheet still carries the header, so that a reader sees which figures exist.
        if (rows.Count == 0) rows.Add(ExportColumns.ToDictionary(c => c, _ => (object?)null));
        MiniExcel.SaveAs(ms, rows.Select(r => (IDictionary<string, object?>)r).ToList());
        return File(ms.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx"));
    }

    private string FileName(string ext) =>
        $"netq-alerts-{Monday?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none"}.{ext}";

    private string ProblemText() => string.Join("; ", Problems.Select(p => $"{p.Key}: {string.Join(", ", p.Value)}"));

    private string[] ExportColumns => By == "city"
        ? ["week", "province", "province_name", "city", "city_name", "operator", "operator_name", "count", "dl_p5", "baseline_count", "baseline_dl_p5", "drop"]
        : ["week", "province", "province_name", "operator", "operator_name", "count", "dl_p5", "baseline_count", "baseline_dl_p5", "drop"];

    private List<Dictionary<string, object?>> ExportRows() => [.. Alerts.Select(a =>
    {
        var province = (string?)a.Keys.GetValueOrDefault("province");
        var op = (string?)a.Keys.GetValueOrDefault("operator");
        var row = new Dictionary<string, object?>
        {
            ["week"] = a.Week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["province"] = province, ["province_name"] = province is null ? null : Codes.ProvinceName(province, Bilingual.IsEnglish),
        };
        if (By == "city")
        {
            var city = (string?)a.Keys.GetValueOrDefault("city");
            row["city"] = city;
            row["city_name"] = city is null ? null : Cities.Name(city);
        }
        row["operator"] = op;
        row["operator_name"] = op is null ? null : Codes.OperatorName(op, Bilingual.IsEnglish);
        row["count"] = a.Count;
        row["dl_p5"] = a.P5;
        row["baseline_count"] = a.BaselineCount;
        row["baseline_dl_p5"] = a.BaselineP5;
        row["drop"] = a.Drop;
        return row;
    })];

    /// <summary>Reads the inputs, defaults the week to the latest with data, and finds the degraded groups; false on bad input.</summary>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (By is not ("province" or "city")) By = "province";
        var problems = new Dictionary<string, string[]>();
        DropShare = Options.AlertDrop;
        if (!string.IsNullOrWhiteSpace(Drop))
        {
            if (double.TryParse(Drop, NumberStyles.Float, CultureInfo.InvariantCulture, out var pct) && pct is > 0 and < 100) DropShare = pct / 100;
            else problems["Drop"] = [Bilingual.T("须为 0 到 100 之间的百分数，如 20", "a percentage between 0 and 100, e.g. 20")];
        }
        MinTestCount = Options.AlertMinTests;
        if (!string.IsNullOrWhiteSpace(MinTests))
        {
            if (int.TryParse(MinTests, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) && m >= 1) MinTestCount = m;
            else problems["MinTests"] = [Bilingual.T("须为不小于 1 的整数", "a whole number ≥ 1")];
        }
        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(Week))
        {
            if (DateOnly.TryParseExact(Week.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) day = d;
            else problems["Week"] = [Bilingual.T("须为日期 YYYY-MM-DD（取其所在周）", "a date YYYY-MM-DD (its week is shown)")];
        }
        var query = new Dictionary<string, string?>
        {
            ["groupBy"] = By == "city" ? "province,city,operator" : "province,operator",
            ["technology"] = Technology, ["operator"] = Operator, ["province"] = Province, ["city"] = City,
        };
        var q = NetqQuery.TryParse(query, out var more);
        foreach (var (k, v) in more) problems[k] = v;
        Problems = problems;
        if (q is null || problems.Count > 0) return false;
        day ??= await Analytics.LatestDateAsync(ct);
        if (day is not { } w) return true;
        Monday = w.AddDays(-(((int)w.DayOfWeek + 6) % 7));
        Alerts = await Analytics.DegradationsAsync(q, Monday.Value, DropShare, MinTestCount, ct);
        return true;
    }

    /// <summary>This page's inputs as a query string, with overrides, for the week links and exports.</summary>
    public string AlertQuery(params (string Key, string? Value)[] overrides)
    {
        var q = new Dictionary<string, string?>
        {
            ["by"] = By, ["week"] = Monday?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? Week,
            ["drop"] = Drop, ["minTests"] = MinTests,
            ["technology"] = Technology, ["operator"] = Operator, ["province"] = Province, ["city"] = City,
        };
        foreach (var (k, v) in overrides) q[k] = v;
        return string.Join("&", q.Where(kv => !string.IsNullOrEmpty(kv.Value)).Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value!)}"));
    }

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
