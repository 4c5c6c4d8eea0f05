namespace IctGov.Numbering.Contracts;

/// <summary>An operator's application for a numbering resource, as the API shows it.</summary>
/// <param name="Id">The application's number.</param>
/// <param name="Operator">The applying operator's unit id (ct, cm, cu, cbn …).</param>
/// <param name="Kind">mobile, fixed, sms, short or iot.</param>
/// <param name="Prefix">The resource asked for, as its prefix in the national number space.</param>
/// <param name="Region">The GB/T 2260 province it is for.</param>
/// <param name="Purpose">What the operator will use it for.</param>
/// <param name="Status">submitted, accepted, allocated or refused.</param>
/// <param name="SubmittedOn">Beijing date received.</param>
/// <param name="AcknowledgeBy">Last working day to accept or refuse to accept it.</param>
/// <param name="AcceptedOn">Beijing date accepted.</param>
/// <param name="DecideBy">Last working day for the decision after acceptance.</param>
/// <param name="DecidedOn">Beijing date decided.</param>
/// <param name="Reason">Why it was refused.</param>
/// <param name="AllocationId">The allocation an approval made.</param>
public sealed record NumberingApplication(long Id, string Operator, string Kind, string Prefix, string Region, string Purpose, string Status,
    DateOnly SubmittedOn, DateOnly AcknowledgeBy, DateOnly? AcceptedOn, DateOnly? DecideBy, DateOnly? DecidedOn, string? Reason, long? AllocationId);

/// <summary>A numbering resource held by an operator.</summary>
/// <param name="Id">The allocation's number.</param>
/// <param name="Prefix">The resource's prefix.</param>
/// <param name="Kind">mobile, fixed, sms, short or iot.</param>
/// <param name="Holder">The operator holding it.</param>
/// <param name="Region">The province it serves.</param>
/// <param name="Capacity">Numbers it holds (1 for a code allocated whole).</param>
/// <param name="AllocatedOn">Beijing date allocated.</param>
/// <param name="ReclaimedOn">Beijing date reclaimed, if it was.</param>
public sealed record NumberAllocation(long Id, string Prefix, string Kind, string Holder, string Region, long Capacity, DateOnly AllocatedOn, DateOnly? ReclaimedOn);

/// <summary>Which network serves a number at an instant.</summary>
/// <param name="Number">The number, national form.</param>
/// <param name="Operator">The serving operator, or null when no allocation holds the number.</param>
/// <param name="RoutingNumber">The serving operator's routing number (RFC 4694 rn).</param>
/// <param name="Ported">True when a port moved the number away from its block's holder.</param>
/// <param name="Since">When the current port took effect.</param>
/// <param name="BlockHolder">The operator holding the number's block.</param>
public sealed record NumberRouting(string Number, string? Operator, string? RoutingNumber, bool Ported, DateTimeOffset? Since, string? BlockHolder);

/// <summary>A port of one number, as the donor, the recipient and the ministry see it.</summary>
/// <param name="Id">The port's number.</param>
/// <param name="Number">The ported number.</param>
/// <param name="Donor">The operator the number leaves.</param>
/// <param name="Recipient">The operator it moves to.</param>
/// <param name="Status">pending (waiting for acknowledgements), scheduled or cancelled.</param>
/// <param name="RequestedAt">When the recipient filed it.</param>
/// <param name="DonorAcknowledgedAt">When the donor acknowledged.</param>
/// <param name="RecipientAcknowledgedAt">When the recipient acknowledged.</param>
/// <param name="EffectiveAt">The full hour routing changes.</param>
public sealed record NumberPort(long Id, string Number, string Donor, string Recipient, string Status, DateTimeOffset RequestedAt,
    DateTimeOffset? DonorAcknowledgedAt, DateTimeOffset? RecipientAcknowledgedAt, DateTimeOffset? EffectiveAt);

/// <summary>Utilisation of one operator's resources of one kind: activated numbers of each allocation's latest report over capacity.</summary>
/// <param name="Operator">The holder.</param>
/// <param name="Kind">mobile, fixed, sms, short or iot.</param>
/// <param name="Blocks">Allocations in force.</param>
/// <param name="Capacity">Numbers they hold.</param>
/// <param name="Activated">Numbers reported activated.</param>
/// <param name="Share">Activated over capacity.</param>
/// <param name="LowBlocks">Allocations whose latest report is below the low-utilisation share.</param>
public sealed record Utilisation(string Operator, string Kind, int Blocks, long Capacity, long Activated, double Share, int LowBlocks);

/// <summary>What other modules (trusted caller identity, anti-fraud) may ask of the numbering registry.</summary>
public interface INumberingRegistry
{
    /// <summary>Which network serves <paramref name="number"/> at <paramref name="at"/> (now when null).</summary>
    Task<NumberRouting> RouteAsync(string number, DateTimeOffset? at = null, CancellationToken ct = default);

    /// <summary>Every resource <paramref name="holder"/> holds (not reclaimed).</summary>
    Task<IReadOnlyList<NumberAllocation>> HeldByAsync(string holder, CancellationToken ct = default);
}
