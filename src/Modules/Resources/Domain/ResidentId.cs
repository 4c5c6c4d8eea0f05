using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IctGov.Resources.Domain;

/// <summary>
/// The citizen identity number (公民身份号码) of an individual, GB 11643-1999: six digits of the GB/T 2260
/// address code, the birth date yyyyMMdd, a three-digit sequence and an ISO 7064 MOD 11-2 check
/// character (weights 2^(17−i) mod 11, check table 1 0 X 9 8 7 6 5 4 3 2). The registry never keeps
/// the number itself: only <see cref="Mask"/> for display and <see cref="Fingerprint"/> to recognise
/// the same person filing again.
/// </summary>
internal static class ResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string Checks = "10X98765432";

    /// <summary>Null when <paramref name="id"/> is a valid number; otherwise what is wrong (without echoing the number).</summary>
    public static string? Problem(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length != 18)
        {
            return "expected 18 characters (公民身份号码, GB 11643-1999)";
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i]))
            {
                return $"character {i + 1} must be a digit";
            }
            sum += (id[i] - '0') * Weights[i];
        }
        if (!DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth) || birth.Year < 1900)
        {
            return "characters 7–14 must be a birth date (yyyyMMdd)";
        }
        var expected = Checks[sum % 11];
        return char.ToUpperInvariant(id[17]) == expected ? null : "check character fails GB 11643-1999 (ISO 7064 MOD 11-2)";
    }

    /// <summary>What the public and the registry show: the province digits and the last character, the rest starred.</summary>
    public static string Mask(string id) => string.Concat(id.AsSpan(0, 2), new string('*', 15), id.AsSpan(17, 1)).ToUpperInvariant();

    /// <summary>A SHA-256 of the normalised number, to recognise the same person; never displayed.</summary>
    public static string Fingerprint(string id) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(id.ToUpperInvariant())));
}
