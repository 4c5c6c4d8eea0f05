using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IctGov.Kernel.Time;

/// <summary>
/// Reads china-holidays.json and refuses anything a transcription slip could produce: a missing or
/// misspelt field, a make-up working day on a weekday, a period whose day count disagrees with the
/// notice's 共N天, two periods that overlap, a source that is not the State Council's notice on www.gov.cn.
/// A bad file loads nothing.
/// </summary>
internal static partial class HolidayScheduleReader
{
    /// <summary>The longest national break so far is 10 days (Spring Festival 2020, extended); more is a typo.</summary>
    private const int MaxPeriodDays = 14;

    /// <summary>Make-up working days sit next to their break; one further away than this is a typo.</summary>
    private const int MaxMakeUpDistanceDays = 31;

    private const string SourceHost = "www.gov.cn";

    private static readonly string[] RootFields = ["$comment", "years"];
    private static readonly string[] YearFields = ["year", "sources", "holidays"];
    private static readonly string[] SourceFields = ["title", "documentNumber", "published", "url", "note"];
    private static readonly string[] HolidayFields = ["nameZh", "nameEn", "firstDayOff", "lastDayOff", "days", "makeUpWorkdays", "notice"];

    [GeneratedRegex(@"^国办发明电〔(?<year>\d{4})〕\d+号$")]
    private static partial Regex DocumentNumberPattern();

