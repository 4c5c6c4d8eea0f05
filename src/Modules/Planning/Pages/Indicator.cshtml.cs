using IctGov.Planning.Contracts;
using IctGov.Planning.Evaluation;
using Microsoft.AspNetCore.Mvc;

namespace IctGov.Planning.Pages;

/// <summary>One indicator: chart, evaluation facts, the series and the provinces.</summary>
public sealed class IndicatorModel(IPlanningFacade planning) : AsOfPageModel
{
    public int No { get; private set; }
    public IndicatorDetail? Detail { get; private set; }

    public async Task<IActionResult> OnGetAsync(int no, CancellationToken ct)
    {
        No = no;
        if (!TryResolveQuery(planning.Today))
        {
            return Page();
        }
        Detail = await planning.DetailAsync(no, AsOf, RegionCode, ct: ct);
        return Detail is null ? NotFound() : Page();
    }
}
