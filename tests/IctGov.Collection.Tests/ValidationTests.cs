using IctGov.Collection.Domain;
using IctGov.Kernel.Results;
using static IctGov.Collection.Tests.DomainFixtures;

namespace IctGov.Collection.Tests;

public class ValidationTests
{
    private static IReadOnlyList<RowError> Check(ReportedValue[] values, Dictionary<string, decimal>? previous = null, Dictionary<string, string>? why = null) =>
        Validation.Validate(Monthly5G, values, previous ?? [], why ?? []);

    [Fact]
    public void ValidValues_PassEveryRule()
    {
        Assert.Empty(Check([new(2, "5g_base_stations", 1000), new(3, "5g_base_stations_shared", 400), new(4, "ipv6_traffic_share", 55.5m, "%")],
            previous: V(("5g_base_stations", 900))));
    }

    [Fact]
    public void UnknownElement_IsNamed() =>
        Assert.Equal(("nope", "element"), One(Check([new(2, "nope", 1)])));

    [Fact]
    public void WrongUnit_IsRejected()
    {
        var e = Check([new(5, "5g_terminal_connections", 10, "户")]).Single();
        Assert.Equal((5, "5g_terminal_connections", "unit"), (e.Row, e.Field, e.Rule));
        Assert.Contains("万户", e.Message);
    }

    [Fact]
    public void Fraction_OfACount_IsATypeError() =>
        Assert.Equal(("5g_base_stations", "type"), One(Check([new(2, "5g_base_stations", 10.5m)])));

    [Theory]
    [InlineData(-1)]
    [InlineData(100.01)]
    public void OutOfRange_IsRejected(double value) =>
        Assert.Equal(("ipv6_traffic_share", "range"), One(Check([new(2, "ipv6_traffic_share", (decimal)value)])));

    [Fact]
    public void Component_NeverExceedsItsTotal()
    {
        var e = Check([new(2, "5g_base_stations", 100), new(3, "5g_base_stations_shared", 101)]).Single();
        Assert.Equal((3, "5g_base_stations_shared", "component"), (e.Row, e.Field, e.Rule));
    }

    [Fact]
    public void CumulativeSeries_NeverDecreases()
    {
        Assert.Equal(("identifier_registrations", "cumulative"), One(Check([new(2, "identifier_registrations", 99)], previous: V(("identifier_registrations", 100)))));
        Assert.Empty(Check([new(2, "identifier_registrations", 100)], previous: V(("identifier_registrations", 100))));
    }

    [Fact]
    public void LargeJump_NeedsAWrittenExplanation()
    {
        var previous = V(("5g_base_stations", 1000));
        Assert.Equal(("5g_base_stations", "jump"), One(Check([new(2, "5g_base_stations", 1501)], previous)));
        Assert.Equal(("5g_base_stations", "jump"), One(Check([new(2, "5g_base_stations", 499)], previous)));
        Assert.Equal(("5g_base_stations", "jump"), One(Check([new(2, "5g_base_stations", 1501)], previous, new() { ["5g_base_stations"] = "  " })));
        Assert.Empty(Check([new(2, "5g_base_stations", 1500)], previous)); // exactly 50% is not more than 50%
        Assert.Empty(Check([new(2, "5g_base_stations", 1501)], previous, new() { ["5g_base_stations"] = "新开通 500 个室分站点" }));
    }

    [Fact]
    public void Duplicate_IsNamedWithTheFirstRow()
    {
        var e = Check([new(2, "5g_base_stations", 1), new(7, "5g_base_stations", 1)]).Single();
        Assert.Equal((7, "duplicate"), (e.Row, e.Rule));
        Assert.Contains("row 2", e.Message);
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce() =>
        Assert.Equal(3, Check([new(2, "nope", 1), new(3, "5g_base_stations", 1.5m), new(4, "ipv6_traffic_share", 101)]).Count);

    private static (string Field, string Rule) One(IReadOnlyList<RowError> errors)
    {
        var e = Assert.Single(errors);
        return (e.Field, e.Rule!);
    }
}
