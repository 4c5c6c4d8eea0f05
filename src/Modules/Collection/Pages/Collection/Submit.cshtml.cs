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
public sealed class SubmitModel(IActorAccessor actors) : PageModel
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

    internal IReadOnlyList<DataSet> DataSets { get; private set; } = [];
    internal DataSet? Selected { get; private set; }
    internal IReadOnlyList<RowError> Errors { get; private set; } = [];
    public string? Problem { get; private set; }
    public Guid? Accepted { get; private set; }
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
            Accepted = result.Succeeded ? result.Value : null;
            if (!result.Succeeded) Response.StatusCode = (int)result.Status;
        }
        else
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        DataSets = await Store.DataSetsAsync(ct);
        Selected = DataSets.FirstOrDefault(d => d.Code == DataSet) ?? (DataSets.Count > 0 ? DataSets[0] : null);
        Unit ??= actors.Current.UnitId;
        Region ??= actors.Current.Regions.Count > 0 ? actors.Current.Regions[0] : actors.Current.RegionCode;
    }
}
