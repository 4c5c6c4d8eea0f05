using IctGov.Collection.Domain;
using IctGov.Kernel;
using static IctGov.Collection.Tests.DomainFixtures;

namespace IctGov.Collection.Tests;

public class WorkflowTests
{
    private static Report NewReport() => new(Guid.NewGuid(), "T-5G-M", "ct-440000", "440000", Period.OfMonth(2024, 7));

    private static Report Submitted()
    {
        var r = NewReport();
        Assert.True(r.Submit(Reporter, Monthly5G, V(("5g_base_stations", 1000)), None, OnTime).Succeeded);
        return r;
    }

    [Fact]
    public void HappyPath_SubmitApproveAcceptPublish()
    {
        var r = Submitted();
        Assert.Equal(ReportStatus.Submitted, r.Status);
        Assert.False(r.Late);
        Assert.True(r.Approve(Guangdong, OnTime).Succeeded);
        Assert.True(r.Accept(Ministry, OnTime).Succeeded);
        Assert.True(r.Publish(Ministry, OnTime.AddDays(3)).Succeeded);
        Assert.Equal(ReportStatus.Published, r.Status);
        Assert.Equal(new DateOnly(2024, 8, 8), r.PublishedOn);
        Assert.Equal(["submit", "approve", "accept", "publish"], r.History.Select(h => h.Action));
        Assert.Equal(new DateOnly(2024, 8, 8), Assert.Single(r.Vintages).PublishedOn);
    }

    [Fact]
    public void Submission_AfterTheDeadline_IsLate()
    {
        var r = NewReport();
        Assert.True(r.Submit(Reporter, Monthly5G, V(("5g_base_stations", 1)), None, new DateTimeOffset(2024, 8, 11, 1, 0, 0, TimeSpan.Zero)).Succeeded);
        Assert.True(r.Late); // July is due on 10 August
    }

    // "Today" is the date in China Standard Time (UTC+8): 01:00 on 11 August in Beijing is still 10 August in UTC.
    [Fact]
    public void Submission_At0100BeijingTime_TheDayAfterTheDeadline_IsLate()
    {
        var r = NewReport();
        Assert.True(r.Submit(Reporter, Monthly5G, V(("5g_base_stations", 1)), None, new DateTimeOffset(2024, 8, 11, 1, 0, 0, TimeSpan.FromHours(8))).Succeeded);
        Assert.True(r.Late); // July is due on 10 August
    }

    [Fact]
    public void Publication_At0700BeijingTime_IsDatedThatBeijingDay()
    {
        var r = NewReport();
        Assert.True(r.Submit(Reporter, Monthly5G, V(("5g_base_stations", 1000)), None, OnTime).Succeeded);
        Assert.True(r.Approve(Guangdong, OnTime).Succeeded);
        Assert.True(r.Accept(Ministry, OnTime).Succeeded);
        Assert.True(r.Publish(Ministry, new DateTimeOffset(2024, 8, 20, 7, 0, 0, TimeSpan.FromHours(8))).Succeeded);
        Assert.Equal(new DateOnly(2024, 8, 20), r.PublishedOn);
        Assert.Equal(new DateOnly(2024, 8, 20), Assert.Single(r.Vintages).PublishedOn);
    }

    [Fact]
    public void Reporter_CannotSubmitForAnotherUnitOrRegion()
    {
        var r = NewReport();
        Assert.Equal(403, (int)r.Submit(OtherReporter, Monthly5G, V(("5g_base_stations", 1)), None, OnTime).Status);
        Assert.Equal(403, (int)r.Submit(Guangdong, Monthly5G, V(("5g_base_stations", 1)), None, OnTime).Status);
        var beijing = new Report(Guid.NewGuid(), "T-5G-M", "ct-440000", "110000", Period.OfMonth(2024, 7));
        Assert.Equal(403, (int)beijing.Submit(Reporter, Monthly5G, V(("5g_base_stations", 1)), None, OnTime).Status);
    }

    [Fact]
    public void OnlyTheOwnProvince_Reviews()
    {
        var r = Submitted();
        Assert.Equal(403, (int)r.Approve(Beijing, OnTime).Status);
        Assert.Equal(403, (int)r.Approve(Ministry, OnTime).Status);
        Assert.Equal(403, (int)r.Approve(Reporter, OnTime).Status);
        Assert.Equal(403, (int)r.Return(Beijing, "wrong", OnTime).Status);
        Assert.Equal(ReportStatus.Submitted, r.Status);
    }

