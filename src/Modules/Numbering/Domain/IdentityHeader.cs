using System.Text;
using System.Text.Json;

namespace IctGov.Numbering.Domain;

/// <summary>
/// A SIP Identity header field value (RFC 8224 §4.1) taken apart: the JWS — full form
/// <c>header.payload.signature</c>, or compact form <c>header..signature</c> whose payload the verifier
/// rebuilds from the SIP request (RFC 8225 §7) — and its <c>info</c>, <c>alg</c> and <c>ppt</c> parameters.
/// </summary>
internal sealed record IdentityHeader(string EncodedHeader, string? EncodedPayload, byte[] Signature, string Info, string? Alg, string? Ppt)
{
    /// <summary>Longest value read: a SHAKEN PASSporT is a few hundred bytes; RFC 8224 sets no limit, so one is set here.</summary>
    public const int MaxLength = 8192;

    public bool Compact => EncodedPayload is null;

    /// <summary>Reads <paramref name="value"/> strictly; anything else throws <see cref="FormatException"/> saying what was expected.</summary>
    public static IdentityHeader Parse(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            throw new FormatException($"expected an Identity header value of 1–{MaxLength} characters");
        }
        var parts = value.Split(';');
        var jws = parts[0].Trim().Split('.');
        if (jws.Length != 3 || jws[0].Length == 0 || jws[2].Length == 0)
        {
            throw new FormatException("expected a JWS: header.payload.signature, or header..signature in compact form");
        }
        string? info = null, alg = null, ppt = null;
        foreach (var p in parts.Skip(1))
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            var name = (eq < 0 ? p : p[..eq]).Trim();
            var v = eq < 0 ? null : p[(eq + 1)..].Trim();
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~'))
            {
                throw new FormatException("expected ;name=value parameters after the JWS");
            }
            switch (name.ToLowerInvariant())
            {
                case "info":
                    info = info is null && v is { Length: > 2 } && v[0] == '<' && v[^1] == '>' && !v[1..^1].Any(c => c is '<' or '>' or ' ')
                        ? v[1..^1] : throw new FormatException("expected one info=<URI> parameter");
                    break;
                case "alg":
                    alg = alg is null && v is { Length: > 0 } ? v : throw new FormatException("expected one alg=token parameter");
                    break;
                case "ppt":
                    ppt = ppt is null && v is { Length: > 0 } ? v.Trim('"') : throw new FormatException("expected one ppt=token parameter");
                    break;
                default:
                    break; // ident-info-extension (RFC 8224 §4.1): other parameters are allowed and not ours to judge
            }
        }
        return new IdentityHeader(Segment(jws[0], "header"), jws[1].Length == 0 ? null : Segment(jws[1], "payload"), Decode(jws[2], "signature"),
            info ?? throw new FormatException("expected the info=<URI> parameter (RFC 8224 §4.1)"), alg, ppt);
    }

    /// <summary>The protected header's fields the verifier uses; a header that is not a PASSporT's throws <see cref="FormatException"/>.</summary>
    public (string Alg, string? Ppt, string X5u) ReadHeader()
    {
        using var doc = Json(Decode(EncodedHeader, "header"), "header");
        var root = doc.RootElement;
        var typ = Text(root, "typ", required: false);
        if (typ is not null && typ != "passport")
        {
            throw new FormatException("expected typ passport in the PASSporT header");
        }
        return (Text(root, "alg", required: true)!, Text(root, "ppt", required: false), Text(root, "x5u", required: true)!);
    }

    /// <summary>The claims of a full-form SHAKEN PASSporT; missing or mistyped claims throw <see cref="FormatException"/>.</summary>
    public PassportClaims ReadClaims()
    {
        using var doc = Json(Decode(EncodedPayload ?? throw new FormatException("a SHAKEN PASSporT is carried in full form (RFC 8588 §3)"), "payload"), "payload");
        var root = doc.RootElement;
        var dest = root.TryGetProperty("dest", out var d) && d.ValueKind == JsonValueKind.Object && d.TryGetProperty("tn", out var tns) && tns.ValueKind == JsonValueKind.Array
            ? tns.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? String(t, "dest.tn") : throw new FormatException("expected dest.tn strings")).ToList()
            : throw new FormatException("expected dest.tn, an array of numbers");
        var iat = root.TryGetProperty("iat", out var i) && i.ValueKind == JsonValueKind.Number && i.TryGetInt64(out var seconds)
            ? seconds : throw new FormatException("expected iat, a NumericDate (a number, not a string)");
        var orig = root.TryGetProperty("orig", out var o) && o.ValueKind == JsonValueKind.Object ? Text(o, "tn", required: true)! : throw new FormatException("expected orig.tn");
        return new PassportClaims(Text(root, "attest", required: true)!, dest, iat, orig, Text(root, "origid", required: true)!);
    }

    private static string Segment(string s, string what) => Decode(s, what) is { Length: > 0 } ? s : throw new FormatException($"expected a non-empty {what}");

    private static byte[] Decode(string s, string what)
    {
        if (s.Length % 4 == 1 || !s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new FormatException($"expected the {what} in base64url without padding");
        }
        var b64 = s.Replace('-', '+').Replace('_', '/') + new string('=', (4 - s.Length % 4) % 4);
        return Convert.FromBase64String(b64);
    }

    private static JsonDocument Json(byte[] utf8, string what)
    {
        try
        {
            var doc = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 8 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new FormatException($"expected the {what} to be a JSON object");
            }
            return doc;
        }
        catch (JsonException e)
        {
            throw new FormatException($"expected the {what} to be JSON: {e.Message}", e);
        }
    }

    private static string? Text(JsonElement e, string name, bool required) =>
        e.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.String ? String(v, name) : throw new FormatException($"expected {name} to be a string")
            : required ? throw new FormatException($"expected the claim {name}") : null;

    // JSON may escape a lone surrogate ("\ud800"), which is no text: GetString refuses it with InvalidOperationException.
    private static string String(JsonElement v, string name)
    {
        try
        {
            return v.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException($"expected {name} to be valid text", e);
        }
    }

    /// <summary>Bytes the signature covers: the header and payload segments as sent (the payload rebuilt in compact form).</summary>
    public byte[] SigningInput(string? rebuiltPayload = null) =>
        Encoding.ASCII.GetBytes(EncodedHeader + "." + (EncodedPayload ?? Passport.Base64Url(Encoding.UTF8.GetBytes(rebuiltPayload ?? ""))));
}
