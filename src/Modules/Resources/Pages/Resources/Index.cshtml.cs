using IctGov.Resources.Contracts;
using IctGov.Resources.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Resources.Pages.Resources;

/// <summary>The registry's public page: what it holds, and a lookup by domain or IP address (no sign-in).</summary>
// The module's services are internal; the public page model resolves them per request.
public sealed class IndexModel : PageModel
{

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public int Subjects { get; private set; }
    public int Providers { get; private set; }
    public int Domains { get; private set; }
    public int Ipv4Prefixes { get; private set; }
    public int Ipv6Prefixes { get; private set; }
    public DomainView? Domain { get; private set; }
    public PrefixView? Prefix { get; private set; }
    public bool Searched => !string.IsNullOrWhiteSpace(Q);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var registry = HttpContext.RequestServices.GetRequiredService<ResourceRegistry>();
        var counts = await registry.CountAsync(ct);
        (Subjects, Providers, Domains, Ipv4Prefixes, Ipv6Prefixes) = (counts.Subjects, counts.Providers, counts.Domains, counts.Ipv4Prefixes, counts.Ipv6Prefixes);
        if (Searched)
        {
            var q = Q!.Trim();
            Domain = await registry.FindDomainAsync(q, ct);
            Prefix = Domain is null ? await registry.FindPrefixAsync(q, ct) : null;
        }
    }
}

/// <summary>The registry's statistics with charts (资源统计): filings, domains and IP holdings.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = IctGov.Kernel.Security.Policies.ProvinceOrMinistry)]
public sealed class StatisticsModel : PageModel
{
    internal ResourceFigures? Figures { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Figures = await HttpContext.RequestServices.GetRequiredService<ResourceStatistics>().ComputeAsync(ct);

    /// <summary>A bar chart of tallies, names in the page's language.</summary>
    internal static string Chart(IEnumerable<Tally> rows, bool english) =>
        IctGov.Kernel.Display.Charts.Bar(rows.Select(r => (english ? r.NameEn : r.NameZh, r.Value)));

    /// <summary>A bar chart of holdings' sizes, names in the page's language.</summary>
    internal static string Chart(IEnumerable<Holding> rows, bool english) =>
        IctGov.Kernel.Display.Charts.Bar(rows.Select(r => (english ? r.NameEn : r.NameZh, r.Size)));
}
