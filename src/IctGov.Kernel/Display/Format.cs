using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IctGov.Kernel.Display;

/// <summary>
/// How the platform writes numbers for people: invariant digits (a page, a CSV cell and a printed
/// report show the same figure whatever the server's locale), a dash for "no value", and JSON that
/// may be placed inside a &lt;script&gt; element. One copy, so two pages never disagree about a figure.
/// </summary>
public static class Format
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Shown where there is no value.</summary>
    public const string None = "—";

    /// <summary>A value with at most <paramref name="decimals"/> decimals (default three); a dash when unknown or not finite.</summary>
    public static string Number(double? value, int decimals = 3) =>
        value is { } x && double.IsFinite(x) ? x.ToString(Pattern(decimals), Inv) : None;

    /// <summary>A value with exactly <paramref name="decimals"/> decimals (80 → "80.0"), for columns of figures that line up; a dash when unknown or not finite.</summary>
    public static string Fixed(double? value, int decimals = 1) =>
        value is { } x && double.IsFinite(x) ? x.ToString(decimals <= 0 ? "0" : "0." + new string('0', decimals), Inv) : None;

    /// <summary>A decimal value with at most <paramref name="decimals"/> decimals.</summary>
    public static string Number(decimal value, int decimals = 3) => value.ToString(Pattern(decimals), Inv);

    /// <summary>A whole number with thousands separators (1,234,567).</summary>
    public static string Count(long value) => value.ToString("N0", Inv);

    /// <summary>A ratio as a percentage with one decimal (0.5 → "50.0%"); a dash when unknown.</summary>
    public static string Percent(double? ratio, int decimals = 1) =>
        ratio is { } x && double.IsFinite(x) ? (x * 100).ToString("0." + new string('0', Math.Max(decimals, 1)), Inv) + "%" : None;

    /// <summary>A date as ISO 8601 (2026-03-31); the form every page, file and API uses.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", Inv);

    /// <summary>A moment as Beijing time to the minute (2026-08-01 14:05), the clock the duty officers read; a dash when unknown.</summary>
    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", Inv) : None;

    /// <summary>
    /// Serialises a value for a &lt;script&gt; element or an attribute: System.Text.Json's default
    /// encoder escapes &lt;, &gt;, &amp;, quotes and non-ASCII, so user text cannot close the element.
    /// </summary>
    public static string ScriptJson<T>(T value) => JsonSerializer.Serialize(value, ScriptOptions);

    private static readonly JsonSerializerOptions ScriptOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Default,
    };

    private static string Pattern(int decimals) => decimals <= 0 ? "0" : "0." + new string('#', decimals);
}
