using System.Collections.Concurrent;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Nodes;

/// <summary>
/// Encoded answers to public resolutions, keyed by the request message itself (its expiration field masked: clients
/// stamp every request with their clock, and the answer does not depend on it). A hit skips decoding, matching and
/// encoding; only a new envelope (request id, session id) is written around the cached message.
/// An entry is used only while the store still hands out the very values it was encoded from (the store's memory
/// replaces, never mutates, a handle's value list on every write) and for <see cref="MaxAge"/> at most, so the
/// answer's own expiration stays close to 12 hours ahead.
/// </summary>
internal sealed class EncodedAnswerCache(int capacity, long timestampFrequency)
{
    /// <summary>Requests longer than this are not cached (single-packet UDP requests are far shorter).</summary>
    public const int MaxKeyLength = 512;

    /// <summary>Offset of the expiration field in a message header (op code, response code, flags, serial, recursion, reserved).</summary>
    public const int ExpirationOffset = 16;

    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    internal sealed record Entry(string Handle, string Prefix, IReadOnlyList<HandleValue> Values, byte SuggestedMajor, byte SuggestedMinor,
        MessageEnvelope ReplyEnvelope, byte[] Message, long Created);

    private readonly ConcurrentDictionary<byte[], Entry> _entries = new(ByteKeyComparer.Instance);

    private long _hits;

    /// <summary>Entries held, kept beside the dictionary: ConcurrentDictionary.Count takes every lock, too dear per request.</summary>
    private int _count;

    /// <summary>When a full cache may next look for entries past their age (timestamp ticks).</summary>
    private long _nextSweep;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Answers served from the cache since start.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    public void CountHit() => Interlocked.Increment(ref _hits);

    /// <summary>Copies the request message into <paramref name="key"/> with the expiration masked; false when it cannot be a key.</summary>
    public static bool TryMakeKey(ReadOnlySpan<byte> message, Span<byte> key)
    {
        if (message.Length > MaxKeyLength || message.Length < ExpirationOffset + 4 || key.Length < message.Length)
        {
            return false;
        }
        message.CopyTo(key);
        key.Slice(ExpirationOffset, 4).Clear();
        return true;
    }

    public Entry? TryGet(ReadOnlySpan<byte> key) =>
        _entries.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(key, out var entry) ? entry : null;

    public void Put(ReadOnlySpan<byte> key, Entry entry)
    {
        if (capacity <= 0)
        {
            return;
        }
        if (Count >= capacity)
        {
            // Full: drop what is past its age, but sweep at most once per quarter of MaxAge — a sweep per miss would
            // cost a walk over every entry on every request while the hot set is larger than the cache. Between
            // sweeps keep the entries we have rather than churn them: the hot set still hits on what the cache holds.
            var quarter = (long)(MaxAge.TotalSeconds * timestampFrequency / 4);
            var next = Volatile.Read(ref _nextSweep);
            if (entry.Created < next || Interlocked.CompareExchange(ref _nextSweep, entry.Created + quarter, next) != next)
            {
                return;
            }
            var cutoff = entry.Created - (long)(MaxAge.TotalSeconds * timestampFrequency);
            foreach (var (k, e) in _entries)
            {
                if (e.Created < cutoff && _entries.TryRemove(k, out _))
                {
                    Interlocked.Decrement(ref _count);
                }
            }
            if (Count >= capacity)
            {
                return;
            }
        }
        var stored = key.ToArray();
        if (_entries.TryAdd(stored, entry))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            _entries[stored] = entry;
        }
    }

    public void Remove(ReadOnlySpan<byte> key)
    {
        if (_entries.GetAlternateLookup<ReadOnlySpan<byte>>().TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private sealed class ByteKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteKeyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

        public int GetHashCode(byte[] obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            var h = new HashCode();
            h.AddBytes(bytes);
            return h.ToHashCode();
        }
    }
}
