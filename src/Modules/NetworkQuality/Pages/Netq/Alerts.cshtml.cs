using System.Globalization;
using IctGov.Kernel;
using IctGov.Kernel.Display;
using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Domain;
using IctGov.NetworkQuality.Features;
using Microsoft.AspNetCore.Mvc;

namespace IctGov.NetworkQuality.Pages.Netq;

/// <summary>
/// Degradation alerts: the groups (province × operator, or city × operator) whose 5th-percentile
/// download rate in a week fell more than a set share below the p5 of their four weeks before.
/// </summary>
internal sealed class AlertsModel(Analytics analytics, NetqOptions options) : NetqPage(analytics, options)
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

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Download(NetqExport.Csv(ExportRows(), FileName, NetqExport.AlertColumns(By == "city"))) : BadRequest(ProblemText());

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Download(NetqExport.Xlsx(ExportRows(), FileName, NetqExport.AlertColumns(By == "city"))) : BadRequest(ProblemText());

    private string FileName => $"netq-alerts-{(Monday is { } m ? Format.Date(m) : "none")}";

    private List<Dictionary<string, object?>> ExportRows() => NetqExport.Alerts(Alerts, By == "city");

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
        // The alert window is the week and its baseline, so the page's date range does not apply.
        var filter = Filter(problems, dates: false);
        Problems = problems;
        if (problems.Count > 0) return false;
        NetqDimension[] groups = By == "city"
            ? [NetqDimension.Province, NetqDimension.City, NetqDimension.Operator]
            : [NetqDimension.Province, NetqDimension.Operator];
        day ??= await Analytics.LatestDateAsync(ct);
        if (day is not { } w) return true;
        Monday = Analytics.MondayOf(w);
        Alerts = await Analytics.DegradationsAsync(new NetqQuery(groups, filter), Monday.Value, DropShare, MinTestCount, ct);
        return true;
    }

    /// <summary>This page's inputs as a query string, with overrides, for the week links and exports.</summary>
    public string AlertQuery(params (string Key, string? Value)[] overrides)
    {
        var q = new Dictionary<string, string?>
        {
            ["by"] = By, ["week"] = Monday is { } m ? Format.Date(m) : Week,
            ["drop"] = Drop, ["minTests"] = MinTests,
            ["technology"] = Technology, ["operator"] = Operator, ["province"] = Province, ["city"] = City,
        };
        foreach (var (k, v) in overrides) q[k] = v;
        return string.Join("&", q.Where(kv => !string.IsNullOrEmpty(kv.Value)).Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value!)}"));
    }
}
