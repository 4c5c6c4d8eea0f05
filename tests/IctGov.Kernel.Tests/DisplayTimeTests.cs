using IctGov.Kernel.Display;

namespace IctGov.Kernel.Tests;

/// <summary>Format.Time: a moment shown as Beijing time to the minute, whatever offset it was given in.</summary>
public class DisplayTimeTests
{
    [Fact]
    public void Time_IsBeijingTimeToTheMinute()
    {
        Assert.Equal("2026-08-01 08:05", Format.Time(new DateTimeOffset(2026, 8, 1, 0, 5, 59, TimeSpan.Zero)));
        Assert.Equal("2026-08-02 01:30", Format.Time(new DateTimeOffset(2026, 8, 1, 12, 30, 0, TimeSpan.FromHours(-5))));
        Assert.Equal(Format.None, Format.Time(null));
    }
}
