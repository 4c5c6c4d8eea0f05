using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IctGov.Kernel;

namespace IctGov.Security.Tests;

/// <summary>
/// Malformed TAXII requests over real HTTP: broken envelopes, objects that are not objects, mangled
/// filters and ids. Each is answered with a TAXII error message (400) or a status resource whose
/// failures say why, never a server error, and nothing is stored.
/// </summary>
public class TaxiiFuzzTests
{
    private const string Taxii = "application/taxii+json;version=2.1";

    private static readonly string[] Envelopes =
    [
        "", "null", "[]", "{}", "{\"objects\":{}}", "{\"objects\":[]}", "{\"objects\":[1,\"a\",null,[]]}", "{\"objects\":[{}]}",
        "{\"objects\":[{\"type\":\"bundle\",\"id\":\"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d\"}]}",
        "{\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--\",\"pattern\":[]}]}",
        "{\"objects\":[{\"type\":\"INDICATOR\",\"spec_version\":2.1}]}",
        "{\"objects\":[{\"type\":\"x\"}]}", "{\"objects\":[" + new string('[', 5000) + new string(']', 5000) + "]}",
        "{\"objects\":[{\"type\":\"indicator\",\"granular_markings\":[{\"selectors\":[\"a.[99999999999].b\",\"..\",\"[0]\"]}]}]}",
        "{\"objects\":[{\"type\":\"relationship\",\"source_ref\":\"--\",\"target_ref\":\"a--b\",\"relationship_type\":\"\"}]}",
        "{\"objects\":[{\"type\":\"sighting\",\"count\":1e400,\"first_seen\":\"9999-99-99T99:99:99Z\"}]}",
        "{\"objects\":[{\"type\":\"marking-definition\",\"definition_type\":\"tlp\",\"definition\":\"red\",\"extensions\":{\"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":7}}]}",
        "\uFEFF{\"objects\":[]}", "{\"objects\":[{\"type\":\"indicator\"}]", "{\"objects\":[{\"type\":\"indicator\",\"created\":\"2016-02-30T00:00:00.000Z\"}]}",
    ];

    private static readonly string[] Queries =
    [
        "?added_after=yesterday", "?added_after=", "?limit=0", "?limit=-1", "?limit=99999999999999", "?next=abc", "?next=-5", "?match[version]=",
        "?match[version]=2016-13-01T00:00:00Z", "?match[id]=malware", "?match[id]=malware--zz", "?match[type]=%00", "?match[spec_version]=%27%22",
        "?match[version]=first,last,all", "?limit=1&next=99999999999", "?added_after=2016-01-01T00:00:00.1234567890123Z",
    ];

    [Theory, DatabaseData]
    public async Task MalformedRequests_GetTaxiiErrorsOrFailures_NeverServerErrors(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider);
        var created = await server.Admin.PostAsJsonAsync("/api/v1/security/taxii/collections", new { title = "fuzz", readers = (string[])["*"], writers = (string[])["*"] });
        var collection = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        using var client = server.Client(await server.TokenAsync("cm"));
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.Accept.ParseAdd(Taxii);
        var objects = $"/taxii2/api/collections/{collection}/objects/";

        foreach (var body in Envelopes)
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(Taxii);
            var response = await client.PostAsync(objects, content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Accepted, $"{body[..Math.Min(body.Length, 80)]} → {(int)response.StatusCode} {text}");
            var answer = JsonNode.Parse(text)!;
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                Assert.Equal("400", (string)answer["http_status"]!);
                Assert.False(string.IsNullOrEmpty((string?)answer["description"]), text);
            }
            else
            {
                Assert.Equal(0, (int)answer["success_count"]!);
                Assert.All(answer["failures"]!.AsArray(), f => Assert.StartsWith("object ", (string)f!["message"]!, StringComparison.Ordinal));
            }
        }
        foreach (var query in Queries)
        {
            foreach (var path in (string[])[objects, $"/taxii2/api/collections/{collection}/manifest/", $"/taxii2/api/collections/{collection}/objects/indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f/versions/"])
            {
                var response = await client.GetAsync(path + query);
                Assert.True((int)response.StatusCode is 200 or 400 or 404, $"{path}{query} → {(int)response.StatusCode}");
                Assert.Equal(Taxii, response.Content.Headers.ContentType?.ToString().Replace(" ", "", StringComparison.Ordinal));
            }
        }
        foreach (var query in (string[])["?type=%00", "?id=x%00", "?type=indicator&id=indicator--zz"])
        {
            var bundle = await client.GetAsync($"/api/v1/security/stix/collections/{collection}/bundle{query}");
            Assert.Equal(HttpStatusCode.BadRequest, bundle.StatusCode);
        }
        var nothing = JsonNode.Parse(await client.GetStringAsync(objects + "?match[version]=all"))!;
        Assert.Null(nothing["objects"]);
    }
}
