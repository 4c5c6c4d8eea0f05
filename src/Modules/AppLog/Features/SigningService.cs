using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IctGov.AppLog.Contracts;
using IctGov.AppLog.Domain.Statements;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Resources.Contracts;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IctGov.AppLog.Features;

/// <summary>
/// The platform's own signing key for countersignatures: ECDSA P-256 with a self-signed certificate
/// ("APP签名服务"), kept in <c>AppLog:SigningKeyFile</c> or <c>&lt;data&gt;/applog/signing-p256.pem</c>
/// (created on first use, owner-only). Its certificate is public, so anyone can check a countersignature.
/// </summary>
internal sealed class PlatformSigner(IOptions<AppLogOptions> options, StorageOptions storage, TimeProvider clock)
{
    public const string Subject = "CN=APP签名服务 APP Signing Service, O=IctGov";

    private readonly Lazy<(ECDsa Key, byte[] Certificate)> _key = new(() => Load(options.Value, storage, clock));

    public byte[] Certificate => _key.Value.Certificate;

    public string CertificateSha256 => Convert.ToHexStringLower(SHA256.HashData(Certificate));

    public string CertificatePem => PemEncoding.WriteString("CERTIFICATE", Certificate) + "\n";

    /// <summary>Signs <paramref name="statement"/> and checks the result exactly as any submission is checked.</summary>
    public SignedStatement Sign(Statement statement)
    {
        var text = statement.Text();
        var signature = _key.Value.Key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var errors = new List<RowError>();
        return SignedStatement.Verify(text, Convert.ToBase64String(Certificate), Convert.ToBase64String(signature), 1, errors)
            ?? throw new InvalidOperationException("the platform's countersignature does not verify: " + string.Join("; ", errors));
    }

    private static (ECDsa, byte[]) Load(AppLogOptions o, StorageOptions storage, TimeProvider clock)
    {
        var file = o.SigningKeyFile ?? Path.Combine(storage.DataDirectory, "applog", "signing-p256.pem");
        if (!File.Exists(file))
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var now = clock.GetUtcNow();
            using var cert = new CertificateRequest(Subject, created, HashAlgorithmName.SHA256)
                .CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
            SecretFiles.CreateNew(file, created.ExportPkcs8PrivateKeyPem() + "\n" + cert.ExportCertificatePem() + "\n");
        }
        var pem = File.ReadAllText(file);
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        var begin = pem.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
        if (begin < 0)
        {
            throw new InvalidOperationException($"{file}: expected the signing key and its certificate (PEM)");
        }
        using var loaded = X509Certificate2.CreateFromPem(pem.AsSpan(begin));
        return (key, loaded.RawData);
    }
}

/// <summary>
/// The APP signing service (APP签名服务): a developer hands in its signed artifact statement; after the
/// checks — the statement verifies, its certificate is registered to the developer it names, and (where
/// the platform keeps the filing registry) the app's filing number is approved and filed by that same
/// developer — the platform countersigns it, and both statements are appended in one batch.
/// </summary>
internal sealed class SigningService(Statements statements, PlatformSigner signer, TimeProvider clock, IServiceProvider services)
{
    public async Task<Outcome<SigningReceipt>> CountersignAsync(Actor actor, SigningRequest request, CancellationToken ct)
    {
        if (!actor.IsSignedIn)
        {
            return Outcome.Refused<SigningReceipt>(actor.Refusal, "sign in or send an API token to have an app countersigned");
        }
        var verified = await statements.VerifyAsync([new StatementSubmission(request.Statement, request.Certificate, request.Signature)], ct);
        if (verified.Value is not [var developer])
        {
            return verified.Cast<SigningReceipt>();
        }
        var s = developer.Statement;
        if (s.Type != StatementType.DeveloperSignature)
        {
            return Outcome.Invalid<SigningReceipt>([new RowError(1, "type", "the signing service countersigns a developer-signature statement") { Value = Statement.TypeName(s.Type) }]);
        }
        var earlier = (await statements.FindAsync(s.Package, s.Version, s.Sha256, null, ct)).FirstOrDefault(e => e.Type == "countersignature");
        if (earlier is not null)
        {
            return Outcome.Refused<SigningReceipt>(OutcomeStatus.Conflict, $"this artifact was countersigned already, at index {earlier.Index}",
                [new RowError(1, "sha256", $"countersigned at index {earlier.Index}") { Value = s.Sha256 }]);
        }
        string filingNote;
        if (services.GetService<IFilingLookup>() is { } filings)
        {
            var number = request.Filing?.Trim() ?? "";
            var filing = number.Length == 0 ? null : await filings.FindByNumberAsync(number, ct);
            var problem = number.Length == 0 ? "expected the app's filing number (APP备案号)"
                : filing is null ? "no filing has this number"
                : filing.Kind != "app" ? $"the filing is for a {filing.Kind}, not an app"
                : filing.State != "approved" ? $"the filing is {filing.State}, not approved"
                : filing.SubjectCreditCode != s.Developer ? $"the app is filed by {filing.SubjectName}, not by the statement's developer {s.Developer}"
                : null;
            if (problem is not null)
            {
                return Outcome.Invalid<SigningReceipt>([new RowError(1, "filing", problem) { Value = number }]);
            }
            filingNote = $"filing {filing!.Number}";
        }
        else
        {
            filingNote = "filing not checked: no filing registry on this platform";
        }
        var leaf = Convert.ToBase64String(Domain.Merkle.TreeHash.Leaf(developer.Entry()));
        var now = clock.GetUtcNow();
        var counter = signer.Sign(new Statement(StatementType.Countersignature, s.Package, s.Version, s.Sha256, s.SignerCertSha256, s.Developer,
            new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero),
            $"countersigns {leaf}; developer registered; {filingNote}"));
        var receipts = await statements.AppendAsync([developer, counter], actor.Id, ct);
        return Outcome.Ok(new SigningReceipt(receipts[0], receipts[1], Encoding.UTF8.GetString(counter.Entry())));
    }
}

/// <summary>POST /api/v1/applog/signing and the platform's certificate.</summary>
internal static class SigningApi
{
    public static RouteGroupBuilder MapSigningApi(this RouteGroupBuilder api)
    {
        api.MapPost("/signing", Countersign).WithName("CountersignApp")
            .WithSummary("APP签名服务: check a developer's signed statement (registration, filing) and append it with the platform's countersignature")
            .RequireAuthorization(Policies.SignedIn);
        api.MapGet("/signing/certificate", (PlatformSigner signer) => TypedResults.Text(signer.CertificatePem, "application/x-pem-file"))
            .WithName("AppSigningCertificate").WithSummary("The APP signing service's certificate (PEM), to check countersignatures");
        return api;
    }

    private static async Task<Results<Ok<SigningReceipt>, ProblemHttpResult>> Countersign(SigningRequest request, SigningService service, IActorAccessor actors, CancellationToken ct) =>
        (await service.CountersignAsync(actors.Current, request, ct)).ToHttpResult();
}
