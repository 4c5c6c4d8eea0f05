using System.Text.Json;
using System.Text.RegularExpressions;
using IctGov.Access.Authentication;
using IctGov.Access.Contracts;
using IctGov.Access.Data;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
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

    public async Task<AccessOutcome<UserInfo>> CreateUserAsync(Actor actor, NewUser request, CancellationToken ct = default)
    {
        if (!AccessRules.IsAdministrator(actor))
        {
            return AccessOutcome<UserInfo>.Forbidden(AccessRules.WhyNotCreateUser(actor, request.Role, null)!);
        }
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors["userName"] = ["required"];
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["required"];
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
                    errors["regionCode"] = [$"'{request.RegionCode}' is not a provincial GB/T 2260 code: a province administrator needs one, e.g. 440000"];
                }
                break;
            case Role.Reporter:
                RejectScope(errors, request, region: false, unitId: true);
                unit = await units.FindAsync(request.UnitId, ct);
                if (unit is null)
                {
                    errors["unitId"] = [string.IsNullOrWhiteSpace(request.UnitId) ? "required: a reporter reports for one unit" : $"no organisation unit '{request.UnitId}' (GET /api/v1/org-units lists them)"];
                }
                else if (!UnitDirectory.IsReportingUnit(unit))
                {
                    errors["unitId"] = [$"'{unit.Id}' is an administration, not a reporting unit: choose an operator, a branch or an enterprise"];
                }
                break;
            default:
                errors["role"] = ["expected ministry, province or reporter"];
                break;
        }
        if (errors.Count > 0)
        {
            return AccessOutcome<UserInfo>.Invalid(errors);
        }
        if (AccessRules.WhyNotCreateUser(actor, request.Role, unit) is { } why)
        {
            return AccessOutcome<UserInfo>.Forbidden(why);
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
                return AccessOutcome<UserInfo>.Conflict($"the user name '{user.UserName}' is taken");
            }
            return AccessOutcome<UserInfo>.Invalid(result.Errors
                .GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }
        var info = await InfoAsync(user, ct);
        await AuditAsync(tx, actor, "access.user.create", "user", user.Id, null,
            new { info.UserName, info.DisplayName, Role = info.Role.WireName(), info.RegionCode, info.UnitId }, info.RegionCode ?? unit?.RegionCode, ct);
        await tx.CommitAsync(ct);
        return AccessOutcome<UserInfo>.Ok(info);
    }

    public async Task<AccessOutcome<IssuedToken>> IssueTokenAsync(Actor actor, NewToken request, CancellationToken ct = default)
    {
        if (!AccessRules.IsAdministrator(actor))
        {
            return AccessOutcome<IssuedToken>.Forbidden("only the ministry and province administrations issue API tokens");
        }
        var unit = await units.FindAsync(request.UnitId, ct);
        if (unit is null)
        {
            return AccessOutcome<IssuedToken>.Invalid("unitId", string.IsNullOrWhiteSpace(request.UnitId) ? "required" : $"no organisation unit '{request.UnitId}'");
        }
        if (!UnitDirectory.IsReportingUnit(unit))
        {
            return AccessOutcome<IssuedToken>.Invalid("unitId", $"'{unit.Id}' is an administration, not a reporting unit");
        }
        if (request.Days is < 1 or > MaxTokenDays)
        {
            return AccessOutcome<IssuedToken>.Invalid("days", $"{request.Days} is out of range: a token is valid for 1 to {MaxTokenDays} days");
        }
        if (request.Name is { Length: > 200 })
        {
            return AccessOutcome<IssuedToken>.Invalid("name", "at most 200 characters");
        }
        if (!AccessRules.MayAdministerUnit(actor, unit))
        {
            return AccessOutcome<IssuedToken>.Forbidden(AccessRules.WhyNotUnit(actor, unit));
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
        return AccessOutcome<IssuedToken>.Ok(new IssuedToken(id, secret, unit.Id, row.Name, await units.RegionsOfAsync(unit, ct), row.ExpiresAt));
    }

    public async Task<AccessOutcome<TokenInfo>> RevokeTokenAsync(Actor actor, string tokenId, CancellationToken ct = default)
    {
        if (!AccessRules.IsAdministrator(actor))
        {
            return AccessOutcome<TokenInfo>.Forbidden("only the ministry and province administrations revoke API tokens");
        }
        var row = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId, ct);
        if (row is null)
        {
            return AccessOutcome<TokenInfo>.NotFound($"no API token '{tokenId}'");
        }
        var unit = await units.FindAsync(row.UnitId, ct);
        if (unit is null || !AccessRules.MayAdministerUnit(actor, unit))
        {
            return AccessOutcome<TokenInfo>.Forbidden(unit is null ? "the token's unit no longer exists" : AccessRules.WhyNotUnit(actor, unit));
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
        return AccessOutcome<TokenInfo>.Ok(Info(row));
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

    public async Task<AccessOutcome<OrgUnitInfo>> CreateEnterpriseAsync(Actor actor, NewEnterprise request, CancellationToken ct = default)
    {
        if (!AccessRules.IsAdministrator(actor))
        {
            return AccessOutcome<OrgUnitInfo>.Forbidden("only the ministry and province administrations register enterprises");
        }
        var errors = new Dictionary<string, string[]>();
        var id = request.Id?.Trim() ?? "";
        if (!UnitIdPattern().IsMatch(id))
        {
            errors["id"] = [$"'{id}' is not a unit id: 2–32 lower-case letters, digits or '-', starting with a letter or digit"];
        }
        if (string.IsNullOrWhiteSpace(request.NameZh) || request.NameZh.Length > 200)
        {
            errors["nameZh"] = ["required, at most 200 characters"];
        }
        if (request.NameEn is { Length: > 200 })
        {
            errors["nameEn"] = ["at most 200 characters"];
        }
        if (!IsProvince(request.RegionCode))
        {
            errors["regionCode"] = [$"'{request.RegionCode}' is not a provincial GB/T 2260 code, e.g. 440000"];
        }
        if (errors.Count > 0)
        {
            return AccessOutcome<OrgUnitInfo>.Invalid(errors);
        }
        var region = request.RegionCode!.Trim();
        if (actor.Role == Role.ProvinceAdmin && region != actor.RegionCode)
        {
            return AccessOutcome<OrgUnitInfo>.Forbidden($"you administer region {actor.RegionCode} only; an enterprise in {region} is registered by that province or the ministry");
        }
        if (await db.OrgUnits.AnyAsync(u => u.Id == id, ct))
        {
            return AccessOutcome<OrgUnitInfo>.Conflict($"the unit id '{id}' is taken");
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
        return AccessOutcome<OrgUnitInfo>.Ok(await units.InfoAsync(unit, ct));
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

    private static void RejectScope(Dictionary<string, string[]> errors, NewUser request, bool region, bool unitId)
    {
        if (!region && !string.IsNullOrWhiteSpace(request.RegionCode))
        {
            errors["regionCode"] = [$"applies to province administrators only, not to role {request.Role.WireName()}"];
        }
        if (!unitId && !string.IsNullOrWhiteSpace(request.UnitId))
        {
            errors["unitId"] = [$"applies to reporters only, not to role {request.Role.WireName()}"];
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
