using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.X509;

namespace IctGov.Market.Contracts;

/// <summary>What a verification of an electronic licence found.</summary>
/// <param name="Verdict"><c>valid</c>; <c>tampered</c> (the signature or the certificate chain does not hold, or the file is not an electronic licence);
/// <c>revoked</c>, <c>suspended</c> or <c>cancelled</c> (by the issuing authority); <c>expired</c> (past its last day); <c>unknown</c> (online: no such licence).</param>
/// <param name="Message">A sentence saying why.</param>
/// <param name="Number">The licence's number, when the file names one.</param>
/// <param name="Licence">The signed fields, when the file holds them.</param>
public sealed record LicenceVerification(string Verdict, string Message, string? Number, JsonObject? Licence);

/// <summary>
/// The electronic licence (电子证照): a JSON file holding the licence's fields, the issuing authority's SM2
/// signature over their canonical form with SM3 (GB/T 32918.2, GB/T 32905; GM/T 0009's default user ID
/// 1234567812345678 unless the file names another), and the issuer's X.509 certificate, which chains to the
/// platform's root. Verifying needs only the file and the root certificate (and, to know of revocations
/// offline, the platform's published list of revoked numbers).
/// <code>
/// { "format": "ictgov-e-licence/1",
///   "licence": { "number": "B1-20260001", "holderCode": "…", "services": ["B11"], "issued": "2026-06-01", "expires": "2031-05-31", … },
///   "signature": { "algorithm": "SM2-SM3", "userId": "1234567812345678", "value": "&lt;DER (r, s), base64&gt;" },
///   "issuer": "-----BEGIN CERTIFICATE-----…" }
/// </code>
/// The signed bytes are the UTF-8 of the <c>licence</c> object in canonical form: members sorted by name
/// (UTF-16 code units), no whitespace, strings with only the escapes JSON requires (RFC 8785's rules for strings);
/// the fields are strings and arrays of strings only.
/// </summary>
public static class ElectronicLicence
{
    /// <summary>The file's format name.</summary>
    public const string Format = "ictgov-e-licence/1";

    /// <summary>The signature algorithm named in the file.</summary>
    public const string Algorithm = "SM2-SM3";

    /// <summary>GM/T 0009's default signer ID (ENTL‖ID enters Z_A).</summary>
    public const string DefaultUserId = "1234567812345678";

    /// <summary>The canonical form of a licence's fields (strings, arrays and objects only).</summary>
    public static string Canonical(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                sb.Append('{');
                var first = true;
                foreach (var (name, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }
                    first = false;
                    WriteString(sb, name);
                    sb.Append(':');
                    Write(sb, value);
                }
                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }
                    Write(sb, a[i]);
                }
                sb.Append(']');
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                WriteString(sb, v.GetValue<string>());
                break;
            default:
                throw new FormatException("an electronic licence's fields are strings and arrays of strings");
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>Reads a PEM certificate; null when the text holds none.</summary>
    public static X509Certificate? ReadCertificate(string pem)
    {
        try
        {
            using var reader = new StringReader(pem);
            return new PemReader(reader).ReadObject() as X509Certificate;
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or InvalidCastException or Org.BouncyCastle.Security.GeneralSecurityException or Org.BouncyCastle.Crypto.CryptoException)
        {
            return null;
        }
    }

    /// <summary>Verifies an SM2/SM3 signature (DER-encoded r, s) over <paramref name="data"/> with <paramref name="userId"/>.</summary>
    public static bool VerifySm2(ECPublicKeyParameters key, byte[] data, byte[] signature, string userId = DefaultUserId)
    {
        var verifier = new SM2Signer();
        verifier.Init(false, new ParametersWithID(key, Encoding.ASCII.GetBytes(userId)));
        verifier.BlockUpdate(data, 0, data.Length);
        try
        {
            return verifier.VerifySignature(signature);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Verifies <paramref name="document"/> offline against <paramref name="rootPem"/> as of <paramref name="today"/>:
    /// tampered when the issuer certificate is not signed by the root or was not valid on the day of issue, or the
    /// signature does not hold; revoked when the number is in <paramref name="revoked"/>; expired after the last day.
    /// </summary>
    public static LicenceVerification Verify(string document, string rootPem, DateOnly today, IReadOnlyCollection<string>? revoked = null)
    {
        JsonObject file;
        try
        {
            file = JsonNode.Parse(document) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            return new("tampered", "the file is not JSON: " + e.Message, null, null);
        }
        var licence = file["licence"] as JsonObject;
        var number = licence?["number"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null;
        LicenceVerification Tampered(string why) => new("tampered", why, number, licence);
        if ((file["format"] as JsonValue)?.ToString() != Format || licence is null || number is null)
        {
            return Tampered($"not an electronic licence (expected format {Format} with a licence and its number)");
        }
        if (ReadCertificate(rootPem) is not { } root)
        {
            return Tampered("the root certificate could not be read (PEM expected)");
        }
        if (file["issuer"] is not JsonValue issuerPem || issuerPem.GetValueKind() != JsonValueKind.String || ReadCertificate(issuerPem.GetValue<string>()) is not { } issuer)
        {
            return Tampered("the file holds no issuer certificate");
        }
        try
        {
            issuer.Verify(root.GetPublicKey());
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.GeneralSecurityException or Org.BouncyCastle.Crypto.CryptoException or ArgumentException)
        {
            return Tampered("the issuer certificate is not signed by the root: " + e.Message);
        }
        if (!DateOnly.TryParseExact(licence["issued"]?.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var issued)
            || !DateOnly.TryParseExact(licence["expires"]?.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires))
        {
            return Tampered("the licence's dates (issued, expires) are missing or not yyyy-MM-dd");
        }
        var signedOn = issued.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
        if (signedOn < issuer.NotBefore.ToUniversalTime().Date || signedOn > issuer.NotAfter.ToUniversalTime())
        {
            return Tampered($"the issuer certificate was not valid on the day of issue {issued:yyyy-MM-dd}");
        }
        var signature = file["signature"] as JsonObject;
        if ((signature?["algorithm"] as JsonValue)?.ToString() != Algorithm || signature?["value"] is not JsonValue sigValue)
        {
            return Tampered($"the file holds no {Algorithm} signature");
        }
        var userId = signature["userId"] is JsonValue u && u.GetValueKind() == JsonValueKind.String ? u.GetValue<string>() : DefaultUserId;
        byte[] signed, sig;
        try
        {
            signed = Encoding.UTF8.GetBytes(Canonical(licence));
            sig = Convert.FromBase64String(sigValue.ToString());
        }
        catch (FormatException e)
        {
            return Tampered(e.Message);
        }
        if (issuer.GetPublicKey() is not ECPublicKeyParameters key || !VerifySm2(key, signed, sig, userId))
        {
            return Tampered("the signature does not match the licence's fields: the file was changed after signing");
        }
        if (revoked is not null && revoked.Contains(number))
        {
            return new("revoked", $"licence {number} is on the issuing authority's list of revoked licences", number, licence);
        }
        if (today > expires)
        {
            return new("expired", $"licence {number} expired after {expires:yyyy-MM-dd}", number, licence);
        }
        return new("valid", $"licence {number}: signature and certificate chain hold; valid to {expires:yyyy-MM-dd}", number, licence);
    }
}
