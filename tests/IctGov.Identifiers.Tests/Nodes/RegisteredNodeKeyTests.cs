using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using IctGov.Identifiers.Nodes;
using IctGov.Identifiers.Registry;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;
using IctGov.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Identifiers.Tests.Nodes;

/// <summary>
/// The HS_SITE the registry publishes for a registered node carries the node's server key and protocol 2.11, so a
/// Handle.Net client referred through the hierarchy can verify the node's certified answers and session setup.
/// The platform (real database, its node homing 88 on loopback) registers enterprise nodes running on loopback.
/// </summary>
public sealed class RegisteredNodeKeyTests
{
    private static readonly Actor Ministry = Actor.System("test");

    private static async Task<Fixture> NationalWithPrefixesAsync(DatabaseProvider provider)
    {
        var national = await Fixture.CreateAsync(provider, o =>
        {
            o.BindAddress = "127.0.0.1";
            o.UdpPort = 0;
            o.TcpPort = 0;
            o.Role = HandleNodeRole.NationalTopLevel;
            o.HomedPrefixes.Add("88");
            // Short, so registering a node that does not answer does not hold the test up for long.
            o.UpstreamTimeout = TimeSpan.FromSeconds(5);
        });
        await national.StartNodeAsync();
        await RegistryAsync(national, r => r.CreatePrefixAsync(new PrefixRequest("88.100", PrefixLevels.Secondary, "88", "二级", null, "C", null), Ministry, default));
        await RegistryAsync(national, r => r.CreatePrefixAsync(new PrefixRequest("88.100.1", PrefixLevels.Enterprise, "88.100", "企业", null, null, null), Ministry, default));
        return national;
    }

    private static async Task<T> RegistryAsync<T>(Fixture f, Func<RegistryService, Task<T>> call)
    {
        await using var scope = f.Scope();
        return await call(scope.ServiceProvider.GetRequiredService<RegistryService>());
    }

    private static NodeRequest EnterpriseNode(IReadOnlyList<string> endpoints, string? siteInfo = null) =>
        new("演示企业节点", NodeRoles.Enterprise, "C", "320000", "88.100.1", endpoints, null, SiteInfo: siteInfo);

    /// <summary>The node's endpoints, once it has made its key (which it does on first use, and which takes a while on a loaded machine).</summary>
    private static List<string> Endpoints(TestNode node)
    {
        _ = KeyOf(node);
        return [$"udp://127.0.0.1:{node.Udp.Port}", $"tcp://127.0.0.1:{node.Tcp.Port}"];
    }

    private static byte[] KeyOf(TestNode node) => node.Services.GetRequiredService<HandleNodeSite>().Current.Servers[0].PublicKey;

    /// <summary>The HS_SITE the national node refers <c>88.100.1/…</c> with, asked over the protocol.</summary>
    private static async Task<SiteInfo> ReferredSiteAsync(Fixture national)
    {
        var client = new HandleClient(national.Services.GetRequiredService<HandleUdpListener>().LocalEndPoint,
            national.Services.GetRequiredService<HandleTcpListener>().LocalEndPoint, null, TimeSpan.FromSeconds(30));
        var referral = Assert.IsType<ReferralResponse>(await client.ResolveAsync("88.100.1/pump-7"));
        return SiteInfo.Decode(Assert.Single(referral.Values!, v => v.Type == HandleValueTypes.Site).Data);
    }

    private static async Task<(MessageEnvelope Envelope, byte[] Body)> ExchangeTcpAsync(IPEndPoint tcp, HandleRequest request)
    {
        var message = HandleMessageCodec.Encode(request);
        using var client = new TcpClient();
        await client.ConnectAsync(tcp);
        var stream = client.GetStream();
        await stream.WriteAsync((byte[])[.. MessageEnvelope.Create(4040, message.Length).ToArray(), .. message]);
        var head = new byte[HandleProtocol.EnvelopeSize];
        await stream.ReadExactlyAsync(head);
        var envelope = MessageEnvelope.Read(head);
        var body = new byte[envelope.MessageLength];
        await stream.ReadExactlyAsync(body);
        return (envelope, body);
    }

