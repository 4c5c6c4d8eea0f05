using IctGov.Kernel;

namespace IctGov.Collection.Tests;

/// <summary>Which period a form offers first: the one being reported now, within what the data set collects.</summary>
public sealed class ReportingPeriodTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2024-08-05", "2024-07")] // in August, July's monthly report
    [InlineData("2024-01-01", "2023-12")] // across the year
    [InlineData("2021-02-01", "2021-01")] // the first period collected
    public void TheReportingPeriod_IsTheLastOneEnded(string today, string expected) =>
        Assert.Equal(expected, DomainFixtures.Monthly5G.ReportingPeriod(D(today))?.ToString());

    [Fact]
    public void NothingIsReported_BeforeTheFirstPeriodEnds_NorAfterTheLastCollected()
    {
        Assert.Null(DomainFixtures.Monthly5G.ReportingPeriod(D("2021-01-20")));
        var closed = DomainFixtures.Monthly5G with { Closes = Period.OfMonth(2023, 6) };
        Assert.Equal("2023-06", closed.ReportingPeriod(D("2024-08-05"))?.ToString());
    }

    [Fact]
    public void Choices_AreNewestFirst_Bounded_AndIncludeAnOlderPeriodAskedFor()
    {
        var choices = DomainFixtures.Monthly5G.PeriodChoices(D("2024-08-05"), 3);
        Assert.Equal(["2024-07", "2024-06", "2024-05"], choices.Select(p => p.ToString()));
        Assert.Equal("2022-02", DomainFixtures.Monthly5G.PeriodChoices(D("2024-08-05"), 3, "2022-02")[^1].ToString());
        Assert.Equal(3, DomainFixtures.Monthly5G.PeriodChoices(D("2024-08-05"), 3, "2020-12").Count); // before the data set opened
        Assert.Equal(3, DomainFixtures.Monthly5G.PeriodChoices(D("2024-08-05"), 3, "2022-Q1").Count); // not its kind of period
        Assert.Equal(["2021-02", "2021-01"], DomainFixtures.Monthly5G.PeriodChoices(D("2021-03-10"), 12).Select(p => p.ToString()));
    }
}
