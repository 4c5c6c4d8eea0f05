using IctGov.Collection.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Collection.Pages.Collection;

/// <summary>Published regional totals: what the public may see.</summary>
public sealed class PublishedModel : PageModel
{
    // The module's services are internal; a public page model resolves them per request.
    private ReportService Service => HttpContext.RequestServices.GetRequiredService<ReportService>();
    private ReportStore Store => HttpContext.RequestServices.GetRequiredService<ReportStore>();
    [BindProperty(SupportsGet = true)] public string DataSet { get; set; } = "T-5G-M";
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    internal IReadOnlyList<PublishedFigure> Figures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await Store.DataSetAsync(DataSet, ct) is { } ds && Kernel.Period.TryParse(Period, out var p))
        {
            Figures = await Service.PublishedAsync(ds, p, ct);
        }
    }
}
