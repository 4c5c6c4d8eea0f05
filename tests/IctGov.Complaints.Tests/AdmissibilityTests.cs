using IctGov.Complaints.Domain;

namespace IctGov.Complaints.Tests;

/// <summary>电信用户申诉处理办法 第十条、第十一条、第十二条 as intake rules.</summary>
public class AdmissibilityTests
{
    private static readonly IctGov.Kernel.Time.ChinaCalendar Calendar = ClockTests.CalendarOn(2026, 6, 1);

    internal static ComplaintIntake Telecom(string topic = "network_quality", DateOnly? eventDate = null, DateOnly? complainedOn = null, string response = "no_answer") =>
        new("telecom", "440000", "cm", null, topic, "张三", "13800000000", "广州市天河区某路1号", "510000", "退还多收费用", "5月套餐外扣费",
            eventDate ?? new DateOnly(2026, 5, 10), complainedOn ?? new DateOnly(2026, 5, 12), response);

    [Fact]
    public void RequiredFields_NameEveryMissingField()
    {
        var empty = new ComplaintIntake("telecom", "999999", "", null, "weather", "", null, "x", "12", "", "", null, null, "maybe");
        var fields = ComplaintRules.RequiredFields(3, empty, new DateOnly(2026, 6, 1)).Select(e => e.Field).ToList();
        Assert.Equal(["region", "respondentId", "topic", "userName", "userPhone", "userPostcode", "claim", "facts", "eventDate", "operatorComplainedOn", "operatorResponse"], fields);
        Assert.All(ComplaintRules.RequiredFields(3, empty, new DateOnly(2026, 6, 1)), e => Assert.Equal(3, e.Row));
    }

    [Fact]
    public void InternetComplaint_NeedsTheCompanyName_NotTheOperatorFirstRule()
    {
        var c = Telecom() with { Kind = "internet", RespondentId = "91110000MA01", RespondentName = null, OperatorComplainedOn = null, OperatorResponse = null };
        Assert.Equal(["respondentName"], ComplaintRules.RequiredFields(1, c, new DateOnly(2026, 6, 1)).Select(e => e.Field));
    }

    [Fact]
    public void OperatorFirst_FifteenDaysMustPassWhenTheOperatorDidNotAnswer()
    {
        // Complained 20 May; 20 + 15 = Thursday 4 June, a working day: the operator has until then.
        var c = Telecom(complainedOn: new DateOnly(2026, 5, 20));
        Assert.Equal("operator-first", Assert.Single(ComplaintRules.Admissibility(1, c, new DateOnly(2026, 6, 4), Calendar)).Rule);
        Assert.Empty(ComplaintRules.Admissibility(1, c, new DateOnly(2026, 6, 5), Calendar));
        // A user dissatisfied with the operator's answer may appeal at once.
        Assert.Empty(ComplaintRules.Admissibility(1, c with { OperatorResponse = "dissatisfied" }, new DateOnly(2026, 5, 21), Calendar));
    }

    [Fact]
    public void OperatorFirst_FifteenthDayOnAHolidayExtendsToTheNextWorkingDay()
    {
        // Complained 16 September; + 15 = 1 October (National Day): the operator has until 8 October.
        var c = Telecom(eventDate: new DateOnly(2026, 9, 1), complainedOn: new DateOnly(2026, 9, 16));
        Assert.Single(ComplaintRules.Admissibility(1, c, new DateOnly(2026, 10, 8), Calendar));
        Assert.Empty(ComplaintRules.Admissibility(1, c, new DateOnly(2026, 10, 9), Calendar));
    }

    [Fact]
    public void TimeLimit_BillingFiveMonths_OthersTwoYears()
    {
        var billing = Telecom("billing", eventDate: new DateOnly(2026, 1, 10), complainedOn: new DateOnly(2026, 1, 11), response: "dissatisfied");
        Assert.Empty(ComplaintRules.Admissibility(1, billing, new DateOnly(2026, 6, 10), Calendar));
        Assert.Equal("time-limit", Assert.Single(ComplaintRules.Admissibility(1, billing, new DateOnly(2026, 6, 11), Calendar)).Rule);

        var other = Telecom("marketing_harassment", eventDate: new DateOnly(2024, 6, 10), complainedOn: new DateOnly(2024, 6, 11), response: "dissatisfied");
        Assert.Empty(ComplaintRules.Admissibility(1, other, new DateOnly(2026, 6, 10), Calendar));
        Assert.Equal("time-limit", Assert.Single(ComplaintRules.Admissibility(1, other, new DateOnly(2026, 6, 11), Calendar)).Rule);
    }
}
