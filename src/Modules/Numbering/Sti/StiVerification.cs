using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IctGov.Kernel.Results;
using IctGov.Numbering.Data;
using IctGov.Numbering.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IctGov.Numbering.Sti;

/// <summary>An ATIS-1000082 verification request body: the SIP request's From and To numbers, its Date (seconds) and the Identity header.</summary>
internal sealed record VerificationRequestBody(TnOne? From, TnList? To, long? Time, string? Identity);

/// <summary>The envelope ATIS-1000082 wraps a verification request in.</summary>
internal sealed record VerificationEnvelope(VerificationRequestBody? VerificationRequest);

/// <summary>
/// The verification status (<c>verstat</c>, TN-Validation-Passed or TN-Validation-Failed), and on failure the RFC 8224
/// reason code and text; on success the attestation, origination identifier and the operator certified.
/// </summary>
internal sealed record VerificationResult(string Verstat, int? ReasonCode, string? ReasonText, string? Attest,
    [property: System.Text.Json.Serialization.JsonPropertyName("origid")] string? OrigId, string? Operator);

/// <summary>The envelope of the answer (<c>verificationResponse</c>).</summary>
internal sealed record VerificationAnswer(VerificationResult VerificationResponse);

/// <summary>
/// The verification service (STI-VS, RFC 8224 §6.2, RFC 8588, ATIS-1000082): a terminating operator
/// submits the Identity header of an incoming call. The certificate is taken only from the platform's
/// own repository (the x5u must be <c>Numbering:Sti:RepositoryUrl</c> + serial; nothing is ever fetched
/// from an address a caller chose) and kept in memory once read; it must chain to the STI-CA root and
/// be in force, its TNAuthList must cover the calling number (or name the operator's code), the
/// signature must hold, <c>iat</c> must be fresh and the called number among <c>dest</c>.
/// </summary>
internal sealed class StiVerification(NumberingDbContext db, StiKeys keys, TimeProvider time, IOptions<StiOptions> options)
{
    private const string Passed = "TN-Validation-Passed";
    private const string Failed = "TN-Validation-Failed";

    private static VerificationAnswer Fail(int code, string text) => new(new VerificationResult(Failed, code, text, null, null, null));

