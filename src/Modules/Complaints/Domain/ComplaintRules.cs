using System.Text.RegularExpressions;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Time;

namespace IctGov.Complaints.Domain;

/// <summary>The two complaint systems the module runs.</summary>
internal static class ComplaintKinds
{
    /// <summary>电信用户申诉: an appeal to a telecom user appeal centre (电信用户申诉处理办法, 工信部令第35号).</summary>
    public const string Telecom = "telecom";

    /// <summary>互联网信息服务投诉: a complaint against an Internet information service company (中国互联网协会 platform).</summary>
    public const string Internet = "internet";

    public static readonly IReadOnlyList<string> All = [Telecom, Internet];

    public static string Zh(string kind) => kind == Telecom ? "电信用户申诉" : "互联网信息服务投诉";

    public static string En(string kind) => kind == Telecom ? "Telecom user appeal" : "Internet information service complaint";
}

/// <summary>Topic categories (the list; the bulletin counts complaints by these).</summary>
internal static class Topics
{
    public static readonly IReadOnlyList<(string Code, string Zh, string En)> All =
    [
        ("billing", "收费争议", "Billing"),
        ("network_quality", "网络质量", "Network quality"),
        ("number_portability", "携号转网", "Number portability"),
        ("marketing_harassment", "营销骚扰", "Marketing harassment"),
        ("personal_information", "个人信息保护", "Personal information"),
        ("other", "其他", "Other"),
    ];

    public static bool IsKnown(string? code) => All.Any(t => t.Code == code);

    public static (string Code, string Zh, string En) Of(string code) => All.FirstOrDefault(t => t.Code == code, (Code: code, Zh: code, En: code));
}

/// <summary>Where a complaint came in.</summary>
internal static class Channels
{
    public static readonly IReadOnlyList<string> All = ["web", "phone", "api", "csv"];
}

/// <summary>How the operator dealt with the user's first complaint (电信用户申诉处理办法 第十条第四项).</summary>
internal static class OperatorResponses
{
    /// <summary>The operator did not answer within 15 days (其未在15日内答复).</summary>
    public const string NoAnswer = "no_answer";

    /// <summary>The user is dissatisfied with the operator's answer (对其处理结果不满意).</summary>
    public const string Dissatisfied = "dissatisfied";
}

/// <summary>What a complaint asks to be recorded: the written appeal's required content (第十二条).</summary>
internal sealed record ComplaintIntake(
    string? Kind, string? Region, string? RespondentId, string? RespondentName, string? Topic,
    string? UserName, string? UserPhone, string? UserAddress, string? UserPostcode,
    string? Claim, string? Facts, DateOnly? EventDate, DateOnly? OperatorComplainedOn, string? OperatorResponse);

/// <summary>
/// The statutory rules of intake and admissibility, pure. Sources (docs/COMPLAINTS.md cites each):
/// 电信用户申诉处理办法 (工业和信息化部令第35号) 第十条, 第十一条, 第十二条, 第十四条, and the
/// 中国互联网协会 互联网信息服务投诉平台 rule of 10 working days.
/// </summary>
internal static partial class ComplaintRules
{
    /// <summary>第十四条: 自收到申诉材料之日起5个工作日内, 作出受理或者不予受理的决定.</summary>
    public const int AcceptanceWorkingDays = 5;

    /// <summary>自收到全部申诉材料之日起30日内向申诉人作出答复 (calendar days, 民法典 第二百零三条 for a last day off).</summary>
    public const int AnswerCalendarDays = 30;

    /// <summary>第十条第四项: the operator had 15 days (日, calendar) to answer the user's own complaint.</summary>
    public const int OperatorFirstDays = 15;

    /// <summary>第十一条第一项: a billing dispute older than five months is not accepted.</summary>
    public const int BillingMonths = 5;

    /// <summary>第十一条第一项: any other dispute older than two years is not accepted.</summary>
    public const int OtherYears = 2;

    /// <summary>中国互联网协会: the complained-about company finishes handling within 10 working days of the transfer.</summary>
    public const int InternetWorkingDays = 10;

