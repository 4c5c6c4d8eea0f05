using System.Net;
using IctGov.Identifiers.Nodes;
using IctGov.Identifiers.Registry;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;
using IctGov.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Identifiers.Tests.Nodes;

/// <summary>
/// The registry and the protocol joined: the platform (a real database, its node on loopback homing 88) allocates
/// prefixes and registers nodes, and what it wrote into the prefix handles 0.NA/P is what the protocol refers by.
/// </summary>
public sealed class RegistryReferralTests
{
    private static readonly Actor Ministry = Actor.System("test");

    private static Task<Fixture> NationalAsync(DatabaseProvider provider) => Fixture.CreateAsync(provider, o =>
    {
        o.BindAddress = "127.0.0.1";
        o.UdpPort = 0;
        o.TcpPort = 0;
        o.Role = HandleNodeRole.NationalTopLevel;
        o.HomedPrefixes.Add("88");
    });

    private static HandleClient ClientOf(Fixture f) => new(
        f.Services.GetRequiredService<HandleUdpListener>().LocalEndPoint, f.Services.GetRequiredService<HandleTcpListener>().LocalEndPoint, null, TimeSpan.FromSeconds(30));

    private static SiteInfo OwnSite(Fixture f) => f.Services.GetRequiredService<HandleNodeSite>().Current;

    private static async Task<Outcome<Done>> RegistryAsync(Fixture f, Func<RegistryService, Task<Outcome<Done>>> write)
    {
        await using var scope = f.Scope();
        return await write(scope.ServiceProvider.GetRequiredService<RegistryService>());
    }

    private static async Task<long> NodeIdAsync(Fixture f, string name)
    {
        await using var scope = f.Scope();
        return (await scope.ServiceProvider.GetRequiredService<RegistryService>().Db.Nodes.AsNoTracking().SingleAsync(n => n.Name == name)).Id;
    }

    private static NodeRequest EnterpriseNode(params string[] endpoints) =>
        new("演示企业节点", NodeRoles.Enterprise, "C", "320000", "88.100.1", endpoints, null);

    private static List<string> Endpoints(TestNode node) => [$"udp://127.0.0.1:{node.Udp.Port}", $"tcp://127.0.0.1:{node.Tcp.Port}"];

    private static async Task<ResolutionResponse> PrefixHandleAsync(Fixture f, string prefix) =>
        Assert.IsType<ResolutionResponse>(await ClientOf(f).ResolveAsync(HandleName.PrefixHandle(prefix)));

    private static SiteInfo SingleSite(ResolutionResponse r, string type = HandleValueTypes.Site) =>
        SiteInfo.Decode(Assert.Single(r.Values, v => v.Type == type).Data);

    [Theory, DatabaseData]
    public async Task PrefixAllocatedToANode_IsResolvedByARecursiveNode_ThroughTheNationalNodesReferral(DatabaseProvider provider)
    {
        await using var national = await NationalAsync(provider);
        await national.StartNodeAsync();
        var enterpriseStore = new InMemoryHandleStore();
        enterpriseStore.Put("88.100.1/pump-7", new HandleValue { Index = 1, Type = "URL", Data = "https://factory.example.cn/pump-7"u8.ToArray() });
        await using var enterprise = await TestNode.StartAsync(o => { o.Role = HandleNodeRole.Enterprise; o.HomedPrefixes.Add("88.100.1"); }, store: enterpriseStore);

        Assert.Equal(OutcomeStatus.Ok, (await RegistryAsync(national, r => r.CreatePrefixAsync(new PrefixRequest("88.100", PrefixLevels.Secondary, "88", "某二级节点运营单位", null, "C", "320000"), Ministry, default))).Status);
        Assert.Equal(OutcomeStatus.Ok, (await RegistryAsync(national, r => r.CreatePrefixAsync(new PrefixRequest("88.100.1", PrefixLevels.Enterprise, "88.100", "某泵业公司", "unit-pump", null, null), Ministry, default))).Status);

        // Allocated but served by no node yet: the platform homes it (under 88), so the prefix handle names the platform's site.
        var allocated = await PrefixHandleAsync(national, "88.100.1");
        Assert.Equal(OwnSite(national).Servers[0].Interfaces, SingleSite(allocated).Servers[0].Interfaces);
        var admins = allocated.Values.Where(v => v.Type == HandleValueTypes.Admin).Select(v => AdminRecord.Decode(v.Data)).ToList();
        Assert.Contains(new AdminRecord(AdminPermissions.All, "0.NA/88.100.1", 300), admins);
        Assert.Contains(new AdminRecord(AdminPermissions.All, "0.NA/88.100", 300), admins);
        Assert.Equal(ResponseCode.HandleNotFound, (await ClientOf(national).ResolveAsync("88.100.1/pump-7")).ResponseCode);

        Assert.Equal(OutcomeStatus.Ok, (await RegistryAsync(national, r => r.CreateNodeAsync(EnterpriseNode([.. Endpoints(enterprise)]), Ministry, default))).Status);

        // The national node now refers 88.100.1/… to the enterprise node, by 0.NA/88.100.1, as Handle.Net does.
        var referral = Assert.IsType<ReferralResponse>(await ClientOf(national).ResolveAsync("88.100.1/pump-7"));
        Assert.Equal(ResponseCode.ServiceReferral, referral.ResponseCode);
        Assert.Equal("0.NA/88.100.1", referral.ServiceHandle);
        var site = SiteInfo.Decode(Assert.Single(referral.Values!, v => v.Type == HandleValueTypes.Site).Data);
        var server = Assert.Single(site.Servers);
        Assert.Equal(IPAddress.Loopback, server.Address);
        Assert.Equal([enterprise.Udp.Port, enterprise.Tcp.Port], server.Interfaces.Select(i => i.Port));

        // A recursive node starting from a root that knows only 0.NA/88 reaches the enterprise node.
        var rootStore = new InMemoryHandleStore();
        rootStore.Put("0.NA/88", new HandleValue { Index = 1, Type = HandleValueTypes.SitePrefix, Data = OwnSite(national).Encode() });
        await using var root = await TestNode.StartAsync(o => { o.Role = HandleNodeRole.Root; o.HomedPrefixes.Add("0.NA"); }, store: rootStore);
        var rootFile = Path.GetTempFileName();
        await File.WriteAllBytesAsync(rootFile, root.Services.GetRequiredService<HandleNodeSite>().Current.Encode());
        await using var recursive = await TestNode.StartAsync(o => { o.Role = HandleNodeRole.Recursive; o.RootSiteInfoPath = rootFile; }, store: new InMemoryHandleStore());
        var answer = Assert.IsType<ResolutionResponse>(await recursive.Client().SendAsync(new ResolutionRequest("88.100.1/pump-7") { Flags = OpFlags.Recursive }, HandleTransport.Udp));
        Assert.Equal("https://factory.example.cn/pump-7", Assert.Single(answer.Values).DataAsText);

        // Each registry write and its prefix handle were audited together.
        var writes = national.Audit.Entries.Where(e => e.Action is "identifiers.prefix.create" or "identifiers.node.create").Select(e => $"{e.Action} {e.SubjectId}").ToList();
        Assert.Equal(["identifiers.prefix.create 88.100", "identifiers.prefix.create 88.100.1", "identifiers.node.create 演示企业节点"], writes[^3..]);
    }

