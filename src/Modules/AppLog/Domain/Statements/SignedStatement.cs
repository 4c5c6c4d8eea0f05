using System.Security.Cryptography;
using System.Text;
using IctGov.AppLog.Domain.Notes;
using IctGov.Kernel.Results;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace IctGov.AppLog.Domain.Statements;

/// <summary>
/// A statement with its maker's X.509 certificate and signature: the log entry. Its bytes are the
/// statement's canonical text, then <c>certificate &lt;base64 DER&gt;</c> and
/// <c>signature &lt;algorithm&gt; &lt;base64 DER&gt;</c> lines, so anyone holding the entry can check it
/// again. Two algorithms: ECDSA P-256 with SHA-256, and SM2 with SM3 (GB/T 32918, GM/T 0009's
/// default signer ID) — the national algorithms beside the international ones.
/// </summary>
internal sealed record SignedStatement(Statement Statement, byte[] Certificate, string Algorithm, byte[] Signature)
{
    public const string EcdsaP256 = "ecdsa-p256-sha256";
    public const string Sm2Sm3 = "sm2-sm3";
    public const int MaxCertificateBytes = 16_384;

    /// <summary>SHA-256 of the certificate's DER, lower-case hex: how the log names a signer.</summary>
    public string CertificateSha256 => Convert.ToHexStringLower(SHA256.HashData(Certificate));

    public byte[] Entry() => Encoding.UTF8.GetBytes(
        Statement.Text() + $"certificate {Convert.ToBase64String(Certificate)}\nsignature {Algorithm} {Convert.ToBase64String(Signature)}\n");

    /// <summary>
    /// Checks a submission: the statement parses, the certificate is an X.509 certificate with a P-256
    /// or SM2 key valid when the statement was issued, and the signature over the statement's text
    /// verifies. Everything wrong is added to <paramref name="errors"/> with its field.
    /// </summary>
    public static SignedStatement? Verify(string statementText, string certificate, string signature, long row, List<RowError> errors)
    {
        var before = errors.Count;
        var statement = Statement.Parse(statementText, row, errors);
        var read = ReadCertificate(certificate, row, errors);
        var sig = Base64.Decode(signature.Trim());
        if (sig is null || sig.Length is 0 or > 256)
        {
            errors.Add(new RowError(row, "signature", "expected a DER signature in base64"));
        }
        if (errors.Count > before || read is not { } r || statement is null || sig is null)
        {
            return null;
        }
        var (der, cert, algorithm, key) = r;
        var verifier = algorithm == EcdsaP256 ? SignerUtilities.GetSigner("SHA-256withECDSA") : new SM2Signer(new SM3Digest());
        var text = Encoding.UTF8.GetBytes(statementText);
        verifier.Init(false, key);
        verifier.BlockUpdate(text, 0, text.Length);
        bool valid;
        try
        {
            valid = verifier.VerifySignature(sig);
        }
#pragma warning disable CA1031 // a malformed DER signature is a signature that does not verify
        catch (Exception)
#pragma warning restore CA1031
        {
            valid = false;
        }
        if (!valid)
        {
            errors.Add(new RowError(row, "signature", $"the {algorithm} signature does not verify over the statement with the certificate's key"));
            return null;
        }
        if (!cert.IsValid(statement.Issued.UtcDateTime))
        {
            errors.Add(new RowError(row, "certificate", $"the certificate is valid from {cert.NotBefore:yyyy-MM-dd} to {cert.NotAfter:yyyy-MM-dd}, not when the statement was issued ({statement.Issued:yyyy-MM-dd})"));
            return null;
        }
        var signed = new SignedStatement(statement, der, algorithm, sig);
        if (statement.Type == StatementType.DeveloperSignature && statement.SignerCertSha256 != signed.CertificateSha256)
        {
            errors.Add(new RowError(row, "signer-cert-sha256", "a developer signature is made with the app's signing certificate: expected its SHA-256") { Value = statement.SignerCertSha256 });
            return null;
        }
        return signed;
    }

