using IctGov.Access.Data;
using IctGov.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Access.Features;

/// <summary>The organisation units as other modules see them (who is due to report where), through the kernel contract.</summary>
internal sealed class OrganisationDirectory(AccessDbContext db) : IOrganisationDirectory
{
    public async Task<IReadOnlyList<OrganisationUnit>> ListAsync(CancellationToken ct = default) =>
        (await db.OrgUnits.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct))
            .Select(u => new OrganisationUnit(u.Id, u.Kind.ToString(), u.NameZh, u.NameEn, u.RegionCode, u.ParentId)).ToList();
}
