namespace IctGov.AppLog.Domain.Notes;

/// <summary>Standard base64 (RFC 4648 §4), as notes, checkpoints and keys write it.</summary>
internal static class Base64
{
    /// <summary>The bytes, or null when <paramref name="text"/> is not base64.</summary>
    public static byte[]? Decode(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>UTF-8 that refuses invalid bytes instead of replacing them: signed text must be exactly what was signed.</summary>
internal static class StrictUtf8
{
    private static readonly System.Text.UTF8Encoding Encoding = new(false, true);

    /// <summary>The text, or null with the offset of the first invalid byte.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, string what, out string? error)
    {
        error = null;
        try
        {
            return Encoding.GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            error = $"{what} is not UTF-8 (byte {e.Index})";
            return null;
        }
    }
}
