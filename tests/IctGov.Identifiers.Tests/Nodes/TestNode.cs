using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using IctGov.Identifiers.Nodes;
using IctGov.Identifiers.Statistics;
using IctGov.Identifiers.Storage;
using IctGov.Protocols.Handle;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IctGov.Identifiers.Tests.Nodes;

internal sealed class CountingMeter : IResolutionMeter
{
    public ConcurrentQueue<(string Prefix, bool Found)> Calls { get; } = new();

    public void Resolved(string prefix, bool found) => Calls.Enqueue((prefix, found));
}

/// <summary>
/// A real node on loopback: UDP and TCP listeners on ephemeral ports and the HTTP interface on a Kestrel
/// instance, over an in-memory store seeded with a prefix, its administrators and a few handles.
/// </summary>
internal sealed class TestNode : IAsyncDisposable
{
    public const string Prefix = "88.100.1";
    public const string PrefixHandle = "0.NA/88.100.1";
    public const string Secret = "s3cret-Key";
    public const string LimitedAdmin = "88.100.1/limited";
    public const string Outsider = "88.100.1/outsider";

    private WebApplication _app = null!;

    public InMemoryHandleStore Store { get; } = new();
    public CountingMeter Meter { get; } = new();
    public RSA AdminRsa { get; } = RSA.Create(2048);
    public IPEndPoint Udp { get; private set; } = null!;
    public IPEndPoint Tcp { get; private set; } = null!;
    public Uri Http { get; private set; } = null!;
    public HttpClient HttpClient { get; } = new();
    public IServiceProvider Services => _app.Services;

    // Generous: the whole suite runs test assemblies side by side on two cores, and a challenge–response
    // (PBKDF2 on both ends) on a loaded machine took longer than 5 s in CI. A lost answer still fails the test.
    public HandleClient Client() => new(Udp, Tcp, Http, TimeSpan.FromSeconds(30), HttpClient);

    public static SecretKeyAuthentication SecretAdmin() => new(PrefixHandle, 300, System.Text.Encoding.UTF8.GetBytes(Secret));

    public PublicKeyAuthentication PublicAdmin() => new(PrefixHandle, 301, AdminRsa);

    public static async Task<TestNode> StartAsync(Action<HandleNodeOptions>? configure = null, TimeProvider? time = null, IHandleStore? store = null)
    {
        var node = new TestNode();
        node.Seed();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IHandleStore>(store ?? node.Store);
        builder.Services.AddSingleton<IResolutionMeter>(node.Meter);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }
        builder.Services.AddHandleNode(o =>
        {
            o.BindAddress = "127.0.0.1";
            o.UdpPort = 0;
            o.TcpPort = 0;
            configure?.Invoke(o);
        });
        node._app = builder.Build();
        node._app.MapHandleHttpInterface();
        await node._app.StartAsync();
        node.Udp = node._app.Services.GetRequiredService<HandleUdpListener>().LocalEndPoint!;
        node.Tcp = node._app.Services.GetRequiredService<HandleTcpListener>().LocalEndPoint!;
        node.Http = new Uri(node._app.Urls.First() + "/hdl");
        return node;
    }

    private void Seed()
    {
        var rsaKey = PublicKeyEncoding.EncodeRsa(AdminRsa.ExportParameters(false));
        Store.Put(PrefixHandle,
            new AdminRecord(AdminPermissions.All, PrefixHandle, 300).ToValue(100),
            new AdminRecord(AdminPermissions.All, PrefixHandle, 301).ToValue(101),
            // The limited administrator may add handles and read, but not delete or list.
            new AdminRecord(AdminPermissions.AddHandle | AdminPermissions.ReadValue | AdminPermissions.AddValue, LimitedAdmin, 300).ToValue(102),
            new HandleValue { Index = 300, Type = HandleValueTypes.SecretKey, Data = System.Text.Encoding.UTF8.GetBytes(Secret), Permissions = ValuePermissions.AdminRead | ValuePermissions.AdminWrite },
            new HandleValue { Index = 301, Type = HandleValueTypes.PublicKey, Data = rsaKey });
        Store.Put(LimitedAdmin, new HandleValue { Index = 300, Type = HandleValueTypes.SecretKey, Data = "limited"u8.ToArray(), Permissions = ValuePermissions.AdminRead });
        Store.Put(Outsider, new HandleValue { Index = 300, Type = HandleValueTypes.SecretKey, Data = "outsider"u8.ToArray(), Permissions = ValuePermissions.AdminRead });
        Store.Put("88.100.1/abc",
            HandleValue.Text(1, "URL", "https://example.cn/abc"),
            HandleValue.Text(2, "EMAIL", "admin@example.cn"),
            new HandleValue { Index = 3, Type = "PRODUCT.SECRET", Data = "restricted"u8.ToArray(), Permissions = ValuePermissions.AdminRead | ValuePermissions.AdminWrite },
            new AdminRecord(AdminPermissions.All, PrefixHandle, 300).ToValue(100));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        HttpClient.Dispose();
        AdminRsa.Dispose();
    }
}
