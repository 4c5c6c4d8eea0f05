using IctGov.Kernel;
using IctGov.Planning.Evaluation;
using IctGov.Planning.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Planning.Pages.Planning;

/// <summary>
/// Pages that show the plan "as of" a date for a region: binds <c>?asOf=&amp;region=</c> and checks
/// them with the same rules as the API, answering 400 with the problem shown on the page.
/// </summary>
public abstract class AsOfPageModel : PageModel
{
    // The module's services are internal; a public page model resolves them per request.
    private protected EvaluationService Evaluation => HttpContext.RequestServices.GetRequiredService<EvaluationService>();

    /// <summary>The evaluation date as typed (YYYY-MM-DD); empty means today.</summary>
    [BindProperty(Name = "asOf", SupportsGet = true)]
    public string? AsOfText { get; set; }

    /// <summary>The GB/T 2260 region code as typed; empty means the nation.</summary>
    [BindProperty(Name = "region", SupportsGet = true)]
    public string? RegionText { get; set; }

    public DateOnly AsOf { get; private set; }
    public Region Region { get; private set; } = Regions.National;
    public string RegionCode => Region.Code;
    public string? Problem { get; private set; }

    /// <summary>Resolves the query; false (and status 400) when it is not valid.</summary>
    protected bool TryResolveQuery(DateOnly today)
    {
        if (!EvaluationApi.TryQuery(AsOfText, RegionText, today, out var asOf, out var region, out var problem))
        {
            AsOf = today;
            Problem = problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }
        AsOf = asOf;
        Region = Regions.Get(region);
        return true;
    }
}
