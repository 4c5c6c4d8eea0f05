using System.Text;
using IctGov.Identifiers.Nodes;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Identifiers.Tests.Nodes;

/// <summary>A three-server primary site with handles spread by the HS_SITE hash, and a read-only mirror site pulling from it.</summary>
public sealed class SiteScaleOutTests
{
    private const string Prefix = "66";
    private const string Secret = "mirror-secret";

    private static HandleValue[] PrefixHandleValues() =>
    [
        new AdminRecord(AdminPermissions.All, "0.NA/66", 300).ToValue(100),
        new HandleValue { Index = 300, Type = HandleValueTypes.SecretKey, Data = Encoding.UTF8.GetBytes(Secret), Permissions = ValuePermissions.AdminRead },
    ];

    [Fact]
    public async Task ThreeServerSite_SpreadsHandlesByHash_AndAMirrorCatchesUpFollowsAndRefusesWrites()
    {
        await using var h = await Hierarchy.StartAsync();
        var stores = new[] { new InMemoryHandleStore(), new InMemoryHandleStore(), new InMemoryHandleStore() };
        var servers = new List<TestNode>();
        for (var i = 0; i < 3; i++)
        {
            var index = i;
            // Every server carries the prefix handle: it authorises administration and listing on each of them.
            stores[i].Put("0.NA/66", PrefixHandleValues());
            servers.Add(await h.StartAsync(stores[i], o =>
            {
                o.HomedPrefixes.Add(Prefix);
                o.SiteServerIndex = index;
                o.SiteServerCount = 3;
                o.ServerAdmins.Add("300:0.NA/66");
            }));
        }
        var site = new SiteInfo
        {
            HashOption = SiteHashOption.ByWholeHandle,
            Servers = [.. servers.Select((s, i) => Hierarchy.SiteOf(s).Servers[0] with { ServerId = i + 1 })],
        };
        var handles = Enumerable.Range(0, 30).Select(i => $"66/item{i}").ToList();
        foreach (var handle in handles)
        {
            stores[site.ServerIndexFor(handle)].Put(handle, HandleValue.Text(1, "URL", "https://example.cn/" + handle));
        }
        // The hash really spreads them: every server has some, and a server asked for a sibling's handle says so.
        Assert.All(Enumerable.Range(0, 3), i => Assert.Contains(handles, x => site.ServerIndexFor(x) == i));
        var foreign = handles.First(x => site.ServerIndexFor(x) != 0);
        Assert.Equal(ResponseCode.ServerNotResponsible, (await servers[0].Client().ResolveAsync(foreign)).ResponseCode);

        // The mirror: a one-server site that is not primary, pulling from all three.
        var mirrorStore = new InMemoryHandleStore();
        var mirror = await h.StartAsync(mirrorStore, o =>
        {
            o.HomedPrefixes.Add(Prefix);
            o.MirrorOf = string.Join(',', servers.Select(s => s.Tcp.ToString()));
            o.MirrorAdmin = "300:0.NA/66";
            o.MirrorSecretKey = Secret;
            o.MirrorPollInterval = TimeSpan.FromMilliseconds(200);
        });
        Assert.False(Hierarchy.SiteOf(mirror).IsPrimary);

        // The root delegates 66 to the primary site, the mirror listed after it.
        var rootStore = new InMemoryHandleStore();
        rootStore.Put("0.NA/66", Hierarchy.SiteValue(1, HandleValueTypes.Site, site), Hierarchy.SiteValue(2, HandleValueTypes.Site, Hierarchy.SiteOf(mirror)));
        var root = await h.StartAsync(rootStore, o => o.HomedPrefixes.Add("0.NA"));
        h.Resolver.RootSites = [Hierarchy.SiteOf(root)];
        foreach (var handle in handles)
        {
            var resolved = Assert.IsType<ResolutionResponse>(await h.ResolveRecursivelyAsync(handle));
            Assert.Equal("https://example.cn/" + handle, Assert.Single(resolved.Values).DataAsText);
        }

        var mirrorService = mirror.Services.GetRequiredService<HandleMirror>();
        // A round pulls the handles one after another, so wait for all of them, not for one.
        await WaitUntilAsync(async () =>
        {
            foreach (var handle in handles)
            {
                if (await mirror.Client().ResolveAsync(handle) is not ResolutionResponse)
                {
                    return false;
                }
            }
            return true;
        });
        foreach (var handle in handles)
        {
            Assert.Equal("https://example.cn/" + handle, Assert.Single(Assert.IsType<ResolutionResponse>(await mirror.Client().ResolveAsync(handle)).Values).DataAsText);
        }

        // A write on the primary (to the server the hash picks) reaches the mirror; the mirror itself refuses writes.
        var auth = new SecretKeyAuthentication("0.NA/66", 300, Encoding.UTF8.GetBytes(Secret));
        const string added = "66/added-later";
        // The client routes by the site's hash on its own.
        var owner = HandleClient.ForHandle(site, added, TimeSpan.FromSeconds(5))!;
        var created = await owner.SendAsync(new CreateHandleRequest(added, [HandleValue.Text(1, "URL", "https://example.cn/later")]), HandleTransport.Tcp, auth);
        Assert.Equal(ResponseCode.Success, created.ResponseCode);
        await WaitUntilAsync(async () => (await mirror.Client().ResolveAsync(added)) is ResolutionResponse);
        var removed = await servers[site.ServerIndexFor("66/item0")].Client().SendAsync(new DeleteHandleRequest("66/item0"), HandleTransport.Tcp, auth);
        Assert.Equal(ResponseCode.Success, removed.ResponseCode);
        await WaitUntilAsync(async () => (await mirror.Client().ResolveAsync("66/item0")).ResponseCode == ResponseCode.HandleNotFound);

        var refused = await mirror.Client().SendAsync(new CreateHandleRequest("66/on-mirror", [HandleValue.Text(1, "URL", "https://example.cn/m")]), HandleTransport.Tcp, auth);
        Assert.Equal(ResponseCode.ServerNotResponsible, refused.ResponseCode);
        Assert.Null(await mirrorStore.ResolveAsync("66/on-mirror"));
        Assert.True(mirrorService.Rounds >= 2);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("The mirror did not catch up within 30 seconds");
    }
}
