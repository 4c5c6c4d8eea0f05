using Microsoft.Extensions.DependencyInjection;

namespace IctGov.NetworkQuality.Tests;

public class ModuleTests
{
    [Fact]
    public void AddNetworkQuality_RejectsMissingStorage() =>
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddNetworkQuality(null!));
}
