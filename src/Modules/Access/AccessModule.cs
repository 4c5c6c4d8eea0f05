using IctGov.Access.Authentication;
using IctGov.Access.Contracts;
using IctGov.Access.Data;
using IctGov.Access.Features;
using IctGov.Kernel.Security;
using IctGov.Web.Modules;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Access;

/// <summary>
/// The Access module: organisation units, users, roles, API tokens (部省两级 access control).
/// People sign in with a password (cookie); operators' systems send <c>Authorization: Bearer</c>
/// tokens. Both become one <see cref="Actor"/>, given to every module by <see cref="IActorAccessor"/>.
/// </summary>
public sealed class AccessModule : PlatformModule
{
    /// <summary>The default scheme: a Bearer token when the request carries one, else the sign-in cookie.</summary>
    public const string Scheme = "IctGov";

    /// <summary>The sign-in cookie's scheme (Identity's application scheme, which its sign-in manager uses).</summary>
    public static readonly string CookieScheme = IdentityConstants.ApplicationScheme;

    /// <summary>The API token scheme.</summary>
    public const string TokenScheme = ApiTokenHandler.SchemeName;

    /// <inheritdoc/>
    public override string Name => "Access";

    /// <summary>After Audit: every other module decides on the actor it resolves.</summary>
    public override int Order => 10;

    /// <summary>Registers the module's storage, authentication schemes, the platform's policies and services.</summary>
    public override void AddServices(ModuleServices services)
    {
        services.AddDatabase<AccessDbContext, SqliteAccessDbContext, PostgresAccessDbContext>();
        AddAccessServices(services.Services);
    }

    private static void AddAccessServices(IServiceCollection services)
    {
        services.AddLogging();
        services.AddHttpContextAccessor();
        services.AddScoped<AccessInitializer>();
        services.AddScoped<UnitDirectory>();
        services.AddScoped<IctGov.Kernel.Security.IOrganisationDirectory, OrganisationDirectory>();
        services.AddScoped<ApiTokenVerifier>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<IAccessAdministration, AccessAdministration>();
        services.AddScoped<IActorAccessor, ActorAccessor>();
        AddIdentity(services);
        AddAuthenticationSchemes(services);
        AddPolicies(services);
    }

    /// <summary>ASP.NET Core Identity for people: password rules, lockout, security stamps.</summary>
    private static void AddIdentity(IServiceCollection services)
    {
        services.AddIdentityCore<AccessUser>(o =>
            {
                // Length over composition rules (NIST SP 800-63B): at least 10 characters, not one repeated.
                o.Password.RequiredLength = 10;
                o.Password.RequiredUniqueChars = 4;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                // The migrations are scaffolded without the application's options, where Identity
                // falls back to schema version 1; pinning it here keeps the runtime model the same.
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version1;
            })
            .AddUserManager<AccessUserManager>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AccessClaimsPrincipalFactory>()
            .AddEntityFrameworkStores<AccessDbContext>();
        services.AddScoped<ISecurityStampValidator, SecurityStampValidator<AccessUser>>();
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, clock) =>
        {
            // A new password or a changed scope reaches signed-in sessions within this time.
            o.ValidationInterval = TimeSpan.FromMinutes(5);
            o.TimeProvider = clock;
        });
    }

    /// <summary>One default scheme that forwards to the API token handler or the sign-in cookie.</summary>
    private static void AddAuthenticationSchemes(IServiceCollection services)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or API token", o =>
                o.ForwardDefaultSelector = http => ApiTokenHandler.BearerToken(http.Request.Headers.Authorization) is null ? CookieScheme : TokenScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.ReturnUrlParameter = "returnUrl";
                o.Cookie.Name = "ictgov.auth";
                o.Cookie.HttpOnly = true;
                // Lax: a cross-site POST carries no cookie, so a form on another site cannot act as the user.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync,
                    // A script calling the API wants a status code, not the login page's HTML.
                    OnRedirectToLogin = context =>
                    {
                        if (IsApi(context.Request))
                        {
                            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                            context.Response.Headers.WWWAuthenticate = "Bearer";
                        }
                        else
                        {
                            context.Response.Redirect(context.RedirectUri);
                        }
                        return Task.CompletedTask;
                    },
                    OnRedirectToAccessDenied = context =>
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Task.CompletedTask;
                    },
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(TokenScheme, null);
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<TimeProvider>((o, clock) => o.TimeProvider = clock);
        services.AddOptions<AuthenticationSchemeOptions>(TokenScheme).Configure<TimeProvider>((o, clock) => o.TimeProvider = clock);
    }

    private static void AddPolicies(IServiceCollection services)
    {
        // The platform's policies (kernel Policies), each a set of roles; the role claim is the Role's name.
        services.AddAuthorization(o =>
        {
            foreach (var (policy, roles) in Policies.Roles)
            {
                o.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles.Select(r => r.ToString())));
            }
        });
        // 401/403 from a policy answer an API caller with problem details that say what to do.
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
    }

    /// <summary>Seeds the organisation units.</summary>
    public override Task InitializeAsync(IServiceProvider scope, CancellationToken ct) =>
        scope.GetRequiredService<AccessInitializer>().SeedAsync(ct);

    /// <inheritdoc/>
    public override void MapApi(RouteGroupBuilder api) => api.MapAccessApi();

    internal static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
