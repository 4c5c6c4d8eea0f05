using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Access.Authentication;

/// <summary>
/// The actor of the current HTTP request, from the principal the cookie or token scheme built.
/// Outside a request the caller is the platform itself: the command line (no web server
/// registered) is <c>system:cli</c>; start-up seeding and background work of the web host are
/// <c>system:host</c>.
/// </summary>
internal sealed class ActorAccessor(IHttpContextAccessor http, IServiceProvider services) : IActorAccessor
{
    public Actor Current => http.HttpContext is { } context
        ? ActorClaims.ToActor(context.User)
        : Actor.System(services.GetService<IServer>() is null ? "cli" : "host");
}
