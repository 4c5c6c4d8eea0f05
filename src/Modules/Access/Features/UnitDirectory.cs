using IctGov.Access.Contracts;
using IctGov.Access.Data;
using IctGov.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Access.Features;

/// <summary>Organisation units and the regions each one reports for.</summary>
internal sealed class UnitDirectory(AccessDbContext db)
{
    public Task<OrgUnit?> FindAsync(string? id, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(id) ? Task.FromResult<OrgUnit?>(null) : db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id.Trim(), ct);

    /// <summary>
    /// An operator reports for the regions of its branches; a branch or an enterprise for its own
    /// region; administrations are not reporting units and cover nothing.
    /// </summary>
    public async Task<IReadOnlyList<string>> RegionsOfAsync(OrgUnit unit, CancellationToken ct) => unit.Kind switch
    {
        OrgUnitKind.Operator => await db.OrgUnits.AsNoTracking()
            .Where(b => b.ParentId == unit.Id && b.Kind == OrgUnitKind.OperatorBranch && b.RegionCode != null)
            .OrderBy(b => b.RegionCode).Select(b => b.RegionCode!).Distinct().ToListAsync(ct),
        OrgUnitKind.OperatorBranch or OrgUnitKind.Enterprise when unit.RegionCode is { } r => [r],
        _ => [],
    };

    public static bool IsReportingUnit(OrgUnit unit) => unit.Kind is OrgUnitKind.Operator or OrgUnitKind.OperatorBranch or OrgUnitKind.Enterprise;

    public async Task<OrgUnitInfo> InfoAsync(OrgUnit unit, CancellationToken ct) =>
        new(unit.Id, unit.Kind, unit.NameZh, unit.NameEn, unit.RegionCode, unit.ParentId, await RegionsOfAsync(unit, ct));

    /// <summary>The actor an account acts as: its one role with its scope as stored now.</summary>
    public async Task<Actor> ActorForAsync(AccessUser user, CancellationToken ct)
    {
        var id = "user:" + user.Id;
        var name = string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? user.Id : user.DisplayName;
        switch (user.Role)
        {
            case Role.MinistryAdmin:
                return new Actor(id, name, Role.MinistryAdmin, null, null, []);
            case Role.ProvinceAdmin when user.RegionCode is not null:
                return new Actor(id, name, Role.ProvinceAdmin, user.RegionCode, null, []);
            case Role.Reporter when await FindAsync(user.UnitId, ct) is { } unit:
                return new Actor(id, name, Role.Reporter, null, unit.Id, await RegionsOfAsync(unit, ct));
            default:
                return Actor.Anonymous;
        }
    }
}
