using IctGov.Planning.Data;
using IctGov.Planning.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Planning.Pages.Planning;

/// <summary>The quantitative targets of the project boxes 专栏2–22 with their latest national figures.</summary>
public sealed class ProjectsModel : AsOfPageModel
{
    /// <summary>The targets grouped by 专栏, in the plan's order.</summary>
    internal IReadOnlyList<IGrouping<int, PlanApi.ProjectTargetDto>> Columns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The project targets are national; a region in the query is checked but not used.
        if (!TryResolveQuery(Evaluation.Today))
        {
            return Page();
        }
        // The DbContext is internal to the module, so it is resolved here rather than through the public constructor.
        var db = HttpContext.RequestServices.GetRequiredService<PlanningDbContext>();
        var targets = await PlanApi.ProjectsAsync(db, AsOf, ct);
        Columns = targets.GroupBy(t => t.Column).OrderBy(g => g.Key).ToList();
        return Page();
    }
}
