using IctGov.Collection.Domain;
using IctGov.Collection.Features;
using IctGov.Kernel;
using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Collection.Pages.Collection;

/// <summary>
/// The review queue: a province approves or returns its region's reports, one by one or several ticked at once;
/// the ministry accepts and publishes — and is asked to confirm, with the missing units named, before
/// publishing a period that is not complete.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ReviewModel(IActorAccessor actors, TimeProvider clock) : PageModel
{
    // The module's services are internal; a public page model resolves them per request.
    private ReportService Service => HttpContext.RequestServices.GetRequiredService<ReportService>();
    [BindProperty(SupportsGet = true)] public string DataSet { get; set; } = "T-5G-M";
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    public string? Message { get; private set; }
    internal IReadOnlyList<string> Problems { get; private set; } = [];
    internal IReadOnlyList<Report> Reports { get; private set; } = [];
    internal IReadOnlyList<Domain.DataSet> DataSets { get; private set; } = [];
    internal Domain.DataSet? Selected { get; private set; }
    internal IReadOnlyList<Kernel.Period> Periods { get; private set; } = [];
    internal Labels Names { get; private set; } = new([]);
    /// <summary>Set when the ministry asked to publish an incomplete period: who has not reported, what is not yet accepted.</summary>
    internal PublishCheck? PendingPublish { get; private set; }
    public Actor Actor => actors.Current;

    internal sealed record PublishCheck(IReadOnlyList<TimelinessRow> Missing, IReadOnlyList<Report> NotAccepted);

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

    /// <summary>The same decision on every ticked report; each is decided and audited on its own.</summary>
    public async Task<IActionResult> OnPostManyAsync(List<Guid> ids, string act, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            Message = T("未选择报表。", "No report was ticked.");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        else
        {
            var (done, refused) = await Service.TransitionManyAsync(ids, act, ct);
            Message = T($"已处理 {done} 份", $"{done} report(s) done") + (refused.Count > 0 ? T($"，{refused.Count} 份未处理", $", {refused.Count} refused") : "");
            Problems = refused.Select(r => $"{r.Id}: {r.Problem}").ToList();
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(bool confirm, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!confirm && Selected is { } ds && Kernel.Period.TryParse(Period, out var p))
        {
            var missing = (await Service.TimelinessAsync(ds, p, ct)).Where(r => !r.Reported).ToList();
            var notAccepted = Reports.Where(r => r.Status is ReportStatus.Submitted or ReportStatus.Returned or ReportStatus.ProvinceApproved).ToList();
            if (missing.Count > 0 || notAccepted.Count > 0)
            {
                PendingPublish = new PublishCheck(missing, notAccepted);
                return Page();
            }
        }
        var outcome = await Service.PublishPeriodAsync(DataSet, Period ?? "", ct);
        Message = outcome.Value is { } result ? T($"已发布 {result.Reports} 份报表", $"Published {result.Reports} report(s)") : outcome.Problem;
        if (!outcome.Succeeded) Response.StatusCode = (int)outcome.Status;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        DataSets = await HttpContext.RequestServices.GetRequiredService<ReportStore>().DataSetsAsync(ct);
        Selected = DataSets.FirstOrDefault(d => d.Code == DataSet);
        Names = await Labels.LoadAsync(HttpContext.RequestServices, ct);
        if (Selected is { } ds)
        {
            var periods = ds.PeriodChoices(Kernel.Time.ChinaCalendar.ToChinaDate(clock.GetUtcNow()), 36, Period);
            Periods = periods;
            Period ??= periods.Count > 0 ? periods[0].ToString() : null;
        }
        Reports = Kernel.Period.TryParse(Period, out var p) ? await Service.ListAsync(DataSet, p, ct) : [];
    }

    private static string T(string zh, string en) => Bilingual.T(zh, en);
}
