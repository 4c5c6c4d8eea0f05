using IctGov.Kernel;
using IctGov.Kernel.Security;
using IctGov.Resources.Contracts;
using IctGov.Resources.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Resources.Pages.Resources;

/// <summary>Submitting a filing (备案申请): the form a subject's agent or access provider fills in.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SubmitFilingModel(IActorAccessor actors) : PageModel
{
    [BindProperty] public string Kind { get; set; } = "website";
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Provider { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Domains { get; set; }
    [BindProperty] public string? Addresses { get; set; }
    [BindProperty] public string? ResponsibleName { get; set; }
    [BindProperty] public string? ResponsibleId { get; set; }
    [BindProperty] public string? Category { get; set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public FilingView? Submitted { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await HttpContext.RequestServices.GetRequiredService<Filings>().SubmitAsync(actors.Current,
            new FilingInput(Kind, Subject, Provider, Name, Domains, Addresses, ResponsibleName, ResponsibleId, Category), ct);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Errors.Count > 0 ? outcome.Errors.Select(e => $"{e.Field}: {e.Message}").ToList() : [outcome.Problem!];
            Response.StatusCode = (int)outcome.Status;
            return Page();
        }
        Submitted = outcome.Value;
        // The identity number is not echoed back into the form.
        ResponsibleId = null;
        return Page();
    }
}

/// <summary>The review queue (备案审核): verification, the province's decision with the 20-working-day clock, overdue items flagged.</summary>
[Authorize(Policy = Policies.ProvinceOrMinistry)]
public sealed class ReviewFilingsModel(IActorAccessor actors) : PageModel
{
    private Filings Service => HttpContext.RequestServices.GetRequiredService<Filings>();
    public IReadOnlyList<FilingView> Queue { get; private set; } = [];
    public string? Message { get; private set; }
    public Actor Actor => actors.Current;

    public async Task OnGetAsync(CancellationToken ct) => Queue = await Service.QueueAsync(actors.Current, ct);

    public async Task<IActionResult> OnPostActAsync(long id, string act, string? reasons, CancellationToken ct)
    {
        var outcome = act switch
        {
            "verify" => await Service.VerifyAsync(actors.Current, id, ct),
            "approve" => await Service.ApproveAsync(actors.Current, id, ct),
            _ => await Service.ReturnAsync(actors.Current, id, reasons, ct),
        };
        Message = outcome.Value is { } f
            ? f.Number is { } n ? Bilingual.T($"已通过，备案号 {n}", $"Approved: {n}") : Bilingual.T("已处理", "Done")
            : string.Join("; ", outcome.Describe());
        if (!outcome.Succeeded)
        {
            Response.StatusCode = (int)outcome.Status;
        }
        Queue = await Service.QueueAsync(actors.Current, ct);
        return Page();
    }
}

/// <summary>The public filing query (备案查询, no sign-in): by domain, filing number or subject name; personal data masked.</summary>
public sealed class PublicFilingsModel : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public IReadOnlyList<FilingView> Results { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Results = await HttpContext.RequestServices.GetRequiredService<Filings>().PublicSearchAsync(Q, ct);

    /// <summary>A domain as people read it (U-labels).</summary>
    public static string Display(string asciiDomain) => Domain.DomainName.Parse(asciiDomain, out _)?.Unicode ?? asciiDomain;
}
