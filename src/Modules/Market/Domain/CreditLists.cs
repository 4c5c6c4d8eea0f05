namespace IctGov.Market.Domain;

/// <summary>
/// The two credit lists of 电信业务经营许可管理办法 (工信部令第42号) art. 37: 电信业务经营不良名单 and the graver
/// 电信业务经营失信名单, kept on the management platform and published (art. 37 para. 2).
/// </summary>
internal enum CreditList
{
    /// <summary>电信业务经营不良名单.</summary>
    Poor,
    /// <summary>电信业务经营失信名单.</summary>
    Dishonest,
}

/// <summary>How an entry leaves its list.</summary>
internal enum RemovalRule
{
    /// <summary>After the configured years on the list (不良名单 3, 失信名单 5 by default), counted from the day listed.</summary>
    AfterTerm,
    /// <summary>When the holder files the overdue annual report and the authority confirms it (令42 art. 38 para. 2).</summary>
    OnReportFiled,
}

/// <summary>A ground of listing: the list it leads to, how the entry leaves it, and the instrument it rests on.</summary>
/// <param name="Code">The wire name.</param>
/// <param name="List">The list it puts the holder on.</param>
/// <param name="Removal">How the entry leaves the list.</param>
/// <param name="ListWithinDays">The days after the decision within which the authority lists the holder, when the rules set one.</param>
/// <param name="NameZh">The ground as the rules word it.</param>
/// <param name="NameEn">In English.</param>
/// <param name="Source">The instrument.</param>
internal sealed record CreditGround(string Code, CreditList List, RemovalRule Removal, int? ListWithinDays, string NameZh, string NameEn, string Source);

/// <summary>
/// The grounds of listing. 令42 art. 38 (annual report not filed by the authority's deadline → 不良名单 until filed and
/// confirmed) and art. 42 (an administrative penalty → 不良名单 within 30 days of the decision; revocation of the
/// licence → 失信名单 directly) were read in the ministry's text as the 新疆通信管理局 power list quotes it; the
/// other 失信 grounds come from 工信部《关于做好电信业务经营不良名单和失信名单管理工作的通知》(2018-03) as
/// reported, and the false promise from the promise-based scheme (工信部办公厅 2019-12-04 实施方案).
/// </summary>
internal static class CreditLists
{
    public static readonly IReadOnlyList<CreditGround> Grounds =
    [
        new("annual_report_overdue", CreditList.Poor, RemovalRule.OnReportFiled, null,
            "未按规定报告年报信息，且在电信管理机构限期内仍未报告", "Annual report not filed by the authority's deadline", "令42 art. 38"),
        new("penalty", CreditList.Poor, RemovalRule.AfterTerm, 30,
            "受到电信管理机构行政处罚", "An administrative penalty by a telecom authority", "令42 art. 42"),
        new("licence_revoked", CreditList.Dishonest, RemovalRule.AfterTerm, 30,
            "受到吊销经营许可证的处罚", "Licence revoked as a penalty", "令42 art. 42"),
        new("penalty_while_poor", CreditList.Dishonest, RemovalRule.AfterTerm, 30,
            "列入不良名单期间再次受到行政处罚", "A further penalty while on the 不良名单", "工信部 2018 两单通知"),
        new("penalty_unexecuted", CreditList.Dishonest, RemovalRule.AfterTerm, null,
            "逾期不履行行政处罚决定", "A penalty decision not carried out in time", "工信部 2018 两单通知"),
        new("fraud", CreditList.Dishonest, RemovalRule.AfterTerm, null,
            "以欺骗等不正当手段取得，或涂改、倒卖、出租、出借经营许可证", "Licence obtained by deceit, or altered, sold, leased or lent", "令42 arts. 42, 46; 工信部 2018 两单通知"),
        new("false_promise", CreditList.Dishonest, RemovalRule.AfterTerm, null,
            "告知承诺不实", "A false promise on the promise-based path", "工信部办公厅 2019-12-04 实施方案"),
        new("joint_punishment", CreditList.Dishonest, RemovalRule.AfterTerm, null,
            "被有关部门列为联合惩戒对象", "Named for joint punishment by another department", "工信部 2018 两单通知"),
    ];

    public static CreditGround? Find(string? code) => Grounds.FirstOrDefault(g => g.Code == code);

    public static string WireName(this CreditList list) => list == CreditList.Poor ? "poor" : "dishonest";

    public static CreditList? ParseList(string? text) => text switch
    {
        "poor" => CreditList.Poor,
        "dishonest" => CreditList.Dishonest,
        _ => null,
    };

    /// <summary>
    /// The ground an entry is actually made on: a penalty while the holder is already on the 不良名单 puts it on the
    /// 失信名单 instead (the 2018 notice's escalation), so a repeat offender cannot collect 不良 entries indefinitely.
    /// </summary>
    public static CreditGround Effective(CreditGround requested, bool alreadyPoor) =>
        requested.Code == "penalty" && alreadyPoor ? Find("penalty_while_poor")! : requested;

    /// <summary>The last day on the list of an entry listed on <paramref name="listed"/> for <paramref name="years"/> years; null when removal waits on the holder.</summary>
    public static DateOnly? LastDay(CreditGround ground, DateOnly listed, int years) =>
        ground.Removal == RemovalRule.AfterTerm ? listed.AddYears(years).AddDays(-1) : null;
}