    [Theory, DatabaseData]
    public async Task ChangingAndDeletingTheNode_RewritesTheHsSite_AndTheSerialMoves(DatabaseProvider provider)
    {
        await using var national = await NationalAsync(provider);
        await national.StartNodeAsync();
        await RegistryAsync(national, r => r.CreatePrefixAsync(new PrefixRequest("88.100", PrefixLevels.Secondary, "88", "二级", null, "C", null), Ministry, default));
        await RegistryAsync(national, r => r.CreatePrefixAsync(new PrefixRequest("88.100.1", PrefixLevels.Enterprise, "88.100", "企业", null, null, null), Ministry, default));
        Assert.Equal(OutcomeStatus.Ok, (await RegistryAsync(national, r => r.CreateNodeAsync(EnterpriseNode("udp://10.1.2.3:2641", "tcp://10.1.2.3:2641", "http://10.1.2.3:8000/hdl"), Ministry, default))).Status);
        var first = SingleSite(await PrefixHandleAsync(national, "88.100.1"));
        Assert.Equal(IPAddress.Parse("10.1.2.3"), Assert.Single(first.Servers).Address);
        Assert.Contains(new SiteAttribute("path", "/hdl"), first.Attributes);
        // Derived prefixes of 88.100.1 without a node of their own go to the same node.
        Assert.Equal(first.Encode(), SingleSite(await PrefixHandleAsync(national, "88.100.1"), HandleValueTypes.SitePrefix).Encode());

        var id = await NodeIdAsync(national, "演示企业节点");
        Assert.Equal(OutcomeStatus.Ok, (await RegistryAsync(national, r => r.UpdateNodeAsync(id, EnterpriseNode("udp://10.9.9.9:2700"), Ministry, default))).Status);
        var moved = SingleSite(await PrefixHandleAsync(national, "88.100.1"));
        Assert.Equal(IPAddress.Parse("10.9.9.9"), Assert.Single(moved.Servers).Address);
        Assert.Equal(2700, Assert.Single(Assert.Single(moved.Servers).Interfaces).Port);
        Assert.True(moved.SerialNumber > first.SerialNumber, "a changed site gets a new serial so clients refresh it");
        var referral = Assert.IsType<ReferralResponse>(await ClientOf(national).ResolveAsync("88.100.1/x"));
        Assert.Equal(IPAddress.Parse("10.9.9.9"), SiteInfo.Decode(referral.Values![0].Data).Servers[0].Address);

        Assert.Equal(OutcomeStatus.Ok, (await RegistryAsync(national, r => r.DeleteNodeAsync(id, Ministry, default))).Status);
        // No node any more: the platform serves 88.100.1 again and answers for it itself.
        var back = await PrefixHandleAsync(national, "88.100.1");
        Assert.Equal(OwnSite(national).Servers[0].Interfaces, SingleSite(back).Servers[0].Interfaces);
        Assert.DoesNotContain(back.Values, v => v.Type == HandleValueTypes.SitePrefix);
        Assert.Equal(ResponseCode.HandleNotFound, (await ClientOf(national).ResolveAsync("88.100.1/x")).ResponseCode);
        Assert.Contains(national.Audit.Entries, e => e.Action == "identifiers.node.update");
        Assert.Contains(national.Audit.Entries, e => e.Action == "identifiers.node.delete");
    }

