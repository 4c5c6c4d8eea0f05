using System.Collections.Concurrent;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Storage;

/// <summary>
/// Bounded in-memory cache of resolved handles (including "not found"), so hot identifiers are
/// answered without the database. A read that misses takes the key's generation before it reads the
/// database and may only fill the cache if no write invalidated the key meanwhile: otherwise a slow
/// reader that fetched the old row could put it back after the writer's invalidation, and every later
/// read would see the old value. Generations are striped (one counter per hash bucket): a write to one
/// key makes a concurrent fill of another key in the same bucket skip the cache once, which is harmless.
/// Entries also expire after <see cref="MaxAge"/>, which bounds how long a write by another process
/// (the command line, another node on the same PostgreSQL) can go unseen. Five minutes, not less: every
/// expiry is a database read again, and with 30 s a node serving a hot set of 200,000 identifiers spent
/// so much of its time reloading them that cached UDP resolution fell from ~75,000 to ~35,000 queries a
/// second (docs/BENCHMARKS.md); Handle clients themselves may keep an answer for its values' TTL (a day
/// by default), so five minutes of cross-process delay is well inside what the protocol already allows.
/// </summary>
internal sealed class HandleCache(int capacity)
{
    private const int Stripes = 4096;
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly long[] _generations = new long[Stripes];
    private readonly object[] _locks = Enumerable.Range(0, Stripes).Select(_ => new object()).ToArray();
    private int _count;

    private sealed record Entry(IReadOnlyList<HandleValue>? Values, long ExpiresAt);

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count => Volatile.Read(ref _count);

    public bool TryGet(string key, out IReadOnlyList<HandleValue>? values)
    {
        if (_entries.TryGetValue(key, out var e) && e.ExpiresAt > Environment.TickCount64)
        {
            values = e.Values;
            return true;
        }
        values = null;
        return false;
    }

    /// <summary>The key's generation, to be taken before reading the database.</summary>
    public long Generation(string key) => Volatile.Read(ref _generations[Stripe(key)]);

    /// <summary>Caches what the database said unless the key was written since <paramref name="generation"/>.</summary>
    public void Fill(string key, long generation, IReadOnlyList<HandleValue>? values)
    {
        var s = Stripe(key);
        lock (_locks[s])
        {
            if (_generations[s] != generation)
            {
                return;
            }
            var entry = new Entry(values, Environment.TickCount64 + (long)MaxAge.TotalMilliseconds);
            if (_entries.TryAdd(key, entry))
            {
                Interlocked.Increment(ref _count);
            }
            else
            {
                _entries[key] = entry;
            }
        }
        if (Count > Capacity)
        {
            Trim();
        }
    }

    /// <summary>Called inside every write, after the database changed: no fill that began before it can land.</summary>
    public void Invalidate(string key)
    {
        var s = Stripe(key);
        lock (_locks[s])
        {
            _generations[s]++;
            if (_entries.TryRemove(key, out _))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    /// <summary>Drops about a tenth of the entries: no recency bookkeeping on the read path, at the price of evicting blindly.</summary>
    private void Trim()
    {
        var drop = Math.Max(1, Capacity / 10);
        foreach (var key in _entries.Keys)
        {
            if (drop-- <= 0)
            {
                break;
            }
            if (_entries.TryRemove(key, out _))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    private static int Stripe(string key) => (int)((uint)StringComparer.Ordinal.GetHashCode(key) % Stripes);
}
