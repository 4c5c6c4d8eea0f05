using IctGov.Kernel.Time;
using static IctGov.Kernel.Tests.Fixtures;

namespace IctGov.Kernel.Tests;

/// <summary>The embedded schedule against the State Council's notices, day by day.</summary>
public class ScheduleTests
{
    [Theory]
    // 2020: 国办发明电〔2019〕16号, with the Spring Festival extended to 2 February by 国办发明电〔2020〕1号.
    [InlineData("2020-01-01", DayType.Holiday, "元旦")]
    [InlineData("2020-01-19", DayType.MakeUpWorkday, "春节")]
    [InlineData("2020-01-24", DayType.Holiday, "春节")]
    [InlineData("2020-01-31", DayType.Holiday, "春节")]
    [InlineData("2020-02-01", DayType.Holiday, "春节")] // a make-up working day until the extension
    [InlineData("2020-02-02", DayType.Holiday, "春节")]
    [InlineData("2020-02-03", DayType.Working, null)]
    [InlineData("2020-06-28", DayType.MakeUpWorkday, "端午节")]
    [InlineData("2020-10-08", DayType.Holiday, "国庆节、中秋节")]
    [InlineData("2020-10-10", DayType.MakeUpWorkday, "国庆节、中秋节")]
    // 2021: 国办发明电〔2020〕27号
    [InlineData("2021-01-03", DayType.Holiday, "元旦")]
    [InlineData("2021-02-07", DayType.MakeUpWorkday, "春节")]
    [InlineData("2021-02-20", DayType.MakeUpWorkday, "春节")]
    [InlineData("2021-09-18", DayType.MakeUpWorkday, "中秋节")]
    [InlineData("2021-10-07", DayType.Holiday, "国庆节")]
    [InlineData("2021-10-09", DayType.MakeUpWorkday, "国庆节")]
    // 2022: 国办发明电〔2021〕11号
    [InlineData("2022-01-29", DayType.MakeUpWorkday, "春节")]
    [InlineData("2022-01-30", DayType.MakeUpWorkday, "春节")]
    [InlineData("2022-04-02", DayType.MakeUpWorkday, "清明节")]
    [InlineData("2022-04-30", DayType.Holiday, "劳动节")]
    [InlineData("2022-10-08", DayType.MakeUpWorkday, "国庆节")]
    // 2023: 国办发明电〔2022〕16号 (its New Year break starts in 2022)
    [InlineData("2022-12-31", DayType.Holiday, "元旦")]
    [InlineData("2023-01-02", DayType.Holiday, "元旦")]
    [InlineData("2023-04-05", DayType.Holiday, "清明节")]
    [InlineData("2023-06-25", DayType.MakeUpWorkday, "端午节")]
    [InlineData("2023-09-29", DayType.Holiday, "中秋节、国庆节")]
    [InlineData("2023-10-07", DayType.MakeUpWorkday, "中秋节、国庆节")]
    // 2024: 国办发明电〔2023〕7号
    [InlineData("2024-01-01", DayType.Holiday, "元旦")]
    [InlineData("2024-02-04", DayType.MakeUpWorkday, "春节")]
    [InlineData("2024-02-09", DayType.Working, null)] // 除夕: employers were only encouraged to give it off
    [InlineData("2024-02-10", DayType.Holiday, "春节")]
    [InlineData("2024-02-17", DayType.Holiday, "春节")]
    [InlineData("2024-02-18", DayType.MakeUpWorkday, "春节")]
    [InlineData("2024-04-07", DayType.MakeUpWorkday, "清明节")]
    [InlineData("2024-05-11", DayType.MakeUpWorkday, "劳动节")]
    [InlineData("2024-06-10", DayType.Holiday, "端午节")]
    [InlineData("2024-09-14", DayType.MakeUpWorkday, "中秋节")]
    [InlineData("2024-10-12", DayType.MakeUpWorkday, "国庆节")]
    // 2025: 国办发明电〔2024〕12号, the first year of the revised 全国年节及纪念日放假办法
    [InlineData("2025-01-01", DayType.Holiday, "元旦")]
    [InlineData("2025-01-26", DayType.MakeUpWorkday, "春节")]
    [InlineData("2025-01-28", DayType.Holiday, "春节")]
    [InlineData("2025-02-04", DayType.Holiday, "春节")]
    [InlineData("2025-02-08", DayType.MakeUpWorkday, "春节")]
    [InlineData("2025-04-27", DayType.MakeUpWorkday, "劳动节")]
    [InlineData("2025-05-05", DayType.Holiday, "劳动节")]
    [InlineData("2025-10-01", DayType.Holiday, "国庆节、中秋节")]
    [InlineData("2025-10-08", DayType.Holiday, "国庆节、中秋节")]
    [InlineData("2025-10-09", DayType.Working, null)]
    [InlineData("2025-10-11", DayType.MakeUpWorkday, "国庆节、中秋节")]
    // 2026: 国办发明电〔2025〕7号
    [InlineData("2026-01-02", DayType.Holiday, "元旦")]
    [InlineData("2026-01-04", DayType.MakeUpWorkday, "元旦")]
    [InlineData("2026-02-14", DayType.MakeUpWorkday, "春节")]
    [InlineData("2026-02-23", DayType.Holiday, "春节")]
    [InlineData("2026-02-28", DayType.MakeUpWorkday, "春节")]
    [InlineData("2026-05-09", DayType.MakeUpWorkday, "劳动节")]
    [InlineData("2026-09-20", DayType.MakeUpWorkday, "国庆节")]
    [InlineData("2026-10-10", DayType.MakeUpWorkday, "国庆节")]
    [InlineData("2026-03-07", DayType.Weekend, null)]
    [InlineData("2026-03-09", DayType.Working, null)]
    public void Kind_MatchesTheNotice(string date, DayType type, string? holiday)
    {
        var kind = Calendar.Kind(D(date));

        Assert.Equal(type, kind.Type);
        Assert.Equal(holiday, kind.Holiday?.NameZh);
        Assert.Equal(type is DayType.Working or DayType.MakeUpWorkday, Calendar.IsWorkingDay(D(date)));
    }