    /// <summary>Reads a log entry back and verifies it again; null with the reason when it is not a valid signed statement.</summary>
    public static SignedStatement? ParseEntry(ReadOnlySpan<byte> entry, out string? error)
    {
        error = null;
        var text = StrictUtf8.Decode(entry, "the entry", out error);
        if (text is null)
        {
            return null;
        }
        var certAt = text.LastIndexOf("\ncertificate ", StringComparison.Ordinal);
        var sigAt = text.LastIndexOf("\nsignature ", StringComparison.Ordinal);
        if (certAt < 0 || sigAt < certAt || !text.EndsWith('\n'))
        {
            error = "expected a statement followed by 'certificate' and 'signature' lines";
            return null;
        }
        var certificate = text[(certAt + 13)..sigAt];
        var sigParts = text[(sigAt + 11)..^1].Split(' ');
        if (sigParts.Length != 2)
        {
            error = "expected 'signature <algorithm> <base64>'";
            return null;
        }
        var errors = new List<RowError>();
        var signed = Verify(text[..(certAt + 1)], certificate, sigParts[1], 1, errors);
        if (signed is not null && signed.Algorithm != sigParts[0])
        {
            errors.Add(new RowError(1, "signature", $"the entry names {sigParts[0]}, the certificate's key is for {signed.Algorithm}"));
        }
        if (errors.Count > 0)
        {
            error = string.Join("; ", errors);
            return null;
        }
        return signed;
    }

    /// <summary>
    /// Reads a maker's certificate (DER in base64, or PEM): an X.509 certificate with an ECDSA P-256 or SM2
    /// public key. Null, with the reason in <paramref name="errors"/> (field <c>certificate</c>), otherwise.
    /// </summary>
    public static (byte[] Der, X509Certificate Certificate, string Algorithm, ECPublicKeyParameters Key)? ReadCertificate(string text, long row, List<RowError> errors)
    {
        var der = DecodeCertificate(text);
        if (der is null || der.Length > MaxCertificateBytes)
        {
            errors.Add(new RowError(row, "certificate", $"expected an X.509 certificate, DER in base64 or PEM, at most {MaxCertificateBytes} bytes"));
            return null;
        }
        X509Certificate? cert;
        AsymmetricKeyParameter? publicKey;
        try
        {
            cert = new X509CertificateParser().ReadCertificate(der);
            // The key is decoded lazily; an invalid curve point surfaces only here.
            publicKey = cert?.GetPublicKey();
        }
#pragma warning disable CA1031 // BouncyCastle signals malformed DER with many exception types; each means "not a certificate".
        catch (Exception)
#pragma warning restore CA1031
        {
            cert = null;
            publicKey = null;
        }
        if (cert is null || publicKey is null)
        {
            errors.Add(new RowError(row, "certificate", "the bytes are not an X.509 certificate with a readable public key"));
            return null;
        }
        var key = publicKey as ECPublicKeyParameters;
        if (key?.PublicKeyParamSet?.Equals(SecObjectIdentifiers.SecP256r1) == true)
        {
            return (der, cert, EcdsaP256, key);
        }
        if (key?.PublicKeyParamSet?.Equals(GMObjectIdentifiers.sm2p256v1) == true)
        {
            return (der, cert, Sm2Sm3, key);
        }
        errors.Add(new RowError(row, "certificate", "expected a certificate with an ECDSA P-256 or SM2 public key"));
        return null;
    }

    private static byte[]? DecodeCertificate(string text)
    {
        text = text.Trim();
        if (text.StartsWith("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            var end = text.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal);
            if (end < 0)
            {
                return null;
            }
            text = string.Concat(text[27..end].Where(c => !char.IsWhiteSpace(c)));
        }
        return Base64.Decode(text);
    }
}
