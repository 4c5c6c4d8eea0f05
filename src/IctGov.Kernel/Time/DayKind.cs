namespace IctGov.Kernel.Time;

/// <summary>What sort of day a date is in China's working calendar.</summary>
public enum DayType
{
    /// <summary>An ordinary Monday–Friday working day.</summary>
    Working = 1,
    /// <summary>An ordinary Saturday or Sunday rest day.</summary>
    Weekend = 2,
    /// <summary>A day off of a holiday period (法定节假日 and the days off the State Council's notice adds to it).</summary>
    Holiday = 3,
    /// <summary>A Saturday or Sunday worked in exchange for a day off of a holiday period (调休上班).</summary>
    MakeUpWorkday = 4,
}

/// <summary>
/// The kind of one date: working day, weekend, holiday (with the holiday period it belongs to) or
/// make-up working day (with the holiday period it is worked for).
/// </summary>
public sealed class DayKind
{
    private DayKind(DayType type, HolidayPeriod? holiday)
    {
        Type = type;
        Holiday = holiday;
    }

    /// <summary>An ordinary working day.</summary>
    public static DayKind Working { get; } = new(DayType.Working, null);

    /// <summary>An ordinary weekend day.</summary>
    public static DayKind Weekend { get; } = new(DayType.Weekend, null);

    internal static DayKind DayOff(HolidayPeriod holiday) => new(DayType.Holiday, holiday);

    internal static DayKind MakeUpFor(HolidayPeriod holiday) => new(DayType.MakeUpWorkday, holiday);

    /// <summary>Working, weekend, holiday or make-up working day.</summary>
    public DayType Type { get; }

    /// <summary>
    /// For <see cref="DayType.Holiday"/> the holiday period the day belongs to; for
    /// <see cref="DayType.MakeUpWorkday"/> the holiday period it is worked for; otherwise null.
    /// </summary>
    public HolidayPeriod? Holiday { get; }

    /// <summary>True for ordinary working days and make-up working days.</summary>
    public bool IsWorkingDay => Type is DayType.Working or DayType.MakeUpWorkday;

    /// <inheritdoc />
    public override string ToString() => Holiday is null ? Type.ToString() : $"{Type} ({Holiday.NameEn})";
}
