namespace IctGov.Complaints.Domain;

/// <summary>
/// Where one complaint is counted in the monitoring summary (<c>complaints_count</c>): the month it
/// was received, its region, kind, topic, state and outcome, and whether it was decided, handled and
/// handled on time. Totals, topics, states, the provinces' ranking and the months are sums of these cells.
/// </summary>
/// <remarks>
/// The respondent is counted apart (<see cref="RespondentCell"/>): with it in this cell, a national year
/// had 262,158 cells, read five times for the monitoring page (1.05 s); split, the two tables hold about
/// 46,000 and 36,000 cells (docs/BENCHMARKS.md).
/// </remarks>
internal readonly record struct CountCell(DateOnly Month, string Region, string Kind, string Topic, string State, string Outcome,
    bool Decided, bool Handled, bool OnTime);

/// <summary>
/// Where one complaint is counted in the respondents' ranking (<c>complaints_respondent_count</c>): the
/// month, region, kind and respondent, and whether handled and handled on time. Duplicates are not
/// counted here, as the rankings leave them out.
/// </summary>
internal readonly record struct RespondentCell(DateOnly Month, string Region, string Kind, string RespondentId, bool Handled, bool OnTime);

/// <summary>How one complaint counts for indicator 20 in <c>complaints_due_count</c>: its province, its company deadline and its class.</summary>
internal readonly record struct DueCell(string Region, DateOnly Due, string Class);

/// <summary>The summary's rules: a pure function of a complaint's fields, applied on every write and by the rebuild.</summary>
internal static class Counts
{
    /// <summary>The month a complaint counts in (its first day).</summary>
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    public static CountCell Cell(string kind, string region, string topic, string state, string? outcome, DateOnly receivedOn,
        DateOnly? decidedOn, DateOnly? answerDue, DateOnly? closedOn, DateOnly? respondentDue, DateOnly? respondentAnsweredOn) =>
        new(MonthOf(receivedOn), region, kind, topic, state, outcome ?? "", decidedOn is not null,
            Handled(kind, state, outcome, respondentAnsweredOn), OnTime(kind, answerDue, closedOn, respondentDue, respondentAnsweredOn));

    /// <summary>The respondent's cell of a complaint, or null for a duplicate (not counted in the rankings).</summary>
    public static RespondentCell? Respondent(string kind, string region, string respondentId, string state, string? outcome, DateOnly receivedOn,
        DateOnly? answerDue, DateOnly? closedOn, DateOnly? respondentDue, DateOnly? respondentAnsweredOn) => state == States.Duplicate
        ? null
        : new(MonthOf(receivedOn), region, kind, respondentId, Handled(kind, state, outcome, respondentAnsweredOn), OnTime(kind, answerDue, closedOn, respondentDue, respondentAnsweredOn));

    /// <summary>Telecom: closed other than by withdrawal; Internet: answered by the company.</summary>
    public static bool Handled(string kind, string state, string? outcome, DateOnly? respondentAnsweredOn) => kind == ComplaintKinds.Telecom
        ? state == States.Closed && outcome != Outcomes.Withdrawn
        : respondentAnsweredOn is not null;

    /// <summary>Telecom: closed by the 30-day answer deadline; Internet: answered by the company within its 10 working days.</summary>
    public static bool OnTime(string kind, DateOnly? answerDue, DateOnly? closedOn, DateOnly? respondentDue, DateOnly? respondentAnsweredOn) => kind == ComplaintKinds.Telecom
        ? closedOn is { } closed && answerDue is { } due && closed <= due
        : respondentAnsweredOn is { } answered && respondentDue is { } due2 && answered <= due2;

    /// <summary>The classes of <see cref="DueCell"/>; together with the deadline and an as-of date they decide <see cref="Timeliness.Classify"/> exactly.</summary>
    public const string Duplicate = "duplicate", Withdrawn = "withdrawn", AnsweredInTime = "on_time", NotInTime = "not_on_time";

    /// <summary>
    /// An Internet complaint with a company deadline, as indicator 20 reads it (null otherwise). The
    /// class holds everything of the complaint that <see cref="Timeliness.Classify"/> reads besides
    /// the deadline: duplicate, withdrawn on or before the deadline without an answer, answered by the
    /// deadline, or neither (late, or pending while the deadline has not passed).
    /// </summary>
    public static DueCell? Due(string kind, string region, string state, string? outcome, DateOnly? closedOn, DateOnly? respondentDue, DateOnly? respondentAnsweredOn)
    {
        if (kind != ComplaintKinds.Internet || respondentDue is not { } due)
        {
            return null;
        }
        var @class = state == States.Duplicate ? Duplicate
            : outcome == Outcomes.Withdrawn && closedOn is { } w && w <= due && respondentAnsweredOn is null ? Withdrawn
            : respondentAnsweredOn is { } a && a <= due ? AnsweredInTime
            : NotInTime;
        return new DueCell(region, due, @class);
    }

    /// <summary>A complaint that stands for every complaint of <paramref name="cell"/>'s class under <see cref="Timeliness.Classify"/>.</summary>
    public static TimelinessCase Representative(DueCell cell) => cell.Class switch
    {
        Duplicate => new(cell.Region, cell.Due, null, null, true),
        Withdrawn => new(cell.Region, cell.Due, null, cell.Due, false),
        AnsweredInTime => new(cell.Region, cell.Due, cell.Due, null, false),
        NotInTime => new(cell.Region, cell.Due, null, null, false),
        _ => throw new ArgumentOutOfRangeException(nameof(cell), cell.Class, "unknown class"),
    };
}
