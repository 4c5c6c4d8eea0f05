using System.Collections.Frozen;

namespace IctGov.Kernel.Time;

/// <summary>One notice of the State Council General Office that a year's schedule is taken from.</summary>
/// <param name="Title">The notice's title, e.g. 国务院办公厅关于2025年部分节假日安排的通知.</param>
/// <param name="DocumentNumber">The document number, e.g. 国办发明电〔2024〕12号.</param>
/// <param name="Published">The day the notice was published.</param>
/// <param name="Url">The notice on www.gov.cn.</param>
/// <param name="Note">Why the notice matters beyond its dates, when it does (an extension, a revised rule).</param>
public sealed record NoticeSource(string Title, string DocumentNumber, DateOnly Published, Uri Url, string? Note);

/// <summary>
/// One holiday period of a notice: its days off, first to last inclusive, and the weekend days
/// worked in exchange (调休上班).
/// </summary>
/// <param name="NoticeYear">The year whose notice sets the period (2023's New Year break starts on 31 December 2022).</param>
/// <param name="NameZh">The holiday's name as the notice writes it, e.g. 国庆节、中秋节.</param>
/// <param name="NameEn">The English name.</param>
/// <param name="FirstDayOff">The first day off.</param>
/// <param name="LastDayOff">The last day off.</param>
/// <param name="MakeUpWorkdays">Saturdays and Sundays worked for this period.</param>
/// <param name="NoticeText">The notice's sentence for this holiday, for checking the dates against it.</param>
public sealed record HolidayPeriod(
    int NoticeYear,
    string NameZh,
    string NameEn,
    DateOnly FirstDayOff,
    DateOnly LastDayOff,
    IReadOnlyList<DateOnly> MakeUpWorkdays,
    string NoticeText)
{
    /// <summary>The number of days off, first to last inclusive (the notice's 共N天).</summary>
    public int Days => LastDayOff.DayNumber - FirstDayOff.DayNumber + 1;

    /// <summary>The name in the current UI language.</summary>
    public string Name => Bilingual.T(NameZh, NameEn);

    /// <summary>True when <paramref name="date"/> is one of the period's days off.</summary>
    public bool Contains(DateOnly date) => date >= FirstDayOff && date <= LastDayOff;
}

/// <summary>One year of the schedule: the notices it comes from and its holiday periods.</summary>
public sealed record ScheduleYear(int Year, IReadOnlyList<NoticeSource> Sources, IReadOnlyList<HolidayPeriod> Holidays);

/// <summary>
/// The State Council's holiday and make-up working-day schedule, year by year, as data with its
/// sources. <see cref="Embedded"/> is the platform's copy (src/IctGov.Kernel/Time/china-holidays.json);
/// <see cref="Parse"/> reads another copy with the same checks. See docs/CALENDAR.md.
/// </summary>
public sealed class HolidaySchedule
{
    /// <summary>The resource name of the platform's schedule inside this assembly.</summary>
    public const string ResourceName = "IctGov.Kernel.Time.china-holidays.json";

    private static readonly Lazy<HolidaySchedule> EmbeddedSchedule = new(LoadEmbedded);

    private readonly FrozenDictionary<DateOnly, DayKind> _days;
    private readonly FrozenSet<int> _years;

    internal HolidaySchedule(IReadOnlyList<ScheduleYear> years)
    {
        Years = years;
        _years = years.Select(y => y.Year).ToFrozenSet();
        var days = new Dictionary<DateOnly, DayKind>();
        foreach (var period in years.SelectMany(y => y.Holidays))
        {
            for (var d = period.FirstDayOff; d <= period.LastDayOff; d = d.AddDays(1))
            {
                days.Add(d, DayKind.DayOff(period));
            }
            foreach (var workday in period.MakeUpWorkdays)
            {
                days.Add(workday, DayKind.MakeUpFor(period));
            }
        }
        _days = days.ToFrozenDictionary();
    }

    /// <summary>The platform's schedule, read once from the embedded china-holidays.json.</summary>
    public static HolidaySchedule Embedded => EmbeddedSchedule.Value;

    /// <summary>The covered years in ascending order.</summary>
    public IReadOnlyList<ScheduleYear> Years { get; }

    /// <summary>True when the schedule holds the State Council's notice for <paramref name="year"/>.</summary>
    public bool Covers(int year) => _years.Contains(year);

    /// <summary>Reads and checks a schedule in the china-holidays.json format.</summary>
    /// <exception cref="HolidayScheduleFormatException">The text is not a valid, consistent schedule.</exception>
    public static HolidaySchedule Parse(string json) => new(HolidayScheduleReader.Read(json));

    /// <summary>The listed day off or make-up working day on <paramref name="date"/>, if any.</summary>
    internal DayKind? Find(DateOnly date) => _days.GetValueOrDefault(date);

    private static HolidaySchedule LoadEmbedded()
    {
        using var stream = typeof(HolidaySchedule).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from {typeof(HolidaySchedule).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
