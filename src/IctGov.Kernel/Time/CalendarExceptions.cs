namespace IctGov.Kernel.Time;

/// <summary>
/// A date falls in a year whose holiday schedule the platform does not hold, so whether it is a
/// working day cannot be known. Add the State Council's notice for that year to
/// src/IctGov.Kernel/Time/china-holidays.json (docs/CALENDAR.md says how).
/// </summary>
public sealed class CalendarNotPublishedException : InvalidOperationException
{
    public CalendarNotPublishedException()
    {
    }

    public CalendarNotPublishedException(string message)
        : base(message)
    {
    }

    public CalendarNotPublishedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="year"/>, naming the years that are covered.</summary>
    public CalendarNotPublishedException(int year, IReadOnlyList<int> coveredYears)
        : base(Describe(year, coveredYears))
    {
        Year = year;
        CoveredYears = coveredYears;
    }

    /// <summary>The year that is not covered.</summary>
    public int Year { get; }

    /// <summary>The years the platform's schedule covers.</summary>
    public IReadOnlyList<int> CoveredYears { get; } = [];

    private static string Describe(int year, IReadOnlyList<int> coveredYears)
    {
        var covered = coveredYears.Count == 0 ? "no year" : string.Join(", ", coveredYears);
        return $"The working-day calendar has no holiday schedule for {year}: the State Council has not published "
            + $"国务院办公厅关于{year}年部分节假日安排的通知 yet, or the platform's data does not include that year's 放假安排 "
            + $"(covered: {covered}). Add the notice to src/IctGov.Kernel/Time/china-holidays.json as docs/CALENDAR.md describes. "
            + $"平台节假日数据不含{year}年放假安排，请按 docs/CALENDAR.md 录入国务院办公厅通知。";
    }
}

/// <summary>
/// The holiday schedule file is malformed or contradicts itself. The message names the year and
/// the field, and says what was expected.
/// </summary>
public sealed class HolidayScheduleFormatException : FormatException
{
    public HolidayScheduleFormatException()
    {
    }

    public HolidayScheduleFormatException(string message)
        : base(message)
    {
    }

    public HolidayScheduleFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem at <paramref name="field"/> of <paramref name="year"/>.</summary>
    public HolidayScheduleFormatException(int? year, string field, string problem, Exception? innerException = null)
        : base($"Holiday schedule, {(year is { } y ? $"year {y}" : "file")}, {field}: {problem}", innerException)
    {
        Year = year;
        Field = field;
    }

    /// <summary>The year whose entry is wrong, or null when the problem is outside any year.</summary>
    public int? Year { get; }

    /// <summary>The JSON path of the wrong field inside the year (or the file), e.g. holidays[1].makeUpWorkdays[0].</summary>
    public string Field { get; } = "";
}
