namespace IctGov.Identifiers.Registry;

/// <summary>Levels of the prefix hierarchy (国家顶级 / 二级 / 企业).</summary>
internal static class PrefixLevels
{
    public const string NationalTopLevel = "national";
    public const string Secondary = "secondary";
    public const string Enterprise = "enterprise";
    public static readonly string[] All = [NationalTopLevel, Secondary, Enterprise];

    public static string Zh(string level) => level switch
    {
        NationalTopLevel => "国家顶级",
        Secondary => "二级",
        Enterprise => "企业",
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

    public static string Zh(string role) => role switch
    {
        Root => "根节点",
        NationalTopLevel => "国家顶级节点",
        Secondary => "二级节点",
        Enterprise => "企业节点",
        PublicRecursive => "公共递归节点",
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

    public static string Zh(string? code) => code is not null && Doors.TryGetValue(code, out var n) ? n : "未分类";
}
