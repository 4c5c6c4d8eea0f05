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
