using IctGov.Kernel;
using IctGov.Web.Modules;

namespace IctGov;

/// <summary>
/// The modules this executable runs: every module project under src/Modules (the csproj references
/// them by wildcard), found beside the executable. The web host, the command line and the tests
/// assemble them through here, so a new module is wired by adding its project and nothing else.
/// </summary>
public static class PlatformModules
{
    private static readonly Lazy<ModuleSet> Discovered = new(() => ModuleSet.Discover());

    /// <summary>Every deployed module, in start-up order.</summary>
    public static ModuleSet All => Discovered.Value;

    /// <summary>Registers every module's services and the shared pieces they rely on (<see cref="ModuleSet.AddServices"/>).</summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services, StorageOptions storage, IConfiguration configuration, ModuleSet? modules = null)
    {
        return (modules ?? All).AddServices(services, storage, configuration);
    }

    /// <summary>Applies every module's migrations and seeds, in start-up order.</summary>
    public static Task InitializePlatformAsync(this IServiceProvider services, CancellationToken ct = default) =>
        services.GetRequiredService<ModuleSet>().InitializeAsync(services, ct);
}
