using IctGov.Kernel;

namespace IctGov.Emergency.Domain;

/// <summary>A code with its Chinese and English names.</summary>
internal sealed record Term(string Code, string NameZh, string NameEn)
{
    public string Name(bool english) => english ? NameEn : NameZh;
}

/// <summary>
/// The vocabularies of 国家通信保障应急预案: the four warning/response levels (I 特别严重 … IV 一般),
/// the tiers that keep plans, incident types, equipment kinds and states.
/// </summary>
internal static class Catalogue
{
    /// <summary>Response levels 1–4 (I–IV); I is the gravest.</summary>
    public static readonly IReadOnlyList<Term> Levels =
    [
        new("1", "Ⅰ级（特别严重）", "Level I (extremely serious)"),
        new("2", "Ⅱ级（严重）", "Level II (serious)"),
        new("3", "Ⅲ级（较重）", "Level III (relatively serious)"),
        new("4", "Ⅳ级（一般）", "Level IV (general)"),
    ];

    /// <summary>How often operators report at each level unless the plan says otherwise (minutes): graver, more often.</summary>
    public static int DefaultReportEvery(int level) => level switch { 1 => 60, 2 => 120, 3 => 240, _ => 1440 };

    /// <summary>The CAP severity a level maps to (CAP 1.2 §3.2.2 severity).</summary>
    public static string CapSeverity(int level) => level switch { 1 => "Extreme", 2 => "Severe", 3 => "Moderate", _ => "Minor" };

    public static readonly IReadOnlyList<Term> Tiers =
    [
        new("national", "国家级", "National"),
        new("provincial", "省级", "Provincial"),
        new("operator", "企业级", "Operator"),
        new("city", "市级", "City"),
    ];

    public static readonly IReadOnlyList<Term> IncidentTypes =
    [
        new("typhoon", "台风", "Typhoon"),
        new("earthquake", "地震", "Earthquake"),
        new("flood", "洪涝", "Flood"),
        new("landslide", "地质灾害", "Landslide"),
        new("snowstorm", "雨雪冰冻", "Snow and ice storm"),
        new("wildfire", "森林火灾", "Wildfire"),
        new("network_failure", "网络故障", "Network failure"),
        new("major_event", "重大活动保障", "Major event support"),
    ];

    public static readonly IReadOnlyList<Term> EquipmentKinds =
    [
        new("tiantong_phone", "天通卫星电话", "Tiantong satellite phone"),
        new("satellite_phone", "卫星电话（其他）", "Satellite phone (other)"),
        new("satellite_terminal", "卫星便携站", "Satellite terminal"),
        new("vehicle_base_station", "应急通信车（基站）", "Emergency vehicle base station"),
        new("portable_base_station", "便携式基站", "Portable base station"),
        new("uav_base_station", "无人机高空基站", "UAV base station"),
        new("generator", "油机（发电机）", "Generator"),
    ];

    public static readonly IReadOnlyList<Term> EquipmentStates =
    [
        new("ready", "待命", "Ready"),
        new("dispatched", "已调度", "Dispatched"),
        new("deployed", "在用", "Deployed"),
        new("maintenance", "维修", "Under maintenance"),
    ];

    /// <summary>What a stockpile (应急物资储备) holds, each counted in its own unit.</summary>
    public static readonly IReadOnlyList<Term> StockItems =
    [
        new("fuel_litre", "油料（升）", "Fuel (litres)"),
        new("optical_cable_km", "光缆（公里）", "Optical cable (km)"),
        new("fusion_splicer", "光纤熔接机（台）", "Fusion splicer (units)"),
        new("battery_kwh", "蓄电池（千瓦时）", "Batteries (kWh)"),
        new("portable_generator", "小油机（台）", "Portable generator (units)"),
        new("satellite_phone", "卫星电话（部）", "Satellite phone (units)"),
        new("power_bank", "移动电源（个）", "Power bank (units)"),
        new("tent", "帐篷（顶）", "Tent (units)"),
        new("ration_day", "给养（人·天）", "Rations (person-days)"),
    ];

    /// <summary>
    /// The forms of a drill named by 突发事件应急预案管理办法 (国办发〔2013〕101号) art. 22: 桌面推演 and 实战演练;
    /// a drill may also combine both.
    /// </summary>
    public static readonly IReadOnlyList<Term> DrillKinds =
    [
        new("tabletop", "桌面推演", "Tabletop exercise"),
        new("live", "实战演练", "Live drill"),
        new("combined", "综合演练", "Combined drill"),
    ];

    public static readonly IReadOnlyList<Term> DispatchStates =
    [
        new("issued", "已下达", "Issued"),
        new("acknowledged", "已确认", "Acknowledged"),
        new("arrived", "已到达", "Arrived"),
        new("released", "已撤离", "Released"),
    ];

    public static bool Has(IReadOnlyList<Term> terms, string? code) => code is not null && terms.Any(t => t.Code == code);

    public static string Name(IReadOnlyList<Term> terms, string code, bool english) =>
        terms.FirstOrDefault(t => t.Code == code)?.Name(english) ?? code;

    public static string LevelName(int level, bool english) => Name(Levels, level.ToString(System.Globalization.CultureInfo.InvariantCulture), english);

    public static string RegionName(string code, bool english) => Kernel.Regions.TryGet(code, out var r) ? r.Name(english) : code;

    /// <summary>Where each province's administration sits (lon, lat), for the map's province markers when no station points are given.</summary>
    public static readonly IReadOnlyDictionary<string, (double Lon, double Lat)> Seats = new Dictionary<string, (double, double)>
    {
        ["110000"] = (116.40, 39.90), ["120000"] = (117.20, 39.13), ["130000"] = (114.51, 38.04), ["140000"] = (112.55, 37.87),
        ["150000"] = (111.75, 40.84), ["210000"] = (123.43, 41.80), ["220000"] = (125.32, 43.82), ["230000"] = (126.53, 45.80),
        ["310000"] = (121.47, 31.23), ["320000"] = (118.80, 32.06), ["330000"] = (120.15, 30.27), ["340000"] = (117.23, 31.82),
        ["350000"] = (119.30, 26.08), ["360000"] = (115.86, 28.68), ["370000"] = (117.00, 36.67), ["410000"] = (113.62, 34.75),
        ["420000"] = (114.31, 30.59), ["430000"] = (112.94, 28.23), ["440000"] = (113.26, 23.13), ["450000"] = (108.37, 22.82),
        ["460000"] = (110.35, 20.02), ["500000"] = (106.55, 29.56), ["510000"] = (104.07, 30.57), ["520000"] = (106.63, 26.65),
        ["530000"] = (102.83, 24.88), ["540000"] = (91.11, 29.65), ["610000"] = (108.94, 34.34), ["620000"] = (103.83, 36.06),
        ["630000"] = (101.78, 36.62), ["640000"] = (106.23, 38.49), ["650000"] = (87.62, 43.83),
    };

    public static bool IsProvince(string? code) => code is not null && code != Region.NationalCode && Kernel.Regions.TryGet(code, out _);
}
