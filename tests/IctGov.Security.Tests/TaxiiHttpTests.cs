using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IctGov.Kernel;
using IctGov.Kernel.Security;

namespace IctGov.Security.Tests;

/// <summary>
/// The TAXII 2.1 server driven over real HTTP on each engine by a client that follows the TAXII
/// 2.1 text: discovery (section 4.1) → API root (4.2) → collections (5.1) → add objects (5.4) →
/// status (4.3) → objects page by page with <c>next</c> (5.3, 3.4) → manifest (5.5) → object by
/// id and its versions (5.6, 5.7), with the filters, the media-type negotiation (406/415), TAXII
/// error messages, and TLP:RED kept to the collection's members; then the same objects as a STIX
/// bundle, exported and imported.
/// </summary>
public class TaxiiHttpTests
{
    private const string Taxii = "application/taxii+json;version=2.1";
    private const string Red = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
    private const string Green = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
    private const string IndicatorId = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
    private const string RedIndicatorId = "indicator--1ed8caa7-a708-4706-b651-f1186ede6ca1";
    private const string MalwareId = "malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061";

    /// <summary>A TAXII client: the TAXII media type in Accept, and a unit's token or a person's cookie.</summary>
    private static HttpClient TaxiiClient(HttpClient client)
    {
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.Accept.ParseAdd(Taxii);
        return client;
    }

    private static async Task<(HttpResponseMessage Response, JsonObject Body)> Get(HttpClient c, string url)
    {
        var response = await c.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(Taxii, response.Content.Headers.ContentType?.ToString().Replace(" ", "", StringComparison.Ordinal));
        return (response, (JsonObject)JsonNode.Parse(text)!);
    }

