using IctGov.Kernel;
using IctGov.Planning.Contracts;
using IctGov.Planning.Evaluation;
using IctGov.Planning.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IctGov.Planning.Pages;

/// <summary>One indicator: chart, evaluation facts, the series and the provinces.</summary>
public sealed class IndicatorModel(IPlanningFacade planning) : PageModel
{
    [BindProperty(Name = "asOf", SupportsGet = true)]
    public string? AsOfText { get; set; }

    [BindProperty(Name = "region", SupportsGet = true)]
    public string? RegionText { get; set; }

    public int No { get; private set; }
    public DateOnly AsOf { get; private set; }
    public Region Region { get; private set; } = Regions.National;
    public string? Problem { get; private set; }
    public IndicatorDetail? Detail { get; private set; }

    public async Task<IActionResult> OnGetAsync(int no, CancellationToken ct)
    {
        No = no;
        if (!EvaluationApi.TryQuery(AsOfText, RegionText, planning.Today, out var asOf, out var region, out var problem))
        {
            AsOf = planning.Today;
            Problem = problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        AsOf = asOf;
        Region = Regions.Get(region);
        Detail = await planning.DetailAsync(no, asOf, region, ct: ct);
        return Detail is null ? NotFound() : Page();
    }
}
