using System.Reflection;
using IctGov.Data;
using IctGov.Kernel;
using IctGov.Kernel.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IctGov.Web.Modules;

/// <summary>
/// The modules one process runs, in start-up order: the host discovers them; a test names the ones it
/// needs. Registering, initialising and mapping go through here, so every module is assembled the same way.
/// </summary>
public sealed class ModuleSet
{
    private ModuleSet(IEnumerable<PlatformModule> modules)
    {
        Modules = modules.OrderBy(m => m.Order).ThenBy(m => m.Name, StringComparer.Ordinal).ToList();
        var dup = Modules.GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            throw new InvalidOperationException($"two modules are named '{dup.Key}'");
        }
    }

    /// <summary>The modules, in start-up order.</summary>
    public IReadOnlyList<PlatformModule> Modules { get; }

    /// <summary>Exactly these modules (tests, tools).</summary>
    public static ModuleSet Of(params PlatformModule[] modules) => new(modules);

    /// <summary>
    /// Every module deployed with the executable: each <c>IctGov.*.dll</c> beside it is searched for
    /// one public <see cref="PlatformModule"/> subclass. The host project references src/Modules/*
    /// by a wildcard, so a new module project is deployed, found and run without editing the host.
    /// </summary>
    public static ModuleSet Discover(string? directory = null)
    {
        directory ??= AppContext.BaseDirectory;
        var modules = new List<PlatformModule>();
        foreach (var file in Directory.EnumerateFiles(directory, "IctGov.*.dll").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            // Test assemblies sit beside the modules under a test runner; they declare no module of the platform's.
            if (name.EndsWith(".Tests", StringComparison.Ordinal) || name == "IctGov.Testing")
            {
                continue;
            }
            var assembly = Assembly.Load(new AssemblyName(name));
            modules.AddRange(ModulesIn(assembly));
        }
        return new ModuleSet(modules);
    }

    /// <summary>The module entry types an assembly declares (none, or exactly one).</summary>
    public static IEnumerable<PlatformModule> ModulesIn(Assembly assembly) =>
        assembly.GetExportedTypes()
            .Where(t => t.IsClass && !t.IsAbstract && typeof(PlatformModule).IsAssignableFrom(t))
            .Select(t => (PlatformModule)Activator.CreateInstance(t)!);

    /// <summary>Registers every module's services, the menu and the health checks.</summary>
    public IServiceCollection AddServices(IServiceCollection services, StorageOptions storage, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(storage);
        configuration ??= new ConfigurationBuilder().Build();
        services.AddSingleton(this);
        services.TryAddSingleton(storage);
        // The platform's shared pieces every module may ask for: China Standard Time "today" and working days.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ChinaCalendar(sp.GetRequiredService<TimeProvider>(), HolidaySchedule.Embedded));
        services.AddHealthChecks();
        foreach (var module in Modules)
        {
            module.AddServices(new ModuleServices(module, services, storage, configuration));
        }
        services.AddSingleton(new NavigationMenu(Modules.Select(m => (m.MenuSection, m.Navigation))));
        return services;
    }

    /// <summary>
    /// Applies every module's migrations, then lets each seed, in start-up order (a module's seed may
    /// use the modules before it, e.g. the audit log).
    /// </summary>
    public async Task InitializeAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var databases = services.GetServices<ModuleDatabase>().ToList();
        foreach (var module in Modules)
        {
            await using var scope = services.CreateAsyncScope();
            foreach (var db in databases.Where(d => string.Equals(d.Module, module.Name, StringComparison.OrdinalIgnoreCase)))
            {
                await db.MigrateAsync(scope.ServiceProvider, ct);
            }
            await module.InitializeAsync(scope.ServiceProvider, ct);
        }
    }

    /// <summary>Maps every module's API under <c>/api/v1</c> (tagged with the module's name) and its protocol routes.</summary>
    public void Map(IEndpointRouteBuilder app)
    {
        foreach (var module in Modules)
        {
            module.MapApi(app.MapGroup("/api/v1").WithTags(module.Name));
            module.MapProtocolEndpoints(app);
        }
    }
}
