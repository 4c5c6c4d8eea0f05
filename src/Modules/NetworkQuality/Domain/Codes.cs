using System.Collections.Frozen;
using IctGov.Kernel;

namespace IctGov.NetworkQuality.Domain;

/// <summary>The code values a measurement may carry; the import checks every row against them.</summary>
internal static class Codes
{
    /// <summary>China Telecom, China Mobile, China Unicom, China Broadnet (the Access module's operator codes).</summary>
    public static readonly string[] Operators = ["ct", "cm", "cu", "cbn"];
    public static readonly string[] Technologies = ["5g-sa", "5g-nsa", "4g", "ftth-gpon", "10g-pon", "wifi"];
    public static readonly string[] Segments = ["access", "metro", "backbone", "idc", "e2e"];
    public static readonly string[] Sources = ["app", "probe", "counter"];

    /// <summary>
    /// M-Lab NDT tests do not say which access technology the client used; they are stored as
    /// <c>unknown</c> so that no guess enters the per-technology statistics.
    /// </summary>
    public const string UnknownTechnology = "unknown";

    public static readonly string[] Provinces = [.. Regions.Provinces.Select(p => p.Code)];

    public static string OperatorName(string code, bool english) => code switch
    {
        "ct" => english ? "China Telecom" : "中国电信",
        "cm" => english ? "China Mobile" : "中国移动",
        "cu" => english ? "China Unicom" : "中国联通",
        "cbn" => english ? "China Broadnet" : "中国广电",
        _ => code,
    };

    public static string TechnologyName(string code, bool english) => code switch
    {
        "5g-sa" => "5G SA",
        "5g-nsa" => "5G NSA",
        "4g" => "4G",
        "ftth-gpon" => "FTTH/GPON",
        "10g-pon" => "10G-PON",
        "wifi" => "Wi-Fi",
        _ => english ? "unknown" : "未知",
    };

    public static string ProvinceName(string code, bool english) =>
        Regions.TryGet(code, out var r) ? r.Name(english) : code;

    /// <summary>
    /// ISO 3166-2:CN subdivision suffixes (letter codes since 2017, numeric before) to GB/T 2260
    /// province codes, for the geolocation of M-Lab NDT exports.
    /// </summary>
    public static readonly FrozenDictionary<string, string> IsoSubdivisions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["BJ"] = "110000", ["TJ"] = "120000", ["HE"] = "130000", ["SX"] = "140000", ["NM"] = "150000",
        ["LN"] = "210000", ["JL"] = "220000", ["HL"] = "230000", ["SH"] = "310000", ["JS"] = "320000",
        ["ZJ"] = "330000", ["AH"] = "340000", ["FJ"] = "350000", ["JX"] = "360000", ["SD"] = "370000",
        ["HA"] = "410000", ["HB"] = "420000", ["HN"] = "430000", ["GD"] = "440000", ["GX"] = "450000",
        ["HI"] = "460000", ["CQ"] = "500000", ["SC"] = "510000", ["GZ"] = "520000", ["YN"] = "530000",
        ["XZ"] = "540000", ["SN"] = "610000", ["GS"] = "620000", ["QH"] = "630000", ["NX"] = "640000",
        ["XJ"] = "650000",
    }.Concat(Regions.Provinces.Select(p => KeyValuePair.Create(p.Code[..2], p.Code)))
     .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
}