    [Theory, DatabaseData]
    public async Task RegisteredNode_IsPublishedWithItsServerKey_AndACertifiedAnswerVerifiesAgainstTheReferral(DatabaseProvider provider)
    {
        await using var national = await NationalWithPrefixesAsync(provider);
        var store = new InMemoryHandleStore();
        store.Put("88.100.1/pump-7", HandleValue.Text(1, "URL", "https://factory.example.cn/pump-7"));
        await using var enterprise = await TestNode.StartAsync(o => o.HomedPrefixes.Add("88.100.1"), store: store);

        Assert.Equal(OutcomeStatus.Ok, (await RegistryAsync(national, r => r.CreateNodeAsync(EnterpriseNode(Endpoints(enterprise)), Ministry, default))).Status);

        var site = await ReferredSiteAsync(national);
        Assert.Equal((2, 11), (site.MajorVersion, site.MinorVersion));
        var server = Assert.Single(site.Servers);
        Assert.Equal(KeyOf(enterprise), server.PublicKey);

        // What a Handle.Net client does with it: a certified resolution at the referred server, verified with that key.
        using var key = RSA.Create();
        key.ImportParameters(PublicKeyEncoding.DecodeRsa(server.PublicKey));
        var tcp = new IPEndPoint(server.Address, server.Interfaces.Single(i => i.Protocol == InterfaceProtocol.Tcp).Port);
        var (envelope, body) = await ExchangeTcpAsync(tcp, new ResolutionRequest("88.100.1/pump-7") { Flags = OpFlags.Recursive | OpFlags.Certify });
        var answer = Assert.IsType<ResolutionResponse>(HandleMessageCodec.Decode(body));
        Assert.True(MessageSigning.VerifyRsa(key, HandleMessageCodec.HeaderAndBody(body), answer.Credential, envelope), "the certified answer verifies against the published key");
    }

    [Theory, DatabaseData]
    public async Task NodeThatMadeANewKey_IsRepublishedByTheRefresh(DatabaseProvider provider)
    {
        await using var national = await NationalWithPrefixesAsync(provider);
        // Ports chosen up front so that the node can come back on them.
        int udp, tcp;
        using (var u = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        using (var t = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            u.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            t.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            (udp, tcp) = (((IPEndPoint)u.LocalEndPoint!).Port, ((IPEndPoint)t.LocalEndPoint!).Port);
        }
        void Ports(HandleNodeOptions o)
        {
            o.UdpPort = udp;
            o.TcpPort = tcp;
        }
        byte[] firstKey;
        await using (var first = await TestNode.StartAsync(Ports))
        {
            Assert.Equal(OutcomeStatus.Ok, (await RegistryAsync(national, r => r.CreateNodeAsync(EnterpriseNode(Endpoints(first)), Ministry, default))).Status);
            firstKey = KeyOf(first);
            Assert.Equal(firstKey, Assert.Single((await ReferredSiteAsync(national)).Servers).PublicKey);
        }
        // Restarted without a configured key file: same address and ports, a new key.
        await using var again = await TestNode.StartAsync(Ports);
        Assert.NotEqual(firstKey, KeyOf(again));

        Assert.Equal(1, await RegistryAsync(national, r => r.RefreshNodeSitesAsync(Ministry, default)));

        var site = await ReferredSiteAsync(national);
        Assert.Equal(KeyOf(again), Assert.Single(site.Servers).PublicKey);
        Assert.Contains(national.Audit.Entries, e => e.Action == "identifiers.node.site");
        // Nothing changed since: nothing is rewritten.
        Assert.Equal(0, await RegistryAsync(national, r => r.RefreshNodeSitesAsync(Ministry, default)));
    }

    [Theory, DatabaseData]
    public async Task NodeTheRegistryCannotReach_TakesItsKeyFromTheRequest_AndABadSiteInfoIsRefused(DatabaseProvider provider)
    {
        await using var national = await NationalWithPrefixesAsync(provider);
        using var nodeKey = RSA.Create(2048);
        // What hdl-getsiteinfo saves for the node, base64-encoded.
        var given = new SiteInfo
        {
            Servers = [new SiteServer(1, IPAddress.Parse("192.0.2.10"), PublicKeyEncoding.EncodeRsa(nodeKey.ExportParameters(false)), [])],
        };
        // 192.0.2.0/24 is reserved for documentation: nothing answers there.
        IReadOnlyList<string> endpoints = ["udp://192.0.2.10:2641", "tcp://192.0.2.10:2641"];

        var bad = await RegistryAsync(national, r => r.CreateNodeAsync(EnterpriseNode(endpoints, "not base64!"), Ministry, default));
        Assert.Equal(OutcomeStatus.Unprocessable, bad.Status);
        Assert.Contains(bad.Errors, p => p.Field == "siteInfo");

        Assert.Equal(OutcomeStatus.Ok, (await RegistryAsync(national, r => r.CreateNodeAsync(EnterpriseNode(endpoints, Convert.ToBase64String(given.Encode())), Ministry, default))).Status);
        var site = await ReferredSiteAsync(national);
        Assert.Equal(given.Servers[0].PublicKey, Assert.Single(site.Servers).PublicKey);
        Assert.Equal(11, site.MinorVersion);
    }
}
