using IctGov.NetworkQuality.Features;
using Microsoft.AspNetCore.Mvc;

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
}
