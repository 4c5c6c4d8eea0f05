using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Market.Contracts;
using IctGov.Market.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using QRCoder;

namespace IctGov.Market.Pages.Market;

/// <summary>The licensing office's desk: applications with their clocks, the actions open on each, and the licences issued.</summary>
[Authorize(Policy = Policies.ProvinceOrMinistry)]
public sealed class IndexModel(IActorAccessor actors) : PageModel
{
    private LicenceOffice Office => HttpContext.RequestServices.GetRequiredService<LicenceOffice>();

    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? ApplicantCode { get; set; }
    [BindProperty] public string? ApplicantName { get; set; }
    [BindProperty] public string? Services { get; set; }
    [BindProperty] public string? Coverage { get; set; }
    [BindProperty] public bool Promise { get; set; }
    [BindProperty] public string? Missing { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public IReadOnlyList<ApplicationView> Applications { get; private set; } = [];
    public IReadOnlyList<LicenceView> Licences { get; private set; } = [];
    public IReadOnlyList<RowError> Errors { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostReceiveAsync(CancellationToken ct)
    {
        static IReadOnlyList<string> List(string? text) => (text ?? "").Split([',', ' ', '，', '、'], StringSplitOptions.RemoveEmptyEntries);
        return await AfterAsync(await Office.ReceiveAsync(actors.Current,
            new ApplicationInput(Kind, ApplicantCode, ApplicantName, List(Services), List(Coverage), null, Promise, null), ct), ct);
    }

    public async Task<IActionResult> OnPostActAsync(long id, string act, CancellationToken ct) => await AfterAsync(act switch
    {
        "notice" => await Office.NoticeAsync(actors.Current, id, Missing, ct),
        "accept" => await Office.AcceptAsync(actors.Current, id, ct),
        "approve" => await Office.DecideAsync(actors.Current, id, true, null, ct),
        "refuse" => await Office.DecideAsync(actors.Current, id, false, Reason, ct),
        _ => Outcome.Refused<ApplicationView>(OutcomeStatus.Invalid, $"no action '{act}'"),
    }, ct);

    private async Task<IActionResult> AfterAsync<T>(Outcome<T> result, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            return RedirectToPage();
        }
        Errors = result.Errors;
        Problem = result.Problem;
        Response.StatusCode = (int)result.Status;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Applications = (await Office.ApplicationsAsync(actors.Current, ct)).Value ?? [];
        Licences = (await Office.LicencesAsync(actors.Current, null, ct)).Value ?? [];
    }
}

/// <summary>Online verification of an electronic licence (电子证照在线核验): anyone, by the number or the QR code printed on it.</summary>
public sealed class VerifyModel : PageModel
{
    public LicenceVerification? Result { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Number { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Number))
        {
            Result = await HttpContext.RequestServices.GetRequiredService<LicenceOffice>().VerifyOnlineAsync(Number.Trim(), ct);
        }
    }
}

/// <summary>The printable licence: its fields, the issuing authority, and a QR code leading to its online verification.</summary>
[Authorize(Policy = Policies.ProvinceOrMinistry)]
public sealed class PrintModel(IActorAccessor actors) : PageModel
{
    public LicenceView? Licence { get; private set; }
    public string? QrDataUri { get; private set; }
    public string? VerifyUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken ct)
    {
        var found = await HttpContext.RequestServices.GetRequiredService<LicenceOffice>().LicenceAsync(actors.Current, number, ct);
        if (!found.Succeeded)
        {
            return NotFound();
        }
        Licence = found.Value;
        VerifyUrl = $"{Request.Scheme}://{Request.Host}/market/verify/{Uri.EscapeDataString(number)}";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(VerifyUrl, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        QrDataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
        return Page();
    }
}

/// <summary>The public credit lists (令42 art. 37): everyone on the 不良名单 and 失信名单 on a day, with decision and date.</summary>
public sealed class CreditModel : PageModel
{
    [BindProperty(SupportsGet = true)] public string? List { get; set; }
    [BindProperty(SupportsGet = true)] public string? Holder { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }

    public IReadOnlyList<CreditListingView> Entries { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var result = await HttpContext.RequestServices.GetRequiredService<CreditRegistry>().PublishedAsync(List, Holder, AsOf, ct);
        Entries = result.Value ?? [];
        Problem = result.Succeeded ? null : string.Join("; ", result.Describe());
    }
}

/// <summary>Credit scores (信用记分): every holder's points and level on a day, or one holder's with its history.</summary>
public sealed class ScoresModel : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Holder { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? AsOf { get; set; }

    public IReadOnlyList<CreditScoreView> Scores { get; private set; } = [];
    public CreditScoreHistory? Holding { get; private set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scores = HttpContext.RequestServices.GetRequiredService<CreditScores>();
        if (!string.IsNullOrWhiteSpace(Holder))
        {
            var one = await scores.HolderAsync(Holder, AsOf, ct);
            Holding = one.Value;
            Problem = one.Succeeded ? null : string.Join("; ", one.Describe());
            return;
        }
        Scores = (await scores.AllAsync(AsOf, null, ct)).Value ?? [];
    }
}
