using System.Net;
using System.Text;
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

    [Fact]
    public async Task RestRegistration_IsResolvedOverEveryHandleTransport_AndNeverStaleAfterAWrite()
    {
        await using var server = await PlatformServer.StartAsync(settings:
            ["--Identifiers:HandleNode:BindAddress=127.0.0.1", "--Identifiers:HandleNode:UdpPort=0", "--Identifiers:HandleNode:TcpPort=0"]);
        Assert.Equal(HttpStatusCode.Created, (await server.Admin.PostAsync("/api/v1/identifiers/prefixes",
            Json("""{"prefix":"88.300","level":"secondary","parent":"88","ownerName":"演示二级节点","industry":"C","province":"110000","demo":true}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await server.Admin.PutAsync("/api/handles/88.300/part-1",
            Json("""{"values":[{"index":1,"type":"URL","data":{"format":"string","value":"https://example.cn/p/1"}},{"index":2,"type":"EMAIL","data":"qa@example.cn"}]}"""))).StatusCode);

        var udp = server.Services.GetRequiredService<HandleUdpListener>().LocalEndPoint!;
        var tcp = server.Services.GetRequiredService<HandleTcpListener>().LocalEndPoint!;
        using var http = new HttpClient();
        var client = new HandleClient(udp, tcp, new Uri(server.BaseAddress, "/hdl"), TimeSpan.FromSeconds(5), http);
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
}
