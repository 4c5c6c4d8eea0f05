using IctGov.Identifiers.Storage;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Tests.Storage;

public class HandleCacheTests
{
    private static readonly IReadOnlyList<HandleValue> Old = [HandleValue.Text(1, "URL", "old")];

    [Fact]
    public void Fill_AfterAnInvalidationThatFollowedItsRead_IsDropped()
    {
        var cache = new HandleCache(100);
        var generation = cache.Generation("K");   // reader: about to read the database (old row)
        cache.Invalidate("K");                    // writer: committed, invalidates
        cache.Fill("K", generation, Old);         // reader: comes back with the old row
        Assert.False(cache.TryGet("K", out _));
    }

    [Fact]
    public void Fill_BeforeTheInvalidation_IsRemovedByIt()
    {
        var cache = new HandleCache(100);
        cache.Fill("K", cache.Generation("K"), Old);
        Assert.True(cache.TryGet("K", out var v) && v == Old);
        cache.Invalidate("K");
        Assert.False(cache.TryGet("K", out _));
    }

    [Fact]
    public void NotFound_IsCachedUntilInvalidated()
    {
        var cache = new HandleCache(100);
        cache.Fill("K", cache.Generation("K"), null);
        Assert.True(cache.TryGet("K", out var v) && v is null);
    }

    [Fact]
    public void Cache_StaysWithinItsCapacity()
    {
        var cache = new HandleCache(1000);
        for (var i = 0; i < 10_000; i++)
        {
            var key = "K" + i;
            cache.Fill(key, cache.Generation(key), Old);
        }
        Assert.InRange(cache.Count, 1, 1000);
    }
}
