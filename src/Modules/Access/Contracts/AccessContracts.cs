using IctGov.Kernel.Results;
using IctGov.Kernel.Security;

namespace IctGov.Access.Contracts;

/// <summary>What kind of organisation a unit (组织单位) is.</summary>
public enum OrgUnitKind
{
    /// <summary>The Ministry of Industry and Information Technology (工业和信息化部).</summary>
    Ministry = 0,
    /// <summary>A provincial communications administration (省通信管理局), one per region.</summary>
    ProvinceAdministration = 1,
    /// <summary>A basic telecom operator's headquarters (基础电信企业), e.g. 中国电信; it covers the regions of its branches.</summary>
    Operator = 2,
    /// <summary>An operator's branch in one province (省分公司).</summary>
    OperatorBranch = 3,
    /// <summary>Any other reporting enterprise, registered in one region by an administrator.</summary>
    Enterprise = 4,
}

/// <summary>The stable wire names of roles and unit kinds used by the API and the command line.</summary>
public static class AccessNames
{
    /// <summary><c>public</c>, <c>reporter</c>, <c>province</c> or <c>ministry</c>.</summary>
    public static string WireName(this Role role) => role switch
    {
        Role.Reporter => "reporter",
        Role.ProvinceAdmin => "province",
        Role.MinistryAdmin => "ministry",
        _ => "public",
    };

    /// <summary>Parses a role's wire name (also accepts the enum name); public is not a role one can be given.</summary>
    public static bool TryParseRole(string? text, out Role role)
    {
        role = Role.Public;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "reporter":
                role = Role.Reporter;
                return true;
            case "province" or "provinceadmin" or "province_admin":
                role = Role.ProvinceAdmin;
                return true;
            case "ministry" or "ministryadmin" or "ministry_admin":
                role = Role.MinistryAdmin;
                return true;
            default:
                return false;
        }
    }

    /// <summary>e.g. <c>operator_branch</c>.</summary>
    public static string WireName(this OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.Ministry => "ministry",
        OrgUnitKind.ProvinceAdministration => "province_administration",
        OrgUnitKind.Operator => "operator",
        OrgUnitKind.OperatorBranch => "operator_branch",
        _ => "enterprise",
    };
}

/// <summary>An organisation unit as other modules and the API see it.</summary>
/// <param name="Id">Stable key, e.g. <c>ministry</c>, <c>prov-440000</c>, <c>ct</c>, <c>ct-440000</c>.</param>
/// <param name="RegionCode">GB/T 2260 code of a province administration, branch or enterprise; null for the ministry and operators.</param>
/// <param name="ParentId">A branch's operator; a province administration's ministry.</param>
/// <param name="Regions">The regions the unit reports for (an operator: those of its branches).</param>
public sealed record OrgUnitInfo(string Id, OrgUnitKind Kind, string NameZh, string NameEn, string? RegionCode, string? ParentId, IReadOnlyList<string> Regions);

/// <summary>A person's account to create. Exactly one role and its scope.</summary>
/// <param name="RegionCode">Required for <see cref="Role.ProvinceAdmin"/>, ignored otherwise.</param>
/// <param name="UnitId">Required for <see cref="Role.Reporter"/>: an operator, branch or enterprise.</param>
public sealed record NewUser(string UserName, string Password, Role Role, string? RegionCode, string? UnitId, string? DisplayName = null);

/// <summary>A person's account, without any secret.</summary>
public sealed record UserInfo(string Id, string UserName, string? DisplayName, Role Role, string? RegionCode, string? UnitId, IReadOnlyList<string> Regions);

/// <summary>An API token to issue for an operator's or enterprise's reporting system.</summary>
/// <param name="Days">Validity in days (1–730).</param>
public sealed record NewToken(string UnitId, string? Name, int Days = 90);

/// <summary>A token just issued. <paramref name="Token"/> is shown this once: only its hash is stored.</summary>
public sealed record IssuedToken(string Id, string Token, string UnitId, string Name, IReadOnlyList<string> Regions, DateTimeOffset ExpiresAt);

/// <summary>A token as listed to administrators, without its secret.</summary>
/// <param name="Status"><c>active</c>, <c>expired</c> or <c>revoked</c>.</param>
public sealed record TokenInfo(string Id, string UnitId, string Name, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, string Status);

/// <summary>An enterprise (reporting unit) an administrator registers.</summary>
/// <param name="Id">Lower-case letters, digits and '-', 2–32 characters.</param>
public sealed record NewEnterprise(string Id, string NameZh, string? NameEn, string RegionCode);

/// <summary>
/// Administration of accounts, API tokens and reporting units, with the 部省两级 scoping rules:
/// the ministry may do everything; a province administration only for units in its own region
/// (reporters and tokens, never other administrators); reporters and the public administer nothing.
/// Used by the API and by <c>ictgov users</c> (which acts as <see cref="Actor.System"/>).
/// </summary>
public interface IAccessAdministration
{
    /// <summary>Creates a person's account with a hashed password.</summary>
    Task<Outcome<UserInfo>> CreateUserAsync(Actor actor, NewUser user, CancellationToken ct = default);

    /// <summary>Issues an API token for a reporting unit; the secret is in the answer only.</summary>
    Task<Outcome<IssuedToken>> IssueTokenAsync(Actor actor, NewToken token, CancellationToken ct = default);

    /// <summary>Revokes a token at once; revoking a revoked token succeeds again.</summary>
    Task<Outcome<TokenInfo>> RevokeTokenAsync(Actor actor, string tokenId, CancellationToken ct = default);

    /// <summary>The tokens the actor may see: all for the ministry, its region's units' for a province.</summary>
    Task<IReadOnlyList<TokenInfo>> ListTokensAsync(Actor actor, CancellationToken ct = default);

    /// <summary>Registers an enterprise as a reporting unit in one region.</summary>
    Task<Outcome<OrgUnitInfo>> CreateEnterpriseAsync(Actor actor, NewEnterprise enterprise, CancellationToken ct = default);

    /// <summary>Every organisation unit (public information), ministry first, then by id.</summary>
    Task<IReadOnlyList<OrgUnitInfo>> ListUnitsAsync(CancellationToken ct = default);
}
