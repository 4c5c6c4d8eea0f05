using System.Numerics;

namespace IctGov.AppLog.Domain.Merkle;

/// <summary>
/// Roots, inclusion proofs and consistency proofs of RFC 9162 §2.1 (MTH, PATH, PROOF/SUBPROOF) over
/// any source of complete-subtree hashes. A proof lists its hashes from the leaf side up, as the RFC
/// and every transparency-log client expect.
/// </summary>
internal static class MerkleProofs
{
    /// <summary>MTH(D[0:size]); the empty tree's root is SHA-256 of nothing.</summary>
    public static byte[] Root(INodeSource nodes, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return size == 0 ? TreeHash.Empty : RangeHash(nodes, 0, size);
    }

    /// <summary>
    /// MTH(D[lo:hi]) for a range the RFC's recursion produces: <paramref name="lo"/> is a multiple of
    /// the smallest power of two not below hi − lo, so the range splits, from the left, into complete
    /// subtrees of falling size, which hash together from the right.
    /// </summary>
    public static byte[] RangeHash(INodeSource nodes, long lo, long hi)
    {
        var size = hi - lo;
        if (size <= 0 || (lo & (long)(BitOperations.RoundUpToPowerOf2((ulong)size) - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lo), $"[{lo}, {hi}) is not a range of the tree's recursion");
        }
        // The lowest set bit of size is the rightmost (smallest) complete subtree.
        var level = BitOperations.TrailingZeroCount(size);
        var end = hi;
        var hash = nodes.Node(level, (end >> level) - 1);
        end -= 1L << level;
        for (var rest = size & (size - 1); rest != 0; rest &= rest - 1)
        {
            level = BitOperations.TrailingZeroCount(rest);
            hash = TreeHash.Node(nodes.Node(level, (end >> level) - 1), hash);
            end -= 1L << level;
        }
        return hash;
    }

    /// <summary>PATH(index, D[0:size]): the audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    public static List<byte[]> Inclusion(INodeSource nodes, long index, long size)
    {
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"leaf {index} is not in a tree of {size}");
        }
        var proof = new List<byte[]>(64);
        Path(nodes, index, 0, size, proof);
        return proof;
    }

    /// <summary>PROOF(size1, D[0:size2]): empty when size1 is 0 or equals size2 (nothing to prove).</summary>
    public static List<byte[]> Consistency(INodeSource nodes, long size1, long size2)
    {
        if (size1 < 0 || size1 > size2)
        {
            throw new ArgumentOutOfRangeException(nameof(size1), $"a tree of {size1} cannot precede one of {size2}");
        }
        var proof = new List<byte[]>(64);
        if (size1 > 0 && size1 < size2)
        {
            SubProof(nodes, size1, 0, size2, true, proof);
        }
        return proof;
    }

    private static void Path(INodeSource nodes, long m, long lo, long hi, List<byte[]> proof)
    {
        if (hi - lo == 1)
        {
            return;
        }
        var k = LargestPowerOfTwoBelow(hi - lo);
        if (m - lo < k)
        {
            Path(nodes, m, lo, lo + k, proof);
            proof.Add(RangeHash(nodes, lo + k, hi));
        }
        else
        {
            Path(nodes, m, lo + k, hi, proof);
            proof.Add(RangeHash(nodes, lo, lo + k));
        }
    }

    private static void SubProof(INodeSource nodes, long m, long lo, long hi, bool whole, List<byte[]> proof)
    {
        var n = hi - lo;
        if (m == n)
        {
            if (!whole)
            {
                proof.Add(RangeHash(nodes, lo, hi));
            }
            return;
        }
        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(nodes, m, lo, lo + k, whole, proof);
            proof.Add(RangeHash(nodes, lo + k, hi));
        }
        else
        {
            SubProof(nodes, m - k, lo + k, hi, false, proof);
            proof.Add(RangeHash(nodes, lo, lo + k));
        }
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2), the split point of RFC 9162 §2.1.1.</summary>
    internal static long LargestPowerOfTwoBelow(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));
}
