using IctGov.Collection.Domain;
using IctGov.Collection.Features;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Collection.Pages.Collection;

/// <summary>A reporting unit submits a report: one field per element, or a CSV/XLSX file. Same rules either way.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SubmitModel(IActorAccessor actors, TimeProvider clock) : PageModel
{
    // The module's services are internal; a public page model resolves them per request.
    private ReportService Service => HttpContext.RequestServices.GetRequiredService<ReportService>();
    private ReportStore Store => HttpContext.RequestServices.GetRequiredService<ReportStore>();
    [BindProperty(SupportsGet = true)] public string DataSet { get; set; } = "T-5G-M";
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty] public Dictionary<string, string> Values { get; set; } = [];
    [BindProperty] public Dictionary<string, string> Explanations { get; set; } = [];
    [BindProperty] public string? CorrectionReason { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    /// <summary>The report just submitted: the page after a successful post (post/redirect/get, so a reload cannot submit twice).</summary>
    [BindProperty(SupportsGet = true)] public Guid? Submitted { get; set; }

    internal IReadOnlyList<DataSet> DataSets { get; private set; } = [];
    internal DataSet? Selected { get; private set; }
    internal IReadOnlyList<RowError> Errors { get; private set; } = [];
    public string? Problem { get; private set; }
    /// <summary>The report named by <see cref="Submitted"/>, as the confirmation shows it.</summary>
    internal Report? Confirmation { get; private set; }
    internal Labels Names { get; private set; } = new([]);
    /// <summary>The periods offered: the data set's reporting period first, then earlier ones (for late or corrected reports).</summary>
    internal IReadOnlyList<Kernel.Period> Periods { get; private set; } = [];
    /// <summary>The regions the user may report for; the ministry may correct any.</summary>
    internal IReadOnlyList<string> ReportRegions { get; private set; } = [];
    internal IReadOnlyList<OrganisationUnit> Units { get; private set; } = [];
    public Actor Actor => actors.Current;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        SubmitCommand? cmd;
        if (Upload is { Length: > 0 })
        {
            await using var s = Upload.OpenReadStream();
            var parsed = SubmissionReader.Read(s, Upload.FileName, Upload.ContentType, ct);
            Errors = parsed.Errors;
            cmd = parsed.Value;
        }
        else
        {
            var values = new List<ReportedValue>();
            var errors = new List<RowError>();
            foreach (var (key, text) in Values.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)))
            {
                if (decimal.TryParse(text.Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v))
                    values.Add(new ReportedValue(0, key, v));
                else
                    errors.Add(new RowError(0, key, $"'{text}' is not a number") { Rule = "type", Value = text });
            }
            Errors = errors;
            cmd = errors.Count > 0 ? null : new SubmitCommand(DataSet, Unit ?? "", Region ?? "", Period ?? "", values,
                Explanations.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value),
                string.IsNullOrWhiteSpace(CorrectionReason) ? null : CorrectionReason);
        }
        if (cmd is not null)
        {
            var result = await Service.SubmitAsync(cmd, ct);
            Errors = result.Errors;
            Problem = result.Problem;
            if (result.Succeeded)
            {
                return RedirectToPage(new { DataSet, Submitted = result.Value });
            }
            Response.StatusCode = (int)result.Status;
        }
        else
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = actors.Current;
        DataSets = await Store.DataSetsAsync(ct);
        Selected = DataSets.FirstOrDefault(d => d.Code == DataSet) ?? (DataSets.Count > 0 ? DataSets[0] : null);
        Names = await Labels.LoadAsync(HttpContext.RequestServices, ct);
        if (Submitted is { } id)
        {
            Confirmation = await Service.GetAsync(id, ct);
        }
        if (Selected is { } ds)
        {
            var periods = ds.PeriodChoices(Kernel.Time.ChinaCalendar.ToChinaDate(clock.GetUtcNow()), 36, Period);
            Periods = periods;
            Period ??= periods.Count > 0 ? periods[0].ToString() : null;
        }
        var isMinistry = actor.Role == Role.MinistryAdmin;
        ReportRegions = isMinistry ? Kernel.Regions.All.Select(r => r.Code).ToList() : ReportService.ReportingRegions(actor);
        // Only the ministry reports for a unit other than its own (a correction of accepted data, with a reason).
        Units = isMinistry ? await HttpContext.RequestServices.GetRequiredService<IOrganisationDirectory>().ListAsync(ct) : [];
        Unit ??= actor.UnitId;
        Region ??= ReportRegions.Count > 0 ? ReportRegions[0] : null;
    }
}
