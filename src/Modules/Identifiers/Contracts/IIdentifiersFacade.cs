using IctGov.Kernel.Results;
using IctGov.Kernel.Security;

namespace IctGov.Identifiers.Contracts;

/// <summary>One committed batch of a registration file.</summary>
/// <param name="Number">1-based batch number within the file.</param>
/// <param name="BatchId">The batch's id, as its audit entry names it.</param>
public sealed record CommittedBatch(int Number, string BatchId, int Count, string FirstHandle, string LastHandle)
{
    /// <summary>
    /// Records of the batch found registered already with the same values (a re-run of a file after an interrupted run),
    /// skipped rather than refused; <see cref="Count"/> counts only those this batch registered (0: no new batch, no id).
    /// </summary>
    public int AlreadyRegistered { get; init; }
}

/// <summary>
/// The outcome of registering a file: the batches committed, and the problem that stopped it, if any. Not an
/// all-or-nothing <see cref="Outcome{T}"/>: each batch commits on its own, so a refusal leaves the batches before it registered.
/// </summary>
/// <param name="Reading">Time spent reading and checking the file.</param>
/// <param name="Registering">Time spent registering the batches (checks, writes, audit, commits).</param>
public sealed record RegisterFileResult(int Records, IReadOnlyList<CommittedBatch> Committed, IReadOnlyList<RowError> Problems, TimeSpan Reading, TimeSpan Registering)
{
    /// <summary>Every record was registered.</summary>
    public bool Complete => Problems.Count == 0;

    /// <summary>Time per phase (parse, permissions, validate, encode, digest, begin, insert, count, audit, commit, invalidate), summed over batches.</summary>
    public IReadOnlyList<KeyValuePair<string, TimeSpan>> Phases { get; init; } = [];
}

/// <summary>A count under a key (prefix, industry door code, province code, node role).</summary>
public sealed record IdentifierCount(string Key, string Name, long Count);

/// <summary>The registry's figures for the command line and other hosts.</summary>
public sealed record IdentifierSummary(long Registrations, IReadOnlyList<IdentifierCount> ByPrefix, IReadOnlyList<IdentifierCount> ByIndustry,
    IReadOnlyList<IdentifierCount> ByProvince, IReadOnlyList<IdentifierCount> NodesByRole, int PublicServiceNodes, long ResolutionsToday);

/// <summary>The figures a period was published with.</summary>
public sealed record PublishSummary(int PublicServiceNodes, long Registrations);

/// <summary>The identifier registry as the host's command line uses it.</summary>
public interface IIdentifiersFacade
{
    /// <summary>
    /// Registers a CSV (handle,index,type,data; rows of one handle together) or JSON-lines
    /// ({"handle":…,"values":[…]}) file in batches of up to 2,000 identifiers, each all or nothing.
    /// The whole file is read and checked first; <paramref name="committed"/> is called after each batch commits, in order.
    /// </summary>
    Task<RegisterFileResult> RegisterFileAsync(Stream file, bool jsonLines, Actor actor, Action<CommittedBatch>? committed, CancellationToken ct = default);

    /// <summary>Registrations by prefix, industry and province; nodes by role.</summary>
    Task<IdentifierSummary> SummaryAsync(CancellationToken ct = default);

    /// <summary>Registers a prefix (level national, secondary or enterprise).</summary>
    Task<Outcome<Done>> AddPrefixAsync(string prefix, string level, string? parent, string ownerName, string? ownerUnitId, string? industry, string? province,
        bool demo, Actor actor, CancellationToken ct = default);

    /// <summary>Publishes indicators 7 and 15 for a year to the plan.</summary>
    Task<Outcome<PublishSummary>> PublishAsync(string period, Actor actor, CancellationToken ct = default);
}
