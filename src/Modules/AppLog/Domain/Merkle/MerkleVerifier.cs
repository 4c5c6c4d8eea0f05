namespace IctGov.AppLog.Domain.Merkle;

/// <summary>
/// The verification algorithms of RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency). They
/// return why a proof fails, so a command-line verifier or a monitor can say more than "invalid".
/// </summary>
internal static class MerkleVerifier
{
    /// <summary>The root an inclusion proof leads to, or null with the reason it cannot lead anywhere.</summary>
    public static byte[]? RootFromInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, out string? failure)
    {
        failure = CheckSizes(leafHash, proof);
        if (failure is not null)
        {
            return null;
        }
        if (index < 0 || index >= size)
        {
            failure = $"leaf index {index} is not below the tree size {size}";
            return null;
        }
        long fn = index, sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                failure = $"the proof has {proof.Count} hashes, more than a tree of {size} needs";
                return null;
            }
            r = ClimbIsLeft(ref fn, ref sn) ? TreeHash.Node(p, r) : TreeHash.Node(r, p);
        }
        if (sn != 0)
        {
            failure = $"the proof has {proof.Count} hashes, fewer than leaf {index} of a tree of {size} needs";
            return null;
        }
        return r;
    }

    public static bool VerifyInclusion(long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root, out string? failure)
    {
        var computed = RootFromInclusion(index, size, leafHash, proof, out failure);
        if (computed is null)
        {
            return false;
        }
        if (root.Length != TreeHash.Size || !root.SequenceEqual(computed))
        {
            failure = $"the proof leads to root {Convert.ToHexStringLower(computed)}, not the expected {Convert.ToHexStringLower(root)}";
            return false;
        }
        return true;
    }

    public static bool VerifyConsistency(long size1, long size2, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2, out string? failure)
    {
        failure = null;
        if (size1 < 0 || size2 < size1)
        {
            failure = $"a tree of {size2} cannot follow one of {size1}";
            return false;
        }
        if (size1 == size2 || size1 == 0)
        {
            // Nothing to prove: equal sizes must have equal roots, and every tree extends the empty one.
            if (proof.Count != 0)
            {
                failure = $"a proof between sizes {size1} and {size2} is empty, not {proof.Count} hashes";
            }
            else if (size1 == size2 && !root1.SequenceEqual(root2))
            {
                failure = $"two trees of size {size1} have different roots";
            }
            return failure is null;
        }
        if (proof.Count == 0)
        {
            failure = $"a proof between sizes {size1} and {size2} cannot be empty";
            return false;
        }
        failure = CheckSizes(root1, proof) ?? CheckSizes(root2, proof);
        if (failure is not null)
        {
            return false;
        }
        // When size1 is a power of two its root is a node of the new tree, and the proof omits it.
        var path = (size1 & (size1 - 1)) == 0 ? [root1.ToArray(), .. proof] : proof;
        long fn = size1 - 1, sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path[0], sr = path[0];
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                failure = $"the proof has {proof.Count} hashes, more than sizes {size1} and {size2} need";
                return false;
            }
            if (ClimbIsLeft(ref fn, ref sn))
            {
                fr = TreeHash.Node(c, fr);
                sr = TreeHash.Node(c, sr);
            }
            else
            {
                sr = TreeHash.Node(sr, c);
            }
        }
        if (sn != 0)
        {
            failure = $"the proof has {proof.Count} hashes, fewer than sizes {size1} and {size2} need";
            return false;
        }
        if (!root1.SequenceEqual(fr))
        {
            failure = $"the proof does not lead to the older root (size {size1})";
            return false;
        }
        if (!root2.SequenceEqual(sr))
        {
            failure = $"the proof does not lead to the newer root (size {size2})";
            return false;
        }
        return true;
    }

    /// <summary>
    /// One step of the RFC's walk up the tree (fn: the node's index, sn: the last index at this level):
    /// true when the next proof hash is the left sibling. A node that is the last at its level and a
    /// left child has no sibling there, so the walk skips the levels where it is carried up alone.
    /// </summary>
    private static bool ClimbIsLeft(ref long fn, ref long sn)
    {
        var left = (fn & 1) == 1 || fn == sn;
        if (left)
        {
            while ((fn & 1) == 0 && fn != 0)
            {
                fn >>= 1;
                sn >>= 1;
            }
        }
        fn >>= 1;
        sn >>= 1;
        return left;
    }

    private static string? CheckSizes(ReadOnlySpan<byte> hash, IReadOnlyList<byte[]> proof)
    {
        if (hash.Length != TreeHash.Size)
        {
            return $"a hash has {TreeHash.Size} bytes, not {hash.Length}";
        }
        for (var i = 0; i < proof.Count; i++)
        {
            if (proof[i].Length != TreeHash.Size)
            {
                return $"proof hash {i} has {proof[i].Length} bytes, expected {TreeHash.Size}";
            }
        }
        return null;
    }
}
