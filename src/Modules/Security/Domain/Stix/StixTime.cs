using System.Globalization;

namespace IctGov.Security.Domain.Stix;

/// <summary>
/// STIX 2.1 timestamps (section 3.2, the <c>timestamp</c> type): RFC 3339 in UTC with an upper-case
/// <c>Z</c> and <c>T</c>, <c>YYYY-MM-DDTHH:mm:ss[.s+]Z</c>, fractional seconds of any number of digits.
/// Kept as microseconds since 1970 for ordering and comparison (both engines sort integers alike);
/// the text as written stays in the object.
/// </summary>
internal static class StixTime
{
    /// <summary>The instant, or null with what was expected.</summary>
    public static DateTimeOffset? Parse(string? text, out int fractionDigits)
    {
        fractionDigits = 0;
        if (text is null || text.Length < 20 || text.Length > 40 || text[^1] != 'Z') return null;
        var s = text.AsSpan();
        if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return null;
        foreach (var i in (int[])[0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18])
        {
            if (!char.IsAsciiDigit(s[i])) return null;
        }
        var rest = s[19..^1];
        if (rest.Length > 0)
        {
            if (rest[0] != '.' || rest.Length == 1) return null;
            foreach (var c in rest[1..])
            {
                if (!char.IsAsciiDigit(c)) return null;
            }
            fractionDigits = rest.Length - 1;
        }
        // Digits beyond the 7 that .NET's ticks hold are kept in the text and dropped from the instant.
        var trimmed = string.Concat(s[..19], fractionDigits > 7 ? rest[..8] : rest, "Z");
        return DateTimeOffset.TryParseExact(trimmed, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;
    }

    public static long Micros(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    /// <summary>The form the server writes (date_added, request_timestamp): microseconds, as TAXII 2.1 section 3.4.1 suggests for date_added.</summary>
    public static string Format(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
