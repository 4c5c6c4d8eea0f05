using System.Net;
using System.Text;
using System.Text.Json;
using IctGov.Access.Contracts;
using IctGov.Identifiers.Nodes;
using IctGov.Kernel.Security;
using IctGov.Planning.Contracts;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;
using Microsoft.Extensions.DependencyInjection;

using IctGov.Testing;

namespace IctGov.Tests.Identifiers;

/// <summary>The Handle.Net-style REST API, batch registration, templates and publication on the real platform.</summary>
public class HandleApiTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    private static async Task<(PlatformServer Server, HttpClient Owner, HttpClient Other)> StartWithPrefixesAsync(params string[] settings)
    {
        var server = await PlatformServer.StartAsync(settings: settings);
        foreach (var (id, name) in new[] { ("acme-tools", "演示企业甲"), ("other-co", "演示企业乙") })
        {
            var created = await server.AdminAsync(a => a.CreateEnterpriseAsync(Actor.System("test"), new NewEnterprise(id, name, null, "320000")));
            Assert.True(created.Succeeded, string.Join("; ", created.Describe()));
        }
        Assert.Equal(HttpStatusCode.Created, (await server.Admin.PostAsync("/api/v1/identifiers/prefixes",
            Json("""{"prefix":"88.200","level":"secondary","parent":"88","ownerName":"演示二级节点","industry":"C","province":"320000","demo":true}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await server.Admin.PostAsync("/api/v1/identifiers/prefixes",
            Json("""{"prefix":"88.200.1","level":"enterprise","parent":"88.200","ownerName":"演示企业甲","ownerUnitId":"acme-tools","demo":true}"""))).StatusCode);
        return (server, server.Client(bearer: await server.TokenAsync("acme-tools")), server.Client(bearer: await server.TokenAsync("other-co")));
    }

    [Fact]
    public async Task PutGetDelete_AnswerInHandleNetFormWithItsResponseCodes()
    {
        var (server, owner, other) = await StartWithPrefixesAsync();
        await using var _ = server;
        const string body = """{"values":[{"index":1,"type":"URL","data":{"format":"string","value":"https://acme.example/p/1"}},{"index":2,"type":"EMAIL","data":"qa@acme.example"}]}""";

        var anonymous = await server.Http.PutAsync("/api/handles/88.200.1/abc", Json(body));
        Assert.Equal((HttpStatusCode.Unauthorized, 402), (anonymous.StatusCode, (await BodyAsync(anonymous)).GetProperty("responseCode").GetInt32()));
        var stranger = await other.PutAsync("/api/handles/88.200.1/abc", Json(body));
        Assert.Equal((HttpStatusCode.Forbidden, 400), (stranger.StatusCode, (await BodyAsync(stranger)).GetProperty("responseCode").GetInt32()));
        var unknown = await owner.PutAsync("/api/handles/88.999/abc", Json(body));
        Assert.Equal((HttpStatusCode.BadRequest, 301), (unknown.StatusCode, (await BodyAsync(unknown)).GetProperty("responseCode").GetInt32()));

        var created = await owner.PutAsync("/api/handles/88.200.1/abc", Json(body));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, (await BodyAsync(created)).GetProperty("responseCode").GetInt32());
        var again = await owner.PutAsync("/api/handles/88.200.1/abc?overwrite=false", Json(body));
        Assert.Equal((HttpStatusCode.Conflict, 101), (again.StatusCode, (await BodyAsync(again)).GetProperty("responseCode").GetInt32()));

        var got = await BodyAsync(await server.Http.GetAsync("/api/handles/88.200.1/ABC"));
        Assert.Equal(1, got.GetProperty("responseCode").GetInt32());
        Assert.Equal("88.200.1/ABC", got.GetProperty("handle").GetString());
        var url = got.GetProperty("values")[0];
        Assert.Equal((1, "URL", "string", "https://acme.example/p/1", 86400, "2026-06-01T00:00:00Z"),
            (url.GetProperty("index").GetInt32(), url.GetProperty("type").GetString(), url.GetProperty("data").GetProperty("format").GetString(),
             url.GetProperty("data").GetProperty("value").GetString(), url.GetProperty("ttl").GetInt32(), url.GetProperty("timestamp").GetString()));
        var onlyEmail = await BodyAsync(await server.Http.GetAsync("/api/handles/88.200.1/abc?type=EMAIL"));
        Assert.Equal("EMAIL", onlyEmail.GetProperty("values").EnumerateArray().Single().GetProperty("type").GetString());
        var noSuchType = await server.Http.GetAsync("/api/handles/88.200.1/abc?type=HS_ADMIN");
        Assert.Equal((HttpStatusCode.OK, 200), (noSuchType.StatusCode, (await BodyAsync(noSuchType)).GetProperty("responseCode").GetInt32()));
        var missing = await server.Http.GetAsync("/api/handles/88.200.1/none");
        Assert.Equal((HttpStatusCode.NotFound, 100), (missing.StatusCode, (await BodyAsync(missing)).GetProperty("responseCode").GetInt32()));

        // replace one value by index; the next read sees it at once (the cache was invalidated by the write)
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsync("/api/handles/88.200.1/abc?index=1", Json("""[{"index":1,"type":"URL","data":"https://acme.example/p/2"}]"""))).StatusCode);
        Assert.Equal("https://acme.example/p/2", (await BodyAsync(await server.Http.GetAsync("/api/handles/88.200.1/abc?index=1"))).GetProperty("values")[0].GetProperty("data").GetProperty("value").GetString());

        var minted = await owner.PutAsync("/api/handles/88.200.1/?mintNewSuffix=true", Json(body));
        Assert.Equal(HttpStatusCode.Created, minted.StatusCode);
        var mintedHandle = (await BodyAsync(minted)).GetProperty("handle").GetString()!;
        Assert.StartsWith("88.200.1/", mintedHandle, StringComparison.Ordinal);

        var list = await BodyAsync(await server.Http.GetAsync("/api/handles?prefix=88.200.1"));
        Assert.Equal(new[] { "88.200.1/abc", mintedHandle }.Order(StringComparer.OrdinalIgnoreCase), list.GetProperty("handles").EnumerateArray().Select(h => h.GetString()!).Order(StringComparer.OrdinalIgnoreCase));

        Assert.Equal(HttpStatusCode.OK, (await owner.DeleteAsync("/api/handles/88.200.1/abc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/api/handles/88.200.1/abc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.DeleteAsync("/api/handles/88.200.1/abc")).StatusCode);
    }

    [Fact]
    public async Task Batch_IsAllOrNothing_LimitedTo2000_CheckedAgainstTheTemplate_AndAuditedOnce()
    {
        var (server, owner, other) = await StartWithPrefixesAsync();
        await using var _ = server;
        static string Batch(int from, int count, bool withName = true) => JsonSerializer.Serialize(new
        {
            handles = Enumerable.Range(from, count).Select(i => new
            {
                handle = $"88.200.1/sku{i}",
                values = withName
                    ? new object[] { new { index = 1, type = "URL", data = $"https://acme.example/{i}" }, new { index = 2, type = "PRODUCT.NAME", data = "螺栓" } }
                    : [new { index = 1, type = "URL", data = $"https://acme.example/{i}" }],
            }),
        });
        var tooMany = await owner.PostAsync("/api/v1/identifiers/batches", Json(Batch(0, 2001)));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("at most 2000", (await BodyAsync(tooMany)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync("/api/v1/identifiers/batches", Json(Batch(0, 10)))).StatusCode);

        var ok = await owner.PostAsync("/api/v1/identifiers/batches", Json(Batch(0, 2000)));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(2000, (await BodyAsync(ok)).GetProperty("created").GetInt32());
        // overlaps the first batch at sku1999: nothing of it is written
        var overlap = await BodyAsync(await owner.PostAsync("/api/v1/identifiers/batches", Json(Batch(1999, 100))));
        Assert.Equal((101, "88.200.1/sku1999"), (overlap.GetProperty("responseCode").GetInt32(), overlap.GetProperty("handle").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/api/handles/88.200.1/sku2000")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsync("/api/v1/identifiers/templates/88.200.1",
            Json("""[{"type":"PRODUCT.NAME","name":"产品名称","required":true,"kind":"String","maxLength":20}]"""))).StatusCode);
        var noName = await owner.PostAsync("/api/v1/identifiers/batches", Json(Batch(5000, 3, withName: false)));
        var refusal = await BodyAsync(noName);
        Assert.Equal((HttpStatusCode.BadRequest, 202), (noName.StatusCode, refusal.GetProperty("responseCode").GetInt32()));
        Assert.Equal("PRODUCT.NAME", refusal.GetProperty("violations")[0].GetProperty("field").GetString());
        var single = await owner.PutAsync("/api/handles/88.200.1/x1", Json("""[{"index":1,"type":"URL","data":"https://acme.example/x1"}]"""));
        Assert.Equal(HttpStatusCode.BadRequest, single.StatusCode);
        Assert.Contains("PRODUCT.NAME", (await BodyAsync(single)).GetProperty("message").GetString(), StringComparison.Ordinal);

        var audit = await BodyAsync(await server.Admin.GetAsync("/api/v1/audit?take=1000"));
        var batches = audit.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "identifiers.batch.register").ToList();
        var entry = Assert.Single(batches);
        var after = JsonDocument.Parse(entry.GetProperty("after").GetString()!).RootElement;
        Assert.Equal(2000, after.GetProperty("count").GetInt32());
        Assert.Equal(64, after.GetProperty("sha256").GetString()!.Length);
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "identifiers.template.set");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("action").GetString() == "identifiers.prefix.create");
    }

    [Fact]
    public async Task PublishStatistics_FeedsIndicators7And15()
    {
        var (server, owner, _) = await StartWithPrefixesAsync();
        await using var __ = server;
        Assert.Equal(HttpStatusCode.Created, (await server.Admin.PostAsync("/api/v1/identifiers/nodes",
            Json("""{"name":"演示二级节点","role":"secondary","industry":"C","province":"320000","prefix":"88.200","endpoints":["tcp://127.0.0.1:2641"],"demo":true}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostAsync("/api/v1/identifiers/nodes", Json("""{"name":"x","role":"secondary"}"""))).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await owner.PutAsync($"/api/handles/88.200.1/n{i}", Json("""[{"index":1,"type":"URL","data":"u"}]"""))).StatusCode);
        }
        await server.Http.GetAsync("/api/handles/88.200.1/n1");
        await server.Http.GetAsync("/api/handles/88.200.1/nope");
        var stats = await BodyAsync(await server.Http.GetAsync("/api/v1/identifiers/statistics"));
        Assert.Equal(3, stats.GetProperty("registrations").GetInt64());
        var today = stats.GetProperty("resolutionsPerDay").EnumerateArray().Single();
        Assert.Equal((1, 1), (today.GetProperty("resolved").GetInt32(), today.GetProperty("notFound").GetInt32()));

        // Only the current year can be published (registrations are counted now): the year in Beijing, so the test never expires.
        var year = TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var period = Json($$"""{"period":"{{year}}"}""");
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostAsync("/api/v1/identifiers/statistics/publish", period)).StatusCode);
        // Refusals are problem details naming the field, as everywhere on the platform.
        var badPeriod = await server.Admin.PostAsync("/api/v1/identifiers/statistics/publish", Json("""{"period":"26"}"""));
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (badPeriod.StatusCode, badPeriod.Content.Headers.ContentType?.MediaType));
        Assert.Equal("period", (await BodyAsync(badPeriod)).GetProperty("errors")[0].GetProperty("field").GetString());
        var badNode = await server.Admin.PostAsync("/api/v1/identifiers/nodes", Json("""{"name":"","role":"secondary","endpoints":["udp://node.example.cn:2641"]}"""));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "application/problem+json"), (badNode.StatusCode, badNode.Content.Headers.ContentType?.MediaType));
        Assert.Equal(["name", "industry", "endpoints"], (await BodyAsync(badNode)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await server.Admin.PostAsync("/api/v1/identifiers/statistics/publish", Json($$"""{"period":"{{year}}"}"""))).StatusCode);
        await using var scope = server.Services.CreateAsyncScope();
        var catalogue = await scope.ServiceProvider.GetRequiredService<ICatalogueReader>().ListAsync();
        Assert.Equal((1, year), (catalogue.Single(c => c is { Kind: "indicator", Key: "7" }).Observations, catalogue.Single(c => c is { Kind: "indicator", Key: "7" }).LastPeriod));
        Assert.Equal(1, catalogue.Single(c => c is { Kind: "indicator", Key: "15" }).Observations);
    }

    [Fact]
    public async Task PrefixOwner_KeepsItsAdminKeysInThePrefixHandle_AndAdministersOverTheHandleProtocolWithThem()
    {
        var (server, owner, other) = await StartWithPrefixesAsync(
            "--Identifiers:HandleNode:BindAddress=127.0.0.1", "--Identifiers:HandleNode:UdpPort=-1", "--Identifiers:HandleNode:TcpPort=0");
        await using var __ = server;
        // The registry wrote the prefix handle when it allocated the prefix; its HS_ADMIN names the key slot 300.
        const string key = """[{"index":300,"type":"HS_SECKEY","data":"s3cret-key-1"}]""";
        var stranger = await other.PutAsync("/api/handles/0.NA/88.200.1?index=300", Json(key));
        Assert.Equal((HttpStatusCode.Forbidden, 400), (stranger.StatusCode, (await BodyAsync(stranger)).GetProperty("responseCode").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsync("/api/handles/0.NA/88.200.1?index=300", Json(key))).StatusCode);

        // The secret key is kept from the public and from other units; its owner sees it with its permissions.
        static async Task<int[]> IndexesAsync(HttpClient c) =>
            [.. (await BodyAsync(await c.GetAsync("/api/handles/0.NA/88.200.1"))).GetProperty("values").EnumerateArray().Select(v => v.GetProperty("index").GetInt32())];
        Assert.Contains(100, await IndexesAsync(server.Http));
        Assert.DoesNotContain(300, await IndexesAsync(server.Http));
        Assert.DoesNotContain(300, await IndexesAsync(other));
        Assert.Contains(300, await IndexesAsync(owner));
        var own = (await BodyAsync(await owner.GetAsync("/api/handles/0.NA/88.200.1?index=300"))).GetProperty("values").EnumerateArray().Single();
        Assert.Equal((Convert.ToBase64String("s3cret-key-1"u8), "1100"), (own.GetProperty("data").GetProperty("value").GetString(), own.GetProperty("permissions").GetString()));
        var noPublicRead = await owner.PutAsync("/api/handles/88.200.1/private?overwrite=false",
            Json("""[{"index":1,"type":"URL","data":"https://acme.example/open"},{"index":2,"type":"DESC","data":"internal","permissions":"1100"}]"""));
        Assert.Equal(HttpStatusCode.Created, noPublicRead.StatusCode);
        Assert.Equal(1, (await BodyAsync(await server.Http.GetAsync("/api/handles/88.200.1/private"))).GetProperty("values").GetArrayLength());
        var badBits = await owner.PutAsync("/api/handles/88.200.1/bad", Json("""[{"index":1,"type":"URL","data":"u","permissions":"11x0"}]"""));
        Assert.Contains("permissions", (await BodyAsync(badBits)).GetProperty("message").GetString(), StringComparison.Ordinal);

        // What the prefix handle holds is what the node authenticates administrators against.
        var tcp = server.Services.GetRequiredService<HandleTcpListener>().LocalEndPoint!;
        using var http = new HttpClient();
        var client = new HandleClient(new IPEndPoint(IPAddress.Loopback, 9), tcp, new Uri(server.BaseAddress, "/hdl"), TimeSpan.FromSeconds(30), http);
        var create = new CreateHandleRequest("88.200.1/wire-1", [HandleValue.Text(1, "URL", "https://acme.example/wire-1")]);
        var wrong = await client.SendAsync(create, HandleTransport.Tcp, new SecretKeyAuthentication("0.NA/88.200.1", 300, "guess"u8.ToArray()));
        Assert.Equal(ResponseCode.AuthenticationFailed, wrong.ResponseCode);
        Assert.IsType<CreateHandleResponse>(await client.SendAsync(create, HandleTransport.Tcp,
            new SecretKeyAuthentication("0.NA/88.200.1", 300, "s3cret-key-1"u8.ToArray())));
        Assert.Equal("https://acme.example/wire-1",
            (await BodyAsync(await server.Http.GetAsync("/api/handles/88.200.1/wire-1"))).GetProperty("values")[0].GetProperty("data").GetProperty("value").GetString());

        // Prefix handles are not identifier registrations (indicator 15); only the ministry deletes one.
        Assert.Equal(2, (await BodyAsync(await server.Http.GetAsync("/api/v1/identifiers/statistics"))).GetProperty("registrations").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.DeleteAsync("/api/handles/0.NA/88.200.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.DeleteAsync("/api/handles/0.NA/88.200.1?index=300")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Admin.DeleteAsync("/api/handles/0.NA/88.200.1")).StatusCode);
    }
}
