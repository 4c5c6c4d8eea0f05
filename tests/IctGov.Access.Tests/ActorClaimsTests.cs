using System.Security.Claims;
using IctGov.Access.Authentication;
using IctGov.Access.Contracts;
using IctGov.Access.Tests.Infrastructure;
using IctGov.Kernel;
using IctGov.Kernel.Security;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Access.Tests;

public class ActorClaimsTests
{
    [Fact]
    public void Principal_RoundTripsEveryKindOfActor()
    {
        foreach (var actor in new[] { AccessHarness.Ministry, AccessHarness.Guangdong, AccessHarness.GuangdongTelecom })
        {
            var back = ActorClaims.ToActor(ActorClaims.Principal(actor, "test"));
            Assert.Equal(actor with { Regions = [] }, back with { Regions = [] });
            Assert.Equal(actor.Regions, back.Regions);
        }
    }

    [Fact]
    public void Principal_Unauthenticated_OrBroken_IsAnonymous()
    {
        Assert.Same(Actor.Anonymous, ActorClaims.ToActor(new ClaimsPrincipal(new ClaimsIdentity())));
        Assert.Same(Actor.Anonymous, ActorClaims.ToActor(null));
        // A province administrator without a region must not become one with every region.
        var noRegion = new ClaimsIdentity([new Claim(ActorClaims.ActorId, "user:x"), new Claim(ActorClaims.Role, nameof(Role.ProvinceAdmin))], "test");
        Assert.Same(Actor.Anonymous, ActorClaims.ToActor(new ClaimsPrincipal(noRegion)));
        var numericRole = new ClaimsIdentity([new Claim(ActorClaims.ActorId, "user:x"), new Claim(ActorClaims.Role, "3")], "test");
        Assert.Same(Actor.Anonymous, ActorClaims.ToActor(new ClaimsPrincipal(numericRole)));
    }

    [Fact]
    public void RoleNames_AreStableOnTheWire()
    {
        Assert.Equal(["public", "reporter", "province", "ministry"], Enum.GetValues<Role>().Select(r => r.WireName()));
        Assert.True(AccessNames.TryParseRole("Province", out var p) && p == Role.ProvinceAdmin);
        Assert.False(AccessNames.TryParseRole("public", out _));
        Assert.Equal("operator_branch", OrgUnitKind.OperatorBranch.WireName());
    }

    [Theory, DatabaseData]
    public async Task ActorAccessor_OutsideHttp_IsTheCommandLine(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        await using var scope = harness.Scope();
        var actor = scope.ServiceProvider.GetRequiredService<IActorAccessor>().Current;
        Assert.Equal(Actor.System("cli"), actor);
    }
}
