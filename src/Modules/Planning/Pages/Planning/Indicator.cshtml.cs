using IctGov.Planning.Evaluation;
using Microsoft.AspNetCore.Mvc;

namespace IctGov.Planning.Pages.Planning;

/// <summary>One indicator: chart, evaluation facts, the series and the provinces.</summary>
public sealed class IndicatorModel : AsOfPageModel
{
    public int No { get; private set; }
    internal IndicatorDetail? Detail { get; private set; }

    public async Task<IActionResult> OnGetAsync(int no, CancellationToken ct)
    {
        No = no;
        if (!TryResolveQuery(Evaluation.Today))
        {
            return Page();
        }
        Detail = await Evaluation.DetailAsync(no, AsOf, RegionCode, null, ct);
        return Detail is null ? NotFound() : Page();
    }
}
