using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Web.Security;

/// <summary>
/// Endpoint conventions that decide on the <see cref="Actor"/> (role, region, unit), not on raw claims.
/// For a role, prefer a named policy: <c>RequireAuthorization(Policies.MinistryOnly)</c>.
/// </summary>
public static class EndpointAuthorization
{
    /// <summary>Requires a signed-in actor (person or token) whose role is one of <paramref name="roles"/>.</summary>
    public static TBuilder RequireActor<TBuilder>(this TBuilder builder, params Role[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireActor(actor => roles.Contains(actor.Role));

    /// <summary>Requires a signed-in actor (person or token) for whom <paramref name="allowed"/> holds.</summary>
    public static TBuilder RequireActor<TBuilder>(this TBuilder builder, Func<Actor, bool> allowed) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.RequireAuthenticatedUser().RequireAssertion(c =>
            c.Resource is HttpContext http && allowed(http.RequestServices.GetRequiredService<IActorAccessor>().Current)));
}
