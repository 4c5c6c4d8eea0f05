namespace IctGov.Kernel.Identity;

/// <summary>
/// The unified social credit code (统一社会信用代码) of an organisation, GB 32100-2015: 18 characters from
/// the 31-character set 0–9 and A–Y without I, O, Z, S, V; character 1 the registration authority,
/// 2 the organisation type, 3–8 the GB/T 2260 region code of the registering office, 9–17 the
/// organisation code (GB 11714, itself with a check character at position 17) and 18 the check
/// character: weights 3^i mod 31 over positions 1–17, check = 31 − (sum mod 31), 31 written as 0.
/// </summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] OrgWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>The check character GB 32100-2015 gives the first 17 characters, or null when one is outside the set.</summary>
    public static char? CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            return null;
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = Alphabet.IndexOf(first17[i]);
            if (v < 0)
            {
                return null;
            }
            sum += v * Weights[i];
        }
        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    /// <summary>Null when <paramref name="code"/> is a well-formed code whose check characters hold; otherwise what is wrong.</summary>
    public static string? Problem(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length != 18)
        {
            return "expected 18 characters (统一社会信用代码, GB 32100-2015)";
        }
        for (var i = 0; i < 18; i++)
        {
            if (!Alphabet.Contains(code[i], StringComparison.Ordinal))
            {
                return $"character {i + 1} '{code[i]}' is not allowed (0–9 and capital A–Y except I, O, Z, S, V)";
            }
        }
        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
            {
                return "characters 3–8 must be the digits of a GB/T 2260 region code";
            }
        }
        if (OrganisationCheck(code.AsSpan(8, 8)) is not { } org || org != code[16])
        {
            return "the organisation code (characters 9–17) fails its GB 11714 check character";
        }
        var expected = CheckCharacter(code.AsSpan(0, 17))!.Value;
        return expected == code[17] ? null : $"check character is '{code[17]}', expected '{expected}'";
    }

    /// <summary>GB 11714's check character of an organisation code's first eight characters (weights 3 7 9 10 5 8 4 2, mod 11).</summary>
    private static char? OrganisationCheck(ReadOnlySpan<char> first8)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = first8[i];
            int v = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetterUpper(c) ? c - 'A' + 10 : -1;
            if (v < 0)
            {
                return null;
            }
            sum += v * OrgWeights[i];
        }
        var check = 11 - (sum % 11);
        return check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };
    }
}
