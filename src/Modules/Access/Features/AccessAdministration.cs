using System.Text.Json;
using System.Text.RegularExpressions;
using IctGov.Access.Authentication;
using IctGov.Access.Contracts;
using IctGov.Access.Data;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Access.Features;

/// <summary>
/// Who may administer what (部省两级). Pure functions of the actor and the unit, so the rules are
/// tested on their own and the API, the pages and the command line cannot disagree.
/// </summary>
internal static class AccessRules
{
    public static bool IsAdministrator(Actor actor) => actor.Role is Role.MinistryAdmin or Role.ProvinceAdmin;

    /// <summary>
    /// May issue tokens for, revoke tokens of, and create reporters of <paramref name="unit"/>: the
    /// ministry for any unit; a province administration for branches and enterprises in its own
    /// region only (an operator's headquarters covers every region, so it is the ministry's).
    /// </summary>
    public static bool MayAdministerUnit(Actor actor, OrgUnit unit) => MayAdministerUnit(actor, unit.Kind, unit.RegionCode);

    public static bool MayAdministerUnit(Actor actor, OrgUnitKind kind, string? unitRegion) => actor.Role switch
    {
        Role.MinistryAdmin => true,
        Role.ProvinceAdmin => actor.RegionCode is not null && unitRegion == actor.RegionCode
            && kind is OrgUnitKind.OperatorBranch or OrgUnitKind.Enterprise,
        _ => false,
    };

    /// <summary>Null when allowed, else why not. <paramref name="unit"/> is the reporter's unit (null for other roles).</summary>
    public static string? WhyNotCreateUser(Actor actor, Role role, OrgUnit? unit) => actor.Role switch
    {
        Role.MinistryAdmin => null,
        Role.ProvinceAdmin when role != Role.Reporter => "a province administration creates reporter accounts only; administrators are created by the ministry",
        Role.ProvinceAdmin when unit is not null && !MayAdministerUnit(actor, unit) => WhyNotUnit(actor, unit),
        Role.ProvinceAdmin => null,
        _ => "only the ministry and province administrations create accounts",
    };

    public static string WhyNotUnit(Actor actor, OrgUnit unit) => actor.Role == Role.ProvinceAdmin
        ? $"unit '{unit.Id}' ({unit.NameZh}) is {(unit.RegionCode is null ? "not in a single region" : "in region " + unit.RegionCode)}; you administer region {actor.RegionCode} only"
        : "only the ministry and province administrations administer reporting units";
}

