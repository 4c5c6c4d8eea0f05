using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Web.Security;

/// <summary>
/// What every response and every write of the platform gets, once: security headers (CSP without
/// inline script, no sniffing, no framing, same-origin referrers), HSTS and Secure cookies over
/// HTTPS, and the refusal of cross-site writes made with the sign-in cookie.
/// </summary>
public static class WebSecurity
{
    /// <summary>
    /// Scripts only from the platform's own files (charts read their options from data attributes),
    /// so an injected <c>&lt;script&gt;</c> or <c>on…=</c> attribute does not run. Inline styles stay
    /// allowed: the pages size charts and legend swatches with them, and a style runs no code.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Cookies Secure over HTTPS and never readable by script; HSTS for a year.</summary>
    public static IServiceCollection AddWebSecurity(this IServiceCollection services)
    {
        services.Configure<CookiePolicyOptions>(o =>
        {
            o.Secure = CookieSecurePolicy.SameAsRequest;
            o.HttpOnly = HttpOnlyPolicy.Always;
            o.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            // Browsers ignore HSTS for IP addresses; "localhost" stays out so a developer's other local sites keep plain HTTP.
            o.ExcludedHosts.Clear();
            o.ExcludedHosts.Add("localhost");
        });
        return services;
    }

    /// <summary>Headers on every response, HSTS on HTTPS ones, and the cookie policy. First in the pipeline, so error pages carry them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(http);
        });
        app.UseHsts();
        app.UseCookiePolicy();
        return app;
    }

    /// <summary>
    /// Refuses a write (POST, PUT, PATCH, DELETE) that the sign-in cookie authenticated unless the
    /// browser says it comes from the platform's own pages: <c>Sec-Fetch-Site: same-origin</c>, or,
    /// from a browser without Fetch Metadata, an <c>Origin</c> equal to the platform's. A page on
    /// another site — or another port of the same host, which SameSite=Lax cookies do not stop —
    /// cannot act as the signed-in user, whatever the content type. Requests with an
    /// <c>Authorization</c> header (API tokens) are not cookie-authenticated and pass; so do
    /// requests with no browser metadata at all, which no browser sends cross-origin. Goes after
    /// authentication.
    /// </summary>
    public static IApplicationBuilder UseCrossSiteWriteGuard(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (IsCookieWrite(http) && !FromOwnPages(http.Request))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused",
                    detail: "a write with the sign-in cookie must come from the platform's own pages; other systems send an API token (Authorization: Bearer)")
                    .ExecuteAsync(http);
                return;
            }
            await next(http);
        });

    private static bool IsCookieWrite(HttpContext http) =>
        !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method))
        && http.User.Identity?.IsAuthenticated == true
        && http.Request.Headers.Authorization.Count == 0;

    /// <summary>Whether the browser vouches that the request comes from the platform's own origin.</summary>
    internal static bool FromOwnPages(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"];
        if (site.Count > 0)
        {
            // "none": the user's own action (address bar, bookmark), which cannot carry a forged write.
            return site.ToString() is "same-origin" or "none";
        }
        var origin = request.Headers.Origin;
        if (origin.Count > 0)
        {
            return string.Equals(origin.ToString(), $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
        }
        return true;
    }
}
