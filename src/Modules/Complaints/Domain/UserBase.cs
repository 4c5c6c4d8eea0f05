namespace IctGov.Complaints.Domain;

/// <summary>
/// The user base behind "complaints per million users": mobile telephone users of an operator or a
/// province (or the nation, 100000) at a date, each with where it was published. The platform
/// collects no subscriber data set yet, so these are seeded from published figures and the ministry
/// adds the rest by CSV (<c>POST /api/v1/complaints/user-base/import</c>), e.g. the provinces' figures
/// from the 通信业统计公报 or the operators' monthly disclosures.
/// </summary>
internal static class UserBase
{
    public const string Operator = "operator", Province = "province";

    public static readonly IReadOnlyList<string> CsvColumns = ["scope", "key", "asOf", "users", "source"];

    /// <summary>Published figures (mobile telephone users), with their source.</summary>
    public static readonly IReadOnlyList<(string Scope, string Key, DateOnly AsOf, long Users, string Source)> Seed =
    [
        (Province, "100000", new DateOnly(2024, 9, 30), 1_786_000_000,
            "工业和信息化部《2024年前三季度通信业经济运行情况》: 三家基础电信企业及中国广电的移动电话用户总数达17.86亿户 (reported at http://m.aipingou.cn/html/2024-10-24/1694803.htm)"),
        (Province, "100000", new DateOnly(2025, 11, 30), 1_828_000_000,
            "工业和信息化部 2025-12-22: 截至11月末移动电话用户总数达18.28亿户 (经济参考报, http://big5.news.cn/gate/big5/jjckb.xinhuanet.com/20251223/e8803fbcdd1a4cd7ad10dcb2f797bcf6/c.html)"),
        (Operator, "cm", new DateOnly(2024, 10, 31), 1_004_277_000,
            "中国移动 2024年10月运营数据: 移动客户总数10.04277亿户 (reported at http://xxgcxx.com/news/show/29833)"),
        (Operator, "ct", new DateOnly(2024, 10, 31), 423_430_000,
            "中国电信 2024年10月运营数据: 移动用户数4.2343亿户 (reported at http://xxgcxx.com/news/show/29833)"),
    ];
}
