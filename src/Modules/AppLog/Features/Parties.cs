using System.Text.Json;
using IctGov.AppLog.Contracts;
using IctGov.AppLog.Data;
using IctGov.AppLog.Domain.Statements;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Identity;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Resources.Contracts;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.AppLog.Features;

/// <summary>
/// The register of parties (开发者、检测机构、分发者) whose certificates may sign statements. A party is
/// named by its unified social credit code; when Access's organisation directory or the resource
/// registry (Resources) is running, a unit given must exist there and the filing subject with the
/// same credit code is linked. Only the ministry registers.
/// </summary>
internal sealed class Parties(AppLogDbContext db, IAuditLog audit, TimeProvider clock, IServiceProvider services) : IAppLogParties
{
    public const string Developer = "developer";
    public const string TestingBody = "testing-body";
    public const string Distributor = "distributor";
    public const int MaxPerRequest = 500;

    public static string? KindLabel(string kind) => kind switch
    {
        Developer => "开发者 Developer",
        TestingBody => "检测机构 Testing body",
        Distributor => "分发者 Distributor",
        _ => null,
    };

    public async Task<Outcome<IReadOnlyList<PartyInfo>>> RegisterAsync(Actor actor, IReadOnlyList<PartyInput> parties, CancellationToken ct = default)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<IReadOnlyList<PartyInfo>>(actor.Refusal, "the ministry keeps the register of signing parties");
        }
        if (parties.Count is 0 or > MaxPerRequest)
        {
            return Outcome.Invalid<IReadOnlyList<PartyInfo>>([RowError.File($"expected 1–{MaxPerRequest} parties, not {parties.Count}")]);
        }
        var errors = new List<RowError>();
        var units = services.GetService<IOrganisationDirectory>() is { } directory ? (await directory.ListAsync(ct)).Select(u => u.Id).ToHashSet() : null;
        var subjects = services.GetService<IFilingLookup>();
        var rows = new List<PartyRecord>(parties.Count);
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < parties.Count; i++)
        {
            var (p, row, before) = (parties[i], i + 1, errors.Count);
            var kind = p.Kind?.Trim() ?? "";
            if (KindLabel(kind) is null)
            {
                errors.Add(new RowError(row, "kind", $"expected {Developer}, {TestingBody} or {Distributor}") { Value = p.Kind });
            }
            var identifier = p.Identifier?.Trim().ToUpperInvariant() ?? "";
            if (CreditCode.Problem(identifier) is { } problem)
            {
                errors.Add(new RowError(row, "identifier", problem) { Value = p.Identifier });
            }
            var name = p.Name?.Trim() ?? "";
            if (name.Length is 0 or > 200)
            {
                errors.Add(new RowError(row, "name", "expected the party's registered name, 1–200 characters"));
            }
            var unit = string.IsNullOrWhiteSpace(p.Unit) ? null : p.Unit.Trim();
            if (unit is not null && units is not null && !units.Contains(unit))
            {
                errors.Add(new RowError(row, "unit", "no organisation unit has this id") { Value = unit });
            }
            var cert = SignedStatement.ReadCertificate(p.Certificate ?? "", row, errors);
            if (errors.Count > before || cert is not { } c)
            {
                continue;
            }
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(c.Der));
            if (!seen.TryAdd(sha, row))
            {
                errors.Add(new RowError(row, "certificate", $"the same certificate as row {seen[sha]}"));
                continue;
            }
            if (await db.Parties.AsNoTracking().Where(x => x.CertificateSha256 == sha).Select(x => x.Identifier).FirstOrDefaultAsync(ct) is { } holder)
            {
                errors.Add(new RowError(row, "certificate", $"already registered, for {holder}"));
                continue;
            }
            var subject = subjects is null ? null : await subjects.FindSubjectAsync(identifier, ct);
            rows.Add(new PartyRecord
            {
                Kind = kind, Identifier = identifier, Name = name, UnitId = unit, SubjectHandle = subject?.Handle,
                CertificateSha256 = sha, Certificate = c.Der, Algorithm = c.Algorithm, CertificateSubject = c.Certificate.SubjectDN.ToString(),
                Registered = clock.GetUtcNow(), RegisteredBy = actor.Id,
            });
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<IReadOnlyList<PartyInfo>>(errors, $"{errors.Select(e => e.Row).Distinct().Count()} of {parties.Count} parties refused; none was registered");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Parties.AddRange(rows);
        await db.SaveChangesAsync(ct);
        foreach (var r in rows)
        {
            await audit.AppendAsync(new AuditEntry(actor.Id, "applog.party.register", "applog_party", r.CertificateSha256, null,
                JsonSerializer.Serialize(new { r.Kind, r.Identifier, r.Name, r.UnitId, r.SubjectHandle })), tx.GetDbTransaction(), ct);
        }
        await tx.CommitAsync(ct);
        return Outcome.Ok<IReadOnlyList<PartyInfo>>(rows.Select(Info).ToList());
    }

    public async Task<IReadOnlyList<PartyInfo>> ListAsync(string? identifier, CancellationToken ct = default)
    {
        var q = db.Parties.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(identifier))
        {
            var id = identifier.Trim().ToUpperInvariant();
            q = q.Where(p => p.Identifier == id);
        }
        return (await q.OrderBy(p => p.Id).Take(1000).ToListAsync(ct)).Select(Info).ToList();
    }

    /// <summary>The registered parties of these certificates, by certificate SHA-256.</summary>
    public async Task<Dictionary<string, PartyRecord>> ByCertificateAsync(IEnumerable<string> certificateSha256, CancellationToken ct)
    {
        var keys = certificateSha256.Distinct().ToList();
        return await db.Parties.AsNoTracking().Where(p => keys.Contains(p.CertificateSha256)).ToDictionaryAsync(p => p.CertificateSha256, ct);
    }

    /// <summary>
    /// Whether <paramref name="party"/> may make <paramref name="statement"/>: a developer signs and
    /// revokes its own apps (the statement's developer is its credit code), a testing body records test
    /// results, a distributor listings and takedowns. Null when it may; else the refusal.
    /// </summary>
    public static RowError? Check(Statement statement, PartyRecord? party, long row)
    {
        if (party is null)
        {
            return new RowError(row, "certificate", "the certificate is not registered with the log: the ministry registers the party's certificate first (POST /api/v1/applog/parties)");
        }
        var (kind, field) = statement.Type switch
        {
            StatementType.DeveloperSignature or StatementType.Revocation => (Developer, "type"),
            StatementType.TestResult => (TestingBody, "type"),
            StatementType.StoreListing or StatementType.Takedown => (Distributor, "type"),
            _ => ("", "type"),
        };
        if (kind.Length == 0)
        {
            return new RowError(row, "type", "only the platform's APP signing service makes countersignatures");
        }
        if (party.Kind != kind)
        {
            return new RowError(row, field, $"the certificate is registered to a {party.Kind} ({party.Name}); a {Statement.TypeName(statement.Type)} is made by a {kind}");
        }
        if (kind == Developer && party.Identifier != statement.Developer)
        {
            return new RowError(row, "developer", $"the certificate is registered to {party.Identifier} ({party.Name}), not to the statement's developer") { Value = statement.Developer };
        }
        return null;
    }

    private static PartyInfo Info(PartyRecord r) =>
        new(r.Kind, r.Identifier, r.Name, r.UnitId, r.SubjectHandle, r.CertificateSha256, r.Algorithm, r.CertificateSubject, r.Registered);
}

/// <summary>POST/GET /api/v1/applog/parties.</summary>
internal static class PartiesApi
{
    public static RouteGroupBuilder MapPartiesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/parties", Register).WithName("RegisterAppLogParties")
            .WithSummary("Register signing certificates of developers, testing bodies and distributors (ministry; all or none)")
            .RequireAuthorization(Policies.MinistryOnly);
        api.MapGet("/parties", List).WithName("ListAppLogParties")
            .WithSummary("Registered signing certificates, optionally of one credit code (public)");
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<PartyInfo>>, ProblemHttpResult>> Register(List<PartyInput> request, Parties parties, IActorAccessor actors, CancellationToken ct) =>
        (await parties.RegisterAsync(actors.Current, request, ct)).ToHttpResult();

    private static async Task<Ok<IReadOnlyList<PartyInfo>>> List(string? identifier, Parties parties, CancellationToken ct) =>
        TypedResults.Ok(await parties.ListAsync(identifier, ct));
}