    public async Task<Outcome<VerificationAnswer>> VerifyAsync(VerificationEnvelope envelope, CancellationToken ct = default)
    {
        var request = envelope.VerificationRequest;
        var errors = new List<RowError>();
        if (!Passport.IsTelephoneNumber(request?.From?.Tn))
        {
            errors.Add(new RowError(1, "from.tn", "expected the From number as E.164 digits without +") { Value = request?.From?.Tn });
        }
        if (request?.To?.Tn is not { Length: > 0 } to || to.Any(tn => !Passport.IsTelephoneNumber(tn)))
        {
            errors.Add(new RowError(1, "to.tn", "expected the To numbers as E.164 digits without +"));
        }
        if (string.IsNullOrEmpty(request?.Identity))
        {
            errors.Add(new RowError(1, "identity", "expected the Identity header field value"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<VerificationAnswer>(errors);
        }
        return Outcome.Ok(await CheckAsync(request!, ct));
    }

    private async Task<VerificationAnswer> CheckAsync(VerificationRequestBody request, CancellationToken ct)
    {
        IdentityHeader identity;
        (string Alg, string? Ppt, string X5u) header;
        try
        {
            identity = IdentityHeader.Parse(request.Identity);
            header = identity.ReadHeader();
        }
        catch (FormatException e)
        {
            return Fail(438, "Invalid Identity Header: " + e.Message);
        }
        if (header.Alg != Passport.Algorithm || identity.Alg is { } alg && alg != Passport.Algorithm)
        {
            return Fail(438, "Invalid Identity Header: only ES256 is accepted (RFC 8588 §3)");
        }
        if (identity.Info != header.X5u)
        {
            return Fail(436, "Bad Identity Info: the info parameter and the PASSporT's x5u differ");
        }
        var repository = options.Value.RepositoryUrl;
        var file = header.X5u.StartsWith(repository, StringComparison.Ordinal) ? header.X5u[repository.Length..] : null;
        if (StiAuthority.SerialOf(file) is not { } serial)
        {
            return Fail(436, "Bad Identity Info: x5u is not a certificate of the platform's repository " + repository);
        }
        var certificate = await CertificateAsync(serial, ct);
        if (certificate is null)
        {
            return Fail(436, "Bad Identity Info: the repository has no certificate " + serial);
        }
        var now = time.GetUtcNow();
        if (!Chains(certificate, now))
        {
            return Fail(437, "Unsupported Credential: the certificate does not chain to the STI-CA root or is not in force");
        }

        PassportClaims claims;
        var ppt = header.Ppt ?? identity.Ppt;
        try
        {
            if (identity.Compact && ppt is null)
            {
                // A basic PASSporT in compact form: its claims are the SIP request's own (RFC 8225 §7).
                claims = new PassportClaims("", request.To!.Tn!, request.Time ?? throw new FormatException("a compact-form PASSporT needs the request's time"), request.From!.Tn!, "");
            }
            else
            {
                claims = identity.ReadClaims();
                if (ppt != Passport.Extension || !Passport.AttestationLevels.Contains(claims.Attest) || !Guid.TryParseExact(claims.OrigId, "D", out _))
                {
                    throw new FormatException("expected ppt shaken with attest A, B or C and a UUID origid (RFC 8588)");
                }
            }
        }
        catch (FormatException e)
        {
            return Fail(438, "Invalid Identity Header: " + e.Message);
        }
        var input = identity.SigningInput(identity.Compact ? Passport.BasicPayload(claims.Dest, claims.Iat, claims.Orig) : null);
        using var key = certificate.GetECDsaPublicKey();
        if (key is null || identity.Signature.Length != 64 || !key.VerifyData(input, identity.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return Fail(438, "Invalid Identity Header: the signature does not verify with the certificate's key");
        }
        if (Math.Abs(now.ToUnixTimeSeconds() - claims.Iat) > options.Value.FreshnessSeconds)
        {
            return Fail(403, $"Stale Date: iat is more than {options.Value.FreshnessSeconds} s from the verifier's clock");
        }
        if (claims.Orig != request.From!.Tn)
        {
            return Fail(438, "Invalid Identity Header: orig is not the From number");
        }
        if (!request.To!.Tn!.Any(claims.Dest.Contains))
        {
            return Fail(438, "Invalid Identity Header: the To number is not among dest");
        }
        var entries = StiAuthority.Entries(certificate);
        var holder = entries.FirstOrDefault(e => e.Spc is not null)?.Spc;
        if (holder is null && !TnAuthList.Covers(entries, claims.Orig))
        {
            return Fail(437, "Unsupported Credential: the certificate's TNAuthList does not cover " + claims.Orig);
        }
        return new VerificationAnswer(new VerificationResult(Passed, null, null, claims.Attest.Length > 0 ? claims.Attest : null, claims.OrigId.Length > 0 ? claims.OrigId : null,
            certificate.GetNameInfo(X509NameType.SimpleName, false).Replace("SHAKEN ", "", StringComparison.Ordinal)));
    }

    /// <summary>A certificate of the repository by serial: from memory once read, else from the register (never from the network).</summary>
    private async Task<X509Certificate2?> CertificateAsync(string serial, CancellationToken ct)
    {
        if (keys.Repository.TryGetValue(serial, out var cached))
        {
            return cached;
        }
        var row = await db.StiCertificates.AsNoTracking().FirstOrDefaultAsync(r => r.Serial == serial, ct);
        return row is null ? null : keys.Read(serial, row.Pem);
    }

    /// <summary>
    /// In force now, and signed by the root. Only a chain that held is remembered (by serial): the certificate and the root
    /// never change, and the dates are checked on every call; a failure is built again, so nothing wrong is kept.
    /// </summary>
    private bool Chains(X509Certificate2 certificate, DateTimeOffset now)
    {
        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            return false;
        }
        if (keys.Chained.ContainsKey(certificate.SerialNumber))
        {
            return true;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(keys.Root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        if (!chain.Build(certificate))
        {
            return false;
        }
        keys.Chained[certificate.SerialNumber] = true;
        return true;
    }
}
