using System.Globalization;
using IctGov.Kernel;
using IctGov.Web;
using IctGov.Web.Http;
using IctGov.Web.Modules;
using IctGov.Web.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.ApplicationParts;

namespace IctGov;

/// <summary>
/// Builds the web platform. <c>ictgov serve</c> and the integration tests use the same builder,
/// so what the tests exercise over real sockets is what runs.
/// </summary>
public static class PlatformHost
{
    /// <summary>Builds (but does not start) the web application on the given storage.</summary>
    public static WebApplication Build(string[] aspNetArgs, StorageOptions storage, TimeProvider? clock = null, ModuleSet? modules = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = aspNetArgs,
            ContentRootPath = AppContext.BaseDirectory,
            // Razor Pages are discovered through the application's name; under a test host it would
            // otherwise be the test runner's, and no page would be found.
            ApplicationName = typeof(PlatformHost).Assembly.GetName().Name,
        });
        // Each SQL statement at Information level drowns the log a regulator's operator reads.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(storage.DataDirectory, "keys")));
        builder.Services.AddSingleton(clock ?? TimeProvider.System);
        // Kestrel reads only its endpoints and certificates from configuration; its limits (the body
        // size above all, 30 MB by default) are bound here so an operator can set Kestrel:Limits:*.
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(builder.Configuration.GetSection("Kestrel"));
        // Each module binds its own configuration section (e.g. Identifiers:HandleNode, NetworkQuality).
        builder.Services.AddPlatform(storage, builder.Configuration, modules);
        // Pages come from the discovered modules, not only from the assemblies the host was compiled
        // against: a module deployed beside the executable brings its pages with it.
        var moduleSet = modules ?? PlatformModules.All;
        builder.Services.AddRazorPages().ConfigureApplicationPartManager(parts =>
        {
            foreach (var assembly in moduleSet.Modules.Select(m => m.GetType().Assembly).Distinct())
            {
                if (parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly)) continue;
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                {
                    parts.ApplicationParts.Add(part);
                }
            }
        });
        // Keep Chinese text readable in the served HTML instead of &#x…; escapes.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();
        builder.Services.AddWebSecurity();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            // Chinese first: the default culture is zh-CN; English is a switch kept in a cookie.
            var cultures = new[] { new CultureInfo("zh-CN"), new CultureInfo("en") };
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        var app = builder.Build();
        app.UseSecurityHeaders();
        // Before the error handlers: a re-executed error page keeps the language of the request it answers.
        app.UseRequestLocalization();
        // One error shape: an API caller gets RFC 9457 problem details, a browser the platform's error page.
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusOf });
            api.UseStatusCodePages();
        });
        app.UseWhen(http => !IsApi(http), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error/500", StatusCodeSelector = StatusOf });
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = WebAssets.FileProvider });
        // The interactive API page: swagger-ui's files come from the package (no network), its settings from its own
        // index.js, so the page runs under the platform's script-src 'self'.
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api-docs";
            o.SwaggerEndpoint("/openapi/v1.json", "IctGov API v1");
            o.DocumentTitle = "IctGov API · 接口文档";
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseCrossSiteWriteGuard();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi();
        // Every module's checks (its database, its stores): "ok", or 503 naming what does not answer.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthText.WriteAsync })
            .WithName("Health").WithSummary("Liveness, and every module's database and stores");
        app.MapGet("/lang", (string c, string? returnUrl, HttpContext http) =>
        {
            var culture = c == "en" ? "en" : "zh-CN";
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax });
            // Only local paths: an open redirect would let a link to the platform send users elsewhere.
            return Results.LocalRedirect(IsLocalPath(returnUrl) ? returnUrl : "/");
        }).ExcludeFromDescription();
        app.Services.GetRequiredService<ModuleSet>().Map(app);
        app.MapRazorPages();
        return app;
    }

    /// <summary>
    /// A path on this site: "/" then anything but a second "/" or "\" (browsers read "/\host" as
    /// "//host", another site), and no control characters.
    /// </summary>
    internal static bool IsLocalPath([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);

    /// <summary>An exception's status: a request Kestrel refused (body too large: 413, too slow: 408) keeps its own; anything else is a fault, 500.</summary>
    private static int StatusOf(Exception e) => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    /// <summary>A machine's request: an API path, or anything that does not ask for HTML (a Handle client, a probe).</summary>
    private static bool IsApi(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/openapi") || http.Request.Path.StartsWithSegments("/healthz")
        || !http.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
