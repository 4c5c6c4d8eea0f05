using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Planning.Features;

/// <summary>
/// The plan's figures and targets are the ministry's to change: imports, revisions and frozen
/// evaluations need a signed-in ministry administrator (401 if nobody is signed in, 403 otherwise).
/// Reading stays public, because what is in Planning has been published.
/// </summary>
internal static class MinistryOnly
{
    public static TBuilder RequireMinistry<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var actor = context.HttpContext.RequestServices.GetRequiredService<IActorAccessor>().Current;
            return actor.Role switch
            {
                Role.MinistryAdmin => await next(context),
                Role.Public => TypedResults.Problem("sign in as a ministry administrator", statusCode: StatusCodes.Status401Unauthorized),
                _ => TypedResults.Problem("only the ministry changes the plan's figures and targets", statusCode: StatusCodes.Status403Forbidden),
            };
        });
}
