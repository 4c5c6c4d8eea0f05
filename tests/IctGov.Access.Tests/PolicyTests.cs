using IctGov.Access.Authentication;
using IctGov.Web.Security;
using IctGov.Access.Tests.Infrastructure;
using IctGov.Kernel;
using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Access.Tests;

/// <summary>The authorization helpers other modules use decide on the actor, whichever way it signed in.</summary>
public class PolicyTests
{
    private sealed class Conventions : IEndpointConventionBuilder
    {
        public List<Action<EndpointBuilder>> All { get; } = [];
        public void Add(Action<EndpointBuilder> convention) => All.Add(convention);
    }

    [Fact]
    public async Task NamedPolicies_AdmitOnlyTheirRoles()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ictgov-policy-" + Guid.NewGuid().ToString("N"));
        await using var services = ModuleHarness.BuildServices(StorageOptions.Resolve(dir, "sqlite", null, _ => null), TimeProvider.System, new AccessModule());
        try
        {
            var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
            var expected = new Dictionary<string, Role[]>
            {
                [Policies.MinistryOnly] = [Role.MinistryAdmin],
                [Policies.ProvinceOrMinistry] = [Role.ProvinceAdmin, Role.MinistryAdmin],
                [Policies.Reporter] = [Role.Reporter],
            };
            Actor[] actors = [Actor.Anonymous, AccessHarness.GuangdongTelecom, AccessHarness.Guangdong, AccessHarness.Ministry];
            foreach (var (name, roles) in expected)
            {
                var policy = (await policies.GetPolicyAsync(name))!;
                foreach (var actor in actors)
                {
                    Assert.Equal(roles.Contains(actor.Role), await AllowsAsync(services, policy, actor));
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task RequireActor_DecidesOnTheActorsScope()
    {
        await using var services = new ServiceCollection().AddLogging().AddAuthorization().BuildServiceProvider();
        var reviewGuangdong = Policy(new Conventions().RequireActor(a => a.CanReview("440000")));
        Assert.True(await AllowsAsync(services, reviewGuangdong, AccessHarness.Guangdong));
        Assert.False(await AllowsAsync(services, reviewGuangdong, AccessHarness.Beijing));
        Assert.False(await AllowsAsync(services, reviewGuangdong, Actor.Anonymous));

        var reporters = Policy(new Conventions().RequireActor(Role.Reporter));
        Assert.True(await AllowsAsync(services, reporters, AccessHarness.GuangdongTelecom));
        Assert.False(await AllowsAsync(services, reporters, AccessHarness.Ministry));
    }

    private static AuthorizationPolicy Policy(Conventions conventions)
    {
        var endpoint = new RouteEndpointBuilder(_ => Task.CompletedTask, RoutePatternFactory.Parse("/"), 0);
        foreach (var convention in conventions.All)
        {
            convention(endpoint);
        }
        return endpoint.Metadata.OfType<AuthorizationPolicy>().Single();
    }

    private static async Task<bool> AllowsAsync(IServiceProvider services, AuthorizationPolicy policy, Actor actor)
    {
        var principal = actor == Actor.Anonymous ? new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity()) : ActorClaims.Principal(actor, "test");
        // The platform's RequireActor reads the actor the request's IActorAccessor resolves, as in a real request.
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext
        {
            User = principal,
            RequestServices = new ServiceCollection().AddSingleton<IActorAccessor>(new FixedActor(actor)).BuildServiceProvider(),
        };
        return (await services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(principal, http, policy)).Succeeded;
    }

    private sealed class FixedActor(Actor actor) : IActorAccessor
    {
        public Actor Current => actor;
    }
}
