namespace IctGov.Identifiers.Registry;

/// <summary>Levels of the prefix hierarchy (国家顶级 / 二级 / 企业).</summary>
internal static class PrefixLevels
{
    public const string NationalTopLevel = "national";
    public const string Secondary = "secondary";
    public const string Enterprise = "enterprise";
    public static readonly string[] All = [NationalTopLevel, Secondary, Enterprise];

    public static string Zh(string level) => Name(level, english: false);

    public static string Name(string level, bool english) => level switch
    {
        NationalTopLevel => english ? "national top-level" : "国家顶级",
        Secondary => english ? "secondary" : "二级",
        Enterprise => english ? "enterprise" : "企业",
        _ => level,
    };
}

/// <summary>Roles a node of the resolution system plays.</summary>
internal static class NodeRoles
{
    public const string Root = "root";
    public const string NationalTopLevel = "national";
    public const string Secondary = "secondary";
    public const string Enterprise = "enterprise";
    public const string PublicRecursive = "recursive";
    public static readonly string[] All = [Root, NationalTopLevel, Secondary, Enterprise, PublicRecursive];

    /// <summary>
    /// Roles counted as 公共服务节点 for indicator 7: the secondary nodes. The plan's 专栏9 sets
    /// "二级节点达到 150 个以上" and indicator 7 has the same target (150) and a 2020 baseline (96)
    /// that matches the secondary nodes then in service; top-level, enterprise and recursive nodes
    /// are not what that count measures.
    /// </summary>
    public static readonly string[] PublicService = [Secondary];

    public static string Zh(string role) => Name(role, english: false);

    public static string Name(string role, bool english) => role switch
    {
        Root => english ? "root node" : "根节点",
        NationalTopLevel => english ? "national top-level node" : "国家顶级节点",
        Secondary => english ? "secondary node" : "二级节点",
        Enterprise => english ? "enterprise node" : "企业节点",
        PublicRecursive => english ? "public recursive node" : "公共递归节点",
        _ => role,
    };
}

/// <summary>GB/T 4754-2017 国民经济行业分类, door (门类) level.</summary>
internal static class Industries
{
    public static readonly IReadOnlyDictionary<string, string> Doors = new Dictionary<string, string>
    {
        ["A"] = "农、林、牧、渔业",
        ["B"] = "采矿业",
        ["C"] = "制造业",
        ["D"] = "电力、热力、燃气及水生产和供应业",
        ["E"] = "建筑业",
        ["F"] = "批发和零售业",
        ["G"] = "交通运输、仓储和邮政业",
        ["H"] = "住宿和餐饮业",
        ["I"] = "信息传输、软件和信息技术服务业",
        ["J"] = "金融业",
        ["K"] = "房地产业",
        ["L"] = "租赁和商务服务业",
        ["M"] = "科学研究和技术服务业",
        ["N"] = "水利、环境和公共设施管理业",
        ["O"] = "居民服务、修理和其他服务业",
        ["P"] = "教育",
        ["Q"] = "卫生和社会工作",
        ["R"] = "文化、体育和娱乐业",
        ["S"] = "公共管理、社会保障和社会组织",
        ["T"] = "国际组织",
    };

    /// <summary>The doors' names in the standard's English edition (GB/T 4754-2017, Industrial Classification for National Economic Activities).</summary>
    private static readonly IReadOnlyDictionary<string, string> DoorsEn = new Dictionary<string, string>
    {
        ["A"] = "Agriculture, forestry, animal husbandry and fishery",
        ["B"] = "Mining",
        ["C"] = "Manufacturing",
        ["D"] = "Electricity, heat, gas and water production and supply",
        ["E"] = "Construction",
        ["F"] = "Wholesale and retail trade",
        ["G"] = "Transport, storage and postal services",
        ["H"] = "Accommodation and catering",
        ["I"] = "Information transmission, software and information technology services",
        ["J"] = "Finance",
        ["K"] = "Real estate",
        ["L"] = "Leasing and business services",
        ["M"] = "Scientific research and technical services",
        ["N"] = "Water conservancy, environment and public facilities management",
        ["O"] = "Resident services, repair and other services",
        ["P"] = "Education",
        ["Q"] = "Health and social work",
        ["R"] = "Culture, sports and entertainment",
        ["S"] = "Public administration, social security and social organisations",
        ["T"] = "International organisations",
    };

    public static string Zh(string? code) => Name(code, english: false);

    public static string Name(string? code, bool english) =>
        code is not null && (english ? DoorsEn : Doors).TryGetValue(code, out var n) ? n : english ? "unclassified" : "未分类";
}
