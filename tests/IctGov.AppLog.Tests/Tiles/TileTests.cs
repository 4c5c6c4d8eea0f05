using IctGov.AppLog.Domain.Merkle;
using IctGov.AppLog.Domain.Tiles;

namespace IctGov.AppLog.Tests.Tiles;

/// <summary>The tiles layout of C2SP tlog-tiles (c2sp.org/tlog-tiles): paths, widths, and the tree the tiles hold.</summary>
public class TileTests
{
    [Theory]
    [InlineData(0, 0L, 256, "tile/0/000")]
    [InlineData(0, 1234067L, 256, "tile/0/x001/x234/067")] // the spec's example index
    [InlineData(2, 5L, 1, "tile/2/005.p/1")]
    [InlineData(1, 1000L, 17, "tile/1/x001/000.p/17")]
    [InlineData(TilePath.EntriesLevel, 273L, 112, "tile/entries/273.p/112")]
    [InlineData(TilePath.EntriesLevel, 999999L, 256, "tile/entries/x999/999")]
    public void Path_IsWrittenAndReadAsTheSpecSays(int level, long index, int width, string path)
    {
        Assert.Equal(path, new TilePath(level, index, width).ToString());
        Assert.Equal(new TilePath(level, index, width), TilePath.Parse(path, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("tile/00/000", "level")]
    [InlineData("tile/64/000", "level")]
    [InlineData("tile/0/1", "three digits")]
    [InlineData("tile/0/x001", "must not start with x")]
    [InlineData("tile/0/001/002", "must start with x")]
    [InlineData("tile/0/x000/001", "leading 000")]
    [InlineData("tile/0/000.p/0", "width")]
    [InlineData("tile/0/000.p/256", "width")]
    [InlineData("tile/0/000.p/05", "width")]
    [InlineData("tile/0/00a", "three digits")]
    [InlineData("tiles/0/000", "expected tile/")]
    [InlineData("tile/0", "expected tile/")]
    [InlineData("tile/0/x1000/000", "three digits")]
    public void Path_OutsideTheSpec_IsRefusedWithTheReason(string path, string reason)
    {
        Assert.Null(TilePath.Parse(path, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Path_RoundTripsEveryIndexShape()
    {
        var random = new Random(6962);
        for (var i = 0; i < 2000; i++)
        {
            var p = new TilePath(random.Next(-1, 64), random.NextInt64(0, long.MaxValue >> random.Next(0, 63)), random.Next(1, 257));
            Assert.Equal(p, TilePath.Parse(p.ToString(), out _));
        }
    }

    /// <summary>
    /// The spec's example: "a tree of size 70,000 will be represented by 273 full level 0 tiles, one
    /// partial level 0 tile of width 112, one full level 1 tile, one partial level 1 tile of width 17,
    /// and one partial level 2 tile of width 1".
    /// </summary>
    [Fact]
    public void Edge_Of70000Leaves_HasTheTilesTheSpecLists()
    {
        var edge = new TileEdge();
        var memory = new MemoryTree();
        for (var i = 0; i < 70_000; i++)
        {
            var leaf = TreeHash.Leaf(BitConverter.GetBytes(i));
            edge.Append(leaf);
            memory.Append(leaf);
        }
        var tiles = edge.Touched().ToDictionary(t => (t.Level, t.Index), t => t.Hashes.Length / TreeHash.Size);
        Assert.Equal(273, tiles.Count(t => t.Key.Level == 0 && t.Value == 256));
        Assert.Equal(112, tiles[(0, 273)]);
        Assert.Equal(256, tiles[(1, 0)]);
        Assert.Equal(17, tiles[(1, 1)]);
        Assert.Equal(1, tiles[(2, 0)]);
        Assert.Equal(273 + 4, tiles.Count);
        Assert.Equal(memory.Root(70_000), edge.Root());

        // Level-1 hashes are the roots of full level-0 tiles; level 2's one hash is the first 65,536 leaves' root.
        var level1 = edge.Tile(1, 0)!;
        Assert.Equal(MerkleProofs.RangeHash(memory, 256 * 5, 256 * 6), level1.AsSpan(5 * 32, 32).ToArray());
        Assert.Equal(MerkleProofs.RangeHash(memory, 0, 65_536), edge.Tile(2, 0));
    }

    [Fact]
    public void TiledTree_GivesTheSameRootsAndProofs_AsTheTreeInMemory_AcrossTileBoundaries()
    {
        var edge = new TileEdge();
        var memory = new MemoryTree();
        var stored = new Dictionary<(int, long), byte[]>();
        foreach (var batch in new[] { 1, 254, 1, 1, 300, 65_000, 700 })
        {
            for (var i = 0; i < batch; i++)
            {
                var leaf = TreeHash.Leaf(BitConverter.GetBytes(memory.Size));
                edge.Append(leaf);
                memory.Append(leaf);
            }
            foreach (var (level, index, hashes) in edge.Touched())
            {
                stored[(level, index)] = hashes;
            }
            edge.ClearTouched();
            var size = memory.Size;
            Assert.Equal(memory.Root(size), edge.Root());

            // The edge reloaded from the stored tiles continues the same tree.
            var reloaded = TileEdge.Load(size, (l, i) => stored.GetValueOrDefault((l, i)));
            Assert.Equal(edge.Root(), reloaded.Root());

            var tiled = new TiledTree((l, i) => stored.GetValueOrDefault((l, i)));
            foreach (var m in new[] { 0L, size / 3, size / 2, size - 1 })
            {
                Assert.Equal(MerkleProofs.Inclusion(memory, m, size), MerkleProofs.Inclusion(tiled, m, size));
                Assert.Equal(MerkleProofs.Consistency(memory, m, size), MerkleProofs.Consistency(tiled, m, size));
            }
        }
    }
}
