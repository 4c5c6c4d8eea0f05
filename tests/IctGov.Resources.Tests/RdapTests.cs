using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IctGov.Kernel.Security;

namespace IctGov.Resources.Tests;

/// <summary>RDAP over real HTTP on the whole platform (PlatformServer), the registry filled through its JSON API and CSV import.</summary>
public class RdapTests
{
    /// <summary>Fills the registry as the ministry would: JSON for subjects and providers, CSV for blocks and domains.</summary>
    internal static async Task SeedOverHttpAsync(PlatformServer server)
    {
        await Ok(server.Admin.PostAsJsonAsync("/api/v1/resources/subjects", new object[]
        {
            new { kind = "organisation", name = "深圳示例科技有限公司", creditCode = TestData.SubjectCode, region = "440000" },
            new { kind = "individual", name = "张三", idNumber = "11010519491231002X", region = "110000" },
        }));
        await Ok(server.Admin.PostAsJsonAsync("/api/v1/resources/providers", new[]
        {
            new { name = "北京示例云计算有限公司", creditCode = TestData.ProviderCode, licenceNumber = "B1.B2-20180001", region = "110000" },
        }));
        await Ok(server.Admin.PostAsync("/api/v1/resources/prefixes/import", new StringContent(
            "prefix,parent,kind,holder,purpose,region,allocated\n" +
            "203.0.113.0/24,,registry,CNNIC,,100000,2020-01-01\n" +
            "203.0.113.0/26,,allocation,PROV-1,IDC,110000,2020-02-01\n" +
            "2001:db8::/32,,registry,CNNIC,,100000,2020-01-01\n" +
            "2001:db8:100::/40,,allocation,PROV-1,云服务,110000,2021-03-01\n", System.Text.Encoding.UTF8, "text/csv")));
        await Ok(server.Admin.PostAsync("/api/v1/resources/domains/import", new StringContent(
            "name,registrar,registrant,status,created,expires,nameServers\n" +
            "example.cn,示例注册服务机构,SUBJ-1,clientTransferProhibited,2019-05-01,2027-05-01,ns1.example.cn ns2.example.cn\n" +
            "例子.中国,示例注册服务机构,SUBJ-1,,2020-01-10,2027-01-10,ns1.example.cn\n" +
            "personal.cn,示例注册服务机构,SUBJ-2,ok,2021-01-01,2027-01-01,dns.personal.cn\n" +
            "example2.cn,示例注册服务机构,某公司,ok,2021-01-01,2027-01-01,\n", System.Text.Encoding.UTF8, "text/csv")));
    }

