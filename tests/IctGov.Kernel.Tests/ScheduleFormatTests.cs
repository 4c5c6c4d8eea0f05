using System.Text.Json.Nodes;
using IctGov.Kernel.Time;
using Microsoft.Extensions.Time.Testing;
using static IctGov.Kernel.Tests.Fixtures;

namespace IctGov.Kernel.Tests;

/// <summary>A malformed or contradictory schedule file fails, naming the year and the field.</summary>
public class ScheduleFormatTests
{
    /// <summary>A made-up year in the file's format (dates chosen for their weekdays, not from any notice).</summary>
    private const string Valid = """
        {
          "$comment": "test fixture",
          "years": [
            {
              "year": 2030,
              "sources": [
                {
                  "title": "国务院办公厅关于2030年部分节假日安排的通知",
                  "documentNumber": "国办发明电〔2029〕1号",
                  "published": "2029-11-01",
                  "url": "https://www.gov.cn/zhengce/content/fixture.htm"
                }
              ],
              "holidays": [
                {
                  "nameZh": "劳动节", "nameEn": "Labour Day",
                  "firstDayOff": "2030-05-01", "lastDayOff": "2030-05-05", "days": 5,
                  "makeUpWorkdays": ["2030-04-27"],
                  "notice": "劳动节：5月1日至5日放假调休，共5天。4月27日（星期六）上班。"
                },
                {
                  "nameZh": "国庆节", "nameEn": "National Day",
                  "firstDayOff": "2030-10-01", "lastDayOff": "2030-10-07", "days": 7,
                  "makeUpWorkdays": ["2030-09-29", "2030-10-12"],
                  "notice": "国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。"
                }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void Parse_AValidFile_GivesAWorkingCalendar()
    {
        var calendar = new ChinaCalendar(new FakeTimeProvider(), HolidaySchedule.Parse(Valid));

        Assert.Equal(DayType.MakeUpWorkday, calendar.Kind(D("2030-09-29")).Type);
        Assert.Equal(DayType.Holiday, calendar.Kind(D("2030-10-07")).Type);
        Assert.Equal(D("2030-09-29"), calendar.AddWorkingDays(D("2030-09-27"), 1));
        Assert.Throws<CalendarNotPublishedException>(() => calendar.Kind(D("2026-10-01")));
    }

    [Fact]
    public void EmbeddedFile_PassesTheChecks() =>
        Assert.NotEmpty(HolidaySchedule.Embedded.Years);

    [Fact]
    public void MakeUpWorkdayOnAWeekday_IsRejected()
    {
        var e = Reject(y => y["holidays"]![1]!["makeUpWorkdays"]![0] = "2030-09-30");

        Assert.Equal(2030, e.Year);
        Assert.Equal("holidays[1].makeUpWorkdays[0]", e.Field);
        Assert.Contains("2030-09-30 is a Monday", e.Message, StringComparison.Ordinal);
        Assert.Contains("Saturday or Sunday", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverlappingPeriods_AreRejected()
    {
        var e = Reject(y =>
        {
            y["holidays"]![0]!["firstDayOff"] = "2030-10-06";
            y["holidays"]![0]!["lastDayOff"] = "2030-10-08";
            y["holidays"]![0]!["days"] = 3;
            y["holidays"]![0]!["makeUpWorkdays"] = new JsonArray();
        });

        Assert.Equal(2030, e.Year);
        Assert.Equal("holidays[0].firstDayOff", e.Field);
        Assert.Contains("overlaps National Day 2030-10-01..2030-10-07", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BreakLongerThanAnyNationalHoliday_IsRejected()
    {
        var e = Reject(y =>
        {
            y["holidays"]![0]!["lastDayOff"] = "2030-05-31";
            y["holidays"]![0]!["days"] = 31;
        });

        Assert.Equal("holidays[0].lastDayOff", e.Field);
        Assert.Contains("longer than any national holiday", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MakeUpWorkdayInsideABreak_IsRejected()
    {
        var e = Reject(y => y["holidays"]![0]!["makeUpWorkdays"]![0] = "2030-05-04");

        Assert.Equal("holidays[0].makeUpWorkdays[0]", e.Field);
        Assert.Contains("is a day off of Labour Day", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MakeUpWorkdayListedTwice_IsRejected()
    {
        var e = Reject(y => y["holidays"]![1]!["makeUpWorkdays"]![1] = "2030-09-29");

        Assert.Equal("holidays[1].makeUpWorkdays[1]", e.Field);
        Assert.Contains("twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DayCountThatDisagreesWithTheDates_IsRejected()
    {
        var e = Reject(y => y["holidays"]![1]!["days"] = 8);

        Assert.Equal("holidays[1].days", e.Field);
        Assert.Contains("the notice's count is 8 but 2030-10-01..2030-10-07 is 7 days", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LastDayBeforeFirstDay_IsRejected()
    {
        var e = Reject(y => y["holidays"]![1]!["lastDayOff"] = "2030-09-30");

        Assert.Equal("holidays[1].lastDayOff", e.Field);
    }

    [Fact]
    public void PeriodUnderTheWrongYear_IsRejected()
    {
        var e = Reject(y =>
        {
            y["holidays"]![1]!["firstDayOff"] = "2031-10-01";
            y["holidays"]![1]!["lastDayOff"] = "2031-10-07";
            y["holidays"]![1]!["makeUpWorkdays"] = new JsonArray();
        });

        Assert.Equal("holidays[1].firstDayOff", e.Field);
        Assert.Contains("wrong year", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspeltField_IsRejected()
    {
        var e = Reject(y =>
        {
            var holiday = y["holidays"]![1]!.AsObject();
            var days = holiday["makeUpWorkdays"]!.DeepClone();
            holiday.Remove("makeUpWorkdays");
            holiday["makeupWorkdays"] = days;
        });

        Assert.Equal(2030, e.Year);
        Assert.Equal("holidays[1].makeupWorkdays", e.Field);
        Assert.Contains("unknown field", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DateInAnotherFormat_IsRejected()
    {
        var e = Reject(y => y["holidays"]![0]!["firstDayOff"] = "2030/05/01");

        Assert.Equal("holidays[0].firstDayOff", e.Field);
        Assert.Contains("yyyy-MM-dd", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void YearWithoutSources_IsRejected()
    {
        var e = Reject(y => y["sources"] = new JsonArray());

        Assert.Equal(2030, e.Year);
        Assert.Equal("sources", e.Field);
    }

    [Fact]
    public void SourceOffGovCn_IsRejected()
    {
        var e = Reject(y => y["sources"]![0]!["url"] = "https://example.com/notice.htm");

        Assert.Equal("sources[0].url", e.Field);
        Assert.Contains("www.gov.cn", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SourceWithoutADocumentNumber_IsRejected()
    {
        var e = Reject(y => y["sources"]![0]!.AsObject().Remove("documentNumber"));

        Assert.Equal("sources[0].documentNumber", e.Field);
        Assert.Contains("missing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedDocumentNumber_IsRejected()
    {
        var e = Reject(y => y["sources"]![0]!["documentNumber"] = "国办发〔2029〕1号");

        Assert.Equal("sources[0].documentNumber", e.Field);
    }

    [Fact]
    public void FirstSourceThatIsNotTheYearsNotice_IsRejected()
    {
        var e = Reject(y => y["sources"]![0]!["title"] = "国务院办公厅关于2029年部分节假日安排的通知");

        Assert.Equal("sources[0].title", e.Field);
    }

    [Fact]
    public void YearListedTwice_IsRejected()
    {
        var root = JsonNode.Parse(Valid)!;
        var years = root["years"]!.AsArray();
        years.Add(years[0]!.DeepClone());

        var e = Assert.Throws<HolidayScheduleFormatException>(() => HolidaySchedule.Parse(root.ToJsonString()));

        Assert.Equal(2030, e.Year);
        Assert.Equal("year", e.Field);
        Assert.Contains("listed once each in ascending order", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextThatIsNotJson_IsRejectedWithItsLine()
    {
        var e = Assert.Throws<HolidayScheduleFormatException>(() => HolidaySchedule.Parse("{\n  \"years\": [\n    {,\n"));

        Assert.Null(e.Year);
        Assert.Equal("line 3", e.Field);
    }

    private static HolidayScheduleFormatException Reject(params Action<JsonNode>[] edits)
    {
        var root = JsonNode.Parse(Valid)!;
        var year = root["years"]![0]!;
        foreach (var edit in edits)
        {
            edit(year);
        }
        return Assert.Throws<HolidayScheduleFormatException>(() => HolidaySchedule.Parse(root.ToJsonString()));
    }
}
