using IctGov.Collection.Domain;
using IctGov.Collection.Features;
using IctGov.Kernel;
using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Collection.Pages.Collection;

/// <summary>The review queue: a province approves or returns its region's reports; the ministry accepts and publishes.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ReviewModel(IActorAccessor actors) : PageModel
{
    // The module's services are internal; a public page model resolves them per request.
    private ReportService Service => HttpContext.RequestServices.GetRequiredService<ReportService>();
    [BindProperty(SupportsGet = true)] public string DataSet { get; set; } = "T-5G-M";
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    public string? Message { get; private set; }
    internal IReadOnlyList<Report> Reports { get; private set; } = [];
    public Actor Actor => actors.Current;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostActAsync(Guid id, string act, string? reason, CancellationToken ct)
    {
        var outcome = await Service.TransitionAsync(id, act, reason, ct);
        Message = outcome.Succeeded ? T("已处理", "Done") : outcome.Problem;
        if (!outcome.Succeeded) Response.StatusCode = (int)outcome.Status;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        var outcome = await Service.PublishPeriodAsync(DataSet, Period ?? "", ct);
        Message = outcome.Value is { } result ? T($"已发布 {result.Reports} 份报表", $"Published {result.Reports} report(s)") : outcome.Problem;
        if (!outcome.Succeeded) Response.StatusCode = (int)outcome.Status;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Reports = Kernel.Period.TryParse(Period, out var p) ? await Service.ListAsync(DataSet, p, ct) : [];

    private static string T(string zh, string en) => Bilingual.T(zh, en);
}