    private static async Task Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpResponseMessage Response, JsonObject Body)> Rdap(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("application/rdap+json");
        var response = await client.SendAsync(request);
        Assert.Equal("application/rdap+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        return (response, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    [Theory, DatabaseData]
    public async Task Rdap_AnswersLookupsAndSearch_WithConformanceLinksEventsAndRedaction(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider);
        await SeedOverHttpAsync(server);

        var (response, domain) = await Rdap(server.Http, "/rdap/domain/" + Uri.EscapeDataString("例子.中国"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("rdap_level_0", domain["rdapConformance"]!.AsArray().Select(c => (string)c!));
        Assert.Equal("domain", (string)domain["objectClassName"]!);
        Assert.Equal("xn--fsqu00a.xn--fiqs8s", (string)domain["ldhName"]!);
        Assert.Equal("例子.中国", (string)domain["unicodeName"]!);
        Assert.Equal(["active"], domain["status"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(["registration", "expiration", "last update of RDAP database"], domain["events"]!.AsArray().Select(e => (string)e!["eventAction"]!));
        Assert.Equal("2020-01-10T00:00:00+08:00", (string)domain["events"]![0]!["eventDate"]!);
        Assert.Equal("self", (string)domain["links"]![0]!["rel"]!);
        Assert.EndsWith("/rdap/domain/xn--fsqu00a.xn--fiqs8s", (string)domain["links"]![0]!["href"]!, StringComparison.Ordinal);
        Assert.NotEmpty(domain["notices"]!.AsArray());
        Assert.Equal("ns1.example.cn", (string)domain["nameservers"]![0]!["ldhName"]!);
        var registrant = domain["entities"]!.AsArray().Single(e => (string)e!["roles"]![0]! == "registrant")!;
        Assert.Equal("SUBJ-1", (string)registrant["handle"]!);
        Assert.Equal("深圳示例科技有限公司", (string)registrant["vcardArray"]![1]!.AsArray().Single(p => (string)p![0]! == "fn")![3]!);
        Assert.Null(domain["redacted"]); // an organisation's name is public

        // An individual's name is emptied and the handle removed, each marked as RFC 9537 says.
        var (_, personal) = await Rdap(server.Http, "/rdap/domain/PERSONAL.cn");
        var person = personal["entities"]!.AsArray().Single(e => (string)e!["roles"]![0]! == "registrant")!;
        Assert.Null(person["handle"]);
        Assert.DoesNotContain("张三", await server.Http.GetStringAsync("/rdap/domain/personal.cn"), StringComparison.Ordinal);
        Assert.Equal("", (string)person["vcardArray"]![1]!.AsArray().Single(p => (string)p![0]! == "fn")![3]!);
        Assert.Contains("redacted", personal["rdapConformance"]!.AsArray().Select(c => (string)c!));
        var redactions = personal["redacted"]!.AsArray();
        Assert.Equal(["Registry Registrant ID", "Registrant Name"], redactions.Select(r => (string)r!["name"]!["type"]!));
        Assert.Equal(["removal", "emptyValue"], redactions.Select(r => (string)r!["method"]!));

        var (_, network) = await Rdap(server.Http, "/rdap/ip/203.0.113.7");
        Assert.Equal("ip network", (string)network["objectClassName"]!);
        Assert.Equal("203.0.113.0", (string)network["startAddress"]!);
        Assert.Equal("203.0.113.63", (string)network["endAddress"]!);
        Assert.Equal("v4", (string)network["ipVersion"]!);
        Assert.Equal("203.0.113.0/24", (string)network["parentHandle"]!);
        Assert.Equal(26, (int)network["cidr0_cidrs"]![0]!["length"]!);
        var (_, v6) = await Rdap(server.Http, "/rdap/ip/2001:db8:100::/48");
        Assert.Equal("2001:db8:100::/40", (string)v6["handle"]!);

        var (_, entity) = await Rdap(server.Http, "/rdap/entity/PROV-1");
        Assert.Contains("B1.B2-20180001", entity.ToJsonString(), StringComparison.Ordinal);
        var (_, individual) = await Rdap(server.Http, "/rdap/entity/subj-2");
        Assert.DoesNotContain("张三", await server.Http.GetStringAsync("/rdap/entity/SUBJ-2"), StringComparison.Ordinal);
        Assert.NotNull(individual["redacted"]);

        var (_, ns) = await Rdap(server.Http, "/rdap/nameserver/ns1.example.cn");
        Assert.Equal("nameserver", (string)ns["objectClassName"]!);

        var (_, search) = await Rdap(server.Http, "/rdap/domains?name=exam*.cn");
        Assert.Equal(["example.cn", "example2.cn"], search["domainSearchResults"]!.AsArray().Select(d => (string)d!["ldhName"]!));
        var (_, unicodeSearch) = await Rdap(server.Http, "/rdap/domains?name=" + Uri.EscapeDataString("例*.中国"));
        Assert.Single(unicodeSearch["domainSearchResults"]!.AsArray());

        var (_, help) = await Rdap(server.Http, "/rdap/help");
        Assert.NotEmpty(help["notices"]!.AsArray());
    }

    private static readonly (string Path, int Status)[] BadQueries =
    [
        ("/rdap/domain/bad_name.cn", 400),
        ("/rdap/domain/unknown.cn", 404),
        ("/rdap/ip/10.1.2.3/16", 400),
        ("/rdap/ip/not-an-address", 400),
        ("/rdap/ip/198.51.100.1", 404),
        ("/rdap/entity/SUBJ-999", 404),
        ("/rdap/entity/whoever", 400),
        ("/rdap/nameserver/ns9.nowhere.cn", 404),
        ("/rdap/domains?name=*", 400),
        ("/rdap/domains?name=a*b*.cn", 400),
        ("/rdap/domains?fn=x", 400),
        ("/rdap/domains?name=zz*.cn", 404),
        ("/rdap/autnum/4134", 501),
        ("/rdap/frobnicate/x", 400),
    ];

    [Fact]
    public async Task Rdap_AnswersBadAndUnknownQueriesWithErrorObjects()
    {
        await using var server = await PlatformServer.StartAsync();
        await SeedOverHttpAsync(server);
        foreach (var (path, status) in BadQueries)
        {
            var (response, body) = await Rdap(server.Http, path);
            Assert.True(status == (int)response.StatusCode, path);
            Assert.Equal(status, (int)body["errorCode"]!);
            Assert.False(string.IsNullOrEmpty((string?)body["title"]));
            Assert.NotEmpty(body["description"]!.AsArray());
            Assert.Contains("rdap_level_0", body["rdapConformance"]!.AsArray().Select(c => (string)c!));
        }
    }

    /// <summary>
    /// Mangled query paths (characters inserted, deleted, replaced by separators, escapes, dots and non-ASCII)
    /// sent as a client sends them: whatever still lies under <c>/rdap/</c> after the client's normalisation is
    /// answered as RDAP — an <c>application/rdap+json</c> object, never a server error — and paths the client
    /// normalises out of <c>/rdap/</c> (<c>..</c>) or bootstrap files (RFC 9224: plain JSON) are not RDAP answers.
    /// Request lines that are not HTTP (raw non-ASCII, broken escapes, an escaped NUL) are refused by the HTTP
    /// server with a bare 400 before any handler runs; the client here sends only the last of those.
    /// </summary>
    [Fact]
    public async Task Rdap_MangledPaths_AreAnsweredAsRdapObjects()
    {
        await using var server = await PlatformServer.StartAsync();
        await SeedOverHttpAsync(server);
        string[] valid = ["/rdap/domain/example.cn", "/rdap/ip/203.0.113.7", "/rdap/ip/2001:db8::/32", "/rdap/entity/X1",
            "/rdap/nameserver/ns1.example.cn", "/rdap/domains?name=ex*.cn", "/rdap/help", "/rdap/autnum/1", "/rdap/domain/例子.中国"];
        string[] tricky = ["/", "//", ".", "..", "%", "%2F", "%2e", "%00", "%ZZ", "?", "&", "=", "*", ":", "\\", "中", "é", "~", "+", "0", "-"];
        var random = new Random(20261206);
        var answered = 0;
        for (var i = 0; i < 400; i++)
        {
            var path = new StringBuilder(valid[random.Next(valid.Length)]);
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                var at = random.Next(6, path.Length + 1); // keep "/rdap/" so the mutation is of a query, not of the prefix
                switch (random.Next(3))
                {
                    case 0: path.Insert(at, tricky[random.Next(tricky.Length)]); break;
                    case 1 when at < path.Length: path.Remove(at, 1); break;
                    default: if (at < path.Length) { path[at] = (char)random.Next(33, 127); } break;
                }
            }
            if (!Uri.TryCreate(server.BaseAddress, path.ToString(), out var uri))
            {
                continue;
            }
            using var response = await server.Http.GetAsync(uri);
            var sent = uri.AbsolutePath;
            // 501 is RDAP's answer to a query type the server does not serve (autnum); any other 5xx is a fault.
            Assert.True((int)response.StatusCode < 500 || response.StatusCode == HttpStatusCode.NotImplemented, $"{path} → {sent}: {(int)response.StatusCode}");
            if (sent.Contains("%00", StringComparison.Ordinal))
            {
                // An escaped NUL is refused by Kestrel as a malformed request target, before routing: a bare 400.
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                continue;
            }
            if (!sent.StartsWith("/rdap/", StringComparison.Ordinal) || sent.StartsWith("/rdap/bootstrap/", StringComparison.Ordinal))
            {
                continue;
            }
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/rdap+json", $"{path} → {sent}: {response.Content.Headers.ContentType}");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            Assert.Contains("rdap_level_0", body["rdapConformance"]!.AsArray().Select(c => (string)c!));
            answered++;
        }
        Assert.True(answered > 300, $"only {answered} of the mangled paths stayed under /rdap/");
    }

    [Fact]
    public async Task Bootstrap_NamesThisServerForTheRegistrysTldsAndBlocks()
    {
        await using var server = await PlatformServer.StartAsync();
        await SeedOverHttpAsync(server);
        var dns = (await server.Http.GetFromJsonAsync<JsonObject>("/rdap/bootstrap/dns.json"))!;
        Assert.Equal("1.0", (string)dns["version"]!);
        var service = dns["services"]![0]!.AsArray();
        Assert.Equal(["cn", "xn--fiqs8s"], service[0]!.AsArray().Select(t => (string)t!));
        Assert.Equal(new Uri(server.BaseAddress, "/rdap/").ToString(), (string)service[1]![0]!);
        var v6 = (await server.Http.GetFromJsonAsync<JsonObject>("/rdap/bootstrap/ipv6.json"))!;
        Assert.Equal("2001:db8::/32", (string)v6["services"]![0]![0]![0]!);
    }

    [Fact]
    public async Task RegistryApi_RefusesThePublicAndProvinces_AndRefusesABadFileWhole()
    {
        await using var server = await PlatformServer.StartAsync();
        var body = new[] { new { name = "甲", creditCode = TestData.ProviderCode, region = "110000" } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.PostAsJsonAsync("/api/v1/resources/providers", body)).StatusCode);
        await server.CreateUserAsync("gd-admin", "gd-admin-password-1", Role.ProvinceAdmin, "440000");
        var province = server.Client();
        await PlatformServer.LoginAsync(province, "gd-admin", "gd-admin-password-1");
        Assert.Equal(HttpStatusCode.Forbidden, (await province.PostAsJsonAsync("/api/v1/resources/providers", body)).StatusCode);

        var bad = await server.Admin.PostAsync("/api/v1/resources/prefixes/import", new StringContent(
            "prefix,parent,kind,holder,purpose,region,allocated\n10.0.0.0/8,,registry,R,,100000,2020-01-01\n10.0.0.0/16,,allocation,A,,110000,2020-01-01\n10.0.128.0/16,,allocation,B,,110000,2020-01-01\n",
            System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = (await bad.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(4, (int)problem["errors"]![0]!["row"]!);
        Assert.Contains("10.0.0.0/16", (string)problem["errors"]![0]!["message"]!, StringComparison.Ordinal); // "host bits are set: the network is 10.0.0.0/16"
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/api/v1/resources/prefixes/lookup?address=10.0.0.1")).StatusCode);
    }
}
