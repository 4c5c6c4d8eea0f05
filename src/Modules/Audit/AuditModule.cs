using IctGov.Kernel;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Audit;

/// <summary>The Audit module: the platform's append-only, hash-chained audit log (专栏17 聚治, issue: data collection).</summary>
public static class AuditModule
{
    /// <summary>Registers the module's storage and services.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, StorageOptions storage)
    {
        _ = storage;
        return services;
    }

    /// <summary>Applies the module's migrations.</summary>
    public static Task InitializeAuditAsync(this IServiceProvider services, CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>Maps the module's endpoints.</summary>
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app) => app;
}
