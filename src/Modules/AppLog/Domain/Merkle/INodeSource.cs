namespace IctGov.AppLog.Domain.Merkle;

/// <summary>
/// The hashes of complete subtrees: node (<c>level</c>, <c>index</c>) is the Merkle Tree Hash of leaves
/// [index·2^level, (index+1)·2^level). Callers ask only for subtrees complete in the tree they prove,
/// so a source backed by tiles, a database or memory never has to compute an incomplete one.
/// </summary>
internal interface INodeSource
{
    byte[] Node(int level, long index);
}
