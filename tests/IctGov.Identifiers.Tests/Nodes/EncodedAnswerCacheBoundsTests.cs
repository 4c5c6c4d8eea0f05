using System.Diagnostics;
using IctGov.Identifiers.Nodes;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Tests.Nodes;

public sealed class EncodedAnswerCacheBoundsTests
{
    private static EncodedAnswerCache.Entry Entry(string handle, long created) =>
        new(handle, "88.100.1", [], 2, 11, MessageEnvelope.Create(1, 3), [1, 2, 3], created);

    private static byte[] Key(int i) => [.. Enumerable.Range(0, 24).Select(b => (byte)(b + i))];

    [Fact]
    public void FullCache_KeepsWhatItHolds_UntilEntriesPassTheirAge()
    {
        var cache = new EncodedAnswerCache(2, Stopwatch.Frequency);
        cache.Put(Key(1), Entry("88.100.1/a", 0));
        cache.Put(Key(2), Entry("88.100.1/b", 0));
        cache.Put(Key(3), Entry("88.100.1/c", 10));
        Assert.Equal(2, cache.Count);
        Assert.Null(cache.TryGet(Key(3)));
        Assert.Equal("88.100.1/a", cache.TryGet(Key(1))!.Handle);

        // Past MaxAge the old entries make room.
        var later = (long)((EncodedAnswerCache.MaxAge.TotalSeconds + 1) * Stopwatch.Frequency);
        cache.Put(Key(3), Entry("88.100.1/c", later));
        Assert.Equal("88.100.1/c", cache.TryGet(Key(3))!.Handle);
        Assert.Null(cache.TryGet(Key(1)));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Key_MasksTheRequestsExpiration_AndRefusesLongMessages()
    {
        var a = Key(5);
        var b = (byte[])a.Clone();
        b[EncodedAnswerCache.ExpirationOffset + 2] ^= 0xFF;
        Span<byte> ka = stackalloc byte[a.Length];
        Span<byte> kb = stackalloc byte[b.Length];
        Assert.True(EncodedAnswerCache.TryMakeKey(a, ka));
        Assert.True(EncodedAnswerCache.TryMakeKey(b, kb));
        Assert.True(ka.SequenceEqual(kb));
        b[0] ^= 0xFF;
        Assert.True(EncodedAnswerCache.TryMakeKey(b, kb));
        Assert.False(ka.SequenceEqual(kb));
        Assert.False(EncodedAnswerCache.TryMakeKey(new byte[EncodedAnswerCache.MaxKeyLength + 1], new byte[EncodedAnswerCache.MaxKeyLength + 1]));
    }
}
