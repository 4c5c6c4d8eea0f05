namespace IctGov.Complaints.Contracts;

/// <summary>The running clock of a complaint.</summary>
/// <param name="Stage"><c>acceptance</c> (受理决定, 5 working days), <c>answer</c> (答复申诉人, 30 days), <c>respondent</c> (企业处理, 10 working days) or <c>none</c>.</param>
/// <param name="Due">The deadline (a China date, met by anything done before it ends in Beijing), or null.</param>
/// <param name="State"><c>green</c>, <c>amber</c> (at most 2 working days left), <c>red</c> (overdue), <c>unknown</c> (the calendar of the deadline's year is not published) or <c>none</c>.</param>
/// <param name="WorkingDaysLeft">Working days after today up to the deadline (negative when overdue), when known.</param>
public sealed record ComplaintClock(string Stage, DateOnly? Due, string State, int? WorkingDaysLeft);

/// <summary>A complaint as the API and other modules see it.</summary>
/// <param name="Kind"><c>telecom</c> (电信用户申诉) or <c>internet</c> (互联网信息服务投诉).</param>
/// <param name="Region">The respondent's province (GB/T 2260), whose centre handles the appeal.</param>
/// <param name="State">received, accepted, rejected, transferred, answered, mediating, closed or duplicate.</param>
/// <param name="Outcome">For a closed complaint: resolved, mediated, not_resolved or withdrawn.</param>
/// <param name="Rating">The user's satisfaction 1 (very dissatisfied) – 5 (very satisfied), once given.</param>
public sealed record ComplaintView(
    long Id, string Kind, string Region, string RespondentId, string RespondentName, string Topic, string Channel,
    string UserName, string UserPhone, string Claim, string Facts, DateOnly EventDate, DateOnly ReceivedOn, string State,
    DateOnly? AcceptanceDue, DateOnly? DecidedOn, string? RejectionReason, DateOnly? AnswerDue, DateOnly? TransferredOn,
    DateOnly? RespondentDue, DateOnly? RespondentAnsweredOn, string? RespondentAnswer, DateOnly? ClosedOn, string? Outcome,
    long? DuplicateOf, int? Rating, ComplaintClock Clock);

/// <summary>A complaint just recorded, with the token its user rates it with (given once, stored only as a hash).</summary>
public sealed record ComplaintReceipt(ComplaintView Complaint, string RatingToken);

/// <summary>Indicator 20's counts for one region and period (docs/COMPLAINTS.md defines each).</summary>
/// <param name="Region">GB/T 2260 code; 100000 for the nation.</param>
/// <param name="Period">2026, 2026-Q2 or 2026-05.</param>
/// <param name="Due">Complaints due in the period (denominator).</param>
/// <param name="OnTime">Of those, handled within 10 working days (numerator).</param>
/// <param name="Pending">Deadline in the period, not yet passed on <paramref name="AsOf"/>.</param>
/// <param name="Withdrawn">Withdrawn before the deadline without an answer (not counted).</param>
/// <param name="Duplicates">Duplicates of another complaint (not counted).</param>
/// <param name="Rate">OnTime ÷ Due × 100, two decimals; null when nothing was due.</param>
public sealed record TimelinessFigure(string Region, string Period, DateOnly AsOf, long Due, long OnTime, long Pending, long Withdrawn, long Duplicates, decimal? Rate);

/// <summary>The monitoring summary's cells, per table: as rebuilt, or (checking) those that differ from a recount.</summary>
public sealed record SummaryCellCounts(int Cells, int RespondentCells, int DueCells)
{
    public int Total => Cells + RespondentCells + DueCells;
}

/// <summary>What other modules and the host may ask of the Complaints module.</summary>
public interface IComplaintIndicators
{
    /// <summary>
    /// Indicator 20 (互联网信息服务投诉处理及时率) for <paramref name="period"/> (a year, quarter or
    /// month), nationally first and then by province, as known on <paramref name="asOf"/> (default: today in Beijing).
    /// </summary>
    Task<IReadOnlyList<TimelinessFigure>> TimelinessAsync(string period, DateOnly? asOf = null, CancellationToken ct = default);

    /// <summary>Replaces the monitoring summary by a recount of the complaints, audited as done by <paramref name="actorId"/>; the cells written.</summary>
    Task<SummaryCellCounts> RebuildSummaryAsync(string actorId, CancellationToken ct = default);

    /// <summary>Compares the stored monitoring summary with a recount of the complaints, writing nothing; the cells that differ (all zero when it holds).</summary>
    Task<SummaryCellCounts> CheckSummaryAsync(CancellationToken ct = default);
}
