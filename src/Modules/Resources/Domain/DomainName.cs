using System.Globalization;

namespace IctGov.Resources.Domain;

/// <summary>
/// A domain name in both forms: <see cref="Ascii"/> (A-labels, lower case, what the registry keys on)
/// and <see cref="Unicode"/> (U-labels, what people read). Parsing maps input with UTS #46
/// non-transitional processing (so 'ß' stays 'ß', as IDNA2008 requires) through
/// <see cref="IdnMapping"/> with STD3 rules, then decodes the A-labels again and requires the round trip
/// to give the same A-labels, which rejects malformed punycode and labels IDNA2008 disallows
/// (leading/trailing hyphens, "--" at positions 3–4 outside "xn--", joiners out of context).
/// <para>Limits: IdnMapping is ICU's UTS #46 implementation on Linux (NLS on Windows), so the
/// accepted repertoire follows the ICU Unicode version of the machine; IDNA2008's contextual rules
/// for CONTEXTO characters (middle dot, Greek keraia, Hebrew geresh, katakana middle dot) are those ICU checks
/// (CheckContextJ and CheckBidi only); registry-specific repertoires (the .cn/.中国 IDN tables) are not applied.</para>
/// </summary>
internal sealed record DomainName(string Ascii, string Unicode)
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>True when any label is an IDN (differs between the two forms).</summary>
    public bool IsIdn => !string.Equals(Ascii, Unicode, StringComparison.Ordinal);

    /// <summary>The top-level label, in A-label form.</summary>
    public string Tld => Ascii[(Ascii.LastIndexOf('.') + 1)..];

    /// <summary>Parses a name typed in either form (one trailing dot allowed); null with <paramref name="problem"/> when it is not a valid name.</summary>
    public static DomainName? Parse(string? input, out string? problem, int minLabels = 2)
    {
        problem = null;
        var text = input?.Trim() ?? "";
        if (text.EndsWith('.'))
        {
            text = text[..^1];
        }
        if (text.Length == 0)
        {
            problem = "expected a domain name";
            return null;
        }
        if (text.Length > 1024)
        {
            problem = "longer than any domain name can be";
            return null;
        }
        if (System.Text.Ascii.IsValid(text) && LengthProblem(text.ToLowerInvariant()) is { } early)
        {
            // Said precisely here: IdnMapping refuses these too, but without saying why.
            problem = early;
            return null;
        }
        string ascii, unicode;
        try
        {
            ascii = Idn.GetAscii(text).ToLowerInvariant();
            unicode = Idn.GetUnicode(ascii);
            if (!string.Equals(Idn.GetAscii(unicode), ascii, StringComparison.OrdinalIgnoreCase))
            {
                problem = "the A-labels (xn--…) do not round-trip: not a valid IDNA2008 name";
                return null;
            }
        }
        catch (ArgumentException)
        {
            problem = "not a valid domain name under IDNA2008/UTS #46 (letters, digits and hyphens; no leading or trailing hyphen; valid xn-- labels)";
            return null;
        }
        if (LengthProblem(ascii) is { } lengthProblem)
        {
            problem = lengthProblem;
            return null;
        }
        var labels = ascii.Split('.');
        if (labels.Length < minLabels)
        {
            problem = minLabels == 2 ? "expected a name under a top-level domain (e.g. example.cn)" : "expected a domain name";
            return null;
        }
        if (labels[^1].All(char.IsAsciiDigit))
        {
            problem = "a top-level domain is not all digits";
            return null;
        }
        return new DomainName(ascii, unicode);
    }

    private static string? LengthProblem(string ascii)
    {
        if (ascii.Length > 253)
        {
            return $"{ascii.Length} characters in A-label form; at most 253";
        }
        foreach (var label in ascii.Split('.'))
        {
            if (label.Length is 0 or > 63)
            {
                return $"label '{label}' must have 1–63 characters";
            }
        }
        return null;
    }
}
