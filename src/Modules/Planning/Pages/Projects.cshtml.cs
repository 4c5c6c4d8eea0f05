using IctGov.Planning.Contracts;
using IctGov.Planning.Data;
using IctGov.Planning.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Planning.Pages;

/// <summary>The quantitative targets of the project boxes 专栏2–22 with their latest national figures.</summary>
public sealed class ProjectsModel(IPlanningFacade planning) : PageModel
{
    [BindProperty(Name = "asOf", SupportsGet = true)]
    public string? AsOfText { get; set; }

    public DateOnly AsOf { get; private set; }
    public string? Problem { get; private set; }

    /// <summary>The targets grouped by 专栏, in the plan's order.</summary>
    internal IReadOnlyList<IGrouping<int, PlanApi.ProjectTargetDto>> Columns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!EvaluationApi.TryQuery(AsOfText, null, planning.Today, out var asOf, out _, out var problem))
        {
            AsOf = planning.Today;
            Problem = problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        AsOf = asOf;
        // The DbContext is internal to the module, so it is resolved here rather than through the public constructor.
        var db = HttpContext.RequestServices.GetRequiredService<PlanningDbContext>();
        var targets = await PlanApi.ProjectsAsync(db, asOf, ct);
        Columns = targets.GroupBy(t => t.Column).OrderBy(g => g.Key).ToList();
        return Page();
    }
}
