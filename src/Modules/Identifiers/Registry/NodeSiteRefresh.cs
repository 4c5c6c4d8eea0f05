using IctGov.Identifiers.Nodes;
using IctGov.Kernel.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IctGov.Identifiers.Registry;

/// <summary>
/// Keeps the keys in the registry's HS_SITE records current: at start and every
/// <see cref="HandleNodeOptions.RegisteredNodeRefreshInterval"/>, asks every registered node for its site information
/// and rewrites the prefix handles of those whose keys changed (a node that made a new key, or was unreachable when registered).
/// </summary>
internal sealed class NodeSiteRefresh(IServiceScopeFactory scopes, IOptions<HandleNodeOptions> options, TimeProvider time, ILogger<NodeSiteRefresh> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RegisteredNodeRefreshInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var changed = await scope.ServiceProvider.GetRequiredService<RegistryService>().RefreshNodeSitesAsync(Actor.System("identifiers-node-keys"), stoppingToken);
                if (changed > 0)
                {
                    log.LogInformation("Registered nodes with new site information: {Changed}", changed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The published records stay as they were; the next round tries again.
                log.LogError(e, "Registered nodes' site information could not be refreshed");
            }
            await Task.Delay(interval, time, stoppingToken);
        }
    }
}
