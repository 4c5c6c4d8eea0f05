using IctGov.Complaints.Domain;
using static IctGov.Complaints.Domain.Timeliness;

namespace IctGov.Complaints.Tests;

/// <summary>Which complaints count for indicator 20: one test per rule of docs/COMPLAINTS.md.</summary>
public class TimelinessTests
{
    private static readonly DateOnly Start = new(2026, 5, 1), End = new(2026, 5, 31), AsOf = new(2026, 6, 15);
    private static readonly DateOnly Due = new(2026, 5, 20);

    private static Counted Of(DateOnly? due, DateOnly? answered = null, DateOnly? withdrawn = null, bool duplicate = false, DateOnly? asOf = null) =>
        Classify(new TimelinessCase("440000", due, answered, withdrawn, duplicate), Start, End, asOf ?? AsOf);

    [Fact] public void AnsweredOnTheDeadlineDay_IsOnTime() => Assert.Equal(Counted.OnTime, Of(Due, answered: Due));
    [Fact] public void AnsweredTheDayAfter_IsDueButLate() => Assert.Equal(Counted.Due, Of(Due, answered: Due.AddDays(1)));
    [Fact] public void StillOpenAtPeriodEnd_PastItsDeadline_IsLate() => Assert.Equal(Counted.Due, Of(Due));
    [Fact] public void DeadlineInTheNextPeriod_CountsThere() => Assert.Equal(Counted.Outside, Of(new DateOnly(2026, 6, 1), answered: Due));
    [Fact] public void NeverTransferred_IsNotCounted() => Assert.Equal(Counted.Outside, Of(null));
    [Fact] public void WithdrawnBeforeTheDeadlineWithoutAnswer_IsNotCounted() => Assert.Equal(Counted.Withdrawn, Of(Due, withdrawn: Due));
    [Fact] public void WithdrawnAfterTheDeadlineWithoutAnswer_IsLate() => Assert.Equal(Counted.Due, Of(Due, withdrawn: Due.AddDays(1)));
    [Fact] public void AnsweredThenWithdrawn_CountsByTheAnswer() => Assert.Equal(Counted.OnTime, Of(Due, answered: Due.AddDays(-2), withdrawn: Due.AddDays(-1)));
    [Fact] public void Duplicate_IsNotCounted() => Assert.Equal(Counted.Duplicate, Of(Due, answered: Due, duplicate: true));
    [Fact] public void DeadlineNotYetPassedOnTheAsOfDate_IsPending_EvenIfAnswered() =>
        Assert.Equal(Counted.Pending, Of(Due, answered: Due.AddDays(-3), asOf: Due));

    [Fact]
    public void Compute_RatePerProvinceAndNation()
    {
        TimelinessCase[] cases =
        [
            new("440000", Due, Due, null, false),
            new("440000", Due, null, null, false),
            new("440000", Due, Due, null, true),
            new("110000", Due, Due.AddDays(-1), null, false),
            new("110000", Due, null, Due.AddDays(-1), false),
            new("110000", new DateOnly(2026, 4, 30), Due, null, false),
        ];
        var counts = Compute(cases, Start, End, AsOf);
        Assert.Equal(["100000", "110000", "440000"], counts.Select(c => c.Region));
        var national = counts[0];
        Assert.Equal((3L, 2L, 1L, 1L, 66.67m), (national.Due, national.OnTime, national.Withdrawn, national.Duplicates, national.Rate!.Value));
        Assert.Equal(100m, counts[1].Rate);
        Assert.Equal(50m, counts[2].Rate);
    }
}
