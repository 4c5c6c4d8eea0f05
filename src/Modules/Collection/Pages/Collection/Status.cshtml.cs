using IctGov.Collection.Domain;
using IctGov.Collection.Features;
using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Collection.Pages.Collection;

/// <summary>For administrations: who has not reported, who was late, and where figures do not add up.</summary>
[Authorize(Policy = Policies.ProvinceOrMinistry)]
public sealed class StatusModel(TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string DataSet { get; set; } = "T-5G-M";
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public decimal Tolerance { get; set; } = 0.005m;
    internal IReadOnlyList<TimelinessRow> Timeliness { get; private set; } = [];
    internal IReadOnlyList<Discrepancy> Discrepancies { get; private set; } = [];
    internal Labels Names { get; private set; } = new([]);
    internal DateOnly Today => Kernel.Time.ChinaCalendar.ToChinaDate(clock.GetUtcNow());

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var store = HttpContext.RequestServices.GetRequiredService<ReportStore>();
        var service = HttpContext.RequestServices.GetRequiredService<ReportService>();
        if (await store.DataSetAsync(DataSet, ct) is { } ds && Kernel.Period.TryParse(Period, out var p))
        {
            Timeliness = await service.TimelinessAsync(ds, p, ct);
            Discrepancies = await service.ReconcileAsync(ds, p, Tolerance, ct);
        }
        Names = await Labels.LoadAsync(HttpContext.RequestServices, ct);
        return Page();
    }
}
