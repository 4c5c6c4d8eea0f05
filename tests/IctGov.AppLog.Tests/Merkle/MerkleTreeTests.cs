using System.Security.Cryptography;
using IctGov.AppLog.Domain.Merkle;

namespace IctGov.AppLog.Tests.Merkle;

/// <summary>
/// The Merkle tree against the published vectors (<see cref="ReferenceVectors"/>), RFC 9162's worked
/// example (§2.1.5) and a direct transcription of the RFC's recursive definitions.
/// </summary>
public class MerkleTreeTests
{
    private static byte[] H(string hex) => Convert.FromHexString(hex);

    private static MemoryTree VectorTree() =>
        MemoryTree.FromLeafHashes(ReferenceVectors.Leaves.Select(l => TreeHash.Leaf(H(l))));

    [Fact]
    public void Hashing_PrefixesLeavesWithZeroAndNodesWithOne()
    {
        Assert.Equal(ReferenceVectors.EmptyRoot, Convert.ToHexStringLower(TreeHash.Empty));
        Assert.Equal(SHA256.HashData([0x00, 0xab]), TreeHash.Leaf([0xab]));
        var a = new byte[32];
        var b = Enumerable.Repeat((byte)7, 32).ToArray();
        Assert.Equal(SHA256.HashData([0x01, .. a, .. b]), TreeHash.Node(a, b));
    }

    [Fact]
    public void Root_OfEveryPrefix_MatchesTheVectors()
    {
        var tree = VectorTree();
        for (var size = 1; size <= 8; size++)
        {
            Assert.Equal(ReferenceVectors.Roots[size - 1], Convert.ToHexStringLower(tree.Root(size)));
        }
        Assert.Equal(ReferenceVectors.EmptyRoot, Convert.ToHexStringLower(tree.Root(0)));
    }

    public static TheoryData<int> InclusionCases => new(Enumerable.Range(0, ReferenceVectors.Inclusion.Length));

    [Theory, MemberData(nameof(InclusionCases))]
    public void InclusionProof_MatchesTheVector_VerifiesAndRejectsEveryCorruption(int n)
    {
        var (leaf, size, expected) = ReferenceVectors.Inclusion[n];
        var index = leaf - 1;
        var tree = VectorTree();
        var proof = MerkleProofs.Inclusion(tree, index, size);
        Assert.Equal(expected, proof.Select(Convert.ToHexStringLower));

        var leafHash = TreeHash.Leaf(H(ReferenceVectors.Leaves[index]));
        var root = H(ReferenceVectors.Roots[size - 1]);
        Assert.True(MerkleVerifier.VerifyInclusion(index, size, leafHash, proof, root, out var failure), failure);

        foreach (var (desc, i, s, lh, p, r) in CorruptInclusion(index, size, leafHash, proof, root))
        {
            Assert.False(MerkleVerifier.VerifyInclusion(i, s, lh, p, r, out var why), $"accepted: {desc}");
            Assert.False(string.IsNullOrEmpty(why), desc);
        }
    }

    public static TheoryData<int> ConsistencyCases => new(Enumerable.Range(0, ReferenceVectors.Consistency.Length));

    [Theory, MemberData(nameof(ConsistencyCases))]
    public void ConsistencyProof_MatchesTheVector_VerifiesAndRejectsEveryCorruption(int n)
    {
        var (size1, size2, expected) = ReferenceVectors.Consistency[n];
        var proof = MerkleProofs.Consistency(VectorTree(), size1, size2);
        Assert.Equal(expected, proof.Select(Convert.ToHexStringLower));

        var root1 = H(ReferenceVectors.Roots[size1 - 1]);
        var root2 = H(ReferenceVectors.Roots[size2 - 1]);
        Assert.True(MerkleVerifier.VerifyConsistency(size1, size2, proof, root1, root2, out var failure), failure);
        if (proof.Count == 0)
        {
            return;
        }
        foreach (var (desc, s1, s2, p, r1, r2) in CorruptConsistency(size1, size2, proof, root1, root2))
        {
            Assert.False(MerkleVerifier.VerifyConsistency(s1, s2, p, r1, r2, out var why), $"accepted: {desc}");
            Assert.False(string.IsNullOrEmpty(why), desc);
        }
    }

    [Fact]
    public void Consistency_TrivialSizes_FollowTheRules()
    {
        byte[] some = SHA256.HashData("some"u8), other = SHA256.HashData("other"u8), empty = TreeHash.Empty;
        // Every tree extends the empty one; equal sizes need equal roots; a smaller newer tree is refused.
        Assert.True(MerkleVerifier.VerifyConsistency(0, 0, [], some, some, out _));
        Assert.True(MerkleVerifier.VerifyConsistency(0, 1, [], some, other, out _));
        Assert.True(MerkleVerifier.VerifyConsistency(1, 1, [], other, other, out _));
        Assert.False(MerkleVerifier.VerifyConsistency(1, 1, [], some, other, out _));
        Assert.False(MerkleVerifier.VerifyConsistency(1, 0, [], some, other, out _));
        Assert.False(MerkleVerifier.VerifyConsistency(2, 1, [], some, other, out _));
        Assert.False(MerkleVerifier.VerifyConsistency(1, 2, [], some, other, out var why));
        Assert.Contains("cannot be empty", why, StringComparison.Ordinal);
        Assert.False(MerkleVerifier.VerifyConsistency(0, 0, [empty], empty, empty, out _));
        Assert.False(MerkleVerifier.VerifyConsistency(1, 1, [empty], empty, empty, out _));
    }

