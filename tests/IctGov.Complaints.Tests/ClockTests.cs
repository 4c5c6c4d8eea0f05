using IctGov.Complaints.Domain;
using IctGov.Kernel.Time;
using Microsoft.Extensions.Time.Testing;

namespace IctGov.Complaints.Tests;

/// <summary>
/// The statutory clocks on the State Council's 2026 holiday schedule (src/IctGov.Kernel/Time/china-holidays.json):
/// 春节 2月15–23日 off, 2月14日 and 2月28日 (Saturdays) worked; 中秋 9月25–27日 and 国庆 10月1–7日 off,
/// 9月20日 (Sunday) and 10月10日 (Saturday) worked. The start day never counts (民法典 第二百零一条).
/// </summary>
public class ClockTests
{
    internal static ChinaCalendar CalendarOn(int year, int month, int day) =>
        new(new FakeTimeProvider(new DateTimeOffset(year, month, day, 2, 0, 0, TimeSpan.Zero)), HolidaySchedule.Embedded); // 10:00 in Beijing

    private static readonly ChinaCalendar Calendar = CalendarOn(2026, 6, 1);

    [Fact]
    public void AcceptanceDue_SkipsMidAutumnAndNationalDay()
    {
        // Thursday 24 September: 28, 29, 30 September, then 8 and 9 October.
        Assert.Equal(new DateOnly(2026, 10, 9), ComplaintRules.AcceptanceDue(new DateOnly(2026, 9, 24), Calendar));
    }

    [Fact]
    public void AcceptanceDue_CountsTheMakeUpSaturdayAsAWorkingDay()
    {
        // Friday 9 October: Saturday 10 October is worked (调休), so 10, 12, 13, 14, 15 — not 16 as plain weekdays would give.
        Assert.Equal(new DateOnly(2026, 10, 15), ComplaintRules.AcceptanceDue(new DateOnly(2026, 10, 9), Calendar));
    }

    [Fact]
    public void InternetDue_RunsTenWorkingDaysAcrossSpringFestival_WithBothMakeUpSaturdays()
    {
        // Transferred Friday 13 February: 14 (Sat, worked), 24, 25, 26, 27, 28 (Sat, worked), 2, 3, 4, 5 March.
        Assert.Equal(new DateOnly(2026, 3, 5), ComplaintRules.InternetDue(new DateOnly(2026, 2, 13), Calendar));
    }

    [Fact]
    public void AnswerDue_ThirtyCalendarDaysEndingOnAHolidayMovesToTheNextWorkingDay()
    {
        // 1 September + 30 days = 1 October, a day off: the period ends on Thursday 8 October (民法典 第二百零三条).
        Assert.Equal(new DateOnly(2026, 10, 8), ComplaintRules.AnswerDue(new DateOnly(2026, 9, 1), Calendar));
        // 1 June + 30 days = Wednesday 1 July, a working day: unchanged.
        Assert.Equal(new DateOnly(2026, 7, 1), ComplaintRules.AnswerDue(new DateOnly(2026, 6, 1), Calendar));
    }

    [Fact]
    public void Deadline_IntoAYearWithoutPublishedSchedule_IsUnknownNotGuessed()
    {
        var calendar = CalendarOn(2026, 12, 28);
        Assert.Null(ComplaintRules.AcceptanceDue(new DateOnly(2026, 12, 28), calendar));
        var clock = ClockReading.Of(ComplaintKinds.Telecom, States.Received, null, null, null, calendar);
        Assert.Equal(ClockStates.Unknown, clock.State);
    }

    [Theory]
    [InlineData(2026, 9, 28, "green", 4)]  // Monday: 29, 30 Sept, 8, 9 Oct left
    [InlineData(2026, 9, 30, "amber", 2)]  // Wednesday before the holiday: only 8 and 9 Oct left
    [InlineData(2026, 10, 9, "amber", 0)]  // the deadline day itself
    [InlineData(2026, 10, 10, "red", -1)]  // the make-up Saturday after it: one working day late
    public void ClockState_GreenAmberRed_AcrossTheHoliday(int y, int m, int d, string state, int left)
    {
        var calendar = CalendarOn(y, m, d);
        var clock = ClockReading.Of(ComplaintKinds.Telecom, States.Received, new DateOnly(2026, 10, 9), null, null, calendar);
        Assert.Equal(("acceptance", state, left), (clock.Stage, clock.State, clock.WorkingDaysLeft!.Value));
    }

    [Fact]
    public void ClockStage_FollowsTheState()
    {
        var due = new DateOnly(2026, 7, 1);
        Assert.Equal("answer", ClockReading.Of(ComplaintKinds.Telecom, States.Mediating, null, due, null, Calendar).Stage);
        Assert.Equal("respondent", ClockReading.Of(ComplaintKinds.Internet, States.Transferred, null, null, due, Calendar).Stage);
        Assert.Equal(ClockStates.None, ClockReading.Of(ComplaintKinds.Internet, States.Answered, null, null, due, Calendar).State);
        Assert.Equal(ClockStates.None, ClockReading.Of(ComplaintKinds.Telecom, States.Closed, null, due, null, Calendar).State);
    }
}
