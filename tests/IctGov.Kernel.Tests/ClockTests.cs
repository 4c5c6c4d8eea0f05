using IctGov.Kernel.Time;
using Microsoft.Extensions.Time.Testing;
using static IctGov.Kernel.Tests.Fixtures;

namespace IctGov.Kernel.Tests;

public class ClockTests
{
    private static ChinaCalendar CalendarAt(string utcInstant) =>
        new(new FakeTimeProvider(Instant(utcInstant)), HolidaySchedule.Embedded);

    [Fact]
    public void Today_AfterFourPmUtc_IsTheNextDayInChina()
    {
        var calendar = CalendarAt("2026-01-01T16:30:00Z");

        Assert.Equal(D("2026-01-02"), calendar.Today);
    }

    [Fact]
    public void Now_IsTheSameInstantWrittenInUtcPlus8()
    {
        var calendar = CalendarAt("2026-01-01T16:30:00Z");

        Assert.Equal(Instant("2026-01-01T16:30:00Z"), calendar.Now);
        Assert.Equal(TimeSpan.FromHours(8), calendar.Now.Offset);
        Assert.Equal(new DateTime(2026, 1, 2, 0, 30, 0), calendar.Now.DateTime);
    }

    [Fact]
    public void Today_FollowsTheFakeClockAcrossBeijingMidnight()
    {
        var clock = new FakeTimeProvider(Instant("2025-12-31T15:59:59Z"));
        var calendar = new ChinaCalendar(clock, HolidaySchedule.Embedded);
        Assert.Equal(D("2025-12-31"), calendar.Today);

        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(D("2026-01-01"), calendar.Today);
    }

    [Theory]
    [InlineData("2026-01-02T23:59:59+08:00", "2026-01-02")]
    [InlineData("2026-01-03T00:00:00+08:00", "2026-01-03")]
    [InlineData("2026-01-02T15:59:59Z", "2026-01-02")]
    [InlineData("2026-01-02T16:00:00Z", "2026-01-03")]
    [InlineData("2026-01-02T00:00:00-05:00", "2026-01-02")]
    public void ToChinaDate_UsesTheBeijingWallClock(string instant, string chinaDate) =>
        Assert.Equal(D(chinaDate), ChinaCalendar.ToChinaDate(Instant(instant)));

    [Fact]
    public void StartAndEndOfDay_BracketTheBeijingDate()
    {
        Assert.Equal(Instant("2026-01-01T16:00:00Z"), ChinaCalendar.StartOfDay(D("2026-01-02")));
        Assert.Equal(Instant("2026-01-02T16:00:00Z").AddTicks(-1), ChinaCalendar.EndOfDay(D("2026-01-02")));
        Assert.Equal(TimeSpan.FromHours(8), ChinaCalendar.StartOfDay(D("2026-01-02")).Offset);
    }

    [Theory]
    [InlineData("2025-10-09T23:59:59+08:00", false)]
    [InlineData("2025-10-09T15:59:59Z", false)]
    [InlineData("2025-10-10T00:00:00+08:00", true)]
    // 00:30 in Beijing on the day after the deadline is still the deadline's date in UTC: late all the same.
    [InlineData("2025-10-09T16:30:00Z", true)]
    public void IsLate_ComparesWithTheEndOfTheDeadlineInBeijing(string submittedAt, bool late) =>
        Assert.Equal(late, ChinaCalendar.IsLate(Instant(submittedAt), D("2025-10-09")));

    [Fact]
    public void ChinaStandardTime_IsUtcPlus8WithoutDaylightSaving()
    {
        var zone = ChinaCalendar.ChinaStandardTime;

        Assert.Equal(TimeSpan.FromHours(8), zone.BaseUtcOffset);
        Assert.Equal(TimeSpan.FromHours(8), zone.GetUtcOffset(Instant("2026-07-01T00:00:00Z")));
        Assert.Equal(TimeSpan.FromHours(8), zone.GetUtcOffset(Instant("2026-01-01T00:00:00Z")));
    }

    [Fact]
    public void FixedFallbackZone_AgreesWithTheSystemZone()
    {
        var fixedZone = ChinaCalendar.FixedChinaStandardTime();

        Assert.Equal("Asia/Shanghai", fixedZone.Id);
        Assert.Empty(fixedZone.GetAdjustmentRules());
        foreach (var instant in new[] { "2020-01-24T15:59:59Z", "2024-07-01T16:00:00Z", "2026-01-01T16:30:00Z" })
        {
            var at = Instant(instant);
            Assert.Equal(TimeZoneInfo.ConvertTime(at, ChinaCalendar.ChinaStandardTime), TimeZoneInfo.ConvertTime(at, fixedZone));
            Assert.Equal(TimeZoneInfo.ConvertTime(at, ChinaCalendar.ChinaStandardTime).Offset, TimeZoneInfo.ConvertTime(at, fixedZone).Offset);
        }
    }
}
