using IctGov.Kernel.Security;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IctGov.Numbering.Sti;

/// <summary>/api/v1/numbering/sti/…: the STI certification authority, its repository and the signing and verification services.</summary>
internal static class StiApi
{
    public static RouteGroupBuilder MapStiApi(this RouteGroupBuilder api)
    {
        var sti = api.MapGroup("/sti");
        sti.MapGet("/certificates", (StiAuthority a, IActorAccessor actor, CancellationToken ct) => a.CertificatesAsync(actor.Current, ct))
            .WithName("ListStiCertificates").WithSummary("STI certificates the caller may see (an operator its own)").RequireAuthorization(Policies.SignedIn);
        sti.MapPost("/certificates", async (CertificateRequestBody body, StiAuthority a, IActorAccessor actor, CancellationToken ct) => (await a.IssueAsync(actor.Current, body, ct)).ToHttpResult())
            .WithName("IssueStiCertificate").WithSummary("An operator obtains an STI certificate (TNAuthList: its code and/or ranges it holds)").RequireAuthorization(Policies.Reporter);
        sti.MapGet("/root.pem", (StiKeys keys) => TypedResults.Text(keys.RootPem, "application/x-pem-file"))
            .WithName("StiRootCertificate").WithSummary("The STI certification authority's root certificate (the trust anchor)");
        sti.MapGet("/repository/{file}", Repository)
            .WithName("StiRepository").WithSummary("An STI certificate and its chain, as PASSporTs' x5u names it (public)");
        // ATIS-1000082's path for the signing service; the body and answer keep its field names.
        sti.MapPost("/stir/v1/signing", async (SigningEnvelope body, StiSigning s, IActorAccessor actor, CancellationToken ct) => (await s.SignAsync(actor.Current, body, ct)).ToHttpResult())
            .WithName("SignPassport").WithSummary("STI-AS: a SHAKEN PASSporT for a call, as the Identity header (attestation A only for numbers the operator serves)").RequireAuthorization(Policies.Reporter);
        sti.MapPost("/stir/v1/verification", async (VerificationEnvelope body, StiVerification v, CancellationToken ct) => (await v.VerifyAsync(body, ct)).ToHttpResult())
            .WithName("VerifyPassport").WithSummary("STI-VS: verify an incoming call's Identity header (verstat, RFC 8224 reason codes 436/437/438/403)").RequireAuthorization(Policies.Reporter);
        return api;
    }

    private static async Task<Results<ContentHttpResult, NotFound>> Repository(string file, StiAuthority a, CancellationToken ct) =>
        await a.RepositoryFileAsync(file, ct) is { } pem ? TypedResults.Text(pem, "application/x-pem-file") : TypedResults.NotFound();
}
