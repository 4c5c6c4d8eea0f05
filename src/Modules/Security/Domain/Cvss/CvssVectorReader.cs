namespace IctGov.Security.Domain.Cvss;

/// <summary>
/// What is wrong with a CVSS vector string, naming the metric at fault (its abbreviation as the
/// specification writes it, or <c>CVSS</c> for the version label) and what was expected.
/// </summary>
internal sealed record CvssProblem(string Metric, string Message)
{
    public override string ToString() => $"{Metric}: {Message}";
}

/// <summary>The qualitative rating of a score (CVSS v3.1 section 5, v4.0 section 6): the same bands in both versions.</summary>
internal enum CvssSeverity
{
    None,
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>One metric of a version: its abbreviation, its allowed values, and whether a vector must carry it.</summary>
internal sealed record CvssMetric(string Key, string[] Values, bool Mandatory);

/// <summary>
/// Reads the <c>CVSS:x.y/AB:V/…</c> form both versions share into metric → value. The rules are the
/// specifications': the version label first, each metric once, every base metric present, values
/// only those the version defines (case matters: <c>U:Amber</c>, not <c>U:amber</c>). CVSS 3.1
/// prefers but does not require its metric order; CVSS 4.0's calculator and vector rules fix the
/// order, so the caller says which.
/// </summary>
internal static class CvssVectorReader
{
    /// <summary>Longer than any valid vector of either version; refused before splitting.</summary>
    private const int MaxLength = 512;

    public static Dictionary<string, string>? Read(string? text, string label, IReadOnlyList<CvssMetric> metrics, bool ordered, out CvssProblem? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(text))
        {
            problem = new("CVSS", $"expected a vector starting with {label}/");
            return null;
        }
        if (text.Length > MaxLength)
        {
            problem = new("CVSS", $"the vector is {text.Length} characters long; a {label} vector has at most {MaxLength}");
            return null;
        }
        if (!text.StartsWith(label + "/", StringComparison.Ordinal))
        {
            var found = text.Split('/')[0];
            problem = new("CVSS", $"expected the label {label} first, found '{Clip(found)}'");
            return null;
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lastIndex = -1;
        string? lastKey = null;
        foreach (var segment in text[(label.Length + 1)..].Split('/'))
        {
            var colon = segment.IndexOf(':', StringComparison.Ordinal);
            var key = colon < 0 ? segment : segment[..colon];
            var index = IndexOf(metrics, key);
            if (index < 0)
            {
                problem = key.Length == 0
                    ? new(Expected(metrics, values, lastKey), lastKey is null ? $"expected a metric right after {label}/" : $"expected a metric after {lastKey}:{values[lastKey]}, found an empty part")
                    : new(Clip(key), $"is not a {label} metric; the metrics are {string.Join(", ", metrics.Select(m => m.Key))}");
                return null;
            }
            var metric = metrics[index];
            var value = colon < 0 ? null : segment[(colon + 1)..];
            if (value is null || !metric.Values.Contains(value, StringComparer.Ordinal))
            {
                problem = new(metric.Key, $"expected {metric.Key}:{string.Join("|", metric.Values)}, found '{Clip(segment)}'");
                return null;
            }
            if (values.ContainsKey(metric.Key))
            {
                problem = new(metric.Key, "appears twice; each metric is given once");
                return null;
            }
            if (ordered && index < lastIndex)
            {
                problem = new(metric.Key, $"is out of order: {label} lists metrics as {string.Join("/", metrics.Select(m => m.Key))}, and {metric.Key} comes before {lastKey}");
                return null;
            }
            values[metric.Key] = value;
            lastIndex = index;
            lastKey = metric.Key;
        }
        foreach (var metric in metrics)
        {
            if (metric.Mandatory && !values.ContainsKey(metric.Key))
            {
                problem = new(metric.Key, $"is missing; every {label} vector gives the base metric {metric.Key}:{string.Join("|", metric.Values)}");
                return null;
            }
        }
        return values;
    }

    /// <summary>The canonical vector: the label, then every metric given other than "not defined", in the specification's order.</summary>
    public static string Write(string label, IReadOnlyList<CvssMetric> metrics, IReadOnlyDictionary<string, string> values) =>
        label + string.Concat(metrics.Where(m => values.TryGetValue(m.Key, out var v) && (m.Mandatory || v != "X")).Select(m => $"/{m.Key}:{values[m.Key]}"));

    public static CvssSeverity Severity(double score) => score switch
    {
        0 => CvssSeverity.None,
        < 4 => CvssSeverity.Low,
        < 7 => CvssSeverity.Medium,
        < 9 => CvssSeverity.High,
        _ => CvssSeverity.Critical,
    };

    private static int IndexOf(IReadOnlyList<CvssMetric> metrics, string key)
    {
        for (var i = 0; i < metrics.Count; i++)
        {
            if (metrics[i].Key == key) return i;
        }
        return -1;
    }

    // An empty part has no key of its own, so the error names the metric a reader would put there:
    // the first base metric still missing, or else the one just read.
    private static string Expected(IReadOnlyList<CvssMetric> metrics, Dictionary<string, string> values, string? lastKey) =>
        metrics.FirstOrDefault(m => m.Mandatory && !values.ContainsKey(m.Key))?.Key ?? lastKey ?? metrics[0].Key;

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
