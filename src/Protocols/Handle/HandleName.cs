namespace IctGov.Protocols.Handle;

/// <summary>
/// Handle names: <c>prefix/suffix</c>, e.g. <c>88.100.1/abc</c>; prefix handles are <c>0.NA/88.100.1</c>
/// (RFC 3650 §3, RFC 3651 §2). Handles are compared case-insensitively in ASCII, as Handle.Net
/// servers do by default, so the store keys on <see cref="Normalize"/>.
/// </summary>
public static class HandleName
{
    /// <summary>The prefix of the global handle registry's prefix handles.</summary>
    public const string PrefixAuthority = "0.NA";

    /// <summary>Whether the text is a syntactically usable handle: non-empty prefix and a slash.</summary>
    public static bool IsValid(string handle)
    {
        var slash = handle.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && handle.Length < 65_536;
    }

    /// <summary>The prefix part (before the first slash), or the whole text when it has none.</summary>
    public static string Prefix(string handle)
    {
        var slash = handle.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? handle : handle[..slash];
    }

    /// <summary>The suffix part (after the first slash), or empty.</summary>
    public static string Suffix(string handle)
    {
        var slash = handle.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : handle[(slash + 1)..];
    }

    /// <summary>The handle of a prefix in the prefix registry: <c>88.100.1</c> → <c>0.NA/88.100.1</c>.</summary>
    public static string PrefixHandle(string prefix) => PrefixAuthority + "/" + prefix;

    /// <summary>
    /// The prefix that has authority over a handle: its own prefix (<c>88.100.1/abc</c> → <c>88.100.1</c>), or for a
    /// prefix handle the prefix it names (<c>0.NA/88.100.1</c> → <c>88.100.1</c>).
    /// </summary>
    public static string Authority(string handle) => IsPrefixHandle(handle) ? Suffix(handle) : Prefix(handle);

    /// <summary>Whether the handle names a prefix (<c>0.NA/…</c>).</summary>
    public static bool IsPrefixHandle(string handle) =>
        handle.StartsWith(PrefixAuthority + "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The storage key: ASCII letters upper-cased, everything else as it is.</summary>
    public static string Normalize(string handle)
    {
        foreach (var c in handle)
        {
            if (c is >= 'a' and <= 'z')
            {
                return string.Create(handle.Length, handle, static (span, h) =>
                {
                    for (var i = 0; i < h.Length; i++)
                    {
                        var ch = h[i];
                        span[i] = ch is >= 'a' and <= 'z' ? (char)(ch - 32) : ch;
                    }
                });
            }
        }
        return handle;
    }
}
