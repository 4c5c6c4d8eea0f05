using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace IctGov.Access.Authentication;

/// <summary>Authenticates <c>Authorization: Bearer ictg_…</c> (an operator's reporting system).</summary>
internal sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request.Headers.Authorization) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }
        var check = await verifier.VerifyAsync(token, Context.RequestAborted);
        if (check.Actor is null)
        {
            return AuthenticateResult.Fail(check.Failure ?? "invalid token");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(ActorClaims.Principal(check.Actor, SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // RFC 6750 §3: a token that was presented but refused is "invalid_token".
        Response.Headers.Append(HeaderNames.WWWAuthenticate, result.Failure is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{result.Failure.Message}\"");
    }

    /// <summary>The token of a Bearer authorization header, or null when there is none.</summary>
    public static string? BearerToken(string? authorization) =>
        authorization is { Length: > 7 } && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization[7..].Trim()
            : null;
}
