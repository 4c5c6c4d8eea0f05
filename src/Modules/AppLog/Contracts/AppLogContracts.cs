using IctGov.Kernel.Results;

namespace IctGov.AppLog.Contracts;

/// <summary>The log's latest signed checkpoint (C2SP tlog-checkpoint in a signed note).</summary>
/// <param name="Origin">The log's origin line, also its note key's name.</param>
/// <param name="Size">The tree size.</param>
/// <param name="RootHash">The root hash, base64.</param>
/// <param name="Note">The whole signed note, as served at <c>/applog/checkpoint</c>.</param>
public sealed record LogCheckpointInfo(string Origin, long Size, string RootHash, string Note);

/// <summary>An inclusion proof (RFC 9162 §2.1.3): hashes base64, from the leaf side up.</summary>
/// <param name="Index">The entry's index in the log.</param>
/// <param name="TreeSize">The size of the tree the proof is for.</param>
/// <param name="LeafHash">The entry's leaf hash, SHA-256(0x00 ‖ entry).</param>
/// <param name="Proof">The audit path.</param>
public sealed record InclusionProofInfo(long Index, long TreeSize, string LeafHash, IReadOnlyList<string> Proof);

/// <summary>A consistency proof (RFC 9162 §2.1.4) between two tree sizes: hashes base64.</summary>
public sealed record ConsistencyProofInfo(long Size1, long Size2, IReadOnlyList<string> Proof);

/// <summary>Reading the log: checkpoint, verifier key and proofs. Anyone may read the log.</summary>
public interface IAppLogReader
{
    /// <summary>The log's note verifier key, <c>name+keyID+base64(key)</c> (Go's note format).</summary>
    string VerifierKey { get; }

    /// <summary>The latest checkpoint, or null while the log is empty.</summary>
    Task<LogCheckpointInfo?> CheckpointAsync(CancellationToken ct = default);

    /// <summary>
    /// The inclusion proof of entry <paramref name="index"/> in the tree of <paramref name="treeSize"/>
    /// (default: the latest checkpoint's); refused with the reason when either is out of range.
    /// </summary>
    Task<Outcome<InclusionProofInfo>> InclusionAsync(long index, long? treeSize, CancellationToken ct = default);

    /// <summary>The inclusion proof of the first entry with leaf hash <paramref name="leafHash"/> (base64 or hex).</summary>
    Task<Outcome<InclusionProofInfo>> InclusionByHashAsync(string leafHash, long? treeSize, CancellationToken ct = default);

    /// <summary>The consistency proof between <paramref name="size1"/> and <paramref name="size2"/> (default: the latest).</summary>
    Task<Outcome<ConsistencyProofInfo>> ConsistencyAsync(long size1, long? size2, CancellationToken ct = default);
}
