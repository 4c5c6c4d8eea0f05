using IctGov.Identifiers.Nodes;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IctGov.Identifiers.Tests.Nodes;

/// <summary>
/// Root, national (88), secondary (88.100), enterprise (88.100.1) and a recursive node, each a real node on
/// loopback sockets with its own in-memory store, delegating to each other with prefix handles as Handle.Net does.
/// </summary>
internal sealed class Hierarchy : IAsyncDisposable
{
    public const int AbcTtl = 3600;
    private readonly List<TestNode> _running = [];

    public TestNode Root { get; private set; } = null!;
    public TestNode National { get; private set; } = null!;
    public TestNode Secondary { get; private set; } = null!;
    public TestNode Enterprise { get; private set; } = null!;
    public TestNode Recursive { get; private set; } = null!;
    public InMemoryHandleStore EnterpriseStore { get; } = new();
    public InMemoryHandleStore SecondaryStore { get; } = new();
    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());
    public HandleRecursiveResolver Resolver => Recursive.Services.GetRequiredService<HandleRecursiveResolver>();

    public static SiteInfo SiteOf(TestNode node) => node.Services.GetRequiredService<HandleNodeSite>().Current;

    public static HandleValue SiteValue(int index, string type, SiteInfo site) => new() { Index = index, Type = type, Data = site.Encode() };

    public async Task<TestNode> StartAsync(InMemoryHandleStore store, Action<HandleNodeOptions> configure, TimeProvider? time = null)
    {
        var node = await TestNode.StartAsync(configure, time, store);
        _running.Add(node);
        return node;
    }

    public static async Task<Hierarchy> StartAsync(Action<HandleNodeOptions>? recursiveOptions = null)
    {
        var h = new Hierarchy();
        h.EnterpriseStore.Put("88.100.1/abc", new HandleValue { Index = 1, Type = "URL", Data = "https://example.cn/abc"u8.ToArray(), Ttl = AbcTtl });
        h.Enterprise = await h.StartAsync(h.EnterpriseStore, o => { o.Role = HandleNodeRole.Enterprise; o.HomedPrefixes.Add("88.100.1"); o.HomedPrefixes.Add("88.100.2"); });

        var secondary = h.SecondaryStore;
        secondary.Put("0.NA/88.100.1", SiteValue(1, HandleValueTypes.Site, SiteOf(h.Enterprise)));
        h.Secondary = await h.StartAsync(secondary, o => { o.Role = HandleNodeRole.Secondary; o.HomedPrefixes.Add("88.100"); });

        var national = new InMemoryHandleStore();
        national.Put("0.NA/88.100", SiteValue(1, HandleValueTypes.SitePrefix, SiteOf(h.Secondary)));
        h.National = await h.StartAsync(national, o => { o.Role = HandleNodeRole.NationalTopLevel; o.HomedPrefixes.Add("88"); });

        var root = new InMemoryHandleStore();
        root.Put("0.NA/88", SiteValue(1, HandleValueTypes.SitePrefix, SiteOf(h.National)));
        h.Root = await h.StartAsync(root, o => { o.Role = HandleNodeRole.Root; o.HomedPrefixes.Add("0.NA"); });

        var rootFile = Path.GetTempFileName();
        await File.WriteAllBytesAsync(rootFile, SiteOf(h.Root).Encode());
        h.Recursive = await h.StartAsync(new InMemoryHandleStore(), o =>
        {
            o.Role = HandleNodeRole.Recursive;
            o.RootSiteInfoPath = rootFile;
            o.NegativeCacheTtl = TimeSpan.FromSeconds(30);
            recursiveOptions?.Invoke(o);
        }, h.Clock);
        return h;
    }

    public async Task StopAsync(TestNode node)
    {
        _running.Remove(node);
        await node.DisposeAsync();
    }

    public Task<HandleResponse> ResolveRecursivelyAsync(string handle, byte recursionCount = 0) =>
        Recursive.Client().SendAsync(new ResolutionRequest(handle) { Flags = OpFlags.Recursive, RecursionCount = recursionCount }, HandleTransport.Udp);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _running)
        {
            await node.DisposeAsync();
        }
    }
}

