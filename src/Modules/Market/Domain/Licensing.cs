using System.Globalization;
using System.Text.RegularExpressions;
using IctGov.Kernel;
using IctGov.Kernel.Time;

namespace IctGov.Market.Domain;

/// <summary>The three kinds of telecom business licence (电信业务经营许可证) and who issues them (电信条例 art. 9, 令42 art. 4).</summary>
internal enum LicenceKind
{
    /// <summary>基础电信业务经营许可证, issued by the ministry: number <c>A1.A2-20090001</c>.</summary>
    Basic,
    /// <summary>跨地区增值电信业务经营许可证, issued by the ministry: <c>B1-20180001</c>, <c>B1.B2-…</c>.</summary>
    CrossRegional,
    /// <summary>A province's 增值电信业务经营许可证, issued by its communications administration: <c>京B2-20190123</c>.</summary>
    Provincial,
}

internal static partial class Licensing
{
    public static string WireName(this LicenceKind kind) => kind switch
    {
        LicenceKind.Basic => "basic",
        LicenceKind.CrossRegional => "cross_regional",
        _ => "provincial",
    };

    public static LicenceKind? ParseKind(string? text) => text switch
    {
        "basic" => LicenceKind.Basic,
        "cross_regional" => LicenceKind.CrossRegional,
        "provincial" => LicenceKind.Provincial,
        _ => null,
    };

    /// <summary>The one-character abbreviation each province's licence numbers start with (京B2-…).</summary>
    public static readonly IReadOnlyDictionary<string, string> ProvinceAbbreviations = new Dictionary<string, string>
    {
        ["110000"] = "京", ["120000"] = "津", ["130000"] = "冀", ["140000"] = "晋", ["150000"] = "蒙", ["210000"] = "辽",
        ["220000"] = "吉", ["230000"] = "黑", ["310000"] = "沪", ["320000"] = "苏", ["330000"] = "浙", ["340000"] = "皖",
        ["350000"] = "闽", ["360000"] = "赣", ["370000"] = "鲁", ["410000"] = "豫", ["420000"] = "鄂", ["430000"] = "湘",
        ["440000"] = "粤", ["450000"] = "桂", ["460000"] = "琼", ["500000"] = "渝", ["510000"] = "川", ["520000"] = "贵",
        ["530000"] = "云", ["540000"] = "藏", ["610000"] = "陕", ["620000"] = "甘", ["630000"] = "青", ["640000"] = "宁",
        ["650000"] = "新",
    };

    /// <summary>
    /// The number's prefix: the province's abbreviation for a provincial licence, then the categories of the
    /// services it lists joined by '.', then '-' (A1.A2-, B1-, 京B2-).
    /// </summary>
    public static string NumberPrefix(LicenceKind kind, string authority, IEnumerable<string> services)
    {
        var categories = string.Join('.', services.Select(s => s[..2]).Distinct().Order(StringComparer.Ordinal));
        return (kind == LicenceKind.Provincial ? ProvinceAbbreviations[authority] : "") + categories + "-";
    }

    /// <summary>A number as issued: the prefix, the year of issue and a four-digit serial within that prefix and year.</summary>
    public static string Number(string prefix, int year, int serial) =>
        prefix + year.ToString("D4", CultureInfo.InvariantCulture) + serial.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Recognises numbers as the ministry prints them (A1.A2-20090001, B1-20180001, 京B2-20190123).</summary>
    [GeneratedRegex(@"^(?<province>[京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新])?(?<categories>[AB][12](\.[AB][12])*)-(?<year>\d{4})(?<serial>\d{4,})$")]
    public static partial Regex NumberPattern();

    /// <summary>The licence's term (令42 art. 20): five years for value-added licences; five or ten for basic ones, by service.</summary>
    public static string? TermProblem(LicenceKind kind, int years) => kind == LicenceKind.Basic
        ? years is 5 or 10 ? null : "a basic licence runs 5 or 10 years (令42 art. 20)"
        : years == 5 ? null : "a value-added licence runs 5 years (令42 art. 20)";

    /// <summary>The last day of validity: the day before the anniversary of issue.</summary>
    public static DateOnly Expiry(DateOnly issued, int years) => issued.AddYears(years).AddDays(-1);

    /// <summary>Which authority decides, and so whose the application is: the ministry for basic and cross-regional, the province otherwise.</summary>
    public static string Authority(LicenceKind kind, IReadOnlyList<string> coverage) =>
        kind == LicenceKind.Provincial && coverage.Count == 1 ? coverage[0] : Region.NationalCode;
}

/// <summary>The statutory clocks of one application (行政许可法 art. 32, 电信条例 arts. 12–13).</summary>
/// <param name="NoticeDue">Last day for the one-time notice of missing materials: five working days after receipt (行政许可法 art. 32(4); its periods are working days, art. 82). Without a notice by then, the application counts as accepted on the day it was received.</param>
/// <param name="DecisionDue">Last day for the decision: 60 days from acceptance for value-added services (电信条例 art. 13), 180 for basic services (art. 12); null until accepted.</param>
internal sealed record ApplicationClocks(DateOnly NoticeDue, DateOnly? DecisionDue)
{
    public const int NoticeWorkingDays = 5;
    public const int ValueAddedDecisionDays = 60;
    public const int BasicDecisionDays = 180;

    public static DateOnly NoticeDeadline(ChinaCalendar calendar, DateOnly received) => calendar.AddWorkingDays(received, NoticeWorkingDays);

    public static DateOnly DecisionDeadline(ChinaCalendar calendar, LicenceKind kind, DateOnly accepted) =>
        calendar.AddCalendarDays(accepted, kind == LicenceKind.Basic ? BasicDecisionDays : ValueAddedDecisionDays);
}
