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

/// <summary>A signed statement as submitted: its canonical text, its maker's certificate and signature.</summary>
/// <param name="Statement">The statement's text (<c>ictgov-applog-statement/v1</c>, then the fields in order), UTF-8, ending in a newline.</param>
/// <param name="Certificate">The maker's X.509 certificate (ECDSA P-256 or SM2 key), DER in base64, or PEM.</param>
/// <param name="Signature">The DER signature over the statement's bytes (ECDSA P-256/SHA-256 or SM2/SM3), base64.</param>
public sealed record StatementSubmission(string? Statement, string? Certificate, string? Signature);

/// <summary>Where an appended statement landed: its index, leaf hash and the checkpoint that first covers it.</summary>
public sealed record StatementReceipt(long Index, string LeafHash, long TreeSize, string Checkpoint);

/// <summary>One statement of the log, as the queries and the history page show it.</summary>
/// <param name="Type">developer-signature, test-result, store-listing, takedown or revocation.</param>
/// <param name="Issued">When its maker says it was made, UTC yyyy-MM-ddTHH:mm:ssZ.</param>
/// <param name="CertificateSha256">SHA-256 of the certificate that signed it: who made it.</param>
/// <param name="Subject">That certificate's subject name.</param>
public sealed record StatementInfo(long Index, string Type, string Package, string Version, string Sha256, string SignerCertSha256,
    string Developer, string Issued, string Algorithm, string CertificateSha256, string Subject, string? Note);

/// <summary>Submitting and finding signed statements about app artifacts.</summary>
public interface IAppLogStatements
{
    /// <summary>
    /// Verifies every statement (format, certificate, signature) and appends them all, or none: the
    /// refusal lists each bad statement (row = its position, from 1) and field.
    /// </summary>
    Task<Outcome<IReadOnlyList<StatementReceipt>>> SubmitAsync(IctGov.Kernel.Security.Actor actor, IReadOnlyList<StatementSubmission> statements, CancellationToken ct = default);

    /// <summary>Statements matching every criterion given, oldest first (at most 1,000).</summary>
    Task<IReadOnlyList<StatementInfo>> FindAsync(string? package, string? version, string? sha256, string? developer, CancellationToken ct = default);
}

/// <summary>A party's signing certificate to register with the log.</summary>
/// <param name="Kind"><c>developer</c> (开发者), <c>testing-body</c> (检测机构) or <c>distributor</c> (分发者, an app store).</param>
/// <param name="Identifier">The party's unified social credit code (GB 32100-2015); a developer's statements name it.</param>
/// <param name="Name">The party's registered name.</param>
/// <param name="Unit">The Access organisation unit it reports as (optional; must exist when given).</param>
/// <param name="Certificate">Its X.509 certificate (ECDSA P-256 or SM2 key), DER in base64, or PEM.</param>
public sealed record PartyInput(string? Kind, string? Identifier, string? Name, string? Unit, string? Certificate);

/// <summary>A registered party certificate.</summary>
/// <param name="SubjectHandle">Its filing subject's handle in the resource registry, when the registry knows the credit code.</param>
public sealed record PartyInfo(string Kind, string Identifier, string Name, string? Unit, string? SubjectHandle, string CertificateSha256,
    string Algorithm, string CertificateSubject, DateTimeOffset Registered);

/// <summary>The register of parties whose certificates may sign statements (开发者、检测者、分发者).</summary>
public interface IAppLogParties
{
    /// <summary>Registers certificates (ministry); all or none, each bad row named with its field.</summary>
    Task<Outcome<IReadOnlyList<PartyInfo>>> RegisterAsync(IctGov.Kernel.Security.Actor actor, IReadOnlyList<PartyInput> parties, CancellationToken ct = default);

    /// <summary>Every registered certificate, or those of one identifier.</summary>
    Task<IReadOnlyList<PartyInfo>> ListAsync(string? identifier, CancellationToken ct = default);
}

/// <summary>A developer's signed artifact for the APP signing service (APP签名服务) to countersign.</summary>
/// <param name="Filing">The app's filing number (APP备案号); required when the platform keeps the filing registry.</param>
public sealed record SigningRequest(string? Statement, string? Certificate, string? Signature, string? Filing);

/// <summary>The developer's statement and the platform's countersignature, appended together.</summary>
/// <param name="Countersignature">The platform's signed statement (type countersignature), as the log holds it.</param>
public sealed record SigningReceipt(StatementReceipt Developer, StatementReceipt Platform, string Countersignature);
