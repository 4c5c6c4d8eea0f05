using System.Globalization;
using System.Text.Json;
using IctGov.NetworkQuality.Domain;
using IctGov.NetworkQuality.Features;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.NetworkQuality.Pages.Netq;

/// <summary>The filters every network-quality page shares; the module's services are internal, so they are resolved per request.</summary>
public abstract class NetqPage : PageModel
{
    private protected Analytics Analytics => HttpContext.RequestServices.GetRequiredService<Analytics>();
    internal NetqOptions Options => HttpContext.RequestServices.GetRequiredService<NetqOptions>();

    [BindProperty(SupportsGet = true)] public string? Technology { get; set; }
    [BindProperty(SupportsGet = true)] public string? Operator { get; set; }
    [BindProperty(SupportsGet = true)] public string? Province { get; set; }
    [BindProperty(SupportsGet = true)] public string? City { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    public IReadOnlyDictionary<string, string[]> Problems { get; private protected set; } = new Dictionary<string, string[]>();

    private protected Dictionary<string, string?> Query(string groupBy) => new()
    {
        ["groupBy"] = groupBy, ["technology"] = Technology, ["operator"] = Operator, ["province"] = Province, ["city"] = City, ["from"] = From, ["to"] = To,
    };

    /// <summary>The current filters as a query string (without leading ?), for links and exports.</summary>
    public string FilterQuery(params (string Key, string? Value)[] overrides)
    {
        var q = new Dictionary<string, string?> { ["technology"] = Technology, ["operator"] = Operator, ["province"] = Province, ["city"] = City, ["from"] = From, ["to"] = To };
        foreach (var (k, v) in overrides) q[k] = v;
        return string.Join("&", q.Where(kv => !string.IsNullOrEmpty(kv.Value)).Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value!)}"));
    }

    /// <summary>A group key for display: provinces, cities, operators and technologies by name.</summary>
    public static string DisplayName(string group, object? key) =>
        group == "city" && key is string c ? Cities.Name(c) : Analytics.DisplayName(group, key);

    /// <summary>Where the page is drilled down to (province › city › operator), for the heading.</summary>
    public string Scope()
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(Province)) parts.Add(Codes.ProvinceName(Province, Kernel.Bilingual.IsEnglish));
        if (!string.IsNullOrEmpty(City)) parts.Add(Cities.Name(City));
        if (!string.IsNullOrEmpty(Operator)) parts.Add(Codes.OperatorName(Operator, Kernel.Bilingual.IsEnglish));
        return string.Join(" › ", parts);
    }

    public static string N(double? v, string format = "0.0") => v?.ToString(format, CultureInfo.InvariantCulture) ?? "–";
    public static string Pct(double? v) => v is { } x ? (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>Data for an inline chart script; "&lt;/" cannot close the script element.</summary>
    public static HtmlString Json(object value) =>
        new(JsonSerializer.Serialize(value).Replace("</", "<\\/", StringComparison.Ordinal));
}
