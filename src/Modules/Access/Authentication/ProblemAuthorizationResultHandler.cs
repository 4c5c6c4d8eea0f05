using IctGov.Kernel.Results;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace IctGov.Access.Authentication;

/// <summary>
/// When a policy refuses an API request, answers with the platform's problem details saying what to
/// do (sign in or send a token; this account's role may not), instead of an empty 401/403. Pages keep
/// the default: the login page for nobody signed in.
/// </summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !AccessModule.IsApi(context.Request))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }
        var problem = authorizeResult.Challenged
            ? OutcomeResults.Problem(OutcomeStatus.Unauthenticated, "sign in, or send an API token (Authorization: Bearer …)")
            : OutcomeResults.Problem(OutcomeStatus.Forbidden, "this account's role may not do this");
        if (authorizeResult.Challenged)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }
        await problem.ExecuteAsync(context);
    }
}
