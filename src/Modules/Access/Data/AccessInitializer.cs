using Microsoft.EntityFrameworkCore;

namespace IctGov.Access.Data;

/// <summary>
/// Brings the module's tables up to date and adds the seed organisation units that are missing.
/// Units already present are left alone, so an administrator's corrections survive restarts.
/// </summary>
internal sealed class AccessInitializer(AccessDbContext db)
{

    public async Task SeedAsync(CancellationToken ct = default)
    {
        var known = (await db.OrgUnits.Select(u => u.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var missing = UnitCatalogue.Seed().Where(u => !known.Contains(u.Id)).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        // Parents first: a branch's row refers to its operator's.
        db.OrgUnits.AddRange(missing.Where(u => u.ParentId is null));
        await db.SaveChangesAsync(ct);
        db.OrgUnits.AddRange(missing.Where(u => u.ParentId is not null));
        await db.SaveChangesAsync(ct);
    }
}
