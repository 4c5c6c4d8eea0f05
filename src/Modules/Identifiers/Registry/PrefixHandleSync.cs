using IctGov.Kernel.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IctGov.Identifiers.Registry;

/// <summary>
/// At start, after the node's listeners have bound their ports, brings every registered prefix's handle
/// <c>0.NA/P</c> in line with the registry: the platform's own HS_SITE carries this run's ports and server key,
/// which the prefixes allocated before (or while the listeners were off) do not.
/// </summary>
internal sealed class PrefixHandleSync(IServiceScopeFactory scopes, ILogger<PrefixHandleSync> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var written = await scope.ServiceProvider.GetRequiredService<RegistryService>().SyncPrefixHandlesAsync(Actor.System("identifiers-node"), cancellationToken);
            log.LogInformation("Prefix handles brought in line with the registry: {Written} written", written);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Resolution of everything else still works; the next registry write of a prefix fixes its handle.
            log.LogError(e, "Prefix handles could not be brought in line with the registry");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
