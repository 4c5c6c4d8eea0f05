using IctGov.AppLog.Domain.Merkle;

namespace IctGov.AppLog.Domain.Tiles;

/// <summary>
/// Node hashes from tiles. A tile at level L holds the hashes of tree level 8·L; the seven tree levels
/// between are recomputed from them, once per tile: the tile is expanded into every node it spans
/// and kept, so a proof costs lookups, not hashing.
/// </summary>
internal sealed class TiledTree(Func<int, long, byte[]?> readTile) : INodeSource
{
    private readonly Dictionary<(int Level, long Index), ExpandedTile> _cache = [];
    private const int MaxCachedTiles = 4096;

    public byte[] Node(int level, long index)
    {
        var tileLevel = level / 8;
        var sub = level % 8;
        var first = index << sub;
        var tileIndex = first >> 8;
        var offset = (int)(first & 0xff);
        var tile = Tile(tileLevel, tileIndex, (offset >> sub) + 1 << sub);
        return tile.Node(sub, offset >> sub);
    }

    private ExpandedTile Tile(int level, long index, int needWidth)
    {
        lock (_cache)
        {
            if (_cache.TryGetValue((level, index), out var cached) && cached.Width >= needWidth)
            {
                return cached;
            }
        }
        var hashes = readTile(level, index)
            ?? throw new InvalidOperationException($"tile {new TilePath(level, index, TilePath.FullWidth)} is missing");
        var tile = new ExpandedTile(hashes);
        if (tile.Width < needWidth)
        {
            throw new InvalidOperationException($"tile {new TilePath(level, index, TilePath.FullWidth)} has {tile.Width} hashes, {needWidth} are needed");
        }
        lock (_cache)
        {
            if (_cache.Count >= MaxCachedTiles)
            {
                _cache.Clear();
            }
            _cache[(level, index)] = tile;
        }
        return tile;
    }

    /// <summary>Forgets a tile that has grown (a partial tile rewritten by the sequencer).</summary>
    public void Forget(int level, long index)
    {
        lock (_cache)
        {
            _cache.Remove((level, index));
        }
    }

    /// <summary>A tile's hashes and every complete node above them within the tile.</summary>
    private sealed class ExpandedTile
    {
        private readonly byte[][][] _levels;

        public ExpandedTile(byte[] hashes)
        {
            if (hashes.Length % TreeHash.Size != 0 || hashes.Length == 0 || hashes.Length > TilePath.FullWidth * TreeHash.Size)
            {
                throw new InvalidOperationException($"a tile of {hashes.Length} bytes is not 1–256 hashes");
            }
            Width = hashes.Length / TreeHash.Size;
            _levels = new byte[8][][];
            _levels[0] = new byte[Width][];
            for (var i = 0; i < Width; i++)
            {
                _levels[0][i] = hashes.AsSpan(i * TreeHash.Size, TreeHash.Size).ToArray();
            }
            for (var s = 1; s < 8; s++)
            {
                var below = _levels[s - 1];
                _levels[s] = new byte[below.Length / 2][];
                for (var i = 0; i < _levels[s].Length; i++)
                {
                    _levels[s][i] = TreeHash.Node(below[2 * i], below[2 * i + 1]);
                }
            }
        }

        public int Width { get; }

        public byte[] Node(int sub, int index) => _levels[sub][index];
    }
}
