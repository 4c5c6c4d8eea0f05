using IctGov.Kernel.Security;
using IctGov.Security.Contracts;
using IctGov.Security.Features;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using static IctGov.Kernel.Bilingual;

namespace IctGov.Security.Pages.Security;

/// <summary>The CVSS calculator: a vector in the query string, its scores or the metric at fault (public).</summary>
public sealed class CvssModel : PageModel
{
    public string? Vector { get; private set; }
    public CvssScore? Result { get; private set; }
    public string? Problem { get; private set; }

    public void OnGet(string? vector)
    {
        Vector = vector;
        if (string.IsNullOrWhiteSpace(vector)) return;
        var outcome = CvssScoring.Score(vector.Trim());
        if (outcome.Succeeded)
        {
            Result = outcome.Value;
        }
        else
        {
            Problem = string.Join("; ", outcome.Errors.Select(e => e.Message));
            Response.StatusCode = 400;
        }
    }

    /// <summary>The qualitative rating in the page's language (CVSS section 5 / 6 bands).</summary>
    public static string SeverityName(string severity) => severity switch
    {
        "Critical" => T("严重", "Critical"),
        "High" => T("高危", "High"),
        "Medium" => T("中危", "Medium"),
        "Low" => T("低危", "Low"),
        _ => T("无", "None"),
    };
}

/// <summary>The resource library: the vulnerability library for the signed-in, and for administrations the assets they may see.</summary>
public sealed class IndexModel(IActorAccessor actors) : PageModel
{
    public Actor Actor => actors.Current;
    public IReadOnlyList<VulnerabilityView> Vulnerabilities { get; private set; } = [];
    public IReadOnlyList<AssetView> Assets { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!Actor.IsSignedIn) return;
        var library = HttpContext.RequestServices.GetRequiredService<ResourceLibrary>();
        Vulnerabilities = await library.VulnerabilitiesAsync(ct);
        Assets = await library.AssetsAsync(Actor, ct);
    }

    /// <summary>An asset's criticality in the page's language.</summary>
    public static string CriticalityName(string criticality) => criticality switch
    {
        "critical" => T("关键", "Critical"),
        "high" => T("重要", "High"),
        "medium" => T("一般", "Medium"),
        _ => T("较低", "Low"),
    };
}
