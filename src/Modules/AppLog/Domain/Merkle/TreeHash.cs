using System.Security.Cryptography;

namespace IctGov.AppLog.Domain.Merkle;

/// <summary>
/// RFC 6962 §2.1 / RFC 9162 §2.1.1 hashing with SHA-256: a leaf is hashed with the prefix 0x00 and an
/// interior node with 0x01, so no leaf can be passed off as a node (second-preimage resistance).
/// </summary>
internal static class TreeHash
{
    /// <summary>Bytes in a hash.</summary>
    public const int Size = 32;

    /// <summary>The root of the empty tree, SHA-256 of nothing.</summary>
    public static byte[] Empty { get; } = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        var hash = new byte[Size];
        Leaf(data, hash);
        return hash;
    }

    public static void Leaf(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([0x00]);
        sha.AppendData(data);
        sha.GetHashAndReset(destination);
    }

    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[Size];
        Node(left, right, hash);
        return hash;
    }

    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        // One block of 65 bytes on the stack: interior hashing is the hot path of proofs and tiles.
        Span<byte> input = stackalloc byte[1 + 2 * Size];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + Size)..]);
        SHA256.HashData(input, destination);
    }
}
