using System.Security.Claims;
using IctGov.Kernel.Security;

namespace IctGov.Access.Authentication;

/// <summary>
/// The one place where claims become an <see cref="Actor"/> and back. Cookies (people) and API
/// tokens (machines) carry the same claims, so every module sees one kind of actor. Anything
/// missing or unreadable gives <see cref="Actor.Anonymous"/>: a broken principal never gains rights.
/// </summary>
internal static class ActorClaims
{
    public const string ActorId = "ictgov:actor";
    public const string DisplayName = "ictgov:name";
    public const string Region = "ictgov:region";
    public const string Unit = "ictgov:unit";
    public const string Covers = "ictgov:covers";

    /// <summary>The standard role claim, holding the <see cref="Kernel.Security.Role"/> name, so RequireRole works too.</summary>
    public const string Role = ClaimTypes.Role;

    /// <summary>The claims that describe the actor, beyond the name and identifier an identity already has.</summary>
    public static IEnumerable<Claim> For(Actor actor)
    {
        yield return new Claim(ActorId, actor.Id);
        yield return new Claim(DisplayName, actor.Name);
        yield return new Claim(Role, actor.Role.ToString());
        if (actor.RegionCode is { } region)
        {
            yield return new Claim(Region, region);
        }
        if (actor.UnitId is { } unit)
        {
            yield return new Claim(Unit, unit);
        }
        foreach (var r in actor.Regions)
        {
            yield return new Claim(Covers, r);
        }
    }

    /// <summary>A complete principal for an actor authenticated by <paramref name="authenticationType"/>.</summary>
    public static ClaimsPrincipal Principal(Actor actor, string authenticationType)
    {
        Claim[] basic = [new(ClaimTypes.NameIdentifier, actor.Id), new(ClaimTypes.Name, actor.Name)];
        return new ClaimsPrincipal(new ClaimsIdentity(basic.Concat(For(actor)), authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static Actor ToActor(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not { IsAuthenticated: true } || principal.FindFirstValue(ActorId) is not { Length: > 0 } id)
        {
            return Actor.Anonymous;
        }
        var role = principal.FindFirstValue(Role) switch
        {
            nameof(Kernel.Security.Role.MinistryAdmin) => Kernel.Security.Role.MinistryAdmin,
            nameof(Kernel.Security.Role.ProvinceAdmin) => Kernel.Security.Role.ProvinceAdmin,
            nameof(Kernel.Security.Role.Reporter) => Kernel.Security.Role.Reporter,
            _ => Kernel.Security.Role.Public,
        };
        var name = principal.FindFirstValue(DisplayName) ?? principal.Identity.Name ?? id;
        var region = principal.FindFirstValue(Region);
        var unit = principal.FindFirstValue(Unit);
        var covers = principal.FindAll(Covers).Select(c => c.Value).ToArray();
        return role switch
        {
            // Administrations report their own compiled totals under their own unit.
            Kernel.Security.Role.MinistryAdmin => new Actor(id, name, role, null, Data.UnitCatalogue.MinistryId, [Kernel.Region.NationalCode]),
            // A province administrator without a region, or a reporter without a unit, is a broken
            // account: it gets nothing rather than a scope nobody chose.
            Kernel.Security.Role.ProvinceAdmin when region is not null => new Actor(id, name, role, region, Data.UnitCatalogue.AdministrationId(region), [region]),
            Kernel.Security.Role.Reporter when unit is not null => new Actor(id, name, role, null, unit, covers),
            _ => Actor.Anonymous,
        };
    }
}
