using IctGov.Kernel.Results;
using IctGov.Numbering.Domain;

namespace IctGov.Numbering.Tests;

/// <summary>The numbering plan and the portability rules, as pure functions.</summary>
public class DomainTests
{
    [Theory]
    [InlineData("mobile", "1380000", "cm", 10_000, null)]
    [InlineData("mobile", "1330000", "cm", 10_000, "assigned to ct")]
    [InlineData("mobile", "1230000", "cm", 10_000, "network code")]
    [InlineData("mobile", "138000", "cm", 10_000, "seven digits")]
    [InlineData("iot", "14800001", "cm", 100_000, null)]
    [InlineData("fixed", "0102345", "ct", 10_000, null)]
    [InlineData("fixed", "01023456", "ct", 0, "area code")]
    [InlineData("fixed", "07552345", "ct", 10_000, null)]
    [InlineData("fixed", "075523456", "ct", 0, "area code")]
    [InlineData("fixed", "02101234", "ct", 0, "area code")]
    [InlineData("sms", "10690123", "cu", 1, null)]
    [InlineData("sms", "10590123", "cu", 1, "106")]
    [InlineData("short", "95588", "cu", 1, null)]
    [InlineData("short", "88588", "cu", 1, "short code")]
    public void Plan_ChecksPrefixKindAndHolder(string kind, string prefix, string holder, long capacity, string? problem)
    {
        var errors = new List<RowError>();
        var got = NumberingPlan.Check(kind, prefix, holder, errors);
        if (problem is null)
        {
            Assert.Empty(errors);
            Assert.Equal(capacity, got);
        }
        else
        {
            Assert.Contains(problem, Assert.Single(errors).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Eligibility_NamesEveryFailedRule()
    {
        var today = new DateOnly(2026, 6, 1);
        var ok = new SubscriberFacts(true, "normal", true, null, today.AddDays(-120));
        Assert.Empty(Portability.Check(ok, null, today));
        var bad = new SubscriberFacts(false, "suspended", false, today, today.AddDays(-119));
        Assert.Equal(["realName", "status", "billsSettled", "contractEnds", "activatedOn"], Portability.Check(bad, null, today).Select(e => e.Field));
        Assert.Equal(["number"], Portability.Check(ok, today.AddDays(-119), today).Select(e => e.Field));
        Assert.Empty(Portability.Check(ok, today.AddDays(-120), today));
    }

    [Fact]
    public void Ports_TakeEffectAtTheNextFullHour_NeverAtTheInstant()
    {
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 3, 0, 0, TimeSpan.Zero), Portability.NextFullHour(new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 3, 0, 0, TimeSpan.Zero), Portability.NextFullHour(new DateTimeOffset(2026, 6, 1, 10, 59, 59, TimeSpan.FromHours(8))));
    }
}
