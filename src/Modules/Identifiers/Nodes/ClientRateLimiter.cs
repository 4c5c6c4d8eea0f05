using System.Net;
using IctGov.Kernel.RateLimiting;
using Microsoft.Extensions.Options;

namespace IctGov.Identifiers.Nodes;

/// <summary>
/// Per-client-address token bucket shared by all transports (the kernel's <see cref="ClientTokenBuckets{TKey}"/>).
/// A client over its budget gets SERVER_TOO_BUSY, which Handle clients treat as "try another server or later".
/// </summary>
internal sealed class ClientRateLimiter(IOptions<HandleNodeOptions> options, TimeProvider time)
{
    private readonly ClientTokenBuckets<IPAddress> _buckets = new(time, () => (options.Value.RequestsPerSecond, options.Value.Burst));

    public bool TryAcquire(IPAddress client) => _buckets.TryAcquire(client);
}
