namespace IctGov.Kernel.Time;

/// <summary>
/// The platform's one clock and working-day calendar: "today" in China Standard Time, and China's
/// working days under the State Council's holiday and make-up working-day (调休) schedule. Every
/// statutory deadline (filing within N working days, complaint handling, licence reviews, report
/// deadlines) is computed here. The host registers one instance as a singleton.
/// </summary>
/// <remarks>
/// <para><b>Counting convention.</b> Chinese law does not count the day a period starts on
/// (期间开始之日不计算在内; 民法典 第二百零一条: 开始的当日不计入，自下一日开始计算). So
/// "within 5 working days of receipt" ends on <c>AddWorkingDays(receipt, 5)</c>: the fifth working
/// day <em>after</em> the day of receipt, whatever kind of day receipt fell on. A deadline is met
/// by anything done before that day ends in Beijing (<see cref="IsLate"/>).</para>
/// <para><b>Uncovered years.</b> Whether a date is a working day is only known once the State
/// Council has published that year's notice. Any question about a date in a year the schedule does
/// not hold throws <see cref="CalendarNotPublishedException"/> rather than guessing from weekdays.</para>
/// </remarks>
public sealed class ChinaCalendar
{
    /// <summary>China Standard Time's offset from UTC. China has kept it without daylight saving since 1991.</summary>
    public static readonly TimeSpan UtcOffset = TimeSpan.FromHours(8);

    private readonly TimeProvider _time;

    /// <summary>Creates the calendar over a clock and a holiday schedule (normally <see cref="HolidaySchedule.Embedded"/>).</summary>
    public ChinaCalendar(TimeProvider time, HolidaySchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(schedule);
        _time = time;
        Schedule = schedule;
    }

    /// <summary>
    /// China Standard Time: the system's "Asia/Shanghai" zone, or a fixed UTC+8 zone with the same
    /// id where the system has no time-zone data (slim containers).
    /// </summary>
    public static TimeZoneInfo ChinaStandardTime { get; } = ResolveChinaStandardTime();

    /// <summary>The holiday schedule the calendar follows.</summary>
    public HolidaySchedule Schedule { get; }

    /// <summary>The current instant, expressed in China Standard Time.</summary>
    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(_time.GetUtcNow(), ChinaStandardTime);

    /// <summary>Today's date in China (not the UTC date: 00:00–07:59 in Beijing is still yesterday in UTC).</summary>
    public DateOnly Today => ToChinaDate(_time.GetUtcNow());

    /// <summary>The date in China at <paramref name="instant"/>.</summary>
    public static DateOnly ToChinaDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, ChinaStandardTime).DateTime);

    /// <summary>00:00 in Beijing on <paramref name="date"/>.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, ChinaStandardTime.GetUtcOffset(local));
    }

    /// <summary>The last instant (23:59:59.9999999) of <paramref name="date"/> in Beijing.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date) => StartOfDay(date.AddDays(1)).AddTicks(-1);

    /// <summary>
    /// True when <paramref name="instant"/> is after the end of <paramref name="deadline"/> in
    /// Beijing: 23:59 on the deadline day is on time, 00:00 the next day is late.
    /// </summary>
    public static bool IsLate(DateTimeOffset instant, DateOnly deadline) => ToChinaDate(instant) > deadline;

    /// <summary>True when the schedule holds the State Council's notice for <paramref name="year"/>.</summary>
    public bool Covers(int year) => Schedule.Covers(year);

    /// <summary>What kind of day <paramref name="date"/> is.</summary>
    /// <exception cref="CalendarNotPublishedException">The schedule does not cover the date's year.</exception>
    public DayKind Kind(DateOnly date)
    {
        EnsureCovered(date.Year);
        return Schedule.Find(date)
            ?? (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? DayKind.Weekend : DayKind.Working);
    }

    /// <summary>
    /// True for Monday–Friday except the days off of a holiday period, and for the Saturdays and
    /// Sundays the State Council's notice makes working days (调休上班).
    /// </summary>
    /// <exception cref="CalendarNotPublishedException">The schedule does not cover the date's year.</exception>
    public bool IsWorkingDay(DateOnly date) => Kind(date).IsWorkingDay;

    /// <summary>
    /// The <paramref name="n"/>-th working day after <paramref name="start"/>, not counting
    /// <paramref name="start"/> itself (期间开始之日不计算在内). For n &gt; 0 that is the deadline of
    /// "within n working days of <paramref name="start"/>". For n = 0, <paramref name="start"/> if it
    /// is a working day, else the next working day. For n &lt; 0, the |n|-th working day before
    /// <paramref name="start"/> (for "n working days before" a date).
    /// </summary>
    /// <exception cref="CalendarNotPublishedException">The count runs into a year the schedule does not cover.</exception>
    public DateOnly AddWorkingDays(DateOnly start, int n)
    {
        if (n == 0)
        {
            var day = start;
            while (!IsWorkingDay(day))
            {
                day = day.AddDays(1);
            }
            return day;
        }

        var step = Math.Sign(n);
        var remaining = Math.Abs(n);
        var date = start;
        while (remaining > 0)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }
        return date;
    }

    /// <summary>
    /// The number of working days after <paramref name="from"/> up to and including
    /// <paramref name="to"/> (so <c>AddWorkingDays(from, WorkingDaysBetween(from, to)) == to</c>
    /// when <paramref name="to"/> is a working day). Negative when <paramref name="to"/> is before
    /// <paramref name="from"/>: minus the working days after <paramref name="to"/> up to and
    /// including <paramref name="from"/>.
    /// </summary>
    /// <exception cref="CalendarNotPublishedException">The range touches a year the schedule does not cover.</exception>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>
    /// The end of a period of <paramref name="days"/> calendar days (日, not 工作日) starting on
    /// <paramref name="start"/>: <c>start + days</c>, the start day not counted; if that day is a rest
    /// day (weekend or holiday, not a make-up working day) the period ends on the next working day
    /// (民法典 第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    /// <exception cref="CalendarNotPublishedException">The last day falls in a year the schedule does not cover.</exception>
    public DateOnly AddCalendarDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        return AddWorkingDays(start.AddDays(days), 0);
    }

    private void EnsureCovered(int year)
    {
        if (!Schedule.Covers(year))
        {
            throw new CalendarNotPublishedException(year, [.. Schedule.Years.Select(y => y.Year)]);
        }
    }

    private static TimeZoneInfo ResolveChinaStandardTime() =>
        TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Shanghai", out var zone) ? zone : FixedChinaStandardTime();

    /// <summary>The zone used where the system has no time-zone data: UTC+8, no daylight saving.</summary>
    internal static TimeZoneInfo FixedChinaStandardTime() =>
        TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", UtcOffset, "(UTC+08:00) China Standard Time", "China Standard Time");
}
