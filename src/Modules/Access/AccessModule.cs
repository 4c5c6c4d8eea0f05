using IctGov.Access.Authentication;
using IctGov.Access.Contracts;
using IctGov.Access.Data;
using IctGov.Access.Features;
using IctGov.Kernel;
using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Access;

/// <summary>
/// The Access module: organisation units, users, roles, API tokens (部省两级 access control).
/// People sign in with a password (cookie); operators' systems send <c>Authorization: Bearer</c>
/// tokens. Both become one <see cref="Actor"/>, given to every module by <see cref="IActorAccessor"/>.
/// </summary>
public static class AccessModule
{
    /// <summary>The default scheme: a Bearer token when the request carries one, else the sign-in cookie.</summary>
    public const string Scheme = "IctGov";

    /// <summary>The sign-in cookie's scheme (Identity's application scheme, which its sign-in manager uses).</summary>
    public static readonly string CookieScheme = IdentityConstants.ApplicationScheme;

    /// <summary>The API token scheme.</summary>
    public const string TokenScheme = ApiTokenHandler.SchemeName;

    private const string MigrationsHistoryTable = "access_migrations_history";

    /// <summary>Registers the module's storage, authentication schemes and services.</summary>
    public static IServiceCollection AddAccess(this IServiceCollection services, StorageOptions storage)
    {
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(storage.DataDirectory);
            services.AddDbContext<AccessDbContext, SqliteAccessDbContext>(o => o.UseSqlite(storage.ConnectionString, x => x.MigrationsHistoryTable(MigrationsHistoryTable)));
        }
        else
        {
            services.AddDbContext<AccessDbContext, PostgresAccessDbContext>(o => o.UseNpgsql(storage.ConnectionString, x => x.MigrationsHistoryTable(MigrationsHistoryTable)));
        }
        services.AddLogging();
        services.AddHttpContextAccessor();
        services.AddScoped<AccessInitializer>();
        services.AddScoped<UnitDirectory>();
        services.AddScoped<IctGov.Kernel.Security.IOrganisationDirectory, OrganisationDirectory>();
        services.AddScoped<ApiTokenVerifier>();
        services.AddScoped<IAccessAdministration, AccessAdministration>();
        services.AddScoped<IActorAccessor, ActorAccessor>();

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

        services.AddAuthorization(o =>
        {
            o.AddPolicy(AccessPolicies.MinistryOnly, p => p.RequireAuthenticatedUser().RequireRole(nameof(Role.MinistryAdmin)));
            o.AddPolicy(AccessPolicies.ProvinceOrMinistry, p => p.RequireAuthenticatedUser().RequireRole(nameof(Role.ProvinceAdmin), nameof(Role.MinistryAdmin)));
            o.AddPolicy(AccessPolicies.Reporter, p => p.RequireAuthenticatedUser().RequireRole(nameof(Role.Reporter)));
        });
        return services;
    }

    /// <summary>Applies the module's migrations and seeds organisation units.</summary>
    public static async Task InitializeAccessAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccessInitializer>().MigrateAndSeedAsync(ct);
    }

    /// <summary>Maps the module's endpoints (its pages are found by the host's Razor Pages).</summary>
    public static IEndpointRouteBuilder MapAccess(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").WithTags("Access").MapAccessApi();
        return app;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
}
