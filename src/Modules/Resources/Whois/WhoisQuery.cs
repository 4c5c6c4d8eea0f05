using System.Text;
using IctGov.Resources.Domain;

namespace IctGov.Resources.Whois;

/// <summary>What a WHOIS query line asks (RFC 3912: one line of text ending in CRLF, the answer follows and the server closes).</summary>
internal enum WhoisQueryKind
{
    Help,
    Domain,
    Network,
    Invalid,
}

/// <summary>
/// A parsed query line: a domain name in either form, an IP address or prefix, or "help" (or an empty line).
/// Parsing is total: any bytes give a query, bad ones <see cref="WhoisQueryKind.Invalid"/> with the reason.
/// </summary>
internal sealed record WhoisQuery(WhoisQueryKind Kind, string Text, DomainName? Domain = null, IpPrefix? Prefix = null, string? Problem = null)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static WhoisQuery Parse(ReadOnlySpan<byte> line)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(line);
        }
        catch (DecoderFallbackException)
        {
            return new(WhoisQueryKind.Invalid, "", Problem: "the query is not UTF-8 text");
        }
        text = text.TrimEnd('\r', '\n').Trim();
        if (text.Any(char.IsControl))
        {
            return new(WhoisQueryKind.Invalid, "", Problem: "the query contains control characters");
        }
        // Some clients prefix flags meant for other servers ("-T domain"); this server takes the last word.
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var query = words.Length == 0 ? "" : words[^1];
        if (query.Length == 0 || query.Equals("help", StringComparison.OrdinalIgnoreCase) || query == "?")
        {
            return new(WhoisQueryKind.Help, query);
        }
        if (query.Contains(':') || (query.Length > 0 && char.IsAsciiDigit(query[0]) && query.All(c => char.IsAsciiDigit(c) || c is '.' or '/')))
        {
            return IpPrefix.Parse(query, out var problem) is { } prefix
                ? new(WhoisQueryKind.Network, query, Prefix: prefix)
                : new(WhoisQueryKind.Invalid, query, Problem: problem);
        }
        return DomainName.Parse(query, out var domainProblem) is { } domain
            ? new(WhoisQueryKind.Domain, query, Domain: domain)
            : new(WhoisQueryKind.Invalid, query, Problem: domainProblem);
    }
}
