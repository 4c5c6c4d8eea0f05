using IctGov.Access.Authentication;
using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Builder;

namespace IctGov.Access.Contracts;

/// <summary>
/// Authorization policies registered by the Access module. An endpoint that needs one answers 401
/// to nobody signed in (API paths; pages redirect to the login page) and 403 to an actor of another
/// role. The names are stable strings, so a module that cannot reference this project may use them
/// as literals with <c>RequireAuthorization("…")</c>; the role claim is the <see cref="Role"/> name,
/// so <c>RequireRole(nameof(Role.MinistryAdmin))</c> works as well.
/// </summary>
public static class AccessPolicies
{
    /// <summary>The ministry's administrators only.</summary>
    public const string MinistryOnly = "MinistryOnly";

    /// <summary>A province administration or the ministry (further scoping is the endpoint's: see <see cref="Actor.CanReview"/>).</summary>
    public const string ProvinceOrMinistry = "ProvinceOrMinistry";

    /// <summary>A reporter: a person or an API token of a reporting unit (further scoping: <see cref="Actor.CanSubmit"/>).</summary>
    public const string Reporter = "Reporter";
}

/// <summary>Endpoint conventions that decide on the <see cref="Actor"/>, not on raw claims.</summary>
public static class ActorAuthorization
{
    /// <summary>Requires a signed-in actor (person or token) whose role is one of <paramref name="roles"/>.</summary>
    public static TBuilder RequireActor<TBuilder>(this TBuilder builder, params Role[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireActor(actor => roles.Contains(actor.Role));

    /// <summary>Requires a signed-in actor (person or token) for whom <paramref name="allowed"/> holds.</summary>
    public static TBuilder RequireActor<TBuilder>(this TBuilder builder, Func<Actor, bool> allowed) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.RequireAuthenticatedUser().RequireAssertion(c => allowed(ActorClaims.ToActor(c.User))));
}
