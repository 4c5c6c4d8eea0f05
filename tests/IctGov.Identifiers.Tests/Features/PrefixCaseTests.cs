using IctGov.Identifiers.Registry;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Protocols.Handle;
using IctGov.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Identifiers.Tests.Features;

/// <summary>Prefixes (naming authorities) are matched case-insensitively in ASCII, as Handle.Net and the handle store match handles.</summary>
public sealed class PrefixCaseTests
{
    private static readonly Actor Ministry = Actor.System("test");

    [Theory, DatabaseData]
    public async Task PrefixLookup_IgnoresAsciiCase_ForHandlesAndPrefixHandles(DatabaseProvider provider)
    {
        await using var f = await Fixture.CreateAsync(provider);
        await using var scope = f.Scope();
        var registry = scope.ServiceProvider.GetRequiredService<RegistryService>();
        var created = await registry.CreatePrefixAsync(new PrefixRequest("88.ABC", PrefixLevels.Secondary, "88", "演示二级节点", null, "C", "320000", Demo: true), Ministry, default);
        Assert.Equal(OutcomeStatus.Ok, created.Status);

        foreach (var handle in new[] { "88.ABC/x", "88.abc/X", "0.NA/88.ABC", "0.na/88.abc", "0.Na/88.AbC" })
        {
            var prefix = await registry.PrefixAsync(HandleName.Authority(handle), default);
            Assert.True(prefix is not null, $"{handle}: its prefix was not found");
            Assert.Equal("88.ABC", prefix.Prefix);
        }
        Assert.Null(await registry.PrefixAsync("88.abd", default));
        Assert.Equal("88", (await registry.PrefixAsync("88", default))?.Prefix);

        // One prefix whatever its case: a second spelling would share the prefix handle 0.NA/88.ABC.
        var again = await registry.CreatePrefixAsync(new PrefixRequest("88.abc", PrefixLevels.Secondary, "88", "另一个", null, "C", "320000", Demo: true), Ministry, default);
        Assert.Equal(OutcomeStatus.Conflict, again.Status);
    }
}