    private static async Task<(HttpResponseMessage Response, JsonObject Body)> Post(HttpClient c, string url, JsonObject envelope, string contentType = Taxii)
    {
        using var content = new StringContent(envelope.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var response = await c.PostAsync(url, content);
        return (response, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static JsonObject Indicator(string id, string modified, string pattern, string? marking = null)
    {
        var o = new JsonObject
        {
            ["type"] = "indicator", ["spec_version"] = "2.1", ["id"] = id,
            ["created"] = "2026-11-01T00:00:00.000Z", ["modified"] = modified,
            ["indicator_types"] = new JsonArray("malicious-activity"), ["name"] = "C2 " + pattern,
            ["pattern"] = pattern, ["pattern_type"] = "stix", ["valid_from"] = "2026-11-01T00:00:00Z",
        };
        if (marking is not null) o["object_marking_refs"] = new JsonArray(marking);
        return o;
    }

    private static JsonObject Envelope(params JsonObject[] objects) => new() { ["objects"] = new JsonArray([.. objects]) };

    private static JsonObject[] Intelligence() =>
    [
        (JsonObject)JsonNode.Parse(StixValidatorTests.Identity)!,
        Indicator(IndicatorId, "2026-11-01T00:00:00.000Z", "[ipv4-addr:value = '198.51.100.7/32']", Green),
        Indicator(IndicatorId, "2026-11-02T00:00:00.000Z", "[ipv4-addr:value = '198.51.100.7/32' OR domain-name:value = 'c2.example.net']", Green),
        Indicator(RedIndicatorId, "2026-11-01T00:00:00.000Z", "[domain-name:value = 'secret-c2.example.org']", Red),
        (JsonObject)JsonNode.Parse(StixValidatorTests.Malware)!,
        (JsonObject)JsonNode.Parse(StixValidatorTests.Relationship)!,
        (JsonObject)JsonNode.Parse(Domain.Stix.StixMarkings.Tlp2Definition("red"))!,
    ];

    [Theory, DatabaseData]
    public async Task Taxii_DiscoveryToVersions_AsTheSpecificationWalksIt(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider, new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        // The ministry shares with everyone signed in; China Mobile (cm) and Guangdong may write.
        var created = await server.Admin.PostAsJsonAsync("/api/v1/security/taxii/collections",
            new { title = "行业威胁情报 Industry threat intelligence", readers = (string[])["*"], writers = (string[])["unit:cm", "province:440000"] });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var shared = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var closed = (string)(await (await server.Admin.PostAsJsonAsync("/api/v1/security/taxii/collections",
            new { title = "广东 Guangdong only", readers = (string[])["province:440000"], writers = (string[])["province:440000"] })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var bad = await server.Admin.PostAsJsonAsync("/api/v1/security/taxii/collections", new { title = "x", readers = (string[])["province:44"] });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("readers[1]", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var cm = TaxiiClient(server.Client(await server.TokenAsync("cm")));
        using var ct = TaxiiClient(server.Client(await server.TokenAsync("ct")));
        using var anonymous = TaxiiClient(server.Client());

        // Discovery (4.1) is public; the API root (4.2) needs a caller.
        var (discovery, d) = await Get(anonymous, "/taxii2/");
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        Assert.Equal("/taxii2/api/", (string)d["default"]!);
        var root = (string)d["api_roots"]![0]!;
        var (unauthenticated, e401) = await Get(anonymous, root);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal("401", (string)e401["http_status"]!);
        var (_, apiRoot) = await Get(cm, root);
        Assert.Equal(Taxii, (string)apiRoot["versions"]![0]!);
        Assert.True((int)apiRoot["max_content_length"]! > 0);

        // Media types (1.6.8): JSON is not TAXII (406); a POST must say it is TAXII (415).
        using var json = server.Client(await server.TokenAsync("cm"));
        var notAcceptable = await json.GetAsync(root + "collections/");
        Assert.Equal(HttpStatusCode.NotAcceptable, notAcceptable.StatusCode);
        Assert.Equal("406", (string)JsonNode.Parse(await notAcceptable.Content.ReadAsStringAsync())!["http_status"]!);
        var (unsupported, _) = await Post(cm, $"{root}collections/{shared}/objects/", Envelope(Intelligence()), "application/json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);

        // Collections (5.1): each caller sees what it may read or write, with its rights.
        var (_, cmCollections) = await Get(cm, root + "collections/");
        var only = Assert.Single(cmCollections["collections"]!.AsArray())!;
        Assert.Equal((shared, true, true), ((string)only["id"]!, (bool)only["can_read"]!, (bool)only["can_write"]!));
        var (_, ctCollection) = await Get(ct, $"{root}collections/{shared}/");
        Assert.Equal((true, false), ((bool)ctCollection["can_read"]!, (bool)ctCollection["can_write"]!));
        var (hidden, _) = await Get(cm, $"{root}collections/{closed}/");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        var (readOnly, e403) = await Post(ct, $"{root}collections/{shared}/objects/", Envelope(Intelligence()));
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Equal("403", (string)e403["http_status"]!);

        // A bad object refuses the envelope whole (4.3: every object a failure, the bad one saying why); nothing is stored.
        var broken = Intelligence();
        broken[3]["pattern"] = "[domain-name:value = 'secret-c2.example.org'";
        var (refused, refusal) = await Post(cm, $"{root}collections/{shared}/objects/", Envelope(broken));
        Assert.Equal(HttpStatusCode.Accepted, refused.StatusCode);
        Assert.Equal((0, 7), ((int)refusal["success_count"]!, (int)refusal["failure_count"]!));
        var why = (string)refusal["failures"]!.AsArray().Single(f => (string)f!["id"]! == RedIndicatorId)!["message"]!;
        Assert.Contains("object 4: pattern:", why, StringComparison.Ordinal);
        Assert.Contains("expected AND, OR or ]", why, StringComparison.Ordinal);
        var (_, empty) = await Get(cm, $"{root}collections/{shared}/objects/");
        Assert.Null(empty["objects"]);

        // Add (5.4) → status (4.3).
        var (accepted, status) = await Post(cm, $"{root}collections/{shared}/objects/", Envelope(Intelligence()));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(("complete", 7, 7, 0), ((string)status["status"]!, (int)status["total_count"]!, (int)status["success_count"]!, (int)status["failure_count"]!));
        var (_, again) = await Get(cm, $"{root}status/{(string)status["id"]!}/");
        Assert.Equal(7, (int)again["success_count"]!);
        var (othersStatus, _) = await Get(ct, $"{root}status/{(string)status["id"]!}/");
        Assert.Equal(HttpStatusCode.NotFound, othersStatus.StatusCode);
        var (_, resent) = await Post(cm, $"{root}collections/{shared}/objects/", Envelope(Intelligence()));
        Assert.Equal(7, (int)resent["success_count"]!);
        Assert.Contains("already held", resent["successes"]!.ToJsonString(), StringComparison.Ordinal);

        // Objects (5.3) page by page with next; the latest version of each object by default; TLP:RED only to members.
        async Task<(List<JsonObject> Objects, int Pages)> Walk(HttpClient c, string query)
        {
            var all = new List<JsonObject>();
            var pages = 0;
            string? next = null;
            do
            {
                var (response, page) = await Get(c, $"{root}collections/{shared}/objects/?limit=2{query}{(next is null ? "" : "&next=" + Uri.EscapeDataString(next))}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                pages++;
                if (page["objects"] is JsonArray objects)
                {
                    Assert.True(objects.Count <= 2);
                    all.AddRange(objects.Select(o => (JsonObject)o!));
                    Assert.True(response.Headers.Contains("X-TAXII-Date-Added-First") && response.Headers.Contains("X-TAXII-Date-Added-Last"));
                }
                next = (bool?)page["more"] == true ? (string)page["next"]! : null;
            }
            while (next is not null);
            return (all, pages);
        }
        var (ctObjects, ctPages) = await Walk(ct, "");
        Assert.Equal(5, ctObjects.Count); // identity, indicator (latest), malware, relationship, the TLP:RED definition itself; not the red indicator
        Assert.Equal(3, ctPages);
        Assert.DoesNotContain(ctObjects, o => (string)o["id"]! == RedIndicatorId);
        Assert.Equal("2026-11-02T00:00:00.000Z", (string)ctObjects.Single(o => (string)o["id"]! == IndicatorId)["modified"]!);
        var (cmObjects, _) = await Walk(cm, "");
        Assert.Contains(cmObjects, o => (string)o["id"]! == RedIndicatorId);
        var (ministryObjects, _) = await Walk(TaxiiClient(server.Admin), "");
        Assert.Equal(6, ministryObjects.Count);

        // Filters (3.4): type, id, version first/all.
        Assert.Equal(["indicator"], (await Walk(cm, "&match[type]=indicator")).Objects.Select(o => (string)o["type"]!).Distinct());
        Assert.Equal(3, (await Walk(cm, "&match[type]=indicator&match[version]=all")).Objects.Count);
        var first = Assert.Single((await Walk(cm, $"&match[id]={IndicatorId}&match[version]=first")).Objects);
        Assert.Equal("2026-11-01T00:00:00.000Z", (string)first["modified"]!);
        var (badFilter, e400) = await Get(cm, $"{root}collections/{shared}/objects/?match[version]=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Contains("match[version]", (string)e400["description"]!, StringComparison.Ordinal);

        // Object by id (5.6), its versions (5.7), the manifest (5.5).
        var (_, byId) = await Get(ct, $"{root}collections/{shared}/objects/{IndicatorId}/");
        Assert.Equal("2026-11-02T00:00:00.000Z", (string)byId["objects"]![0]!["modified"]!);
        var (_, versions) = await Get(ct, $"{root}collections/{shared}/objects/{IndicatorId}/versions/");
        Assert.Equal(["2026-11-01T00:00:00.000Z", "2026-11-02T00:00:00.000Z"], versions["versions"]!.AsArray().Select(v => (string)v!).Order());
        var (redToReader, _) = await Get(ct, $"{root}collections/{shared}/objects/{RedIndicatorId}/");
        Assert.Equal(HttpStatusCode.NotFound, redToReader.StatusCode);
        var (manifestResponse, manifest) = await Get(ct, $"{root}collections/{shared}/manifest/");
        var entries = manifest["objects"]!.AsArray();
        Assert.Equal(5, entries.Count);
        Assert.All(entries, m => Assert.Equal("application/stix+json;version=2.1", (string)m!["media_type"]!));
        var lastAdded = manifestResponse.Headers.GetValues("X-TAXII-Date-Added-Last").Single();
        Assert.Equal(lastAdded, (string)entries[^1]!["date_added"]!);

        // added_after: only what came later.
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        var (_, later) = await Post(cm, $"{root}collections/{shared}/objects/", Envelope(Indicator("indicator--5c2bf7a4-2b4e-4b7e-9a1c-8f6d2e3b4a51", "2026-12-01T02:04:00.000Z", "[url:value = 'http://198.51.100.9/x']")));
        Assert.Equal(1, (int)later["success_count"]!);
        var newer = (await Walk(ct, "&added_after=" + Uri.EscapeDataString(lastAdded))).Objects;
        Assert.Equal("indicator--5c2bf7a4-2b4e-4b7e-9a1c-8f6d2e3b4a51", (string)Assert.Single(newer)["id"]!);

        // The same selection as a STIX bundle: TLP:RED stays with the members.
        var ctBundle = (await server.Client(await server.TokenAsync("ct")).GetFromJsonAsync<JsonObject>($"/api/v1/security/stix/collections/{shared}/bundle?type=indicator"))!;
        Assert.Equal("bundle", (string)ctBundle["type"]!);
        Assert.Equal(2, ctBundle["objects"]!.AsArray().Count);
        var cmBundle = (await server.Client(await server.TokenAsync("cm")).GetFromJsonAsync<JsonObject>($"/api/v1/security/stix/collections/{shared}/bundle?type=indicator"))!;
        Assert.Equal(3, cmBundle["objects"]!.AsArray().Count);

        // A bundle as MISP or OpenCTI exports it: imported whole, or refused naming the object, property and expectation.
        using var gd = server.Client();
        await server.CreateUserAsync("gd-cti", "security-test-password-1", Role.ProvinceAdmin, "440000");
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(gd, "gd-cti", "security-test-password-1")).StatusCode);
        var campaign = new JsonObject
        {
            ["type"] = "campaign", ["spec_version"] = "2.1", ["id"] = "campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
            ["created"] = "2026-11-20T00:00:00.000Z", ["modified"] = "2026-11-19T00:00:00.000Z", ["name"] = "针对电力行业的攻击活动",
        };
        var misp = new JsonObject { ["type"] = "bundle", ["id"] = "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", ["objects"] = new JsonArray(Indicator("indicator--a932fcc6-e032-476c-826f-cb970a5a1ade", "2026-11-20T00:00:00.000Z", "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']", Green), campaign) };
        var refusedBundle = await gd.PostAsync($"/api/v1/security/stix/collections/{closed}/bundle", new StringContent(misp.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, refusedBundle.StatusCode);
        var error = (await refusedBundle.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray().Single()!;
        Assert.Equal((2, "modified"), ((int)error["row"]!, (string)error["field"]!));
        Assert.StartsWith("campaign--8e2e2d2b", (string)error["message"]!, StringComparison.Ordinal);
        Assert.Null((await Get(TaxiiClient(gd), $"{root}collections/{closed}/objects/")).Body["objects"]);
        campaign["modified"] = "2026-11-21T00:00:00.000Z";
        var imported = await gd.PostAsync($"/api/v1/security/stix/collections/{closed}/bundle", new StringContent(misp.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(2, (int)(await imported.Content.ReadFromJsonAsync<JsonObject>())!["added"]!);
        Assert.Equal(2, (await Get(TaxiiClient(gd), $"{root}collections/{closed}/objects/")).Body["objects"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.NotFound, (await cm.GetAsync($"/api/v1/security/stix/collections/{closed}/bundle")).StatusCode);
    }
}
