using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Data;
using IctGov.NetworkQuality.Domain;
using IctGov.NetworkQuality.Features;
using IctGov.Web.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.NetworkQuality;

/// <summary>
/// The NetworkQuality module (专栏2.1 5G网络质量监测和分析平台, 专栏3.3 端到端用户体验综合监测平台):
/// speed-test measurements by region, time of day and network segment, held in an embedded
/// columnar store, with edge rates, the bar's compliance, rankings, heatmaps and alerts.
/// The DuckDB file is created and opened on first use (there is nothing to initialise), so that a
/// command which does not touch network quality can run while the server holds the file.
/// </summary>
public sealed class NetworkQualityModule : PlatformModule
{
    /// <inheritdoc/>
    public override string Name => "NetworkQuality";

    /// <inheritdoc/>
    public override void AddServices(ModuleServices services)
    {
        var section = services.Configuration;
        var storage = services.Storage;
        var s = services.Services;
        s.AddSingleton(_ =>
        {
            var options = section.Get<NetqOptions>() ?? new NetqOptions();
            // The binder appends configured array items to the defaults; configured busy hours replace them.
            if (section.GetSection("BusyHours").Get<int[]>() is { Length: > 0 } hours) options.BusyHours = hours;
            options.Validate();
            return options;
        });
        s.AddSingleton(sp => new NetqStore(storage, sp.GetRequiredService<NetqOptions>()));
        s.AddSingleton<Importer>();
        s.AddSingleton<Analytics>();
        s.AddSingleton<INetworkQualityService, NetqService>();
        services.AddHealthCheck<NetqHealthCheck>("store");
    }

    /// <inheritdoc/>
    public override void MapApi(RouteGroupBuilder api) => api.MapGroup("/netq").MapNetqApi();

    /// <inheritdoc/>
    public override IEnumerable<NavigationItem> Navigation =>
    [
        new("网络质量", "Network quality", "/netq", 85),
        new("质量热力图", "Quality heatmap", "/netq/heatmap", 86),
        new("质量告警", "Quality alerts", "/netq/alerts", 87),
    ];

    /// <inheritdoc/>
    public override MenuSection? MenuSection => MenuSection.Networks;
}
