using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Domain;
using IctGov.NetworkQuality.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IctGov.NetworkQuality.Pages.Netq;

/// <summary>
/// The filters every network-quality page shares, and the module's services the pages read through
/// (injected; the pages are internal like the services, which the platform's Razor Pages allow).
/// </summary>
internal abstract class NetqPage(Analytics analytics, NetqOptions options) : PageModel
{
    private protected Analytics Analytics { get; } = analytics;
    public NetqOptions Options { get; } = options;

    [BindProperty(SupportsGet = true)] public string? Technology { get; set; }
    [BindProperty(SupportsGet = true)] public string? Operator { get; set; }
    [BindProperty(SupportsGet = true)] public string? Province { get; set; }
    [BindProperty(SupportsGet = true)] public string? City { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    public IReadOnlyDictionary<string, string[]> Problems { get; private protected set; } = new Dictionary<string, string[]>();

    /// <summary>The bound filters, checked as the API checks them; bad fields go to <paramref name="errors"/>. Without <paramref name="dates"/>, From and To are left out.</summary>
    private protected NetqFilter Filter(IDictionary<string, string[]> errors, bool dates = true) => new NetqFilterText
    {
        Technology = Technology, Operator = Operator, Province = Province, City = City, From = dates ? From : null, To = dates ? To : null,
    }.ToFilter(errors);

    /// <summary>The current filters as a query string (without leading ?), for links and exports.</summary>
    public string FilterQuery(params (string Key, string? Value)[] overrides)
    {
        var q = new Dictionary<string, string?> { ["technology"] = Technology, ["operator"] = Operator, ["province"] = Province, ["city"] = City, ["from"] = From, ["to"] = To };
        foreach (var (k, v) in overrides) q[k] = v;
        return string.Join("&", q.Where(kv => !string.IsNullOrEmpty(kv.Value)).Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value!)}"));
    }

    /// <summary>A group key for display: provinces, cities, operators and technologies by name.</summary>
    public static string DisplayName(string group, object? key) => Analytics.DisplayName(group, key);

    /// <summary>Where the page is drilled down to (province › city › operator), for the heading.</summary>
    public string Scope()
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(Province)) parts.Add(Codes.ProvinceName(Province, Kernel.Bilingual.IsEnglish));
        if (!string.IsNullOrEmpty(City)) parts.Add(Cities.Name(City));
        if (!string.IsNullOrEmpty(Operator)) parts.Add(Codes.OperatorName(Operator, Kernel.Bilingual.IsEnglish));
        return string.Join(" › ", parts);
    }

    /// <summary>The problems as one line, for an export that cannot be made.</summary>
    private protected string ProblemText() => string.Join("; ", Problems.Select(p => $"{p.Key}: {string.Join(", ", p.Value)}"));

    private protected FileContentResult Download(ExportFile file) => File(file.Content, file.ContentType, file.FileName);

}
