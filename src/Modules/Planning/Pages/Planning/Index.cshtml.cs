using IctGov.Planning.Evaluation;
using Microsoft.AspNetCore.Mvc;

namespace IctGov.Planning.Pages.Planning;

/// <summary>The dashboard: the 20 indicators of 专栏1 for one region as of one date.</summary>
public sealed class IndexModel : AsOfPageModel
{
    internal EvaluationReport? Report { get; private set; }
    internal IReadOnlyDictionary<int, IndicatorDetail> Details { get; private set; } = new Dictionary<int, IndicatorDetail>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!TryResolveQuery(Evaluation.Today))
        {
            return Page();
        }
        // One load of the observations gives every indicator's evaluation and the series its sparkline needs.
        var both = await Evaluation.DetailsAsync(AsOf, RegionCode, null, ct);
        Report = both.Report;
        // indicators without data have no sparkline to draw
        Details = both.Details.Where(d => d.Indicator.Evaluation.LatestValue is not null).ToDictionary(d => d.Indicator.No);
        return Page();
    }
}