    [Fact]
    public void Inclusion_OfTheOnlyLeaf_IsEmpty_AndNeedsWellFormedHashes()
    {
        var leaf = TreeHash.Leaf("data"u8);
        Assert.True(MerkleVerifier.VerifyInclusion(0, 1, leaf, [], leaf, out _));
        Assert.False(MerkleVerifier.VerifyInclusion(0, 1, leaf, [], [], out _));
        Assert.False(MerkleVerifier.VerifyInclusion(0, 1, [], [], leaf, out var why));
        Assert.Contains("32 bytes", why, StringComparison.Ordinal);
        Assert.False(MerkleVerifier.VerifyInclusion(0, 0, leaf, [], TreeHash.Empty, out _));
        Assert.False(MerkleVerifier.VerifyInclusion(1, 0, leaf, [], TreeHash.Empty, out _));
        Assert.False(MerkleVerifier.VerifyInclusion(2, 1, leaf, [], leaf, out _));
    }

    /// <summary>
    /// RFC 9162 §2.1.5: the tree of seven leaves d0…d6 with nodes a…l. Inclusion of d0 is [b, h, l],
    /// of d3 [c, g, l], of d4 [f, j, k], of d6 [i, k]; consistency of 3 is [c, d, g, l], of 4 [l],
    /// of 6 [i, j, k].
    /// </summary>
    [Fact]
    public void Rfc9162Example_SevenLeaves_ProofsNameTheNodesTheRfcNames()
    {
        var d = Enumerable.Range(0, 7).Select(i => new[] { (byte)('0' + i) }).ToArray();
        var tree = MemoryTree.FromLeafHashes(d.Select(x => TreeHash.Leaf(x)));
        var (a, b, c, dd, e, f, j) = (Leaf(0), Leaf(1), Leaf(2), Leaf(3), Leaf(4), Leaf(5), Leaf(6));
        var g = TreeHash.Node(a, b);
        var h = TreeHash.Node(c, dd);
        var i = TreeHash.Node(e, f);
        var k = TreeHash.Node(g, h);
        var l = TreeHash.Node(i, j);
        Assert.Equal(TreeHash.Node(k, l), tree.Root(7));

        Assert.Equal([b, h, l], MerkleProofs.Inclusion(tree, 0, 7));
        Assert.Equal([c, g, l], MerkleProofs.Inclusion(tree, 3, 7));
        Assert.Equal([f, j, k], MerkleProofs.Inclusion(tree, 4, 7));
        Assert.Equal([i, k], MerkleProofs.Inclusion(tree, 6, 7));
        Assert.Equal([c, dd, g, l], MerkleProofs.Consistency(tree, 3, 7));
        Assert.Equal([l], MerkleProofs.Consistency(tree, 4, 7));
        Assert.Equal([i, j, k], MerkleProofs.Consistency(tree, 6, 7));

        byte[] Leaf(int n) => TreeHash.Leaf(d[n]);
    }

    [Fact]
    public void EveryProof_UpTo70Leaves_EqualsTheRfcDefinition_AndVerifies()
    {
        var data = Enumerable.Range(0, 70).Select(n => BitConverter.GetBytes(n * 7919)).ToArray();
        var tree = MemoryTree.FromLeafHashes(data.Select(x => TreeHash.Leaf(x)));
        for (var size = 1; size <= data.Length; size++)
        {
            var leaves = data[..size];
            var root = Rfc.Mth(leaves);
            Assert.Equal(root, tree.Root(size));
            for (var m = 0; m < size; m++)
            {
                var path = MerkleProofs.Inclusion(tree, m, size);
                Assert.Equal(Rfc.Path(m, leaves), path);
                Assert.True(MerkleVerifier.VerifyInclusion(m, size, TreeHash.Leaf(data[m]), path, root, out var f1), $"{m}/{size}: {f1}");
            }
            for (var m = 1; m <= size; m++)
            {
                var proof = MerkleProofs.Consistency(tree, m, size);
                Assert.Equal(m == size ? [] : Rfc.Proof(m, leaves), proof);
                Assert.True(MerkleVerifier.VerifyConsistency(m, size, proof, Rfc.Mth(data[..m]), root, out var f2), $"{m}→{size}: {f2}");
            }
        }
    }

