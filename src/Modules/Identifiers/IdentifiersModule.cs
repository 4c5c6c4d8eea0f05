using IctGov.Kernel;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Identifiers;

/// <summary>
/// The Identifiers module (专栏9 工业互联网标识解析体系): the identifier registry, its Handle-protocol
/// nodes (root, national top-level, secondary, enterprise, public recursive), registration,
/// data templates and statistics.
/// </summary>
public static class IdentifiersModule
{
    /// <summary>Registers the module's storage and services.</summary>
    public static IServiceCollection AddIdentifiers(this IServiceCollection services, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return services;
    }

    /// <summary>Applies the module's migrations and seeds.</summary>
    public static Task InitializeIdentifiersAsync(this IServiceProvider services, CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>Maps the module's endpoints and pages.</summary>
    public static IEndpointRouteBuilder MapIdentifiers(this IEndpointRouteBuilder app) => app;
}
