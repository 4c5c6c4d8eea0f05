using IctGov.Access.Contracts;
using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Identity;

namespace IctGov.Access.Data;

/// <summary>
/// A person's account. Identity keeps the name, password hash, security stamp and lockout; the
/// platform adds exactly one role and its scope (a region for a province administrator, a unit for
/// a reporter), so an account can never hold two scopes at once.
/// </summary>
internal sealed class AccessUser : IdentityUser
{
    public Role Role { get; set; }
    public string? RegionCode { get; set; }
    public string? UnitId { get; set; }
    public string? DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}

/// <summary>The ministry, a provincial administration, an operator, an operator's branch or an enterprise.</summary>
internal sealed class OrgUnit
{
    public string Id { get; set; } = "";
    public OrgUnitKind Kind { get; set; }
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string? RegionCode { get; set; }
    public string? ParentId { get; set; }
}

/// <summary>
/// A machine's credential. Only the SHA-256 of the token is kept, so a copy of the database does
/// not let anyone submit data; the id is the token's public prefix and finds the row.
/// </summary>
internal sealed class ApiToken
{
    public string Id { get; set; } = "";
    public byte[] Hash { get; set; } = [];
    public string UnitId { get; set; } = "";
    public string Name { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}
