using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IctGov.NetworkQuality.Data;

/// <summary>
/// The DuckDB store answers a query. The store opens on first use; a health probe is such a use in the
/// server, which holds the file for as long as it runs anyway.
/// </summary>
internal sealed class NetqHealthCheck(NetqStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var c = await store.OpenAsync(cancellationToken);
            NetqStore.Scalar(c, "SELECT 1");
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is DuckDB.NET.Data.DuckDBException or IOException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("the network-quality store does not answer: " + e.Message);
        }
    }
}
