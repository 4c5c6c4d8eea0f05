using IctGov.Kernel.Security;

namespace IctGov.Access.Tests;

/// <summary>The scoping rules every module relies on (部省两级): a province never reads or writes another's data.</summary>
public class ActorTests
{
    private static readonly Actor Ministry = new("u1", "部管理员", Role.MinistryAdmin, null, null, []);
    private static readonly Actor Guangdong = new("u2", "广东省通信管理局", Role.ProvinceAdmin, "440000", null, []);
    private static readonly Actor TelecomReporter = new("t1", "中国电信 报送系统", Role.Reporter, null, "ct", ["440000", "450000"]);

    [Fact]
    public void Province_ReadsAndReviewsOnlyItsOwnRegion()
    {
        Assert.True(Guangdong.CanReadUnpublished("440000"));
        Assert.False(Guangdong.CanReadUnpublished("110000"));
        Assert.True(Guangdong.CanReview("440000"));
        Assert.False(Guangdong.CanReview("450000"));
        Assert.False(Guangdong.CanSubmit("ct", "440000"));
    }

    [Fact]
    public void Reporter_SubmitsOnlyForItsUnitInItsRegions()
    {
        Assert.True(TelecomReporter.CanSubmit("ct", "440000"));
        Assert.False(TelecomReporter.CanSubmit("cm", "440000"));
        Assert.False(TelecomReporter.CanSubmit("ct", "110000"));
        Assert.False(TelecomReporter.CanReview("440000"));
        Assert.True(TelecomReporter.CanReadUnpublished("450000"));
    }

    [Fact]
    public void Administrations_SubmitOnlyTheirOwnCompiledTotal()
    {
        var gd = Guangdong with { UnitId = "prov-440000", Regions = ["440000"] };
        Assert.True(gd.CanSubmit("prov-440000", "440000"));
        Assert.False(gd.CanSubmit("prov-440000", "110000"));
        Assert.False(gd.CanSubmit("ct-440000", "440000"));
        var ministry = Ministry with { UnitId = "ministry", Regions = ["100000"] };
        Assert.True(ministry.CanSubmit("ministry", "100000"));
        Assert.False(ministry.CanSubmit("ministry", "440000"));
    }

    [Fact]
    public void Public_ReadsNothingUnpublished_AndMinistryReadsAll()
    {
        Assert.False(Actor.Anonymous.CanReadUnpublished("440000"));
        Assert.False(Actor.Anonymous.CanSubmit("ct", "440000"));
        Assert.True(Ministry.CanReadUnpublished("650000"));
        Assert.False(Ministry.CanReview("440000")); // review is the province's step; the ministry accepts
        Assert.Equal(Role.MinistryAdmin, Actor.System("cli").Role);
    }
}
