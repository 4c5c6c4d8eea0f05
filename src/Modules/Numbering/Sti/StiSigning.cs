using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Numbering.Data;
using IctGov.Numbering.Domain;
using IctGov.Numbering.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IctGov.Numbering.Sti;

/// <summary>Telephone numbers as ATIS-1000082 carries them: <c>{"tn": [...]}</c> for the called party.</summary>
internal sealed record TnList(string[]? Tn);

/// <summary>The calling party: <c>{"tn": "..."}</c>.</summary>
internal sealed record TnOne(string? Tn);

/// <summary>An ATIS-1000082 signing request body (<c>signingRequest</c>): the PASSporT claims the originating operator asks for.</summary>
internal sealed record SigningRequestBody(string? Attest, TnList? Dest, long? Iat, TnOne? Orig, string? OrigId);

/// <summary>The envelope ATIS-1000082 wraps a signing request in.</summary>
internal sealed record SigningEnvelope(SigningRequestBody? SigningRequest);

/// <summary>What the signing service answers: the Identity header value, and the attestation it signed (lower than asked when the operator does not hold the number).</summary>
internal sealed record SigningResult(string Identity, string Attest);

/// <summary>The envelope of the answer (<c>signingResponse</c>).</summary>
internal sealed record SigningAnswer(SigningResult SigningResponse);

/// <summary>
/// The signing service (STI-AS, RFC 8588 / ATIS-1000082): an originating operator asks for a SHAKEN
/// PASSporT for a call and gets the Identity header to send. Full attestation (A) is signed only when
/// the numbering registry shows the operator serving the calling number at the call's <c>iat</c>
/// (allocated to it and not ported away, or ported in); otherwise A is lowered to B — the operator
/// knows its customer but not the customer's right to the number. Signed with the operator's own
/// STI certificate whose TNAuthList covers the call (its service provider code, or the number).
/// </summary>
internal sealed class StiSigning(NumberingDbContext db, Porting registry, StiKeys keys, TimeProvider time, IOptions<StiOptions> options)
{
    public async Task<Outcome<SigningAnswer>> SignAsync(Actor actor, SigningEnvelope envelope, CancellationToken ct = default)
    {
        if (Registry.OperatorOf(actor) is not { } op)
        {
            return Outcome.Refused<SigningAnswer>(actor.Refusal, "originating operators ask for PASSporTs for their calls");
        }
        var now = time.GetUtcNow();
        var request = envelope.SigningRequest;
        var errors = new List<RowError>();
        if (request is null)
        {
            return Outcome.Invalid<SigningAnswer>([new RowError(0, "signingRequest", "expected {\"signingRequest\": {attest, dest, iat, orig, origid}}")]);
        }
        if (!Passport.AttestationLevels.Contains(request.Attest))
        {
            errors.Add(new RowError(1, "attest", "expected A, B or C (RFC 8588 §4)") { Value = request.Attest });
        }
        if (!Passport.IsTelephoneNumber(request.Orig?.Tn))
        {
            errors.Add(new RowError(1, "orig.tn", "expected the calling number as E.164 digits without +, at most 15") { Value = request.Orig?.Tn });
        }
        if (request.Dest?.Tn is not { Length: > 0 } dest || dest.Any(tn => !Passport.IsTelephoneNumber(tn)))
        {
            errors.Add(new RowError(1, "dest.tn", "expected one or more called numbers as E.164 digits without +") { Value = string.Join(",", request.Dest?.Tn ?? []) });
        }
        var freshness = options.Value.FreshnessSeconds;
        if (request.Iat is not { } iat || Math.Abs(iat - now.ToUnixTimeSeconds()) > freshness)
        {
            errors.Add(new RowError(1, "iat", $"expected the call's time in seconds since 1970, within {freshness} s of now ({now.ToUnixTimeSeconds()})") { Value = request.Iat?.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        if (!Guid.TryParseExact(request.OrigId, "D", out _))
        {
            errors.Add(new RowError(1, "origid", "expected a UUID (RFC 8588 §4: the origination identifier)") { Value = request.OrigId });
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<SigningAnswer>(errors);
        }
        var orig = request.Orig!.Tn!;
        var callTime = DateTimeOffset.FromUnixTimeSeconds(request.Iat!.Value);
        var attest = request.Attest!;
        if (attest == "A" && (NumberingPlan.National(orig) is not { } national || (await registry.RouteAsync(national, callTime, ct)).Operator != op))
        {
            attest = "B";
        }
        if (await CertificateForAsync(op, orig, now, ct) is not { } serial)
        {
            return Outcome.Refused<SigningAnswer>(OutcomeStatus.Unprocessable, [new RowError(1, "orig.tn", $"no STI certificate of {op} in force covers {orig}: obtain one naming its service provider code or the number") { Value = orig }]);
        }
        var x5u = options.Value.RepositoryUrl + serial + ".pem";
        var claims = new PassportClaims(attest, request.Dest!.Tn!, request.Iat.Value, orig, request.OrigId!.ToLowerInvariant());
        // Not audited call by call: signing writes nothing, and the origid is the operator's own trace-back key.
        return Outcome.Ok(new SigningAnswer(new SigningResult(Passport.IdentityHeader(Passport.Sign(claims, x5u, keys.SigningKey(serial)), x5u), attest)));
    }

    /// <summary>The serial of the operator's newest certificate in force whose TNAuthList covers <paramref name="orig"/>.</summary>
    private async Task<string?> CertificateForAsync(string op, string orig, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.StiCertificates.AsNoTracking().Where(r => r.Operator == op).OrderByDescending(r => r.Id).ToListAsync(ct);
        foreach (var row in rows.Where(r => r.NotBefore <= now && now < r.NotAfter))
        {
            var entries = StiAuthority.Entries(keys.Read(row.Serial, row.Pem));
            if (entries.Any(e => e.Spc == op) || TnAuthList.Covers(entries, orig))
            {
                return row.Serial;
            }
        }
        return null;
    }
}
