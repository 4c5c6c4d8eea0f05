using IctGov.Kernel;
using IctGov.Planning.Contracts;
using IctGov.Planning.Evaluation;
using IctGov.Planning.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IctGov.Planning.Pages;

/// <summary>The dashboard: the 20 indicators of 专栏1 for one region as of one date.</summary>
public sealed class IndexModel(IPlanningFacade planning) : PageModel
{
    /// <summary>The evaluation date as typed (YYYY-MM-DD); empty means today.</summary>
    [BindProperty(Name = "asOf", SupportsGet = true)]
    public string? AsOfText { get; set; }

    /// <summary>The GB/T 2260 region code as typed; empty means the nation.</summary>
    [BindProperty(Name = "region", SupportsGet = true)]
    public string? RegionText { get; set; }

    public DateOnly AsOf { get; private set; }
    public string RegionCode { get; private set; } = Region.NationalCode;
    public string? Problem { get; private set; }
    public EvaluationReport? Report { get; private set; }
    public IReadOnlyDictionary<int, IndicatorDetail> Details { get; private set; } = new Dictionary<int, IndicatorDetail>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!EvaluationApi.TryQuery(AsOfText, RegionText, planning.Today, out var asOf, out var region, out var problem))
        {
            AsOf = planning.Today;
            Problem = problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        AsOf = asOf;
        RegionCode = region;
        // One load of the observations gives every indicator's evaluation and the series its sparkline needs.
        var both = await planning.DetailsAsync(asOf, region, ct: ct);
        Report = both.Report;
        // indicators without data have no sparkline to draw
        Details = both.Details.Where(d => d.Indicator.Evaluation.LatestValue is not null).ToDictionary(d => d.Indicator.No);
        return Page();
    }
}
