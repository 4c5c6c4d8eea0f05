using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace IctGov.Identifiers.Nodes;

/// <summary>
/// Per-client-address token bucket shared by all transports. A client over its budget gets SERVER_TOO_BUSY,
/// which Handle clients treat as "try another server or later".
/// </summary>
internal sealed class ClientRateLimiter(IOptions<HandleNodeOptions> options, TimeProvider time)
{
    private const int MaxTrackedClients = 100_000;
    private readonly ConcurrentDictionary<IPAddress, Bucket> _buckets = new();

    private sealed class Bucket(double tokens, long stamp)
    {
        public double Tokens = tokens;
        public long Stamp = stamp;
    }

    public bool TryAcquire(IPAddress client)
    {
        var o = options.Value;
        var now = time.GetTimestamp();
        if (_buckets.Count > MaxTrackedClients)
        {
            // Forget everyone rather than grow without bound; a full bucket is the generous outcome.
            _buckets.Clear();
        }
        var bucket = _buckets.GetOrAdd(client, _ => new Bucket(o.Burst, now));
        lock (bucket)
        {
            var elapsed = time.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
            bucket.Stamp = now;
            bucket.Tokens = Math.Min(o.Burst, bucket.Tokens + elapsed * o.RequestsPerSecond);
            if (bucket.Tokens < 1)
            {
                return false;
            }
            bucket.Tokens -= 1;
            return true;
        }
    }
}
