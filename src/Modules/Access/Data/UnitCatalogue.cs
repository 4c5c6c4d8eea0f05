using IctGov.Access.Contracts;
using IctGov.Kernel;

namespace IctGov.Access.Data;

/// <summary>
/// The organisation units every installation starts with: the ministry, the 31 provincial
/// communications administrations and the four basic telecom operators with a branch in each
/// province. Enterprises are registered later by administrators.
/// </summary>
internal static class UnitCatalogue
{
    public const string MinistryId = "ministry";

    /// <summary>The basic telecom operators (基础电信企业) holding nationwide licences.</summary>
    public static readonly IReadOnlyList<(string Id, string NameZh, string NameEn)> Operators =
    [
        ("ct", "中国电信", "China Telecom"),
        ("cm", "中国移动", "China Mobile"),
        ("cu", "中国联通", "China Unicom"),
        ("cbn", "中国广电", "China Broadnet"),
    ];

    public static string AdministrationId(string regionCode) => "prov-" + regionCode;

    public static string BranchId(string operatorId, string regionCode) => operatorId + "-" + regionCode;

    /// <summary>
    /// The province's name as an administration's title carries it: 省 for provinces, 市 for the four
    /// municipalities, and the full form of the five autonomous regions (Kernel's Regions holds the short names).
    /// </summary>
    public static string FullNameZh(Region region) => region.Code switch
    {
        "110000" or "120000" or "310000" or "500000" => region.NameZh + "市",
        "150000" => "内蒙古自治区",
        "450000" => "广西壮族自治区",
        "540000" => "西藏自治区",
        "640000" => "宁夏回族自治区",
        "650000" => "新疆维吾尔自治区",
        _ => region.NameZh + "省",
    };

    public static IReadOnlyList<OrgUnit> Seed()
    {
        var units = new List<OrgUnit>
        {
            new() { Id = MinistryId, Kind = OrgUnitKind.Ministry, NameZh = "工业和信息化部", NameEn = "Ministry of Industry and Information Technology" },
        };
        foreach (var r in Regions.Provinces)
        {
            units.Add(new OrgUnit
            {
                Id = AdministrationId(r.Code),
                Kind = OrgUnitKind.ProvinceAdministration,
                NameZh = FullNameZh(r) + "通信管理局",
                NameEn = r.NameEn + " Communications Administration",
                RegionCode = r.Code,
                ParentId = MinistryId,
            });
        }
        foreach (var (id, zh, en) in Operators)
        {
            units.Add(new OrgUnit { Id = id, Kind = OrgUnitKind.Operator, NameZh = zh, NameEn = en });
            foreach (var r in Regions.Provinces)
            {
                units.Add(new OrgUnit
                {
                    Id = BranchId(id, r.Code),
                    Kind = OrgUnitKind.OperatorBranch,
                    NameZh = zh + r.NameZh + "分公司",
                    NameEn = en + " " + r.NameEn + " Branch",
                    RegionCode = r.Code,
                    ParentId = id,
                });
            }
        }
        return units;
    }
}