    public static IReadOnlyList<ScheduleYear> Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new HolidayScheduleFormatException(null, $"line {e.LineNumber + 1}", $"the file is not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new HolidayScheduleFormatException(null, "$", "expected an object with a \"years\" array");
            }
            RejectUnknownFields(root, RootFields, null, "$");
            var yearElements = RequiredArray(root, "years", null, "years");
            if (yearElements.Count == 0)
            {
                throw new HolidayScheduleFormatException(null, "years", "the list is empty; at least one year is needed");
            }

            var years = new List<ScheduleYear>();
            for (var i = 0; i < yearElements.Count; i++)
            {
                var year = ReadYear(yearElements[i], $"years[{i}]");
                if (years.Count > 0 && year.Year <= years[^1].Year)
                {
                    throw new HolidayScheduleFormatException(year.Year, "year",
                        $"years must be listed once each in ascending order, but {year.Year} follows {years[^1].Year}");
                }
                years.Add(year);
            }
            CheckAcrossYears(years);
            return years;
        }
    }

    private static ScheduleYear ReadYear(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new HolidayScheduleFormatException(null, path, "expected an object with year, sources and holidays");
        }
        var yearElement = Required(element, "year", null, $"{path}.year");
        if (yearElement.ValueKind != JsonValueKind.Number || !yearElement.TryGetInt32(out var year) || year is < 1949 or > 9999)
        {
            throw new HolidayScheduleFormatException(null, $"{path}.year", $"expected a year such as 2026, found {yearElement.GetRawText()}");
        }
        RejectUnknownFields(element, YearFields, year, "");

        var sourceElements = RequiredArray(element, "sources", year, "sources");
        if (sourceElements.Count == 0)
        {
            throw new HolidayScheduleFormatException(year, "sources",
                "no source: every year needs the State Council notice it is transcribed from");
        }
        var sources = sourceElements.Select((s, i) => ReadSource(s, year, $"sources[{i}]")).ToList();
        var expectedTitle = $"国务院办公厅关于{year}年部分节假日安排的通知";
        if (sources[0].Title != expectedTitle)
        {
            throw new HolidayScheduleFormatException(year, "sources[0].title",
                $"the first source must be the year's notice \"{expectedTitle}\", found \"{sources[0].Title}\"");
        }

        var holidayElements = RequiredArray(element, "holidays", year, "holidays");
        if (holidayElements.Count == 0)
        {
            throw new HolidayScheduleFormatException(year, "holidays", "the list is empty; a notice always sets holiday periods");
        }
        var holidays = holidayElements.Select((h, i) => ReadHoliday(h, year, $"holidays[{i}]")).ToList();
        return new ScheduleYear(year, sources, holidays);
    }

    private static NoticeSource ReadSource(JsonElement element, int year, string path)
    {
        RequireObject(element, year, path);
        RejectUnknownFields(element, SourceFields, year, path);
        var title = RequiredString(element, "title", year, path);
        var number = RequiredString(element, "documentNumber", year, path);
        if (!DocumentNumberPattern().IsMatch(number))
        {
            throw new HolidayScheduleFormatException(year, $"{path}.documentNumber",
                $"expected a State Council General Office number such as 国办发明电〔2024〕12号, found \"{number}\"");
        }
        var published = RequiredDate(element, "published", year, path);
        if (published.Year != year && published.Year != year - 1)
        {
            throw new HolidayScheduleFormatException(year, $"{path}.published",
                $"a notice for {year} is published in {year - 1} or {year}, found {published:yyyy-MM-dd}");
        }
        var urlText = RequiredString(element, "url", year, path);
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || !string.Equals(url.Host, SourceHost, StringComparison.OrdinalIgnoreCase))
        {
            throw new HolidayScheduleFormatException(year, $"{path}.url",
                $"expected the notice's address on {SourceHost} (https://{SourceHost}/zhengce/...), found \"{urlText}\"");
        }
        var note = OptionalString(element, "note", year, path);
        return new NoticeSource(title, number, published, url, note);
    }

    private static HolidayPeriod ReadHoliday(JsonElement element, int year, string path)
    {
        RequireObject(element, year, path);
        RejectUnknownFields(element, HolidayFields, year, path);
        var nameZh = RequiredString(element, "nameZh", year, path);
        var nameEn = RequiredString(element, "nameEn", year, path);
        var first = RequiredDate(element, "firstDayOff", year, path);
        var last = RequiredDate(element, "lastDayOff", year, path);
        if (last < first)
        {
            throw new HolidayScheduleFormatException(year, $"{path}.lastDayOff",
                $"{last:yyyy-MM-dd} is before firstDayOff {first:yyyy-MM-dd}");
        }
        if (first.Year != year && last.Year != year)
        {
            throw new HolidayScheduleFormatException(year, $"{path}.firstDayOff",
                $"the period {first:yyyy-MM-dd}..{last:yyyy-MM-dd} does not touch {year}; is it listed under the wrong year?");
        }
        var count = last.DayNumber - first.DayNumber + 1;
        var daysElement = Required(element, "days", year, $"{path}.days");
        if (daysElement.ValueKind != JsonValueKind.Number || !daysElement.TryGetInt32(out var days))
        {
            throw new HolidayScheduleFormatException(year, $"{path}.days", $"expected the notice's 共N天 as a number, found {daysElement.GetRawText()}");
        }
        if (days != count)
        {
            throw new HolidayScheduleFormatException(year, $"{path}.days",
                $"the notice's count is {days} but {first:yyyy-MM-dd}..{last:yyyy-MM-dd} is {count} days; one of the three is mistyped");
        }
        if (count > MaxPeriodDays)
        {
            throw new HolidayScheduleFormatException(year, $"{path}.lastDayOff",
                $"a {count}-day break is longer than any national holiday ({MaxPeriodDays} days at most); check the dates");
        }

        var workdayElements = RequiredArray(element, "makeUpWorkdays", year, path + ".makeUpWorkdays");
        var workdays = new List<DateOnly>();
        for (var i = 0; i < workdayElements.Count; i++)
        {
            var field = $"{path}.makeUpWorkdays[{i}]";
            var day = ParseDate(workdayElements[i], year, field);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                throw new HolidayScheduleFormatException(year, field,
                    $"{day:yyyy-MM-dd} is a {day.DayOfWeek}; a make-up working day (调休上班) is always a Saturday or Sunday");
            }
            var distance = day < first ? first.DayNumber - day.DayNumber : day.DayNumber - last.DayNumber;
            if (distance > MaxMakeUpDistanceDays)
            {
                throw new HolidayScheduleFormatException(year, field,
                    $"{day:yyyy-MM-dd} is {distance} days from the break {first:yyyy-MM-dd}..{last:yyyy-MM-dd} it is worked for; check the date");
            }
            workdays.Add(day);
        }
        var notice = RequiredString(element, "notice", year, path);
        return new HolidayPeriod(year, nameZh, nameEn, first, last, workdays, notice);
    }

    /// <summary>Periods never overlap, and a make-up working day is never also a day off or listed twice.</summary>
    private static void CheckAcrossYears(List<ScheduleYear> years)
    {
        var periods = years
            .SelectMany(y => y.Holidays.Select((h, i) => (Period: h, Field: $"holidays[{i}]")))
            .OrderBy(p => p.Period.FirstDayOff)
            .ToList();
        for (var i = 1; i < periods.Count; i++)
        {
            var (previous, _) = periods[i - 1];
            var (current, field) = periods[i];
            if (current.FirstDayOff <= previous.LastDayOff)
            {
                throw new HolidayScheduleFormatException(current.NoticeYear, $"{field}.firstDayOff",
                    $"{current.NameEn} {current.FirstDayOff:yyyy-MM-dd}..{current.LastDayOff:yyyy-MM-dd} overlaps "
                    + $"{previous.NameEn} {previous.FirstDayOff:yyyy-MM-dd}..{previous.LastDayOff:yyyy-MM-dd} of {previous.NoticeYear}");
            }
        }

        var seen = new Dictionary<DateOnly, int>();
        foreach (var (period, field) in periods)
        {
            for (var i = 0; i < period.MakeUpWorkdays.Count; i++)
            {
                var day = period.MakeUpWorkdays[i];
                var at = $"{field}.makeUpWorkdays[{i}]";
                var dayOff = periods.FirstOrDefault(p => p.Period.Contains(day)).Period;
                if (dayOff is not null)
                {
                    throw new HolidayScheduleFormatException(period.NoticeYear, at,
                        $"{day:yyyy-MM-dd} is listed as a make-up working day but is a day off of {dayOff.NameEn} "
                        + $"{dayOff.FirstDayOff:yyyy-MM-dd}..{dayOff.LastDayOff:yyyy-MM-dd}");
                }
                if (!seen.TryAdd(day, period.NoticeYear))
                {
                    throw new HolidayScheduleFormatException(period.NoticeYear, at, $"{day:yyyy-MM-dd} is listed as a make-up working day twice");
                }
            }
        }
    }

    private static void RequireObject(JsonElement element, int year, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new HolidayScheduleFormatException(year, path, $"expected an object, found {element.ValueKind}");
        }
    }

    /// <summary>A misspelt field ("makeupWorkdays") would otherwise drop its dates without a word.</summary>
    private static void RejectUnknownFields(JsonElement element, string[] known, int? year, string path)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                throw new HolidayScheduleFormatException(year, field,
                    $"unknown field; expected one of {string.Join(", ", known)}");
            }
        }
    }

    private static JsonElement Required(JsonElement element, string name, int? year, string field) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new HolidayScheduleFormatException(year, field, "missing");

    private static List<JsonElement> RequiredArray(JsonElement element, string name, int? year, string field)
    {
        var value = Required(element, name, year, field);
        return value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray()]
            : throw new HolidayScheduleFormatException(year, field, $"expected a list, found {value.ValueKind}");
    }

    private static string RequiredString(JsonElement element, string name, int year, string path)
    {
        var field = $"{path}.{name}".TrimStart('.');
        var value = Required(element, name, year, field);
        return value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!
            : throw new HolidayScheduleFormatException(year, field, $"expected a non-empty text, found {value.GetRawText()}");
    }

    private static string? OptionalString(JsonElement element, string name, int year, string path) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? RequiredString(element, name, year, path)
            : null;

    private static DateOnly RequiredDate(JsonElement element, string name, int year, string path)
    {
        var field = $"{path}.{name}".TrimStart('.');
        return ParseDate(Required(element, name, year, field), year, field);
    }

    private static DateOnly ParseDate(JsonElement value, int year, string field) =>
        value.ValueKind == JsonValueKind.String
        && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new HolidayScheduleFormatException(year, field, $"expected a date written yyyy-MM-dd, found {value.GetRawText()}");
}