    [Theory, DatabaseData]
    public async Task ANodeForTheSecondaryPrefix_TakesOverItsEnterprisePrefixes_ByPrefixReferral(DatabaseProvider provider)
    {
        await using var national = await NationalAsync(provider);
        await national.StartNodeAsync();
        await RegistryAsync(national, r => r.CreatePrefixAsync(new PrefixRequest("88.100", PrefixLevels.Secondary, "88", "二级", null, "C", null), Ministry, default));
        await RegistryAsync(national, r => r.CreatePrefixAsync(new PrefixRequest("88.100.1", PrefixLevels.Enterprise, "88.100", "企业", null, null, null), Ministry, default));
        Assert.Single((await PrefixHandleAsync(national, "88.100.1")).Values, v => v.Type == HandleValueTypes.Site);

        Assert.Equal(OutcomeStatus.Ok, (await RegistryAsync(national, r => r.CreateNodeAsync(
            new NodeRequest("二级节点", NodeRoles.Secondary, "C", null, "88.100", ["udp://10.0.0.8:2641"], null), Ministry, default))).Status);

        // 88.100.1 lost the platform's site (the secondary node serves it now) and is referred by the parent's HS_SITE.PREFIX.
        Assert.DoesNotContain((await PrefixHandleAsync(national, "88.100.1")).Values, v => v.Type == HandleValueTypes.Site);
        var referral = Assert.IsType<ReferralResponse>(await ClientOf(national).ResolveAsync("88.100.1/x"));
        Assert.Equal(ResponseCode.PrefixReferral, referral.ResponseCode);
        Assert.Equal("0.NA/88.100", referral.ServiceHandle);
    }

    [Theory, DatabaseData]
    public async Task ServiceHandleEndpoint_BecomesHsServ_AndHostNamesAreRefused(DatabaseProvider provider)
    {
        await using var national = await NationalAsync(provider);
        await national.StartNodeAsync();
        await RegistryAsync(national, r => r.CreatePrefixAsync(new PrefixRequest("88.100", PrefixLevels.Secondary, "88", "二级", null, "C", null), Ministry, default));
        await RegistryAsync(national, r => r.CreatePrefixAsync(new PrefixRequest("88.100.1", PrefixLevels.Enterprise, "88.100", "企业", null, null, null), Ministry, default));

        var named = await RegistryAsync(national, r => r.CreateNodeAsync(EnterpriseNode("udp://node.example.cn:2641"), Ministry, default));
        Assert.Equal(OutcomeStatus.Unprocessable, named.Status);
        Assert.Contains(named.Errors, p => p.Field == "endpoints" && p.Message.Contains("node.example.cn", StringComparison.Ordinal));

        Assert.Equal(OutcomeStatus.Ok, (await RegistryAsync(national, r => r.CreateNodeAsync(EnterpriseNode("hdl:0.SERV/88.100.1"), Ministry, default))).Status);
        var referral = Assert.IsType<ReferralResponse>(await ClientOf(national).ResolveAsync("88.100.1/x"));
        Assert.Equal(ResponseCode.ServiceReferral, referral.ResponseCode);
        Assert.Equal("0.SERV/88.100.1", Assert.Single(referral.Values!).DataAsText);
    }

    [Theory, DatabaseData]
    public async Task RefusedRegistryWrite_LeavesNoPrefixHandle(DatabaseProvider provider)
    {
        await using var national = await NationalAsync(provider);
        await national.StartNodeAsync();
        Assert.Equal(OutcomeStatus.Unprocessable, (await RegistryAsync(national, r => r.CreatePrefixAsync(new PrefixRequest("88.100", PrefixLevels.Enterprise, "88", "错层级", null, null, null), Ministry, default))).Status);
        Assert.Equal(ResponseCode.HandleNotFound, (await ClientOf(national).ResolveAsync("0.NA/88.100")).ResponseCode);
        Assert.Equal(OutcomeStatus.Ok, (await RegistryAsync(national, r => r.CreatePrefixAsync(new PrefixRequest("88.100", PrefixLevels.Secondary, "88", "二级", null, "C", null), Ministry, default))).Status);
        Assert.Equal(OutcomeStatus.Conflict, (await RegistryAsync(national, r => r.CreatePrefixAsync(new PrefixRequest("88.100", PrefixLevels.Secondary, "88", "二级", null, "C", null), Ministry, default))).Status);
        Assert.Single(national.Audit.Entries, e => e.Action == "identifiers.prefix.create" && e.SubjectId == "88.100");
    }
}
