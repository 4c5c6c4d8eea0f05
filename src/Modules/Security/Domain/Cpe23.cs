using System.Text;

namespace IctGov.Security.Domain;

/// <summary>
/// A CPE 2.3 name in its formatted-string binding (NISTIR 7695 section 6.2):
/// <c>cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other</c>.
/// Each attribute is ANY (<c>*</c>), NA (<c>-</c>) or a value in which punctuation is escaped with a
/// backslash and an unescaped <c>*</c> or run of <c>?</c> may stand only at either end (wildcards).
/// Values compare case-insensitively, as the specification lowercases them in well-formed names.
/// </summary>
internal sealed class Cpe23
{
    public static readonly string[] Attributes = ["part", "vendor", "product", "version", "update", "edition", "language", "sw_edition", "target_sw", "target_hw", "other"];

    private const string Any = "*";
    private const string NotApplicable = "-";

    private readonly string[] values;

    private Cpe23(string[] values) => this.values = values;

    /// <summary>The attribute values as written (lowercased), in <see cref="Attributes"/> order.</summary>
    public IReadOnlyList<string> Values => values;

    public string Vendor => values[1];

    public string Product => values[2];

    public string Version => values[3];

    public override string ToString() => "cpe:2.3:" + string.Join(':', values);

    public override bool Equals(object? obj) => obj is Cpe23 other && values.SequenceEqual(other.values);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    public static Cpe23? Parse(string? text, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "expected a CPE 2.3 name, cpe:2.3:part:vendor:product:version:…";
            return null;
        }
        if (text.Length > 1000)
        {
            problem = "a CPE 2.3 name is at most 1000 characters";
            return null;
        }
        if (!text.StartsWith("cpe:2.3:", StringComparison.Ordinal))
        {
            problem = $"expected a CPE 2.3 formatted string starting with cpe:2.3:, found '{Clip(text)}'";
            return null;
        }
        var parts = Split(text[8..]);
        if (parts.Count != Attributes.Length)
        {
            problem = $"expected 11 attributes after cpe:2.3: ({string.Join(":", Attributes)}), found {parts.Count}";
            return null;
        }
        for (var i = 0; i < parts.Count; i++)
        {
            var attributeProblem = i == 0 ? PartProblem(parts[0]) : ValueProblem(parts[i]);
            if (attributeProblem is not null)
            {
                problem = $"attribute {Attributes[i]} '{Clip(parts[i])}': {attributeProblem}";
                return null;
            }
        }
        return new Cpe23(parts.Select(p => p.ToLowerInvariant()).ToArray());
    }

    /// <summary>
    /// True when this name (a vulnerability's affected product, possibly with ANY and wildcards)
    /// covers <paramref name="target"/> (an asset's product): every attribute compares EQUAL or
    /// SUPERSET by NISTIR 7696's table 6-2, so <c>cpe:2.3:a:apache:log4j:*:…</c> covers every
    /// version of log4j and <c>…:2.1?:…</c> versions 2.10–2.19.
    /// </summary>
    public bool Covers(Cpe23 target)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!Covers(values[i], target.values[i])) return false;
        }
        return true;
    }

    private static bool Covers(string source, string target) => source switch
    {
        Any => true,
        NotApplicable => target == NotApplicable,
        // A target of ANY or NA is wider than a given value (SUBSET or DISJOINT), and a target with
        // wildcards is not a product an asset runs (UNDEFINED): neither is covered.
        _ when target is Any or NotApplicable || HasWildcard(target) => false,
        _ when HasWildcard(source) => WildcardMatches(source, target),
        _ => source == target,
    };

    private static bool HasWildcard(string value) =>
        (value.Length > 0 && (value[0] is '*' or '?')) || (value.Length > 1 && value[^1] is '*' or '?' && value[^2] != '\\');

    // Unescaped * at an end matches any run of characters; each unescaped ? at an end matches one
    // character or none (NISTIR 7695 6.1.2.2). Escapes are compared as written on both sides.
    private static bool WildcardMatches(string pattern, string value)
    {
        var leadingStar = pattern.StartsWith('*');
        var trailingStar = pattern.EndsWith('*') && !pattern.EndsWith("\\*", StringComparison.Ordinal) && pattern.Length > 1;
        var core = pattern[(leadingStar ? 1 : 0)..^(trailingStar ? 1 : 0)];
        var leadingQ = core.Length - core.TrimStart('?').Length;
        core = core[leadingQ..];
        var trailingQ = 0;
        while (core.Length > 0 && core[^1] == '?' && (core.Length < 2 || core[^2] != '\\'))
        {
            core = core[..^1];
            trailingQ++;
        }
        for (var start = 0; start + core.Length <= value.Length; start++)
        {
            if (string.CompareOrdinal(value, start, core, 0, core.Length) != 0) continue;
            var before = start;
            var after = value.Length - start - core.Length;
            if ((leadingStar || before <= leadingQ) && (trailingStar || after <= trailingQ)) return true;
        }
        return false;
    }

    private static string? PartProblem(string part) =>
        part is "a" or "o" or "h" or Any or NotApplicable ? null : "expected a (application), o (operating system), h (hardware), * or -";

    private static string? ValueProblem(string value)
    {
        if (value.Length == 0) return "empty; write * for any value or - for not applicable";
        if (value is Any or NotApplicable) return null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\')
            {
                if (i + 1 >= value.Length || !IsPunctuation(value[i + 1])) return "a backslash must escape a punctuation character";
                i++;
                continue;
            }
            if (c == '*' && i != 0 && i != value.Length - 1) return "an unescaped * may stand only at the start or the end";
            if (c == '?' && value.AsSpan(0, i).ContainsAnyExcept('?') && value.AsSpan(i).ContainsAnyExcept('?', '*')) return "an unescaped ? may stand only in runs at the start or the end";
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '*' or '?')) return $"'{c}' must be escaped with a backslash (or is not allowed in a CPE name)";
        }
        if (value.Trim('*').Length == 0) return "write a single * for any value";
        return null;
    }

    private static bool IsPunctuation(char c) => c is >= '!' and <= '/' or >= ':' and <= '@' or >= '[' and <= '^' or '`' or >= '{' and <= '~';

    // Splits on colons that are not escaped.
    private static List<string> Split(string text)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                current.Append(text[i]).Append(text[i + 1]);
                i++;
            }
            else if (text[i] == ':')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(text[i]);
            }
        }
        parts.Add(current.ToString());
        return parts;
    }

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
