using IctGov.Kernel;

namespace IctGov.Complaints.Domain;

/// <summary>What indicator 20 needs of one Internet complaint.</summary>
/// <param name="Region">The respondent's province.</param>
/// <param name="Due">The company's deadline (10 working days after transfer); null if never transferred.</param>
/// <param name="AnsweredOn">The day the company answered the user, if it did.</param>
/// <param name="WithdrawnOn">The day the user withdrew, if they did.</param>
/// <param name="Duplicate">Merged into another complaint of the same user about the same matter.</param>
internal readonly record struct TimelinessCase(string Region, DateOnly? Due, DateOnly? AnsweredOn, DateOnly? WithdrawnOn, bool Duplicate);

/// <summary>The counts behind indicator 20 for one region and period.</summary>
/// <param name="Due">Complaints due in the period (the denominator).</param>
/// <param name="OnTime">Of those, answered by the company on or before the deadline (the numerator).</param>
/// <param name="Pending">Deadline in the period but not yet passed on the as-of date: counted once it has.</param>
/// <param name="Withdrawn">Withdrawn by the user before the deadline without an answer: not due.</param>
/// <param name="Duplicates">Duplicates of another complaint: only the original counts.</param>
internal sealed record TimelinessCount(string Region, long Due, long OnTime, long Pending, long Withdrawn, long Duplicates)
{
    public long Late => Due - OnTime;

    /// <summary>On time ÷ due × 100, or null when nothing was due.</summary>
    public decimal? Rate => Due == 0 ? null : Math.Round(OnTime * 100m / Due, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Indicator 20 (互联网信息服务投诉处理及时率) = complaints handled within the limit ÷ complaints due in
/// the period. Which complaints count is defined in docs/COMPLAINTS.md; each rule is one branch here.
/// </summary>
internal static class Timeliness
{
    /// <summary>How one complaint counts for a period, as known on an as-of date.</summary>
    public enum Counted { Outside, Due, OnTime, Pending, Withdrawn, Duplicate }

    public static Counted Classify(TimelinessCase c, DateOnly start, DateOnly end, DateOnly asOf)
    {
        // Never transferred (not accepted, still at intake): no company clock ran, so nothing was due.
        if (c.Due is not { } due || due < start || due > end)
        {
            return Counted.Outside;
        }
        if (c.Duplicate)
        {
            return Counted.Duplicate;
        }
        var answeredInTime = c.AnsweredOn is { } a && a <= due;
        // Withdrawn on or before the deadline with no answer: the user ended it before the company was late.
        if (c.WithdrawnOn is { } w && w <= due && c.AnsweredOn is null)
        {
            return Counted.Withdrawn;
        }
        // The deadline has not passed on the as-of date: counted once it has, early answers included, so a
        // period's figure never changes its mix of complaints as its last deadlines run out.
        if (due >= asOf)
        {
            return Counted.Pending;
        }
        return answeredInTime ? Counted.OnTime : Counted.Due;
    }

    /// <summary>
    /// The counts per province and nationally (<see cref="Region.NationalCode"/>) for the period
    /// [<paramref name="start"/>, <paramref name="end"/>] as known on <paramref name="asOf"/>.
    /// </summary>
    public static IReadOnlyList<TimelinessCount> Compute(IEnumerable<TimelinessCase> cases, DateOnly start, DateOnly end, DateOnly asOf) =>
        Compute(cases.Select(c => (c, 1L)), start, end, asOf);

    /// <summary>The same, for cases that each stand for <c>Count</c> complaints classified alike (the summary's cells).</summary>
    public static IReadOnlyList<TimelinessCount> Compute(IEnumerable<(TimelinessCase Case, long Count)> cases, DateOnly start, DateOnly end, DateOnly asOf)
    {
        var by = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var national = new long[5];
        foreach (var (c, n) in cases)
        {
            var counted = Classify(c, start, end, asOf);
            if (counted == Counted.Outside)
            {
                continue;
            }
            if (!by.TryGetValue(c.Region, out var counts))
            {
                by[c.Region] = counts = new long[5];
            }
            Add(counts, counted, n);
            Add(national, counted, n);
        }
        var result = by.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Count(kv.Key, kv.Value)).ToList();
        result.Insert(0, Count(Region.NationalCode, national));
        return result;
    }

    private static void Add(long[] counts, Counted counted, long n)
    {
        switch (counted)
        {
            case Counted.OnTime:
                counts[0] += n;
                counts[1] += n;
                break;
            case Counted.Due:
                counts[0] += n;
                break;
            case Counted.Pending:
                counts[2] += n;
                break;
            case Counted.Withdrawn:
                counts[3] += n;
                break;
            case Counted.Duplicate:
                counts[4] += n;
                break;
        }
    }

    private static TimelinessCount Count(string region, long[] c) => new(region, c[0], c[1], c[2], c[3], c[4]);
}