    [Fact]
    public void Kind_OfAHoliday_CarriesBothNamesAndTheNoticeYear()
    {
        var holiday = Calendar.Kind(D("2022-12-31")).Holiday!;

        Assert.Equal("元旦", holiday.NameZh);
        Assert.Equal("New Year's Day", holiday.NameEn);
        Assert.Equal(2023, holiday.NoticeYear);
        Assert.Equal(3, holiday.Days);
    }

    [Fact]
    public void Spring2024_IsEightDaysOff_BetweenTwoWorkedSundays()
    {
        for (var day = D("2024-02-10"); day <= D("2024-02-17"); day = day.AddDays(1))
        {
            Assert.Equal(DayType.Holiday, Calendar.Kind(day).Type);
        }
        Assert.True(Calendar.IsWorkingDay(D("2024-02-04")));
        Assert.True(Calendar.IsWorkingDay(D("2024-02-18")));
    }

    [Fact]
    public void EmbeddedSchedule_CoversExactly2020Through2026()
    {
        Assert.Equal([2020, 2021, 2022, 2023, 2024, 2025, 2026], HolidaySchedule.Embedded.Years.Select(y => y.Year));
    }

    [Fact]
    public void EveryYear_CitesItsNoticeOnGovCn()
    {
        for (var year = 2020; year <= 2026; year++)
        {
            var entry = Assert.Single(HolidaySchedule.Embedded.Years, y => y.Year == year);
            var notice = entry.Sources[0];
            Assert.Equal($"国务院办公厅关于{year}年部分节假日安排的通知", notice.Title);
            Assert.StartsWith("国办发明电〔", notice.DocumentNumber, StringComparison.Ordinal);
            Assert.Equal("www.gov.cn", notice.Url.Host);
            Assert.Equal(Uri.UriSchemeHttps, notice.Url.Scheme);
            Assert.True(notice.Published < new DateOnly(year, 1, 1), $"{year}: published {notice.Published}");
        }
    }

