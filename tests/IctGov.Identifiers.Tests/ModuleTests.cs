using IctGov.Web.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Identifiers.Tests;

public class ModuleTests
{
    [Fact]
    public void AddServices_RejectsMissingStorage() =>
        Assert.Throws<ArgumentNullException>(() => ModuleSet.Of(new IdentifiersModule()).AddServices(new ServiceCollection(), null!));
}
