using IctGov.NetworkQuality.Features;
using Microsoft.AspNetCore.Mvc;
using MiniExcelLibs;

namespace IctGov.NetworkQuality.Pages.Netq;

/// <summary>Ranking of provinces, cities or operators, answered from the roll-ups, with drill-down.</summary>
public sealed class IndexModel : NetqPage
{
    [BindProperty(SupportsGet = true)] public string By { get; set; } = "province";
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "weighted";
    internal IReadOnlyList<RollupRow> Rows { get; private set; } = [];

    /// <summary>The province tile map, on the province ranking only.</summary>
    public ProvinceMap? Map { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (By is not ("province" or "city" or "operator")) By = "province";
        if (Sort is not ("weighted" or "dl_p5" or "share" or "dl_mean")) Sort = "weighted";
        if (NetqQuery.TryParse(Query(By), out var problems) is { } q) Rows = await NetqApi.RankAsync(Analytics, q, Sort, ct);
        Problems = problems;
        if (By == "province" && Rows.Count > 0)
        {
            Map = ProvinceMap.Build(Rows, Sort, code => "/netq?" + FilterQuery(("by", "city"), ("province", code)));
        }
    }

    /// <summary>
    /// The ranking as shown, with each group's name (cities by name too) beside its code: the same
    /// columns as <c>GET /api/v1/netq/ranking</c>.
    /// </summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        if (Problems.Count > 0) return BadRequest(string.Join("; ", Problems.Select(p => $"{p.Key}: {string.Join(", ", p.Value)}")));
        return File(System.Text.Encoding.UTF8.GetBytes(RowWriter.ToCsv(ExportRows())), "text/csv; charset=utf-8", $"netq-ranking-{By}.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        if (Problems.Count > 0) return BadRequest(string.Join("; ", Problems.Select(p => $"{p.Key}: {string.Join(", ", p.Value)}")));
        using var ms = new MemoryStream();
        MiniExcel.SaveAs(ms, ExportRows().Select(r => (IDictionary<string, object?>)r).ToList());
        return File(ms.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"netq-ranking-{By}.xlsx");
    }

    private List<Dictionary<string, object?>> ExportRows() => [.. Rows.Select(r =>
    {
        var named = new Dictionary<string, object?>();
        foreach (var (k, v) in r.ToDictionary())
        {
            named[k] = v;
            if (k == By) named["name"] = DisplayName(By, v);
        }
        return named;
    })];
}
