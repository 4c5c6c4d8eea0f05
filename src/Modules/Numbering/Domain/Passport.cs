using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IctGov.Numbering.Domain;

/// <summary>
/// The claims of a SHAKEN PASSporT (RFC 8225 with the RFC 8588 extension): the calling and called
/// telephone numbers (E.164 digits without +), when it was issued, the attestation level the
/// originating operator vouches for and the origination identifier it keeps for trace-back.
/// </summary>
internal sealed record PassportClaims(string Attest, IReadOnlyList<string> Dest, long Iat, string Orig, string OrigId);

/// <summary>
/// PASSporT as a compact JWS (RFC 8225 §6–9): the protected header <c>{alg, ppt, typ, x5u}</c> and the
/// payload, each JSON with keys in lexicographic order and no white space (the canonical form RFC 8225
/// §9 asks for, so a full-form Identity header can be rebuilt from SIP fields), signed ES256 (JWS
/// signature = R‖S, 64 bytes, RFC 7518 §3.4).
/// </summary>
internal static class Passport
{
    public const string Algorithm = "ES256";
    public const string Extension = "shaken";
    public static readonly string[] AttestationLevels = ["A", "B", "C"];

    public static string Header(string x5u) => Json(w =>
    {
        w.WriteString("alg", Algorithm);
        w.WriteString("ppt", Extension);
        w.WriteString("typ", "passport");
        w.WriteString("x5u", x5u);
    });

    public static string Payload(PassportClaims c) => Json(w =>
    {
        w.WriteString("attest", c.Attest);
        w.WriteStartObject("dest");
        w.WriteStartArray("tn");
        foreach (var tn in c.Dest)
        {
            w.WriteStringValue(tn);
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteNumber("iat", c.Iat);
        w.WriteStartObject("orig");
        w.WriteString("tn", c.Orig);
        w.WriteEndObject();
        w.WriteString("origid", c.OrigId);
    });

    /// <summary>
    /// The claims of a basic PASSporT (RFC 8225 §5) in canonical form: what a verifier rebuilds from the SIP
    /// request's From, To and Date when the Identity header is in compact form (RFC 8225 §7).
    /// </summary>
    public static string BasicPayload(IReadOnlyList<string> dest, long iat, string orig) => Json(w =>
    {
        w.WriteStartObject("dest");
        w.WriteStartArray("tn");
        foreach (var tn in dest)
        {
            w.WriteStringValue(tn);
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteNumber("iat", iat);
        w.WriteStartObject("orig");
        w.WriteString("tn", orig);
        w.WriteEndObject();
    });

    /// <summary>The compact JWS <c>header.payload.signature</c> of <paramref name="claims"/> signed by <paramref name="key"/>.</summary>
    public static string Sign(PassportClaims claims, string x5u, ECDsa key)
    {
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(Header(x5u))) + "." + Base64Url(Encoding.UTF8.GetBytes(Payload(claims)));
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>The SIP Identity header field value (RFC 8224 §4.1, compact form, RFC 8588 §3 parameters).</summary>
    public static string IdentityHeader(string jws, string x5u) => $"{jws};info=<{x5u}>;alg={Algorithm};ppt={Extension}";

    /// <summary>A telephone number as PASSporT carries it (RFC 8225 §5.2.1): 1–15 digits, no +, no separators.</summary>
    public static bool IsTelephoneNumber(string? tn) => tn is { Length: >= 1 and <= 15 } && tn.All(char.IsAsciiDigit);

    public static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
