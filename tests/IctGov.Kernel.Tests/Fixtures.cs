using System.Globalization;
using IctGov.Kernel.Time;
using Microsoft.Extensions.Time.Testing;

namespace IctGov.Kernel.Tests;

internal static class Fixtures
{
    /// <summary>The platform's calendar over the embedded schedule; these tests never read its clock.</summary>
    public static ChinaCalendar Calendar { get; } = new(new FakeTimeProvider(), HolidaySchedule.Embedded);

    public static DateOnly D(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
}
