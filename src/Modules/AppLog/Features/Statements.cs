using IctGov.AppLog.Contracts;
using IctGov.AppLog.Data;
using IctGov.AppLog.Domain.Merkle;
using IctGov.AppLog.Domain.Statements;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Org.BouncyCastle.X509;

namespace IctGov.AppLog.Features;

/// <summary>
/// Signed statements: verified before they are appended (a bad one refuses the whole request and
/// writes nothing), indexed for queries in the same transaction as their entries.
/// </summary>
internal sealed class Statements(AppLogDbContext db, Sequencer sequencer, Parties parties) : IAppLogStatements
{
    public const int MaxPerRequest = 1000;

    public async Task<Outcome<IReadOnlyList<StatementReceipt>>> SubmitAsync(Actor actor, IReadOnlyList<StatementSubmission> statements, CancellationToken ct = default)
    {
        if (!actor.IsSignedIn)
        {
            return Outcome.Refused<IReadOnlyList<StatementReceipt>>(actor.Refusal, "sign in or send an API token to submit statements");
        }
        var checkedOutcome = await VerifyAsync(statements, ct);
        if (checkedOutcome.Value is not { } verified)
        {
            return checkedOutcome.Cast<IReadOnlyList<StatementReceipt>>();
        }
        return Outcome.Ok(await AppendAsync(verified, actor.Id, ct));
    }

    /// <summary>
    /// Checks submissions as <see cref="SubmitAsync"/> does — format, certificate, signature, the
    /// maker's registration and what its kind may say, and that none is in the log already — without
    /// appending anything.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<SignedStatement>>> VerifyAsync(IReadOnlyList<StatementSubmission> statements, CancellationToken ct)
    {
        if (statements.Count is 0 or > MaxPerRequest)
        {
            return Outcome.Invalid<IReadOnlyList<SignedStatement>>([RowError.File($"expected 1–{MaxPerRequest} statements, not {statements.Count}")]);
        }
        var errors = new List<RowError>();
        var verified = new List<(SignedStatement Signed, int Row)>(statements.Count);
        var leaves = new Dictionary<string, long>();
        for (var i = 0; i < statements.Count; i++)
        {
            var s = statements[i];
            var signed = SignedStatement.Verify(s.Statement ?? "", s.Certificate ?? "", s.Signature ?? "", i + 1, errors);
            if (signed is null)
            {
                continue;
            }
            var leaf = Convert.ToBase64String(TreeHash.Leaf(signed.Entry()));
            if (!leaves.TryAdd(leaf, i + 1))
            {
                errors.Add(new RowError(i + 1, "statement", $"the same signed statement as row {leaves[leaf]}"));
                continue;
            }
            verified.Add((signed, i + 1));
        }
        var makers = await parties.ByCertificateAsync(verified.Select(v => v.Signed.CertificateSha256), ct);
        foreach (var (signed, row) in verified)
        {
            if (Parties.Check(signed.Statement, makers.GetValueOrDefault(signed.CertificateSha256), row) is { } refusal)
            {
                errors.Add(refusal);
            }
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<IReadOnlyList<SignedStatement>>(errors.OrderBy(e => e.Row).ToList(), $"{errors.Select(e => e.Row).Distinct().Count()} of {statements.Count} statements refused; none was appended");
        }
        foreach (var (signed, row) in verified)
        {
            var hash = TreeHash.Leaf(signed.Entry());
            var existing = await db.Entries.AsNoTracking().Where(e => e.LeafHash == hash).Select(e => (long?)e.Idx).FirstOrDefaultAsync(ct);
            if (existing is { } at)
            {
                errors.Add(new RowError(row, "statement", $"already in the log at index {at}"));
            }
        }
        if (errors.Count > 0)
        {
            return Outcome.Refused<IReadOnlyList<SignedStatement>>(OutcomeStatus.Conflict, "statements already in the log; none was appended", errors);
        }
        return Outcome.Ok<IReadOnlyList<SignedStatement>>(verified.Select(v => v.Signed).ToList());
    }

