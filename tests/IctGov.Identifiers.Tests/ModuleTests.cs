using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Identifiers.Tests;

public class ModuleTests
{
    [Fact]
    public void AddIdentifiers_RejectsMissingStorage() =>
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddIdentifiers(null!));
}
