using IctGov.Kernel.Time;
using static IctGov.Kernel.Tests.Fixtures;

namespace IctGov.Kernel.Tests;

public class WorkingDayTests
{
    [Theory]
    // Tuesday 30 September 2025, then National Day + Mid-Autumn off 1–8 October, Saturday 11 October worked.
    [InlineData("2025-09-30", 1, "2025-10-09")]
    [InlineData("2025-09-30", 2, "2025-10-10")]
    [InlineData("2025-09-30", 3, "2025-10-11")]
    [InlineData("2025-09-30", 4, "2025-10-13")]
    // Friday 26 September 2025: Saturday is a rest day, Sunday 28 September a make-up working day.
    [InlineData("2025-09-26", 1, "2025-09-28")]
    [InlineData("2025-09-26", 4, "2025-10-09")]
    // Received on a holiday: the count starts the next day all the same.
    [InlineData("2025-10-03", 1, "2025-10-09")]
    // 2024: Sunday 29 September worked, 1–7 October off.
    [InlineData("2024-09-27", 5, "2024-10-10")]
    // Across Spring Festival 2026 (15–23 February off, Saturdays 14 and 28 February worked).
    [InlineData("2026-02-13", 1, "2026-02-14")]
    [InlineData("2026-02-14", 1, "2026-02-24")]
    [InlineData("2026-02-13", 10, "2026-03-05")]
    // Across the year end: 2022-12-30 (Friday), then 31 December–2 January off under the 2023 notice.
    [InlineData("2022-12-30", 1, "2023-01-03")]
    public void AddWorkingDays_DoesNotCountTheStartDay(string start, int n, string expected) =>
        Assert.Equal(D(expected), Calendar.AddWorkingDays(D(start), n));

    [Theory]
    [InlineData("2025-09-30", "2025-09-30")]
    [InlineData("2025-10-03", "2025-10-09")]
    [InlineData("2025-09-27", "2025-09-28")]
    [InlineData("2025-09-28", "2025-09-28")]
    public void AddWorkingDays_Zero_IsTheStartOrTheNextWorkingDay(string start, string expected) =>
        Assert.Equal(D(expected), Calendar.AddWorkingDays(D(start), 0));

    [Theory]
    [InlineData("2025-10-09", -1, "2025-09-30")]
    [InlineData("2025-10-09", -3, "2025-09-28")]
    [InlineData("2025-10-09", -4, "2025-09-26")]
    [InlineData("2025-10-05", -1, "2025-09-30")]
    public void AddWorkingDays_Negative_CountsBackwards(string start, int n, string expected) =>
        Assert.Equal(D(expected), Calendar.AddWorkingDays(D(start), n));

    [Theory]
    [InlineData("2025-09-30", "2025-10-13", 4)]
    [InlineData("2025-10-13", "2025-09-30", -4)]
    [InlineData("2025-09-30", "2025-10-08", 0)]
    [InlineData("2025-10-09", "2025-10-09", 0)]
    [InlineData("2025-09-26", "2025-09-28", 1)]
    [InlineData("2024-12-31", "2025-12-31", 248)]
    public void WorkingDaysBetween_CountsAfterFromUpToAndIncludingTo(string from, string to, int expected) =>
        Assert.Equal(expected, Calendar.WorkingDaysBetween(D(from), D(to)));

    [Fact]
    public void WorkingDaysBetween_UndoesAddWorkingDays_ForEveryDayOf2025()
    {
        for (var start = D("2025-01-01"); start.Year == 2025; start = start.AddDays(1))
        {
            foreach (var n in new[] { 1, 5, 10, 20 })
            {
                var end = Calendar.AddWorkingDays(start, n);
                Assert.Equal(n, Calendar.WorkingDaysBetween(start, end));
                Assert.True(Calendar.IsWorkingDay(end));
                Assert.Equal(-n, Calendar.WorkingDaysBetween(end, start));
            }
        }
    }

    /// <summary>
    /// Working days per year as the schedule gives them (weekdays, less weekday days off, plus
    /// worked weekend days). A change here means the data changed: check it against the notice.
    /// </summary>
    [Theory]
    [InlineData(2020, 249)] // 251 before the extension took Friday 31 January and the worked Saturday 1 February
    [InlineData(2021, 250)]
    [InlineData(2022, 249)]
    [InlineData(2023, 249)]
    [InlineData(2024, 251)]
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void WorkingDaysPerYear_FollowFromTheNotices(int year, int workingDays) =>
        Assert.Equal(workingDays, Calendar.WorkingDaysBetween(new DateOnly(year - 1, 12, 31), new DateOnly(year, 12, 31)));

    [Theory]
    // 15 calendar days from 20 September 2025 end on Sunday 5 October, a holiday: moved to 9 October.
    [InlineData("2025-09-20", 15, "2025-10-09")]
    // Ends on Sunday 28 September, a make-up working day: stays.
    [InlineData("2025-09-13", 15, "2025-09-28")]
    // Ends on Saturday 27 September, a rest day: moved to the worked Sunday.
    [InlineData("2025-09-12", 15, "2025-09-28")]
    [InlineData("2025-03-03", 30, "2025-04-02")]
    public void AddCalendarDays_MovesAnEndOnARestDayToTheNextWorkingDay(string start, int days, string expected) =>
        Assert.Equal(D(expected), Calendar.AddCalendarDays(D(start), days));

    [Fact]
    public void AddCalendarDays_RejectsANegativeCount() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddCalendarDays(D("2025-03-03"), -1));

    [Fact]
    public void AddWorkingDays_IntoAnUnpublishedYear_Throws()
    {
        var e = Assert.Throws<CalendarNotPublishedException>(() => Calendar.AddWorkingDays(D("2026-12-25"), 5));

        Assert.Equal(2027, e.Year);
    }

    [Fact]
    public void AddWorkingDays_FromAnUnpublishedYear_Throws() =>
        Assert.Throws<CalendarNotPublishedException>(() => Calendar.AddWorkingDays(D("2019-12-20"), 10));
}