    /// <summary>Appends statements already checked, in one batch, with their index rows.</summary>
    public async Task<IReadOnlyList<StatementReceipt>> AppendAsync(IReadOnlyList<SignedStatement> verified, string actorId, CancellationToken ct)
    {
        var hashes = verified.Select(v => TreeHash.Leaf(v.Entry())).ToList();
        var records = verified.Select(Record).ToList();
        var done = await sequencer.AppendStatementsAsync(verified.Select(v => v.Entry()).ToList(), records, actorId, ct);
        return hashes.Select((h, k) => new StatementReceipt(done.FirstIndex + k, Convert.ToBase64String(h), done.TreeSize, done.Checkpoint)).ToList();
    }

    public async Task<IReadOnlyList<StatementInfo>> FindAsync(string? package, string? version, string? sha256, string? developer, CancellationToken ct = default)
    {
        var q = db.Statements.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(package))
        {
            q = q.Where(s => s.Package == package);
        }
        if (!string.IsNullOrWhiteSpace(version))
        {
            q = q.Where(s => s.Version == version);
        }
        if (!string.IsNullOrWhiteSpace(sha256))
        {
            var h = sha256.ToLowerInvariant();
            q = q.Where(s => s.Sha256 == h);
        }
        if (!string.IsNullOrWhiteSpace(developer))
        {
            q = q.Where(s => s.Developer == developer);
        }
        var rows = await q.OrderBy(s => s.Idx).Take(1000).ToListAsync(ct);
        var notes = rows.Count == 0 ? [] : await db.Entries.AsNoTracking().Where(e => rows.Select(r => r.Idx).Contains(e.Idx)).Select(e => new { e.Idx, e.Data }).ToListAsync(ct);
        var noteOf = notes.ToDictionary(n => n.Idx, n => SignedStatement.ParseEntry(n.Data, out _)?.Statement.Note);
        return rows.Select(r => new StatementInfo(r.Idx, r.Type, r.Package, r.Version, r.Sha256, r.SignerCertSha256, r.Developer, r.Issued,
            r.Algorithm, r.CertificateSha256, r.Subject, noteOf.GetValueOrDefault(r.Idx))).ToList();
    }

    private static StatementRecord Record(SignedStatement s) => new()
    {
        Type = Statement.TypeName(s.Statement.Type),
        Package = s.Statement.Package,
        Version = s.Statement.Version,
        Sha256 = s.Statement.Sha256,
        SignerCertSha256 = s.Statement.SignerCertSha256,
        Developer = s.Statement.Developer,
        Issued = s.Statement.Issued.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        Algorithm = s.Algorithm,
        CertificateSha256 = s.CertificateSha256,
        Subject = new X509CertificateParser().ReadCertificate(s.Certificate).SubjectDN.ToString(),
    };
}

/// <summary>POST/GET /api/v1/applog/statements.</summary>
internal static class StatementsApi
{
    public static RouteGroupBuilder MapStatementsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/statements", Submit).WithName("SubmitAppLogStatements")
            .WithSummary("Verify and append signed statements (all or none); answers each one's index and the covering checkpoint")
            .RequireAuthorization(Policies.SignedIn);
        api.MapGet("/statements", Find).WithName("FindAppLogStatements")
            .WithSummary("Statements by package (and version), file SHA-256 or developer, oldest first (public)");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<StatementReceipt>>, ProblemHttpResult>> Submit(List<StatementSubmission> request, Statements statements, IActorAccessor actors, CancellationToken ct) =>
        (await statements.SubmitAsync(actors.Current, request, ct)).ToHttpResult();

    private static async Task<Ok<IReadOnlyList<StatementInfo>>> Find(string? package, string? version, string? sha256, string? developer, Statements statements, CancellationToken ct) =>
        TypedResults.Ok(await statements.FindAsync(package, version, sha256, developer, ct));
}
