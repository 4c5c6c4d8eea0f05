using IctGov.Kernel;
using IctGov.NetworkQuality.Domain;
using IctGov.Web.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.NetworkQuality.Tests;

public class ModuleTests
{
    [Fact]
    public void AddServices_RejectsMissingStorage() =>
        Assert.Throws<ArgumentNullException>(() => ModuleSet.Of(new NetworkQualityModule()).AddServices(new ServiceCollection(), null!));

    [Fact]
    public void Settings_FromConfiguration_ReplaceBusyHoursAndAddBarsAndNetworks()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NetworkQuality:BusyHours:0"] = "20",
            ["NetworkQuality:BusyHours:1"] = "21",
            ["NetworkQuality:BusyWeight"] = "0.5",
            ["NetworkQuality:Bars:ftth-gpon:DownMbps"] = "500",
            ["NetworkQuality:Bars:ftth-gpon:UpMbps"] = "50",
            ["NetworkQuality:OperatorAsns:140717"] = "cbn",
        }).Build();
        var services = new ServiceCollection();
        ModuleSet.Of(new NetworkQualityModule()).AddServices(services, new StorageOptions(DatabaseProvider.Sqlite, Path.GetTempPath(), "unused"), config);
        using var sp = services.BuildServiceProvider();
        var o = sp.GetRequiredService<NetqOptions>();
        Assert.Equal([20, 21], o.BusyHours);
        Assert.Equal(0.5, o.BusyWeight);
        Assert.Equal(new Bar(500, 50), o.Bars["ftth-gpon"]);
        Assert.Equal(new Bar(100, 5), o.Bars["5g-sa"]);
        Assert.Equal("cbn", o.OperatorAsns[140717]);
        Assert.Equal("ct", o.OperatorAsns[4134]);
    }

    [Fact]
    public void Settings_Invalid_FailAtFirstUse()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["NetworkQuality:BusyWeight"] = "2" }).Build();
        var services = new ServiceCollection();
        ModuleSet.Of(new NetworkQualityModule()).AddServices(services, new StorageOptions(DatabaseProvider.Sqlite, Path.GetTempPath(), "unused"), config);
        using var sp = services.BuildServiceProvider();
        Assert.Throws<InvalidOperationException>(() => sp.GetRequiredService<NetqOptions>());
    }
}