/// <summary>Accounts, tokens and enterprises, each write recorded in the audit log when the platform has one.</summary>
internal sealed partial class AccessAdministration(
    AccessDbContext db,
    UserManager<AccessUser> users,
    UnitDirectory units,
    TimeProvider clock,
    IServiceProvider services) : IAccessAdministration
{
    public const int MaxTokenDays = 730;

    public async Task<Outcome<UserInfo>> CreateUserAsync(Actor actor, NewUser request, CancellationToken ct = default)
    {
        if (!AccessRules.IsAdministrator(actor))
        {
            return Outcome.Refused<UserInfo>(OutcomeStatus.Forbidden, AccessRules.WhyNotCreateUser(actor, request.Role, null)!);
        }
        var errors = new List<RowError>();
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors.Add(new RowError(0, "userName", "required"));
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add(new RowError(0, "password", "required"));
        }
        OrgUnit? unit = null;
        switch (request.Role)
        {
            case Role.MinistryAdmin:
                RejectScope(errors, request, region: false, unitId: false);
                break;
            case Role.ProvinceAdmin:
                RejectScope(errors, request, region: true, unitId: false);
                if (!IsProvince(request.RegionCode))
                {
                    errors.Add(new RowError(0, "regionCode", $"'{request.RegionCode}' is not a provincial GB/T 2260 code: a province administrator needs one, e.g. 440000"));
                }
                break;
            case Role.Reporter:
                RejectScope(errors, request, region: false, unitId: true);
                unit = await units.FindAsync(request.UnitId, ct);
                if (unit is null)
                {
                    errors.Add(new RowError(0, "unitId", string.IsNullOrWhiteSpace(request.UnitId) ? "required: a reporter reports for one unit" : $"no organisation unit '{request.UnitId}' (GET /api/v1/org-units lists them)"));
                }
                else if (!UnitDirectory.IsReportingUnit(unit))
                {
                    errors.Add(new RowError(0, "unitId", $"'{unit.Id}' is an administration, not a reporting unit: choose an operator, a branch or an enterprise"));
                }
                break;
            default:
                errors.Add(new RowError(0, "role", "expected ministry, province or reporter"));
                break;
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<UserInfo>(errors);
        }
        if (AccessRules.WhyNotCreateUser(actor, request.Role, unit) is { } why)
        {
            return Outcome.Refused<UserInfo>(OutcomeStatus.Forbidden, why);
        }

        var user = new AccessUser
        {
            UserName = request.UserName.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim(),
            Role = request.Role,
            RegionCode = request.Role == Role.ProvinceAdmin ? request.RegionCode!.Trim() : null,
            UnitId = unit?.Id,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor.Id,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await users.CreateAsync(user, request.Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)))
            {
                return Outcome.Refused<UserInfo>(OutcomeStatus.Conflict, $"the user name '{user.UserName}' is taken");
            }
            return Outcome.Invalid<UserInfo>([.. result.Errors
                .Select(e => new RowError(0, e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName", e.Description))]);
        }
        var info = await InfoAsync(user, ct);
        await AuditAsync(tx, actor, "access.user.create", "user", user.Id, null,
            new { info.UserName, info.DisplayName, Role = info.Role.WireName(), info.RegionCode, info.UnitId }, info.RegionCode ?? unit?.RegionCode, ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(info);
    }

    public async Task<Outcome<IssuedToken>> IssueTokenAsync(Actor actor, NewToken request, CancellationToken ct = default)
    {
        if (!AccessRules.IsAdministrator(actor))
        {
            return Outcome.Refused<IssuedToken>(OutcomeStatus.Forbidden, "only the ministry and province administrations issue API tokens");
        }
        var unit = await units.FindAsync(request.UnitId, ct);
        if (unit is null)
        {
            return Invalid<IssuedToken>("unitId", string.IsNullOrWhiteSpace(request.UnitId) ? "required" : $"no organisation unit '{request.UnitId}'");
        }
        if (!UnitDirectory.IsReportingUnit(unit))
        {
            return Invalid<IssuedToken>("unitId", $"'{unit.Id}' is an administration, not a reporting unit");
        }
        if (request.Days is < 1 or > MaxTokenDays)
        {
            return Invalid<IssuedToken>("days", $"{request.Days} is out of range: a token is valid for 1 to {MaxTokenDays} days");
        }
        if (request.Name is { Length: > 200 })
        {
            return Invalid<IssuedToken>("name", "at most 200 characters");
        }
        if (!AccessRules.MayAdministerUnit(actor, unit))
        {
            return Outcome.Refused<IssuedToken>(OutcomeStatus.Forbidden, AccessRules.WhyNotUnit(actor, unit));
        }
        var (id, secret) = ApiTokenFormat.Generate();
        var now = clock.GetUtcNow();
        var row = new ApiToken
        {
            Id = id,
            Hash = ApiTokenFormat.Hash(secret),
            UnitId = unit.Id,
            Name = string.IsNullOrWhiteSpace(request.Name) ? unit.NameZh + " 报送系统" : request.Name.Trim(),
            CreatedBy = actor.Id,
            CreatedAt = now,
            ExpiresAt = now.AddDays(request.Days),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(ct);
        await AuditAsync(tx, actor, "access.token.issue", "api_token", id, null, new { row.UnitId, row.Name, row.ExpiresAt }, unit.RegionCode, ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(new IssuedToken(id, secret, unit.Id, row.Name, await units.RegionsOfAsync(unit, ct), row.ExpiresAt));
    }

    public async Task<Outcome<TokenInfo>> RevokeTokenAsync(Actor actor, string tokenId, CancellationToken ct = default)
    {
        if (!AccessRules.IsAdministrator(actor))
        {
            return Outcome.Refused<TokenInfo>(OutcomeStatus.Forbidden, "only the ministry and province administrations revoke API tokens");
        }
        var row = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId, ct);
        if (row is null)
        {
            return Outcome.Refused<TokenInfo>(OutcomeStatus.NotFound, $"no API token '{tokenId}'");
        }
        var unit = await units.FindAsync(row.UnitId, ct);
        if (unit is null || !AccessRules.MayAdministerUnit(actor, unit))
        {
            return Outcome.Refused<TokenInfo>(OutcomeStatus.Forbidden, unit is null ? "the token's unit no longer exists" : AccessRules.WhyNotUnit(actor, unit));
        }
        if (row.RevokedAt is null)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            row.RevokedAt = clock.GetUtcNow();
            row.RevokedBy = actor.Id;
            await db.SaveChangesAsync(ct);
            await AuditAsync(tx, actor, "access.token.revoke", "api_token", row.Id, new { row.UnitId, row.Name, RevokedAt = (DateTimeOffset?)null }, new { row.UnitId, row.Name, row.RevokedAt }, unit.RegionCode, ct);
            await tx.CommitAsync(ct);
        }
        return Outcome.Ok(Info(row));
    }

    public async Task<IReadOnlyList<TokenInfo>> ListTokensAsync(Actor actor, CancellationToken ct = default)
    {
        if (!AccessRules.IsAdministrator(actor))
        {
            return [];
        }
        var query = db.ApiTokens.AsNoTracking();
        if (actor.Role == Role.ProvinceAdmin)
        {
            var mine = db.OrgUnits.Where(u => u.RegionCode == actor.RegionCode && (u.Kind == OrgUnitKind.OperatorBranch || u.Kind == OrgUnitKind.Enterprise)).Select(u => u.Id);
            query = query.Where(t => mine.Contains(t.UnitId));
        }
        // DateTimeOffset cannot be ordered in SQLite's SQL; a unit's tokens are few, so order in memory.
        var rows = await query.ToListAsync(ct);
        return rows.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal).Select(Info).ToList();
    }

    public async Task<Outcome<OrgUnitInfo>> CreateEnterpriseAsync(Actor actor, NewEnterprise request, CancellationToken ct = default)
    {
        if (!AccessRules.IsAdministrator(actor))
        {
            return Outcome.Refused<OrgUnitInfo>(OutcomeStatus.Forbidden, "only the ministry and province administrations register enterprises");
        }
        var errors = new List<RowError>();
        var id = request.Id?.Trim() ?? "";
        if (!UnitIdPattern().IsMatch(id))
        {
            errors.Add(new RowError(0, "id", $"'{id}' is not a unit id: 2–32 lower-case letters, digits or '-', starting with a letter or digit"));
        }
        if (string.IsNullOrWhiteSpace(request.NameZh) || request.NameZh.Length > 200)
        {
            errors.Add(new RowError(0, "nameZh", "required, at most 200 characters"));
        }
        if (request.NameEn is { Length: > 200 })
        {
            errors.Add(new RowError(0, "nameEn", "at most 200 characters"));
        }
        if (!IsProvince(request.RegionCode))
        {
            errors.Add(new RowError(0, "regionCode", $"'{request.RegionCode}' is not a provincial GB/T 2260 code, e.g. 440000"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<OrgUnitInfo>(errors);
        }
        var region = request.RegionCode!.Trim();
        if (actor.Role == Role.ProvinceAdmin && region != actor.RegionCode)
        {
            return Outcome.Refused<OrgUnitInfo>(OutcomeStatus.Forbidden, $"you administer region {actor.RegionCode} only; an enterprise in {region} is registered by that province or the ministry");
        }
        if (await db.OrgUnits.AnyAsync(u => u.Id == id, ct))
        {
            return Outcome.Refused<OrgUnitInfo>(OutcomeStatus.Conflict, $"the unit id '{id}' is taken");
        }
        var unit = new OrgUnit
        {
            Id = id,
            Kind = OrgUnitKind.Enterprise,
            NameZh = request.NameZh!.Trim(),
            NameEn = string.IsNullOrWhiteSpace(request.NameEn) ? request.NameZh.Trim() : request.NameEn.Trim(),
            RegionCode = region,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync(ct);
        await AuditAsync(tx, actor, "access.unit.create", "org_unit", unit.Id, null, new { unit.NameZh, unit.NameEn, unit.RegionCode, Kind = unit.Kind.WireName() }, region, ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(await units.InfoAsync(unit, ct));
    }

    public async Task<IReadOnlyList<OrgUnitInfo>> ListUnitsAsync(CancellationToken ct = default)
    {
        var all = await db.OrgUnits.AsNoTracking().ToListAsync(ct);
        var branchRegions = all.Where(u => u.Kind == OrgUnitKind.OperatorBranch && u.ParentId is not null && u.RegionCode is not null)
            .ToLookup(u => u.ParentId!, u => u.RegionCode!);
        return all.OrderBy(u => u.Kind).ThenBy(u => u.Id, StringComparer.Ordinal)
            .Select(u => new OrgUnitInfo(u.Id, u.Kind, u.NameZh, u.NameEn, u.RegionCode, u.ParentId, u.Kind switch
            {
                OrgUnitKind.Operator => branchRegions[u.Id].Order(StringComparer.Ordinal).Distinct().ToList(),
                OrgUnitKind.OperatorBranch or OrgUnitKind.Enterprise when u.RegionCode is { } r => [r],
                _ => [],
            }))
            .ToList();
    }

    private async Task<UserInfo> InfoAsync(AccessUser user, CancellationToken ct)
    {
        var actor = await units.ActorForAsync(user, ct);
        return new UserInfo(user.Id, user.UserName ?? "", user.DisplayName, user.Role, user.RegionCode, user.UnitId, actor.Regions);
    }

    private TokenInfo Info(ApiToken t)
    {
        var status = t.RevokedAt is not null ? "revoked" : t.ExpiresAt <= clock.GetUtcNow() ? "expired" : "active";
        return new TokenInfo(t.Id, t.UnitId, t.Name, t.CreatedBy, t.CreatedAt, t.ExpiresAt, t.RevokedAt, status);
    }

    private static bool IsProvince(string? code) => Regions.TryGet(code, out var r) && !r.IsNational;

    /// <summary>One request field refused (row 0: a request has no rows).</summary>
    private static Outcome<T> Invalid<T>(string field, string message) => Outcome.Invalid<T>([new RowError(0, field, message)]);

    private static void RejectScope(List<RowError> errors, NewUser request, bool region, bool unitId)
    {
        if (!region && !string.IsNullOrWhiteSpace(request.RegionCode))
        {
            errors.Add(new RowError(0, "regionCode", $"applies to province administrators only, not to role {request.Role.WireName()}"));
        }
        if (!unitId && !string.IsNullOrWhiteSpace(request.UnitId))
        {
            errors.Add(new RowError(0, "unitId", $"applies to reporters only, not to role {request.Role.WireName()}"));
        }
    }

    /// <summary>
    /// Appends to the platform's audit log inside this write's transaction, so the change and its
    /// record commit together. The log is optional: a platform without the Audit module still runs.
    /// </summary>
    private async Task AuditAsync(IDbContextTransaction tx, Actor actor, string action, string subjectType, string subjectId, object? before, object? after, string? region, CancellationToken ct)
    {
        if (services.GetService<IAuditLog>() is not { } log)
        {
            return;
        }
        await log.AppendAsync(new AuditEntry(actor.Id, action, subjectType, subjectId,
            before is null ? null : JsonSerializer.Serialize(before, Json),
            after is null ? null : JsonSerializer.Serialize(after, Json), region), tx.GetDbTransaction(), ct);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitIdPattern();
}
