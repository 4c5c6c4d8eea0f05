using System.Net;
using System.Text;
using System.Text.Json;
using IctGov.Identifiers.Nodes;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;
using Microsoft.Extensions.DependencyInjection;

using IctGov.Testing;

namespace IctGov.Tests.Identifiers;

/// <summary>
/// The platform as a Handle node: what the REST API registers is resolved over the Handle wire protocol
/// (UDP, TCP and the HTTP interface) by the same process, and a write through REST is never answered
/// stale over the wire afterwards.
/// </summary>
public class HandleWireTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static readonly HttpClient Http = new();

    /// <summary>The platform with its node on loopback, a secondary prefix, one handle registered through REST, and a client of the node.</summary>
    private static async Task<(PlatformServer Server, HandleClient Client)> StartWithHandleAsync(string prefix, string handle, string values)
    {
        var server = await PlatformServer.StartAsync(settings:
            ["--Identifiers:HandleNode:BindAddress=127.0.0.1", "--Identifiers:HandleNode:UdpPort=0", "--Identifiers:HandleNode:TcpPort=0"]);
        Assert.Equal(HttpStatusCode.Created, (await server.Admin.PostAsync("/api/v1/identifiers/prefixes",
            Json($$"""{"prefix":"{{prefix}}","level":"secondary","parent":"88","ownerName":"演示二级节点","industry":"C","province":"110000","demo":true}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await server.Admin.PutAsync("/api/handles/" + handle, Json(values))).StatusCode);
        var udp = server.Services.GetRequiredService<HandleUdpListener>().LocalEndPoint!;
        var tcp = server.Services.GetRequiredService<HandleTcpListener>().LocalEndPoint!;
        return (server, new HandleClient(udp, tcp, new Uri(server.BaseAddress, "/hdl"), TimeSpan.FromSeconds(5), Http));
    }

    [Fact]
    public async Task RestRegistration_IsResolvedOverEveryHandleTransport_AndNeverStaleAfterAWrite()
    {
        var (server, client) = await StartWithHandleAsync("88.300", "88.300/part-1",
            """{"values":[{"index":1,"type":"URL","data":{"format":"string","value":"https://example.cn/p/1"}},{"index":2,"type":"EMAIL","data":"qa@example.cn"}]}""");
        await using var _ = server;
        foreach (var transport in new[] { HandleTransport.Udp, HandleTransport.Tcp, HandleTransport.Http })
        {
            var answer = Assert.IsType<ResolutionResponse>(await client.SendAsync(new ResolutionRequest("88.300/part-1", [], ["URL"]), transport));
            Assert.Equal("https://example.cn/p/1", Assert.Single(answer.Values).DataAsText);
        }

        // Warm the cache over the wire, change the value through REST, and read again over the wire.
        Assert.IsType<ResolutionResponse>(await client.SendAsync(new ResolutionRequest("88.300/part-1", [], []), HandleTransport.Udp));
        Assert.Equal(HttpStatusCode.OK, (await server.Admin.PutAsync("/api/handles/88.300/part-1?index=1",
            Json("""[{"index":1,"type":"URL","data":"https://example.cn/p/2"}]"""))).StatusCode);
        var after = Assert.IsType<ResolutionResponse>(await client.SendAsync(new ResolutionRequest("88.300/part-1", [], ["URL"]), HandleTransport.Udp));
        Assert.Equal("https://example.cn/p/2", Assert.Single(after.Values).DataAsText);

        Assert.Equal(HttpStatusCode.OK, (await server.Admin.DeleteAsync("/api/handles/88.300/part-1")).StatusCode);
        var gone = await client.SendAsync(new ResolutionRequest("88.300/part-1", [], []), HandleTransport.Udp);
        Assert.Equal(ResponseCode.HandleNotFound, gone.ResponseCode);
    }

    [Fact]
    public async Task TypeQueries_AnswerTheSameValuesOverRestAndOverTheWire()
    {
        var (server, client) = await StartWithHandleAsync("88.301", "88.301/typed", """
            {"values":[{"index":1,"type":"URL","data":"https://example.cn/1"},{"index":2,"type":"URL.JP","data":"https://example.jp/1"},
                       {"index":3,"type":"HS_SITE","data":"site"},{"index":4,"type":"HS_SITE.6","data":"site6"},{"index":5,"type":"EMAIL","data":"qa@example.cn"}]}
            """);
        await using var _ = server;

        // RFC 3651 §3.1 and Handle.Net: "X" selects X only, "X." selects X and its sub-types X.Y; case does not matter.
        foreach (var (types, expected) in new (string[], int[])[]
                 {
                     (["HS_SITE"], [3]), (["HS_SITE."], [3, 4]), (["URL."], [1, 2]), (["URL"], [1]), (["url.jp"], [2]), (["HS_SITE", "URL."], [1, 2, 3]),
                 })
        {
            var query = string.Join('&', types.Select(t => "type=" + Uri.EscapeDataString(t)));
            var rest = JsonDocument.Parse(await server.Http.GetStringAsync("/api/handles/88.301/typed?" + query)).RootElement;
            var overRest = rest.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("index").GetInt32()).Order().ToArray();
            foreach (var transport in new[] { HandleTransport.Udp, HandleTransport.Tcp, HandleTransport.Http })
            {
                var answer = Assert.IsType<ResolutionResponse>(await client.SendAsync(new ResolutionRequest("88.301/typed", [], types), transport));
                Assert.Equal(overRest, answer.Values.Select(v => v.Index).Order().ToArray());
            }
            Assert.True(expected.SequenceEqual(overRest), $"types {string.Join(", ", types)}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", overRest)}]");
        }
    }
}
