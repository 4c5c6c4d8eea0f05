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

    public int Count => _entries.Count;

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
        if (_entries.Count >= capacity)
        {
            // Full: drop what is past its age (every entry is, within MaxAge); if nothing is, keep the entries we
            // have rather than churn them — a hot set larger than the cache then still hits on what it holds.
            var cutoff = entry.Created - (long)(MaxAge.TotalSeconds * timestampFrequency);
            foreach (var (k, e) in _entries)
            {
                if (e.Created < cutoff)
                {
                    _entries.TryRemove(k, out _);
                }
            }
            if (_entries.Count >= capacity)
            {
                return;
            }
        }
        _entries[key.ToArray()] = entry;
    }

    public void Remove(ReadOnlySpan<byte> key) => _entries.GetAlternateLookup<ReadOnlySpan<byte>>().TryRemove(key, out _);

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
