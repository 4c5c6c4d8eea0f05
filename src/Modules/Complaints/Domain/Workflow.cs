using IctGov.Kernel.Time;

namespace IctGov.Complaints.Domain;

/// <summary>The states of a complaint, as stored.</summary>
internal static class States
{
    public const string Received = "received";       // 已接收, acceptance decision pending
    public const string Accepted = "accepted";       // 已受理
    public const string Rejected = "rejected";       // 不予受理
    public const string Transferred = "transferred"; // 已转企业处理
    public const string Answered = "answered";       // 企业已答复
    public const string Mediating = "mediating";     // 调解中
    public const string Closed = "closed";           // 已办结 (outcome says how)
    public const string Duplicate = "duplicate";     // 重复投诉, merged into another

    public static readonly IReadOnlyList<string> Open = [Received, Accepted, Transferred, Answered, Mediating];

    public static string Zh(string s) => s switch
    {
        Received => "已接收", Accepted => "已受理", Rejected => "不予受理", Transferred => "已转企业",
        Answered => "企业已答复", Mediating => "调解中", Closed => "已办结", Duplicate => "重复投诉", _ => s,
    };

    public static string En(string s) => s switch
    {
        Received => "Received", Accepted => "Accepted", Rejected => "Not accepted", Transferred => "Transferred",
        Answered => "Respondent answered", Mediating => "In mediation", Closed => "Closed", Duplicate => "Duplicate", _ => s,
    };
}

/// <summary>How a closed complaint ended (the four outcomes).</summary>
internal static class Outcomes
{
    public const string Resolved = "resolved";
    public const string Mediated = "mediated";
    public const string NotResolved = "not_resolved";
    public const string Withdrawn = "withdrawn";

    /// <summary>Outcomes the centre records when closing (withdrawal has its own action).</summary>
    public static readonly IReadOnlyList<string> Closing = [Resolved, Mediated, NotResolved];

    public static string Zh(string? o) => o switch
    {
        Resolved => "已解决", Mediated => "调解成功", NotResolved => "未解决", Withdrawn => "用户撤诉", _ => "",
    };

    public static string En(string? o) => o switch
    {
        Resolved => "Resolved", Mediated => "Mediated", NotResolved => "Not resolved", Withdrawn => "Withdrawn", _ => "",
    };
}

/// <summary>The actions of the workflow and the states each may start from.</summary>
internal static class Actions
{
    public const string Accept = "accept";
    public const string Reject = "reject";
    public const string Transfer = "transfer";
    public const string Answer = "answer";
    public const string Mediate = "mediate";
    public const string Close = "close";
    public const string Withdraw = "withdraw";
    public const string MarkDuplicate = "duplicate";

    public static readonly IReadOnlyList<string> All = [Accept, Reject, Transfer, Answer, Mediate, Close, Withdraw, MarkDuplicate];

    /// <summary>The states <paramref name="action"/> may be taken from, and the state it leads to.</summary>
    public static (string[] From, string To) Rule(string action) => action switch
    {
        Accept => ([States.Received], States.Accepted),
        Reject => ([States.Received], States.Rejected),
        Transfer => ([States.Accepted], States.Transferred),
        Answer => ([States.Transferred], States.Answered),
        Mediate => ([States.Accepted, States.Answered], States.Mediating),
        Close => ([States.Accepted, States.Answered, States.Mediating], States.Closed),
        Withdraw => ([.. States.Open], States.Closed),
        MarkDuplicate => ([States.Received, States.Accepted], States.Duplicate),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown action"),
    };
}

/// <summary>Green, amber or red: how close the running clock is to its deadline.</summary>
internal static class ClockStates
{
    public const string None = "none";       // no statutory clock runs in this state
    public const string Green = "green";
    public const string Amber = "amber";     // at most AmberWorkingDays working days left: escalate
    public const string Red = "red";         // the deadline has passed
    public const string Unknown = "unknown"; // the deadline runs into a year whose holiday schedule is not published

    public static readonly IReadOnlyList<string> All = [Green, Amber, Red, Unknown, None];

    /// <summary>Amber from two working days before the deadline (the deadline day itself counts as 0 left).</summary>
    public const int AmberWorkingDays = 2;

    public static string Zh(string s) => s switch { Green => "正常", Amber => "临期", Red => "超期", Unknown => "日历未发布", _ => "无时限" };

    public static string En(string s) => s switch { Green => "On track", Amber => "Due soon", Red => "Overdue", Unknown => "Calendar not published", _ => "No clock" };
}

/// <summary>The clock running on a complaint now: which stage, its deadline and its state.</summary>
/// <param name="Stage">acceptance (受理决定), answer (答复申诉人), respondent (企业处理) or none.</param>
internal sealed record ClockReading(string Stage, DateOnly? Due, string State, int? WorkingDaysLeft)
{
    /// <summary>
    /// The running clock of a complaint in <paramref name="state"/>: a telecom appeal runs the
    /// acceptance clock until decided, then the 30-day answer clock until closed; an Internet
    /// complaint runs the company's 10-working-day clock from transfer until the company answers.
    /// </summary>
    public static ClockReading Of(string kind, string state, DateOnly? acceptanceDue, DateOnly? answerDue, DateOnly? respondentDue, ChinaCalendar calendar)
    {
        var (stage, due) = (kind, state) switch
        {
            (ComplaintKinds.Telecom, States.Received) => ("acceptance", acceptanceDue),
            (ComplaintKinds.Telecom, States.Accepted or States.Transferred or States.Answered or States.Mediating) => ("answer", answerDue),
            (ComplaintKinds.Internet, States.Transferred) => ("respondent", respondentDue),
            _ => ("none", (DateOnly?)null),
        };
        if (stage == "none")
        {
            return new ClockReading(stage, null, ClockStates.None, null);
        }
        if (due is not { } d)
        {
            return new ClockReading(stage, null, ClockStates.Unknown, null);
        }
        var today = calendar.Today;
        if (today > d)
        {
            return new ClockReading(stage, d, ClockStates.Red, -SafeBetween(d, today, calendar));
        }
        var left = SafeBetween(today, d, calendar);
        return left is null
            ? new ClockReading(stage, d, ClockStates.Unknown, null)
            : new ClockReading(stage, d, left <= ClockStates.AmberWorkingDays ? ClockStates.Amber : ClockStates.Green, left);
    }

    private static int? SafeBetween(DateOnly from, DateOnly to, ChinaCalendar calendar)
    {
        try
        {
            return calendar.WorkingDaysBetween(from, to);
        }
        catch (CalendarNotPublishedException)
        {
            return null;
        }
    }
}
