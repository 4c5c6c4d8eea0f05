using IctGov.Kernel;
using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Data;
using IctGov.NetworkQuality.Domain;
using IctGov.NetworkQuality.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
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
        services.AddSingleton(sp =>
        {
            // Settings come from the "NetworkQuality" configuration section when the host has one.
            var section = sp.GetService<IConfiguration>()?.GetSection("NetworkQuality");
            var options = section?.Get<NetqOptions>() ?? new NetqOptions();
            // The binder appends configured array items to the defaults; configured busy hours replace them.
            if (section?.GetSection("BusyHours").Get<int[]>() is { Length: > 0 } hours) options.BusyHours = hours;
            options.Validate();
            return options;
        });
        services.AddSingleton(sp => new NetqStore(storage, sp.GetRequiredService<NetqOptions>()));
        services.AddSingleton<Importer>();
        services.AddSingleton<Analytics>();
        services.AddSingleton<INetworkQualityService, NetqService>();
        return services;
    }

    /// <summary>
    /// Nothing to do at start-up: the DuckDB file is created and opened on first use, so that a
    /// command which does not touch network quality can run while the server holds the file.
    /// </summary>
    public static Task InitializeNetworkQualityAsync(this IServiceProvider services, CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>Maps the module's endpoints and pages.</summary>
    public static IEndpointRouteBuilder MapNetworkQuality(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/netq").WithTags("NetworkQuality").MapNetqApi();
        return app;
    }
}
