using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace IctGov.Audit.Contracts;

/// <summary>
/// Checks the audit log's hash chain from the first entry to the head. The chain alone shows an
/// edited or removed entry anywhere except at the end; entries removed from the end are seen only
/// against a head written down earlier (<see cref="AuditHead"/>).
/// </summary>
public interface IAuditVerifier
{
    /// <summary>
    /// Reads every entry in sequence order (in batches, never the whole log at once) and stops at
    /// the first problem.
    /// </summary>
    /// <param name="expectedHead">A head recorded earlier; the log must still contain it unchanged.</param>
    Task<AuditVerification> VerifyAsync(AuditHead? expectedHead = null, CancellationToken ct = default);
}

/// <summary>
/// The chain's head as written down outside the database, signed (docs/AUDIT.md): what <c>ictgov audit verify</c>
/// checks the log against when no head is given, so that entries removed from the end are seen.
/// </summary>
public interface IAuditHeadWitness
{
    /// <summary>The file the heads are appended to.</summary>
    string File { get; }

    /// <summary>The last head written down, its signature checked; null when none was yet. Throws <see cref="InvalidDataException"/> when the file was edited.</summary>
    Task<AuditHead?> LastAsync(CancellationToken ct = default);
}

/// <summary>The outcome of a verification.</summary>
/// <param name="Count">Entries that passed verification.</param>
/// <param name="Head">The last entry that passed: for an intact log, its head; <see cref="AuditHead.Empty"/> when none did.</param>
/// <param name="Problem">The first problem in sequence order, or null when the log is intact.</param>
public sealed record AuditVerification(long Count, AuditHead Head, AuditProblem? Problem)
{
    /// <summary>True when no entry was edited or removed.</summary>
    public bool Intact => Problem is null;
}

/// <summary>What is wrong with the log, and where.</summary>
/// <param name="Seq">The sequence number of the first entry affected (for a removal, the first one missing).</param>
/// <param name="Kind">What kind of tampering this shows.</param>
/// <param name="Message">An explanation for the operator, naming the entries involved.</param>
public sealed record AuditProblem(long Seq, AuditProblemKind Kind, string Message);

/// <summary>Kinds of problem the verifier reports. Their <see cref="AuditProblemKindNames.WireName"/> is printed by <c>ictgov audit verify</c>.</summary>
public enum AuditProblemKind
{
    /// <summary>An entry's stored hash does not match its contents: a field was changed after it was written.</summary>
    Edited = 1,
    /// <summary>An entry's PrevHash is not the previous entry's hash: the previous entry was changed and re-hashed, or replaced.</summary>
    ChainBroken = 2,
    /// <summary>Entries are missing: a gap in the sequence, or fewer entries than the expected head.</summary>
    Removed = 3,
    /// <summary>The entry at the expected head's sequence has a different hash: the log up to there was rewritten.</summary>
    HeadMismatch = 4,
}

/// <summary>Stable names of <see cref="AuditProblemKind"/> for scripts that read the command's output.</summary>
public static class AuditProblemKindNames
{
    /// <summary>The lower-case name, e.g. <c>chain_broken</c>.</summary>
    public static string WireName(this AuditProblemKind kind) => kind switch
    {
        AuditProblemKind.Edited => "edited",
        AuditProblemKind.ChainBroken => "chain_broken",
        AuditProblemKind.Removed => "removed",
        AuditProblemKind.HeadMismatch => "head_mismatch",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>
/// The newest entry of the log as an operator writes it down, <c>SEQ:HASH</c>: the chain commits
/// to every earlier entry, so this one line later proves that nothing up to it was removed or rewritten.
/// </summary>
/// <param name="Seq">Its sequence number; 0 for an empty log.</param>
/// <param name="Hash">Its hash, 64 lower-case hexadecimal digits; 64 zeros for an empty log.</param>
public sealed record AuditHead(long Seq, string Hash)
{
    /// <summary>The head of an empty log: sequence 0 and the hash the first entry chains from.</summary>
    public static readonly AuditHead Empty = new(0, new string('0', 64));

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>Parses <c>SEQ:HASH</c> (hash in either case).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out AuditHead? head)
    {
        head = null;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0
            || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            || text!.Length - colon - 1 != 64
            || text.AsSpan(colon + 1).ContainsAnyExcept(HexDigits))
        {
            return false;
        }
        head = new AuditHead(seq, text[(colon + 1)..].ToLowerInvariant());
        return true;
    }

    /// <summary><c>SEQ:HASH</c>, the form <see cref="TryParse"/> reads and <c>--expect-head</c> takes.</summary>
    public override string ToString() => Seq.ToString(CultureInfo.InvariantCulture) + ":" + Hash;
}
