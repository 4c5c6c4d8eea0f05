using System.Collections.Concurrent;

namespace IctGov.Kernel.RateLimiting;

/// <summary>
/// One token bucket per client (an address, usually): a client may spend <c>burst</c> requests at once and
/// then <c>perSecond</c> on average. Shared by the platform's protocol servers (the Handle node, WHOIS), which
/// each answer an over-budget client in their protocol's words. The limits are read at every call, so
/// reloaded options apply at once. Time comes from <see cref="TimeProvider"/>, so tests use a fake clock.
/// </summary>
/// <typeparam name="TKey">What identifies a client.</typeparam>
public sealed class ClientTokenBuckets<TKey>(TimeProvider time, Func<(double PerSecond, int Burst)> limits) where TKey : notnull
{
    private const int MaxTrackedClients = 100_000;
    private readonly ConcurrentDictionary<TKey, Bucket> _buckets = new();

    /// <summary>Clients added since the last clearing (an upper bound of the dictionary's count: a lost race adds nothing).</summary>
    private int _tracked;

    private sealed class Bucket(double tokens, long stamp)
    {
        public double Tokens = tokens;
        public long Stamp = stamp;
    }

    /// <summary>Takes one token from <paramref name="client"/>'s bucket; false when it is empty.</summary>
    public bool TryAcquire(TKey client) => TryAcquire(client, 1);

    /// <summary>
    /// Takes <paramref name="cost"/> tokens at once (a budget counted in bytes rather than requests); false, taking
    /// nothing, when the bucket holds fewer. A cost above the burst can never be paid.
    /// </summary>
    public bool TryAcquire(TKey client, double cost)
    {
        var (perSecond, burst) = limits();
        var now = time.GetTimestamp();
        if (!_buckets.TryGetValue(client, out var bucket))
        {
            // Counted here rather than read from ConcurrentDictionary.Count, which takes every lock of the dictionary:
            // per request that serialised the Handle node's receive loops (issue 11, item 5).
            if (Interlocked.Increment(ref _tracked) > MaxTrackedClients)
            {
                // Forget everyone rather than grow without bound; a full bucket is the generous outcome.
                _buckets.Clear();
                Volatile.Write(ref _tracked, 1);
            }
            bucket = _buckets.GetOrAdd(client, static (_, state) => new Bucket(state.burst, state.now), (burst, now));
        }
        lock (bucket)
        {
            var elapsed = time.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
            bucket.Stamp = now;
            bucket.Tokens = Math.Min(burst, bucket.Tokens + elapsed * perSecond);
            if (bucket.Tokens < cost)
            {
                return false;
            }
            bucket.Tokens -= cost;
            return true;
        }
    }
}
