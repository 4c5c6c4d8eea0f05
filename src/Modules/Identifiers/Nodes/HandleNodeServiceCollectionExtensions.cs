using IctGov.Identifiers.Statistics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IctGov.Identifiers.Nodes;

/// <summary>Registers a Handle-protocol node: the request processor, the UDP and TCP listeners (hosted) and their shared state.</summary>
internal static class HandleNodeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the node. An <c>IHandleStore</c> must be registered by the caller; a resolution meter is optional.
    /// Map the HTTP interface with <see cref="HandleHttpInterface.MapHandleHttpInterface"/>.
    /// </summary>
    public static IServiceCollection AddHandleNode(this IServiceCollection services, Action<HandleNodeOptions>? configure = null)
    {
        var options = services.AddOptions<HandleNodeOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IResolutionMeter, NullResolutionMeter>();
        services.AddSingleton<HandleNodeSite>();
        services.AddSingleton<ClientRateLimiter>();
        services.AddSingleton<HandleRecursiveResolver>();
        services.AddSingleton<HandleRequestProcessor>();
        services.AddSingleton<HandleUdpListener>();
        services.AddSingleton<HandleTcpListener>();
        services.AddHostedService(sp => sp.GetRequiredService<HandleUdpListener>());
        services.AddHostedService(sp => sp.GetRequiredService<HandleTcpListener>());
        services.AddSingleton<HandleMirror>();
        services.AddHostedService(sp => sp.GetRequiredService<HandleMirror>());
        return services;
    }

    /// <summary>Adds the node with options bound from a configuration section (e.g. <c>Identifiers:HandleNode</c>).</summary>
    public static IServiceCollection AddHandleNode(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<HandleNodeOptions>().Bind(section);
        return services.AddHandleNode();
    }
}
