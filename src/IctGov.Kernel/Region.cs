namespace IctGov.Kernel;

/// <summary>
/// A region at the level the plan is managed: the nation or one of the 31 provincial-level
/// administrative divisions, identified by its GB/T 2260 code.
/// </summary>
/// <param name="Code">Six-digit GB/T 2260 code; 100000 stands for the whole nation.</param>
/// <param name="NameZh">Short Chinese name, e.g. 北京.</param>
/// <param name="NameEn">English name, e.g. Beijing.</param>
public sealed record Region(string Code, string NameZh, string NameEn)
{
    /// <summary>The code used for the national level.</summary>
    public const string NationalCode = "100000";

    /// <summary>True for the national level, false for a province.</summary>
    public bool IsNational => Code == NationalCode;

    /// <summary>The name in the requested language.</summary>
    public string Name(bool english) => english ? NameEn : NameZh;
}

/// <summary>The national level and the 31 provincial-level regions (GB/T 2260-2007 codes).</summary>
public static class Regions
{
    /// <summary>The whole nation.</summary>
    public static readonly Region National = new(Region.NationalCode, "全国", "National");

    /// <summary>The 31 provincial-level regions, in GB/T 2260 order.</summary>
    public static readonly IReadOnlyList<Region> Provinces =
    [
        new("110000", "北京", "Beijing"),
        new("120000", "天津", "Tianjin"),
        new("130000", "河北", "Hebei"),
        new("140000", "山西", "Shanxi"),
        new("150000", "内蒙古", "Inner Mongolia"),
        new("210000", "辽宁", "Liaoning"),
        new("220000", "吉林", "Jilin"),
        new("230000", "黑龙江", "Heilongjiang"),
        new("310000", "上海", "Shanghai"),
        new("320000", "江苏", "Jiangsu"),
        new("330000", "浙江", "Zhejiang"),
        new("340000", "安徽", "Anhui"),
        new("350000", "福建", "Fujian"),
        new("360000", "江西", "Jiangxi"),
        new("370000", "山东", "Shandong"),
        new("410000", "河南", "Henan"),
        new("420000", "湖北", "Hubei"),
        new("430000", "湖南", "Hunan"),
        new("440000", "广东", "Guangdong"),
        new("450000", "广西", "Guangxi"),
        new("460000", "海南", "Hainan"),
        new("500000", "重庆", "Chongqing"),
        new("510000", "四川", "Sichuan"),
        new("520000", "贵州", "Guizhou"),
        new("530000", "云南", "Yunnan"),
        new("540000", "西藏", "Xizang"),
        new("610000", "陕西", "Shaanxi"),
        new("620000", "甘肃", "Gansu"),
        new("630000", "青海", "Qinghai"),
        new("640000", "宁夏", "Ningxia"),
        new("650000", "新疆", "Xinjiang"),
    ];

    /// <summary>The nation followed by the 31 provinces.</summary>
    public static readonly IReadOnlyList<Region> All = [National, .. Provinces];

    private static readonly Dictionary<string, Region> ByCode = All.ToDictionary(r => r.Code, StringComparer.Ordinal);

    /// <summary>Looks a region up by its GB/T 2260 code.</summary>
    public static bool TryGet(string? code, out Region region)
    {
        if (code is not null && ByCode.TryGetValue(code.Trim(), out var found))
        {
            region = found;
            return true;
        }
        region = National;
        return false;
    }

    /// <summary>Looks a region up by its GB/T 2260 code, throwing for an unknown code.</summary>
    public static Region Get(string code) =>
        TryGet(code, out var region) ? region : throw new ArgumentException($"unknown GB/T 2260 region code '{code}'", nameof(code));
}
