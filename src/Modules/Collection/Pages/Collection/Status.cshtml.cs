using IctGov.Collection.Domain;
using IctGov.Collection.Features;
using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Collection.Pages.Collection;

/// <summary>For administrations: who has not reported, who was late, and where figures do not add up.</summary>
public sealed class StatusModel(IActorAccessor actors) : PageModel
{
    [BindProperty(SupportsGet = true)] public string DataSet { get; set; } = "T-5G-M";
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public decimal Tolerance { get; set; } = 0.005m;
    internal IReadOnlyList<TimelinessRow> Timeliness { get; private set; } = [];
    internal IReadOnlyList<Discrepancy> Discrepancies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (actors.Current.Role == Role.Public) return Challenge();
        if (actors.Current.Role is not (Role.MinistryAdmin or Role.ProvinceAdmin)) return Forbid();
        var store = HttpContext.RequestServices.GetRequiredService<ReportStore>();
        var service = HttpContext.RequestServices.GetRequiredService<ReportService>();
        if (await store.DataSetAsync(DataSet, ct) is { } ds && Kernel.Period.TryParse(Period, out var p))
        {
            Timeliness = await service.TimelinessAsync(ds, p, ct);
            Discrepancies = await service.ReconcileAsync(ds, p, Tolerance, ct);
        }
        return Page();
    }
}
