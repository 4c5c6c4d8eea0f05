using IctGov.Access;
using IctGov.Audit;
using IctGov.Collection;
using IctGov.Identifiers;
using IctGov.Kernel;
using IctGov.NetworkQuality;
using IctGov.Planning;

namespace IctGov;

/// <summary>
/// Every module of the platform in one place: the web host, the command line and the tests register
/// and initialise modules through here, so a new module is wired once.
/// </summary>
public static class PlatformModules
{
    /// <summary>Registers every module on the given storage.</summary>
    public static IServiceCollection AddPlatformModules(this IServiceCollection services, StorageOptions storage) =>
        services.AddAudit(storage).AddAccess(storage).AddPlanning(storage).AddCollection(storage)
            .AddIdentifiers(storage).AddNetworkQuality(storage);

    /// <summary>Applies every module's migrations and seeds, in dependency order.</summary>
    public static async Task InitializePlatformAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await services.InitializeAuditAsync(ct);
        await services.InitializeAccessAsync(ct);
        await services.InitializePlanningAsync(ct);
        await services.InitializeCollectionAsync(ct);
        await services.InitializeIdentifiersAsync(ct);
        await services.InitializeNetworkQualityAsync(ct);
    }

    /// <summary>Maps every module's endpoints.</summary>
    public static IEndpointRouteBuilder MapPlatformModules(this IEndpointRouteBuilder app) =>
        app.MapAudit().MapAccess().MapPlanning().MapCollection().MapIdentifiers().MapNetworkQuality();
}