    [Fact]
    public void RangeHash_RefusesARangeOutsideTheRecursion()
    {
        var tree = VectorTree();
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofs.RangeHash(tree, 1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofs.Inclusion(tree, 8, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleProofs.Consistency(tree, 5, 4));
    }

    private static IEnumerable<(string, long, long, byte[], List<byte[]>, byte[])> CorruptInclusion(long index, long size, byte[] leaf, List<byte[]> proof, byte[] root)
    {
        var someHash = SHA256.HashData("some other hash"u8);
        yield return ("index - 1", index - 1, size, leaf, proof, root);
        yield return ("index + 1", index + 1, size, leaf, proof, root);
        yield return ("index ^ 2", index ^ 2, size, leaf, proof, root);
        yield return ("size * 2", index, size * 2, leaf, proof, root);
        yield return ("size / 2", index, size / 2, leaf, proof, root);
        yield return ("wrong leaf", index, size, "WrongLeaf"u8.ToArray(), proof, root);
        yield return ("empty root", index, size, leaf, proof, TreeHash.Empty);
        yield return ("another root", index, size, leaf, proof, someHash);
        yield return ("trailing garbage", index, size, leaf, [.. proof, []], root);
        yield return ("trailing root", index, size, leaf, [.. proof, root], root);
        yield return ("preceding garbage", index, size, leaf, [[], .. proof], root);
        yield return ("preceding root", index, size, leaf, [root, .. proof], root);
        for (var i = 0; i < proof.Count; i++)
        {
            yield return ($"proof[{i}] bit 3 flipped", index, size, leaf, FlipBit(proof, i, 8), root);
        }
        if (proof.Count > 0)
        {
            yield return ("last hash removed", index, size, leaf, proof[..^1], root);
        }
        if (proof.Count > 1)
        {
            yield return ("hash inserted", index, size, leaf, [proof[0], someHash, .. proof[1..]], root);
        }
    }

    private static IEnumerable<(string, long, long, List<byte[]>, byte[], byte[])> CorruptConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
    {
        yield return ("size1 - 1", size1 - 1, size2, proof, root1, root2);
        yield return ("size1 + 1", size1 + 1, size2, proof, root1, root2);
        yield return ("size1 ^ 2", size1 ^ 2, size2, proof, root1, root2);
        yield return ("size2 * 2", size1, size2 * 2, proof, root1, root2);
        yield return ("size2 / 2", size1, size2 / 2, proof, root1, root2);
        yield return ("wrong root1", size1, size2, proof, "WrongRoot"u8.ToArray(), root2);
        yield return ("wrong root2", size1, size2, proof, root1, "WrongRoot"u8.ToArray());
        yield return ("swapped roots", size1, size2, proof, root2, root1);
        yield return ("empty proof", size1, size2, [], root1, root2);
        yield return ("trailing garbage", size1, size2, [.. proof, []], root1, root2);
        yield return ("trailing root1", size1, size2, [.. proof, root1], root1, root2);
        yield return ("trailing root2", size1, size2, [.. proof, root2], root1, root2);
        yield return ("preceding garbage", size1, size2, [[], .. proof], root1, root2);
        yield return ("preceding root1", size1, size2, [root1, .. proof], root1, root2);
        yield return ("preceding root2", size1, size2, [root2, .. proof], root1, root2);
        yield return ("preceding proof[0]", size1, size2, [proof[0], .. proof], root1, root2);
        yield return ("truncated", size1, size2, proof[..^1], root1, root2);
        for (var i = 0; i < proof.Count; i++)
        {
            yield return ($"proof[{i}] bit 4 flipped", size1, size2, FlipBit(proof, i, 16), root1, root2);
        }
    }

    private static List<byte[]> FlipBit(List<byte[]> proof, int i, byte mask)
    {
        var copy = proof.Select(p => p.ToArray()).ToList();
        copy[i][0] ^= mask;
        return copy;
    }

    /// <summary>RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1 written out literally over lists of leaf data.</summary>
    private static class Rfc
    {
        public static byte[] Mth(byte[][] d)
        {
            if (d.Length == 0)
            {
                return SHA256.HashData([]);
            }
            if (d.Length == 1)
            {
                return SHA256.HashData([0x00, .. d[0]]);
            }
            var k = K(d.Length);
            return SHA256.HashData([0x01, .. Mth(d[..k]), .. Mth(d[k..])]);
        }

        public static List<byte[]> Path(int m, byte[][] d)
        {
            if (d.Length == 1)
            {
                return [];
            }
            var k = K(d.Length);
            return m < k ? [.. Path(m, d[..k]), Mth(d[k..])] : [.. Path(m - k, d[k..]), Mth(d[..k])];
        }

        public static List<byte[]> Proof(int m, byte[][] d) => SubProof(m, d, true);

        private static List<byte[]> SubProof(int m, byte[][] d, bool b)
        {
            if (m == d.Length)
            {
                return b ? [] : [Mth(d)];
            }
            var k = K(d.Length);
            return m <= k ? [.. SubProof(m, d[..k], b), Mth(d[k..])] : [.. SubProof(m - k, d[k..], false), Mth(d[..k])];
        }

        private static int K(int n)
        {
            var k = 1;
            while (k * 2 < n)
            {
                k *= 2;
            }
            return k;
        }
    }
}
