using IctGov.AppLog.Domain.Merkle;

namespace IctGov.AppLog.Domain.Tiles;

/// <summary>
/// The right edge of a tiled tree while it grows: the one partial tile of each level. Appending a
/// leaf hash fills the level-0 tile; a tile that reaches 256 hashes is closed and its root becomes the
/// next hash of the level above. <see cref="Touched"/> lists the tiles a batch changed, to be written
/// with it, so a checkpoint is never committed without the tiles that back it.
/// </summary>
internal sealed class TileEdge
{
    private readonly List<List<byte[]>> _partial = [];
    private readonly HashSet<(int Level, long Index)> _touched = [];
    private readonly Dictionary<(int Level, long Index), byte[]> _closed = [];

    public long Size { get; private set; }

    /// <summary>The edge of a stored tree of <paramref name="size"/> leaves, from its partial tiles.</summary>
    public static TileEdge Load(long size, Func<int, long, byte[]?> readTile)
    {
        var edge = new TileEdge { Size = size };
        for (var level = 0; ; level++)
        {
            var width = (int)((size >> (8 * level)) & 0xff);
            var above = size >> (8 * (level + 1));
            if (width == 0 && above == 0)
            {
                break;
            }
            var hashes = new List<byte[]>(TilePath.FullWidth);
            if (width > 0)
            {
                var tile = readTile(level, above) ?? throw new InvalidOperationException($"tile {new TilePath(level, above, width)} is missing");
                if (tile.Length < width * TreeHash.Size)
                {
                    throw new InvalidOperationException($"tile {new TilePath(level, above, width)} has only {tile.Length / TreeHash.Size} hashes");
                }
                for (var i = 0; i < width; i++)
                {
                    hashes.Add(tile.AsSpan(i * TreeHash.Size, TreeHash.Size).ToArray());
                }
            }
            edge._partial.Add(hashes);
        }
        return edge;
    }

    public void Append(byte[] leafHash)
    {
        var hash = leafHash;
        var index = Size;
        for (var level = 0; ; level++)
        {
            if (_partial.Count == level)
            {
                _partial.Add(new List<byte[]>(TilePath.FullWidth));
            }
            var tileIndex = index >> 8;
            _partial[level].Add(hash);
            _touched.Add((level, tileIndex));
            if (_partial[level].Count < TilePath.FullWidth)
            {
                break;
            }
            // The tile is full: it is closed, and its root is one hash of the level above.
            var full = Concat(_partial[level]);
            _closed[(level, tileIndex)] = full;
            hash = MerkleProofs.Root(MemoryTree.FromLeafHashes(_partial[level]), TilePath.FullWidth);
            _partial[level].Clear();
            index = tileIndex;
        }
        Size++;
    }

    /// <summary>The content of tile (level, index) as it now stands, or null if it is not on the edge or just closed.</summary>
    public byte[]? Tile(int level, long index)
    {
        if (_closed.TryGetValue((level, index), out var full))
        {
            return full;
        }
        if (level < _partial.Count && _partial[level].Count > 0 && index == Size >> (8 * (level + 1)))
        {
            return Concat(_partial[level]);
        }
        return null;
    }

    /// <summary>The tiles changed since the last <see cref="ClearTouched"/>, with their content.</summary>
    public IEnumerable<(int Level, long Index, byte[] Hashes)> Touched() =>
        _touched.Select(t => (t.Level, t.Index, Tile(t.Level, t.Index)!));

    public void ClearTouched()
    {
        _touched.Clear();
        _closed.Clear();
    }

    /// <summary>The root of the tree as it now stands.</summary>
    public byte[] Root() => MerkleProofs.Root(new TiledTree(Tile), Size);

    private static byte[] Concat(List<byte[]> hashes)
    {
        var bytes = new byte[hashes.Count * TreeHash.Size];
        for (var i = 0; i < hashes.Count; i++)
        {
            hashes[i].CopyTo(bytes, i * TreeHash.Size);
        }
        return bytes;
    }
}
