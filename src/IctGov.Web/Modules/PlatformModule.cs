using IctGov.Data;
using IctGov.Kernel;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IctGov.Web.Modules;

/// <summary>
/// A system of the plan, as the platform assembles it (Orchard Core's module Startup, eShop's
/// AddApplicationServices/MapXApi in one type). Each module project has exactly one public subclass
/// with a parameterless constructor; the host finds it (<see cref="ModuleSet.Discover"/>), so adding a
/// module never edits the host, the layout or another module. docs/ARCHITECTURE.md shows the shape,
/// and templates/module is a module to copy.
/// </summary>
public abstract class PlatformModule
{
    /// <summary>
    /// The module's name in the plan's terms, in PascalCase (<c>Planning</c>, <c>NetworkQuality</c>):
    /// its OpenAPI tag, its configuration section, and (lower-cased) its health-check and
    /// migrations-history names.
    /// </summary>
    public abstract string Name { get; }

    /// <summary>
    /// Where the module stands in start-up: lower first. Modules that others build on (Audit, Access,
    /// Planning) come first; a new module keeps the default.
    /// </summary>
    public virtual int Order => 100;

    /// <summary>Registers the module's storage, options and services.</summary>
    public virtual void AddServices(ModuleServices services) { }

    /// <summary>
    /// Seeds what the module needs on first run, after the host has applied every module's
    /// migrations (<see cref="ModuleServices.AddDatabase{TContext, TSqlite, TPostgres}"/>). Runs in a scope.
    /// </summary>
    public virtual Task InitializeAsync(IServiceProvider scope, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Maps the module's REST API. <paramref name="api"/> is the platform's <c>/api/v1</c> group, tagged
    /// with <see cref="Name"/>; a module's own paths start with its area (<c>/netq/…</c>, <c>/collection/…</c>).
    /// </summary>
    public virtual void MapApi(Microsoft.AspNetCore.Routing.RouteGroupBuilder api) { }

    /// <summary>
    /// Maps routes whose paths a published standard fixes outside <c>/api/v1</c> (the Handle.Net REST
    /// API's <c>/api/handles</c>, RDAP's <c>/rdap</c>). Most modules have none.
    /// </summary>
    public virtual void MapProtocolEndpoints(IEndpointRouteBuilder app) { }

    /// <summary>The module's entries in the platform's menu (its pages live under <c>Pages/&lt;Module&gt;/</c>).</summary>
    public virtual IEnumerable<NavigationItem> Navigation => [];

    /// <summary>
    /// The menu section the module's entries are listed under (<see cref="MenuSection.Networks"/>,
    /// <see cref="MenuSection.Supervision"/>), or null for a place of its own in the menu bar.
    /// </summary>
    public virtual MenuSection? MenuSection => null;
}

/// <summary>What a module registers its services with: the platform's storage and its own configuration section.</summary>
public sealed class ModuleServices
{
    internal ModuleServices(PlatformModule module, IServiceCollection services, StorageOptions storage, IConfiguration configuration)
    {
        Name = module.Name;
        Services = services;
        Storage = storage;
        Configuration = configuration.GetSection(module.Name);
    }

    /// <summary>The module's name.</summary>
    public string Name { get; }

    /// <summary>The host's service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Where the platform keeps its data (engine, connection, data directory).</summary>
    public StorageOptions Storage { get; }

    /// <summary>The module's configuration section (appsettings, <c>ICTGOV_…</c>/environment, <c>--Name:Key=value</c>).</summary>
    public IConfigurationSection Configuration { get; }

    /// <summary>
    /// The module's EF Core storage on the platform's engine, migrated at start-up and checked by
    /// <c>/healthz</c> (<see cref="ModuleStorage"/>).
    /// </summary>
    public ModuleServices AddDatabase<TContext, TSqlite, TPostgres>()
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        Services.AddModuleDbContext<TContext, TSqlite, TPostgres>(Storage, Name);
        return this;
    }

    /// <summary>
    /// Binds options from the module's configuration section (or its <paramref name="subsection"/>),
    /// validated at start-up with data annotations, so a bad setting stops the server with its name.
    /// </summary>
    public OptionsBuilder<TOptions> AddOptions<TOptions>(string? subsection = null) where TOptions : class
    {
        var section = subsection is null ? Configuration : Configuration.GetSection(subsection);
        return Services.AddOptions<TOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
    }

    /// <summary>A health check beyond the database's (an embedded store, a listener), reported by <c>/healthz</c>.</summary>
    public ModuleServices AddHealthCheck<THealthCheck>(string name) where THealthCheck : class, IHealthCheck
    {
        Services.AddHealthChecks().AddCheck<THealthCheck>(Name.ToLowerInvariant() + "-" + name, tags: [Name.ToLowerInvariant()]);
        return this;
    }
}
