using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Domain;
using IctGov.NetworkQuality.Features;
using Microsoft.AspNetCore.Mvc;

namespace IctGov.NetworkQuality.Pages.Netq;

/// <summary>Ranking of provinces, cities or operators, answered from the roll-ups, with drill-down.</summary>
internal sealed class IndexModel(Analytics analytics, NetqOptions options) : NetqPage(analytics, options)
{
    [BindProperty(SupportsGet = true)] public string By { get; set; } = "province";
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "weighted";
    internal IReadOnlyList<RollupRow> Rows { get; private set; } = [];

    /// <summary>The province tile map, on the province ranking only.</summary>
    public ProvinceMap? Map { get; private set; }

    private NetqDimension Dimension => By switch
    {
        "city" => NetqDimension.City,
        "operator" => NetqDimension.Operator,
        _ => NetqDimension.Province,
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (By is not ("province" or "city" or "operator")) By = "province";
        if (!RankSorts.TryParse(Sort, out var sort)) Sort = "weighted";
        var errors = new Dictionary<string, string[]>();
        var filter = Filter(errors);
        Problems = errors;
        if (errors.Count == 0) Rows = await Analytics.RankAsync(Dimension, filter, sort, ct);
        if (By == "province" && Rows.Count > 0)
        {
            Map = ProvinceMap.Build(Rows, sort, code => "/netq?" + FilterQuery(("by", "city"), ("province", code)));
        }
    }

    /// <summary>
    /// The ranking as shown, with each group's name (cities by name too) beside its code: the same
    /// columns as <c>GET /api/v1/netq/ranking</c>.
    /// </summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        if (Problems.Count > 0) return BadRequest(ProblemText());
        return Download(NetqExport.Csv(NetqExport.Ranking(Rows, Dimension), $"netq-ranking-{By}"));
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        await OnGetAsync(ct);
        if (Problems.Count > 0) return BadRequest(ProblemText());
        return Download(NetqExport.Xlsx(NetqExport.Ranking(Rows, Dimension), $"netq-ranking-{By}"));
    }
}
