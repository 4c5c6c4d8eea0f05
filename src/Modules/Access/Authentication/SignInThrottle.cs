using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace IctGov.Access.Authentication;

/// <summary>
/// Slows password guessing without handing strangers a way to lock people out. Failures are counted
/// per source address (every name it tries) and per pair of typed name and source, in fixed
/// windows; a source or pair over its limit is refused until its window ends. The account itself is
/// never locked: someone guessing from one address cannot keep the owner, at another address, out.
/// Counting is by the name as typed (case-folded), whether or not such an account exists, so the
/// answers never tell which names are accounts. Held in memory: a restart forgives, which costs an
/// attacker nothing they could not get by waiting a window.
/// </summary>
internal sealed class SignInThrottle(TimeProvider clock)
{
    /// <summary>Failures of one name from one source in a window: enough for a person's typos.</summary>
    public const int PairLimit = 5;

    /// <summary>Failures from one source in a window, whatever the names: a shared office address stays usable.</summary>
    public const int SourceLimit = 30;

    /// <summary>The window and so the longest wait.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>Sweeps expired windows once the table is this large, so many sources spraying names cannot grow it without end.</summary>
    private const int SweepAt = 50_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long the caller must wait before this name may be tried from this source, or null when it may be tried now.</summary>
    public TimeSpan? RetryAfter(string userName, IPAddress? source)
    {
        var now = clock.GetUtcNow();
        var wait = new[] { Blocked(SourceKey(source), SourceLimit, now), Blocked(PairKey(userName, source), PairLimit, now) }.Max();
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>Counts a failed attempt against the source and the pair.</summary>
    public void Failed(string userName, IPAddress? source)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count >= SweepAt)
        {
            foreach (var (key, f) in _failures)
            {
                if (now - f.Since >= Window) _failures.TryRemove(key, out _);
            }
        }
        Count(SourceKey(source), now);
        Count(PairKey(userName, source), now);
    }

    /// <summary>A success clears the pair's count: the person got in, their typos are forgiven. The source's count stays.</summary>
    public void Succeeded(string userName, IPAddress? source) => _failures.TryRemove(PairKey(userName, source), out _);

    private void Count(string key, DateTimeOffset now) =>
        _failures.AddOrUpdate(key, _ => new Failures(now, 1), (_, f) => now - f.Since >= Window ? new Failures(now, 1) : f with { Count = f.Count + 1 });

    private TimeSpan Blocked(string key, int limit, DateTimeOffset now) =>
        _failures.TryGetValue(key, out var f) && f.Count >= limit && now - f.Since < Window ? f.Since + Window - now : TimeSpan.Zero;

    private static string PairKey(string userName, IPAddress? source) => SourceKey(source) + "|" + userName.Trim().ToUpperInvariant();

    /// <summary>An IPv4 address, or an IPv6 address's /64 (one subscriber's network: its hosts are one source).</summary>
    private static string SourceKey(IPAddress? source)
    {
        if (source is null)
        {
            return "?";
        }
        if (source.IsIPv4MappedToIPv6)
        {
            source = source.MapToIPv4();
        }
        if (source.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return source.ToString();
        }
        var bytes = source.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private sealed record Failures(DateTimeOffset Since, int Count);
}