public sealed class HierarchyTests
{
    [Fact]
    public async Task Nodes_ReferAsHandleNetDoes_RootAndNationalByPrefixReferral_SecondaryByServiceReferral()
    {
        await using var h = await Hierarchy.StartAsync();

        var fromRoot = Assert.IsType<ReferralResponse>(await h.Root.Client().ResolveAsync("88.100.1/abc"));
        Assert.Equal(ResponseCode.PrefixReferral, fromRoot.ResponseCode);
        Assert.Equal("0.NA/88", fromRoot.ServiceHandle);
        Assert.Equal(Hierarchy.SiteOf(h.National).Encode(), Assert.Single(fromRoot.Values!).Data);

        var fromNational = Assert.IsType<ReferralResponse>(await h.National.Client().ResolveAsync("0.NA/88.100.1"));
        Assert.Equal(ResponseCode.PrefixReferral, fromNational.ResponseCode);
        Assert.Equal("0.NA/88.100", fromNational.ServiceHandle);

        var fromSecondary = Assert.IsType<ReferralResponse>(await h.Secondary.Client().ResolveAsync("88.100.1/abc"));
        Assert.Equal(ResponseCode.ServiceReferral, fromSecondary.ResponseCode);
        Assert.Equal("0.NA/88.100.1", fromSecondary.ServiceHandle);
        Assert.Equal(HandleValueTypes.Site, Assert.Single(fromSecondary.Values!).Type);

        // The secondary holds the prefix handle itself, so it answers for it rather than referring.
        var prefixHandle = Assert.IsType<ResolutionResponse>(await h.Secondary.Client().ResolveAsync("0.NA/88.100.1"));
        Assert.Equal(HandleValueTypes.Site, Assert.Single(prefixHandle.Values).Type);

        // A derived prefix of the secondary's own prefix that nobody delegated is the secondary's: not found, not referred.
        Assert.Equal(ResponseCode.HandleNotFound, (await h.Secondary.Client().ResolveAsync("88.100.7/x")).ResponseCode);
        // Outside anything the node homes or delegates: not responsible.
        Assert.Equal(ResponseCode.ServerNotResponsible, (await h.Enterprise.Client().ResolveAsync("99.1/x")).ResponseCode);
    }

    [Fact]
    public async Task RecursiveNode_WalksRootNationalSecondaryEnterprise_AndAnswersTheValues()
    {
        await using var h = await Hierarchy.StartAsync();

        var answer = Assert.IsType<ResolutionResponse>(await h.ResolveRecursivelyAsync("88.100.1/abc"));

        Assert.Equal("https://example.cn/abc", Assert.Single(answer.Values).DataAsText);
        Assert.Equal(4, h.Resolver.UpstreamQueries);
    }

    [Theory]
    [InlineData("Udp")]
    [InlineData("Tcp")]
    public async Task RecursiveNode_WithoutTheRecFlag_StillWalksForAnUncachedHandle_AsAHandleNetCachingServer(string transportName)
    {
        var transport = Enum.Parse<HandleTransport>(transportName);
        await using var h = await Hierarchy.StartAsync();

        // Nothing cached yet, and the request does not ask for recursion: a caching server resolves it all the same.
        var answer = await h.Recursive.Client().SendAsync(new ResolutionRequest("88.100.1/abc") { Flags = OpFlags.PublicOnly }, transport);
        Assert.Equal("https://example.cn/abc", Assert.Single(Assert.IsType<ResolutionResponse>(answer).Values).DataAsText);
        Assert.Equal(4, h.Resolver.UpstreamQueries);
        // The walk filled the cache: the same request again asks nobody.
        Assert.IsType<ResolutionResponse>(await h.Recursive.Client().SendAsync(new ResolutionRequest("88.100.1/abc") { Flags = OpFlags.PublicOnly }, transport));
        Assert.Equal(4, h.Resolver.UpstreamQueries);
        Assert.Equal(ResponseCode.HandleNotFound, (await h.Recursive.Client().SendAsync(new ResolutionRequest("88.100.1/none") { Flags = OpFlags.None }, transport)).ResponseCode);
    }

    [Fact]
    public async Task RememberedReferrals_SendTheNextHandleOfTheSamePrefixStraightToItsSite()
    {
        await using var h = await Hierarchy.StartAsync();
        h.EnterpriseStore.Put("88.100.1/def", HandleValue.Text(1, "URL", "https://example.cn/def"));
        Assert.IsType<ResolutionResponse>(await h.ResolveRecursivelyAsync("88.100.1/abc"));

        Assert.Equal("https://example.cn/def", Assert.Single(Assert.IsType<ResolutionResponse>(await h.ResolveRecursivelyAsync("88.100.1/def")).Values).DataAsText);
        Assert.Equal(5, h.Resolver.UpstreamQueries);
        // A sibling enterprise prefix starts at the secondary site, which the national node's prefix referral named.
        Assert.Equal(ResponseCode.HandleNotFound, (await h.ResolveRecursivelyAsync("88.100.9/x")).ResponseCode);
        Assert.Equal(6, h.Resolver.UpstreamQueries);
    }

