namespace IctGov.AppLog.Domain.Merkle;

/// <summary>
/// A tree held in memory as every complete node by level: for tests, for offline verification of a
/// downloaded log, and for sequencing a batch before it is written.
/// </summary>
internal sealed class MemoryTree : INodeSource
{
    private readonly List<List<byte[]>> _levels = [[]];

    public long Size => _levels[0].Count;

    public static MemoryTree FromLeafHashes(IEnumerable<byte[]> leafHashes)
    {
        var tree = new MemoryTree();
        foreach (var h in leafHashes)
        {
            tree.Append(h);
        }
        return tree;
    }

    /// <summary>Appends a leaf hash and completes the nodes it closes (one per trailing 1-bit of the new index).</summary>
    public void Append(byte[] leafHash)
    {
        if (leafHash.Length != TreeHash.Size)
        {
            throw new ArgumentException($"a leaf hash has {TreeHash.Size} bytes, not {leafHash.Length}", nameof(leafHash));
        }
        _levels[0].Add(leafHash);
        var index = _levels[0].Count - 1;
        for (var level = 0; (index & 1) == 1; level++, index >>= 1)
        {
            if (_levels.Count == level + 1)
            {
                _levels.Add([]);
            }
            _levels[level + 1].Add(TreeHash.Node(_levels[level][index - 1], _levels[level][index]));
        }
    }

    public byte[] Node(int level, long index) => _levels[level][checked((int)index)];

    public byte[] Root(long size) => MerkleProofs.Root(this, size);
}