    [Fact]
    public void Return_NeedsAReason_AndAllowsResubmission()
    {
        var r = Submitted();
        Assert.Equal(422, (int)r.Return(Guangdong, " ", OnTime).Status);
        Assert.True(r.Return(Guangdong, "5G基站数与上月差异过大，请核实", OnTime).Succeeded);
        Assert.Equal(ReportStatus.Returned, r.Status);
        Assert.Equal("5G基站数与上月差异过大，请核实", r.History[^1].Reason);
        Assert.True(r.Submit(Reporter, Monthly5G, V(("5g_base_stations", 1010)), None, OnTime).Succeeded);
        Assert.Equal(1, r.Version); // a resubmission is the same version
        Assert.Equal(1010, r.Values["5g_base_stations"]);
    }

    [Fact]
    public void ApprovedData_IsLocked()
    {
        var r = Submitted();
        Assert.Equal(409, (int)r.Submit(Reporter, Monthly5G, V(("5g_base_stations", 2)), None, OnTime).Status); // awaiting review
        r.Approve(Guangdong, OnTime);
        Assert.Equal(409, (int)r.Submit(Reporter, Monthly5G, V(("5g_base_stations", 2)), None, OnTime).Status);
        Assert.Equal(409, (int)r.Approve(Guangdong, OnTime).Status);
        r.Accept(Ministry, OnTime);
        Assert.Equal(409, (int)r.Submit(Reporter, Monthly5G, V(("5g_base_stations", 2)), None, OnTime).Status);
        Assert.Equal(1000, r.Values["5g_base_stations"]);
    }

    [Fact]
    public void Ministry_AcceptsAndPublishes_OnlyInOrder()
    {
        var r = Submitted();
        Assert.Equal(409, (int)r.Accept(Ministry, OnTime).Status); // not yet approved by the province
        r.Approve(Guangdong, OnTime);
        Assert.Equal(403, (int)r.Accept(Guangdong, OnTime).Status);
        Assert.Equal(409, (int)r.Publish(Ministry, OnTime).Status); // not yet accepted
        Assert.True(r.Return(Ministry, "与全国口径不一致", OnTime).Succeeded);
        Assert.Equal(ReportStatus.Returned, r.Status);
    }

    [Fact]
    public void Correction_ReopensWithAReason_AndKeepsTheEarlierVintage()
    {
        var r = Submitted();
        r.Approve(Guangdong, OnTime);
        r.Accept(Ministry, OnTime);
        r.Publish(Ministry, OnTime);
        Assert.Equal(422, (int)r.Correct(Reporter, V(("5g_base_stations", 1100)), None, "", OnTime).Status);
        Assert.Equal(403, (int)r.Correct(OtherReporter, V(("5g_base_stations", 1100)), None, "x", OnTime).Status);
        Assert.True(r.Correct(Reporter, V(("5g_base_stations", 1100)), None, "漏报100个室分站", OnTime.AddDays(20)).Succeeded);
        Assert.Equal(2, r.Version);
        Assert.Equal(ReportStatus.Submitted, r.Status);
        Assert.Equal(1000, r.Vintages.Single().Values["5g_base_stations"]); // what was published stays on record
        r.Approve(Guangdong, OnTime.AddDays(21));
        r.Accept(Ministry, OnTime.AddDays(22));
        r.Publish(Ministry, OnTime.AddDays(23));
        Assert.Equal([1000m, 1100m], r.Vintages.Select(v => v.Values["5g_base_stations"]));
        Assert.Equal(2, r.Vintages.Select(v => v.PublishedOn).Distinct().Count());
    }

    [Fact]
    public void Correction_OfAnUnlockedReport_IsRefused()
    {
        var r = Submitted();
        Assert.Equal(409, (int)r.Correct(Reporter, V(("5g_base_stations", 1)), None, "x", OnTime).Status);
    }

    [Fact]
    public void PeriodOutsideTheDataSet_IsRefused()
    {
        var r = new Report(Guid.NewGuid(), "T-5G-M", "ct-440000", "440000", Period.OfQuarter(2024, 3));
        Assert.Equal(422, (int)r.Submit(Reporter, Monthly5G, V(("5g_base_stations", 1)), None, OnTime).Status);
    }
}
