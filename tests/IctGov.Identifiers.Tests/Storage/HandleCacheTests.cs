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

public class StoredValuesTests
{
    [Fact]
    public void Writer_WritesWhatSerializeWrites_AndBothReadBack()
    {
        var values = new List<HandleValue>
        {
            new() { Index = 1, Type = "URL", Data = "https://e.example/中文"u8.ToArray(), Timestamp = 5, Ttl = 60, TtlType = TtlType.Absolute },
            new() { Index = 100, Type = "HS_ADMIN", Data = [0, 1, 255], Timestamp = 5, Permissions = ValuePermissions.AdminRead, References = [new ValueReference("0.NA/88", 200)] },
        };
        using var writer = new StoredValues.Writer();
        var viaWriter = writer.Serialize(values, 5);
        Assert.Equal(StoredValues.Serialize(values), viaWriter);
        var back = StoredValues.Deserialize(viaWriter);
        Assert.Equal(values.Select(v => (v.Index, v.Type, Convert.ToBase64String(v.Data), v.Ttl, v.TtlType, v.Permissions, v.References.Count)),
            back.Select(v => (v.Index, v.Type, Convert.ToBase64String(v.Data), v.Ttl, v.TtlType, v.Permissions, v.References.Count)));
        Assert.Equal(new ValueReference("0.NA/88", 200), back[1].References[0]);
    }
}
