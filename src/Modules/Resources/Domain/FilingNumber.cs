using System.Globalization;
using System.Text.RegularExpressions;

namespace IctGov.Resources.Domain;

/// <summary>
/// ICP filing numbers in the official form: the province's one-character abbreviation, "ICP备", the subject's
/// eight-digit number and "号" (京ICP备12345678号); a website adds "-N" (its order among the subject's
/// websites), an app "-NA". The abbreviations are those the filing system uses, which differ from the common
/// ones for Sichuan (蜀, not 川) and Gansu (陇, not 甘).
/// </summary>
internal static partial class FilingNumber
{
    public static readonly IReadOnlyDictionary<string, string> Abbreviations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["110000"] = "京", ["120000"] = "津", ["130000"] = "冀", ["140000"] = "晋", ["150000"] = "蒙", ["210000"] = "辽", ["220000"] = "吉",
        ["230000"] = "黑", ["310000"] = "沪", ["320000"] = "苏", ["330000"] = "浙", ["340000"] = "皖", ["350000"] = "闽", ["360000"] = "赣",
        ["370000"] = "鲁", ["410000"] = "豫", ["420000"] = "鄂", ["430000"] = "湘", ["440000"] = "粤", ["450000"] = "桂", ["460000"] = "琼",
        ["500000"] = "渝", ["510000"] = "蜀", ["520000"] = "黔", ["530000"] = "滇", ["540000"] = "藏", ["610000"] = "陕", ["620000"] = "陇",
        ["630000"] = "青", ["640000"] = "宁", ["650000"] = "新",
    };

    /// <summary>The subject's number: 京ICP备00000001号.</summary>
    public static string Subject(string region, long sequence) =>
        $"{Abbreviations[region]}ICP备{sequence.ToString("D8", CultureInfo.InvariantCulture)}号";

    /// <summary>A website's (京ICP备00000001号-2) or an app's (京ICP备00000001号-1A) number under the subject's.</summary>
    public static string Service(string subjectNumber, string kind, int order) =>
        $"{subjectNumber}-{order.ToString(CultureInfo.InvariantCulture)}{(kind == "app" ? "A" : "")}";

    /// <summary>The eight-digit sequence of a subject number, or null when the text is not one.</summary>
    public static long? SequenceOf(string subjectNumber) =>
        Pattern().Match(subjectNumber) is { Success: true } m ? long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>Whether text is a filing number (a subject's, a website's or an app's).</summary>
    public static bool IsFilingNumber(string text) => Pattern().IsMatch(text);

    /// <summary>The subject part of a filing number (drops "-N" / "-NA").</summary>
    public static string SubjectPart(string number) => number.Split('-')[0];

    [GeneratedRegex(@"^(\p{IsCJKUnifiedIdeographs})ICP备(\d{8})号(-\d+A?)?$")]
    private static partial Regex Pattern();
}
