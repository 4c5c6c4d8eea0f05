using IctGov.Collection.Domain;
using IctGov.Kernel;
using static IctGov.Collection.Tests.DomainFixtures;

namespace IctGov.Collection.Tests;

public class ReconciliationTests
{
    private static Report Accepted(string unit, string region, decimal stations)
    {
        var r = Report.Restore(Guid.NewGuid(), "T-5G-M", unit, region, Period.OfMonth(2024, 7), 1, ReportStatus.Accepted,
            V(("5g_base_stations", stations), ("ipv6_traffic_share", 50)), None, OnTime, false, null, [], []);
        return r;
    }

    private static bool IsProvince(string unit) => unit.StartsWith("prov-", StringComparison.Ordinal);
    private static bool IsNation(string unit) => unit == "ministry";

    [Fact]
    public void OperatorsThatAddUp_ToTheProvince_HaveNoDiscrepancy()
    {
        Report[] reports = [Accepted("ct-440000", "440000", 100), Accepted("cm-440000", "440000", 200), Accepted("prov-440000", "440000", 300)];
        Assert.Empty(Reconciliation.Check(Monthly5G, reports, IsProvince, IsNation, 0.005m));
    }

    [Fact]
    public void Difference_BeyondTolerance_IsListed_AndNonAdditiveElementsAreNot()
    {
        Report[] reports = [Accepted("ct-440000", "440000", 100), Accepted("cm-440000", "440000", 200), Accepted("prov-440000", "440000", 310)];
        var d = Assert.Single(Reconciliation.Check(Monthly5G, reports, IsProvince, IsNation, 0.005m));
        Assert.Equal(("province", "440000", "5g_base_stations", 310m, 300m, 2, 10m), (d.Level, d.RegionCode, d.Element, d.Total, d.SumOfParts, d.Parts, d.Difference));
        Assert.Empty(Reconciliation.Check(Monthly5G, reports, IsProvince, IsNation, 0.05m)); // 3.2% is within 5%
    }

    [Fact]
    public void Provinces_AreReconciledAgainstTheNation()
    {
        Report[] reports = [Accepted("prov-440000", "440000", 300), Accepted("prov-110000", "110000", 200), Accepted("ministry", Region.NationalCode, 480)];
        var d = Assert.Single(Reconciliation.Check(Monthly5G, reports, IsProvince, IsNation, 0.01m));
        Assert.Equal(("national", -20m, 2), (d.Level, d.Difference, d.Parts));
    }

    [Fact]
    public void Timeliness_ListsMissingAndLate()
    {
        var onTime = new Report(Guid.NewGuid(), "T-5G-M", "ct-440000", "440000", Period.OfMonth(2024, 7));
        onTime.Submit(Reporter, Monthly5G, V(("5g_base_stations", 1)), None, OnTime);
        var late = new Report(Guid.NewGuid(), "T-5G-M", "cm-440000", "440000", Period.OfMonth(2024, 7));
        late.Submit(OtherReporter, Monthly5G, V(("5g_base_stations", 1)), None, new DateTimeOffset(2024, 8, 15, 0, 0, 0, TimeSpan.Zero));
        var rows = Timeliness.For(Monthly5G, Period.OfMonth(2024, 7),
            [("ct-440000", "440000"), ("cm-440000", "440000"), ("cu-440000", "440000")], [onTime, late]);
        Assert.Equal([(true, false), (true, true), (false, false)], rows.Select(r => (r.Reported, r.Late)));
        Assert.All(rows, r => Assert.Equal(new DateOnly(2024, 8, 10), r.Deadline));
    }
}