    [Fact]
    public async Task ServiceReferralByHsServ_IsFollowedByResolvingTheServiceHandle()
    {
        await using var h = await Hierarchy.StartAsync();
        // 88.100.2 is served by the same service as 88.100.1: its prefix handle names that service handle.
        h.SecondaryStore.Put("0.NA/88.100.2", HandleValue.Text(1, HandleValueTypes.Service, "0.NA/88.100.1"));
        h.EnterpriseStore.Put("88.100.2/x", HandleValue.Text(1, "URL", "https://example.cn/two"));

        var referral = Assert.IsType<ReferralResponse>(await h.Secondary.Client().ResolveAsync("88.100.2/x"));
        Assert.Equal(HandleValueTypes.Service, Assert.Single(referral.Values!).Type);

        var answer = Assert.IsType<ResolutionResponse>(await h.ResolveRecursivelyAsync("88.100.2/x"));
        Assert.Equal("https://example.cn/two", Assert.Single(answer.Values).DataAsText);
    }

    [Fact]
    public async Task CachedAnswer_SurvivesTheEnterpriseStopping_UntilItsTtlPasses()
    {
        await using var h = await Hierarchy.StartAsync(o => o.UpstreamTimeout = TimeSpan.FromMilliseconds(500));
        Assert.IsType<ResolutionResponse>(await h.ResolveRecursivelyAsync("88.100.1/abc"));
        await h.StopAsync(h.Enterprise);

        h.Clock.Advance(TimeSpan.FromSeconds(Hierarchy.AbcTtl - 1));
        var cached = Assert.IsType<ResolutionResponse>(await h.ResolveRecursivelyAsync("88.100.1/abc"));
        Assert.Equal("https://example.cn/abc", Assert.Single(cached.Values).DataAsText);
        Assert.Equal(4, h.Resolver.UpstreamQueries);

        h.Clock.Advance(TimeSpan.FromSeconds(2));
        var expired = await h.ResolveRecursivelyAsync("88.100.1/abc");
        Assert.IsType<ErrorResponse>(expired);
        Assert.Equal(ResponseCode.Error, expired.ResponseCode);
        Assert.True(h.Resolver.UpstreamQueries > 4);
    }

    [Fact]
    public async Task NotFound_IsCachedForTheNegativeTtl_ThenAskedAgain()
    {
        await using var h = await Hierarchy.StartAsync();
        Assert.Equal(ResponseCode.HandleNotFound, (await h.ResolveRecursivelyAsync("88.100.1/later")).ResponseCode);
        h.EnterpriseStore.Put("88.100.1/later", HandleValue.Text(1, "URL", "https://example.cn/later"));

        h.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(ResponseCode.HandleNotFound, (await h.ResolveRecursivelyAsync("88.100.1/later")).ResponseCode);

        h.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("https://example.cn/later", Assert.Single(Assert.IsType<ResolutionResponse>(await h.ResolveRecursivelyAsync("88.100.1/later")).Values).DataAsText);
    }

    [Fact]
    public async Task ConcurrentIdenticalMisses_ShareOneUpstreamWalk()
    {
        await using var h = await Hierarchy.StartAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => h.ResolveRecursivelyAsync("88.100.1/abc")));

        Assert.All(answers, a => Assert.IsType<ResolutionResponse>(a));
        Assert.Equal(4, h.Resolver.UpstreamQueries);
    }

    [Fact]
    public async Task RecursionCountAtTheLimit_IsAnsweredWithRecursionCountTooHigh()
    {
        await using var h = await Hierarchy.StartAsync(o => o.MaxRecursion = 5);

        Assert.Equal(ResponseCode.RecursionCountTooHigh, (await h.ResolveRecursivelyAsync("88.100.1/abc", recursionCount: 5)).ResponseCode);
        Assert.Equal(0, h.Resolver.UpstreamQueries);
        Assert.IsType<ResolutionResponse>(await h.ResolveRecursivelyAsync("88.100.1/abc", recursionCount: 4));
    }

    [Fact]
    public async Task ReferralLoopBetweenTwoNodes_EndsWithAnErrorAnswer()
    {
        await using var h = await Hierarchy.StartAsync();
        // Two nodes each claiming the other serves the derived prefixes of 99.
        var aStore = new InMemoryHandleStore();
        var bStore = new InMemoryHandleStore();
        var a = await h.StartAsync(aStore, o => o.HomedPrefixes.Add("0.NA"));
        var b = await h.StartAsync(bStore, o => o.HomedPrefixes.Add("0.NA"));
        aStore.Put("0.NA/99", Hierarchy.SiteValue(1, HandleValueTypes.SitePrefix, Hierarchy.SiteOf(b)));
        bStore.Put("0.NA/99", Hierarchy.SiteValue(1, HandleValueTypes.SitePrefix, Hierarchy.SiteOf(a)));
        h.Resolver.RootSites = [Hierarchy.SiteOf(a)];

        // The bound catches an endless loop; it is generous because CI runs every test assembly at once on two cores.
        var answer = await h.ResolveRecursivelyAsync("99.1/x").WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ResponseCode.RecursionCountTooHigh, answer.ResponseCode);
        Assert.InRange(h.Resolver.UpstreamQueries, 2, 3);
    }
}