    /// <summary>
    /// The deadline the centre gives an operator when it transfers an appeal without naming one: 7
    /// working days, never after the answer deadline. The instrument sets no operator deadline; this
    /// leaves the centre time to mediate inside its own 30 days.
    /// </summary>
    public const int DefaultOperatorWorkingDays = 7;

    /// <summary>
    /// Checks the written appeal's required fields (400) in the order of <see cref="ComplaintIntake"/>;
    /// <paramref name="row"/> is the CSV row or 1 for one request.
    /// </summary>
    public static List<RowError> RequiredFields(long row, ComplaintIntake c, DateOnly receivedOn)
    {
        var errors = new List<RowError>();
        void Need(string field, string? value, string what)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new RowError(row, field, what) { Rule = "required" });
            }
            else if (value.Length > 2000)
            {
                errors.Add(new RowError(row, field, "at most 2,000 characters") { Rule = "length" });
            }
        }
        if (c.Kind is null || !ComplaintKinds.All.Contains(c.Kind))
        {
            errors.Add(new RowError(row, "kind", "expected telecom (电信用户申诉) or internet (互联网信息服务投诉)") { Rule = "required", Value = c.Kind });
        }
        if (c.Region is null || !Regions.Provinces.Any(p => p.Code == c.Region))
        {
            errors.Add(new RowError(row, "region", "expected the GB/T 2260 code of the respondent's province, e.g. 440000") { Rule = "required", Value = c.Region });
        }
        if (string.IsNullOrWhiteSpace(c.RespondentId) || c.RespondentId.Length > 64)
        {
            errors.Add(new RowError(row, "respondentId", "expected the respondent: an operator (ct, cm, cu, cbn) or the company's code, at most 64 characters") { Rule = "required", Value = c.RespondentId });
        }
        if (c.Kind == ComplaintKinds.Internet)
        {
            Need("respondentName", c.RespondentName, "expected the company's name (被投诉企业名称)");
        }
        if (!Topics.IsKnown(c.Topic))
        {
            errors.Add(new RowError(row, "topic", "expected one of " + string.Join(", ", Topics.All.Select(t => t.Code))) { Rule = "required", Value = c.Topic });
        }
        Need("userName", c.UserName, "expected the appellant's name (申诉人姓名或名称)");
        Need("userPhone", c.UserPhone, "expected the appellant's telephone number (电话号码)");
        Need("userAddress", c.UserAddress, "expected the appellant's address (地址)");
        if (string.IsNullOrWhiteSpace(c.UserPostcode) || !Postcode().IsMatch(c.UserPostcode))
        {
            errors.Add(new RowError(row, "userPostcode", "expected a six-digit postcode (邮政编码)") { Rule = "required", Value = c.UserPostcode });
        }
        Need("claim", c.Claim, "expected what the appellant asks for (申诉要求)");
        Need("facts", c.Facts, "expected the reasons and facts (理由、事实根据)");
        if (c.EventDate is not { } ev)
        {
            errors.Add(new RowError(row, "eventDate", "expected the date the matter happened (yyyy-MM-dd)") { Rule = "required" });
        }
        else if (ev > receivedOn)
        {
            errors.Add(new RowError(row, "eventDate", $"expected a date on or before the date of receipt {receivedOn:yyyy-MM-dd}") { Rule = "required", Value = ev.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        }
        if (c.Kind == ComplaintKinds.Telecom)
        {
            if (c.OperatorComplainedOn is not { } first)
            {
                errors.Add(new RowError(row, "operatorComplainedOn", "expected the date the user complained to the operator first (第十条第四项)") { Rule = "required" });
            }
            else if (first > receivedOn || (c.EventDate is { } e && first < e))
            {
                errors.Add(new RowError(row, "operatorComplainedOn", "expected a date between the event and the date of receipt") { Rule = "required" });
            }
            if (c.OperatorResponse is not (OperatorResponses.NoAnswer or OperatorResponses.Dissatisfied))
            {
                errors.Add(new RowError(row, "operatorResponse", "expected no_answer (未在15日内答复) or dissatisfied (对处理结果不满意)") { Rule = "required", Value = c.OperatorResponse });
            }
        }
        return errors;
    }

    /// <summary>
    /// The admissibility rules (422) of a complaint whose fields are all present: 第十条第四项
    /// (complained to the operator first, and either 15 days passed unanswered or the user is
    /// dissatisfied) and 第十一条第一项 (billing within five months, others within two years).
    /// The time limits apply to both kinds; the operator-first rule to telecom appeals.
    /// </summary>
    public static List<RowError> Admissibility(long row, ComplaintIntake c, DateOnly receivedOn, ChinaCalendar calendar)
    {
        var errors = new List<RowError>();
        var ev = c.EventDate!.Value;
        var billing = c.Topic == "billing";
        var limit = billing ? ev.AddMonths(BillingMonths) : ev.AddYears(OtherYears);
        if (receivedOn > limit)
        {
            errors.Add(new RowError(row, "eventDate", billing
                ? $"a billing dispute must be raised within {BillingMonths} months of the event (by {limit:yyyy-MM-dd}); 收费争议申诉事项发生时距提起申诉时超过五个月的不予受理 (第十一条)"
                : $"a dispute must be raised within {OtherYears} years of the event (by {limit:yyyy-MM-dd}); 超过二年的不予受理 (第十一条)") { Rule = "time-limit" });
        }
        if (c.Kind == ComplaintKinds.Telecom && c.OperatorResponse == OperatorResponses.NoAnswer)
        {
            var operatorDue = OperatorFirstDeadline(c.OperatorComplainedOn!.Value, calendar);
            if (operatorDue is { } due && receivedOn <= due)
            {
                errors.Add(new RowError(row, "operatorComplainedOn",
                    $"the operator has until {due:yyyy-MM-dd} to answer the user's complaint; an appeal is accepted from the day after (第十条第四项: 未在15日内答复)") { Rule = "operator-first" });
            }
        }
        return errors;
    }

    /// <summary>
    /// The last day of the operator's 15 days (start day not counted, a rest day moves it to the next
    /// working day); null when the calendar for that year is not yet published.
    /// </summary>
    public static DateOnly? OperatorFirstDeadline(DateOnly complainedOn, ChinaCalendar calendar) =>
        Try(() => calendar.AddCalendarDays(complainedOn, OperatorFirstDays));

    /// <summary>第十四条: the acceptance decision is due 5 working days after receipt.</summary>
    public static DateOnly? AcceptanceDue(DateOnly receivedOn, ChinaCalendar calendar) =>
        Try(() => calendar.AddWorkingDays(receivedOn, AcceptanceWorkingDays));

    /// <summary>The answer is due 30 days after receipt of the complete materials.</summary>
    public static DateOnly? AnswerDue(DateOnly receivedOn, ChinaCalendar calendar) =>
        Try(() => calendar.AddCalendarDays(receivedOn, AnswerCalendarDays));

    /// <summary>The Internet company's handling is due 10 working days after the transfer.</summary>
    public static DateOnly? InternetDue(DateOnly transferredOn, ChinaCalendar calendar) =>
        Try(() => calendar.AddWorkingDays(transferredOn, InternetWorkingDays));

    /// <summary>The operator's deadline when the centre names none: 7 working days, capped at the answer deadline.</summary>
    public static DateOnly? DefaultOperatorDue(DateOnly transferredOn, DateOnly? answerDue, ChinaCalendar calendar)
    {
        var due = Try(() => calendar.AddWorkingDays(transferredOn, DefaultOperatorWorkingDays));
        return due is { } d && answerDue is { } a && a < d ? a : due;
    }

    /// <summary>A deadline that runs into a year whose holiday schedule is not published is unknown (null), never guessed.</summary>
    private static DateOnly? Try(Func<DateOnly> compute)
    {
        try
        {
            return compute();
        }
        catch (CalendarNotPublishedException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex Postcode();
}