    [Fact]
    public void Year2020_CitesTheSpringFestivalExtension()
    {
        var sources = HolidaySchedule.Embedded.Years.Single(y => y.Year == 2020).Sources;

        Assert.Contains(sources, s => s.DocumentNumber == "国办发明电〔2020〕1号" && s.Title == "国务院办公厅关于延长2020年春节假期的通知");
    }

    [Fact]
    public void EveryMakeUpWorkday_IsASaturdayOrSunday()
    {
        var makeUpDays = HolidaySchedule.Embedded.Years.SelectMany(y => y.Holidays).SelectMany(h => h.MakeUpWorkdays).ToList();

        Assert.NotEmpty(makeUpDays);
        Assert.All(makeUpDays, day => Assert.True(day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{day} is a {day.DayOfWeek}"));
    }

    [Fact]
    public void EveryYear_HasAllSevenHolidays()
    {
        string[] festivals = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"];
        foreach (var year in HolidaySchedule.Embedded.Years)
        {
            foreach (var festival in festivals)
            {
                Assert.True(year.Holidays.Any(h => h.NameZh.Contains(festival, StringComparison.Ordinal)), $"{year.Year} lacks {festival}");
            }
        }
    }

    /// <summary>
    /// An independent check of the transcription: every statutory day of the 全国年节及纪念日放假办法,
    /// computed from the Chinese lunisolar calendar, is a day off of the right holiday. From 2025
    /// the revised 办法 adds 农历除夕 and 2 May.
    /// </summary>
    [Theory]
    [InlineData(2020)]
    [InlineData(2021)]
    [InlineData(2022)]
    [InlineData(2023)]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    public void EveryStatutoryDay_IsADayOffOfItsHoliday(int year)
    {
        var newYear = Lunar(year, 1, 1);
        var statutory = new List<(DateOnly Day, string Festival)>
        {
            (new DateOnly(year, 1, 1), "元旦"),
            (newYear, "春节"), (newYear.AddDays(1), "春节"), (newYear.AddDays(2), "春节"),
            (new DateOnly(year, 5, 1), "劳动节"),
            (Lunar(year, 5, 5), "端午节"),
            (Lunar(year, 8, 15), "中秋节"),
            (new DateOnly(year, 10, 1), "国庆节"), (new DateOnly(year, 10, 2), "国庆节"), (new DateOnly(year, 10, 3), "国庆节"),
        };
        if (year >= 2025)
        {
            statutory.Add((newYear.AddDays(-1), "春节"));
            statutory.Add((new DateOnly(year, 5, 2), "劳动节"));
        }

        foreach (var (day, festival) in statutory)
        {
            var kind = Calendar.Kind(day);
            Assert.True(kind.Type == DayType.Holiday, $"{day} ({festival}) is {kind}");
            Assert.Contains(festival, kind.Holiday!.NameZh, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("2019-06-03", 2019)]
    [InlineData("2019-12-31", 2019)]
    [InlineData("2027-01-01", 2027)]
    [InlineData("2027-10-01", 2027)]
    public void Kind_InAYearWithoutANotice_Throws(string date, int year)
    {
        var e = Assert.Throws<CalendarNotPublishedException>(() => Calendar.Kind(D(date)));

        Assert.Equal(year, e.Year);
        Assert.Contains($"国务院办公厅关于{year}年部分节假日安排的通知", e.Message, StringComparison.Ordinal);
        Assert.Contains("china-holidays.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("2020, 2021, 2022, 2023, 2024, 2025, 2026", e.Message, StringComparison.Ordinal);
        Assert.Throws<CalendarNotPublishedException>(() => Calendar.IsWorkingDay(D(date)));
    }

    [Fact]
    public void Covers_SaysWhichYearsAreKnown()
    {
        Assert.True(Calendar.Covers(2026));
        Assert.False(Calendar.Covers(2027));
        Assert.False(Calendar.Covers(2019));
    }

    private static DateOnly Lunar(int year, int month, int day)
    {
        var lunisolar = new System.Globalization.ChineseLunisolarCalendar();
        // A leap month takes the next index, pushing the later months of the year up by one.
        var leapMonth = lunisolar.GetLeapMonth(year);
        var index = leapMonth != 0 && leapMonth <= month ? month + 1 : month;
        return DateOnly.FromDateTime(lunisolar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }
}
