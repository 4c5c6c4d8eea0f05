using IctGov.Identifiers.Nodes;
using IctGov.Protocols.Handle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IctGov.Identifiers.Tests.Nodes;

public sealed class AnswerCacheTests
{
    private static HandleAnswer Found(string url) => HandleAnswer.Found([HandleValue.Text(1, "URL", url)]);

    [Fact]
    public void Entry_IsServedUntilItsTtl_ThenGone()
    {
        var clock = new FakeTimeProvider();
        var cache = new HandleAnswerCache(clock, 10);
        cache.Put("88.100.1/A", Found("u"), TimeSpan.FromSeconds(10));

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.NotNull(cache.TryGet("88.100.1/a"));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(cache.TryGet("88.100.1/a"));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void PastCapacity_TheLeastRecentlyUsedEntryGoes()
    {
        var cache = new HandleAnswerCache(new FakeTimeProvider(), 3);
        cache.Put("p/1", Found("1"), TimeSpan.FromMinutes(1));
        cache.Put("p/2", Found("2"), TimeSpan.FromMinutes(1));
        cache.Put("p/3", Found("3"), TimeSpan.FromMinutes(1));
        Assert.NotNull(cache.TryGet("p/1"));

        cache.Put("p/4", Found("4"), TimeSpan.FromMinutes(1));

        Assert.Equal(3, cache.Count);
        Assert.Null(cache.TryGet("p/2"));
        Assert.NotNull(cache.TryGet("p/1"));
        Assert.NotNull(cache.TryGet("p/4"));
    }

    [Fact]
    public void ZeroTtl_IsNotCached()
    {
        var cache = new HandleAnswerCache(new FakeTimeProvider(), 3);
        cache.Put("p/1", HandleAnswer.NotFound(), TimeSpan.Zero);
        Assert.Null(cache.TryGet("p/1"));
    }

    [Fact]
    public void NodeOptions_BindFromAConfigurationSection_ForEveryRole()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Identifiers:HandleNode:Role"] = "Secondary",
            ["Identifiers:HandleNode:HomedPrefixes:0"] = "88.100",
            ["Identifiers:HandleNode:SiteServerIndex"] = "2",
            ["Identifiers:HandleNode:SiteServerCount"] = "3",
            ["Identifiers:HandleNode:SiteHashOption"] = "BySuffix",
            ["Identifiers:HandleNode:NegativeCacheTtl"] = "00:00:15",
            ["Identifiers:HandleNode:MirrorOf"] = "10.0.0.1:2641,10.0.0.2:2641",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHandleNode(configuration.GetSection("Identifiers:HandleNode"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<HandleNodeOptions>>().Value;

        Assert.Equal(HandleNodeRole.Secondary, options.Role);
        Assert.Equal(["88.100"], options.HomedPrefixes);
        Assert.Equal(["88.100"], options.ResponsiblePrefixes);
        Assert.Equal((2, 3), (options.SiteServerIndex, options.SiteServerCount));
        Assert.Equal(SiteHashOption.BySuffix, options.SiteHashOption);
        Assert.Equal(TimeSpan.FromSeconds(15), options.NegativeCacheTtl);
        Assert.True(options.IsMirror);
    }
}
