using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IctGov.Audit.Contracts;
using IctGov.Kernel;
using IctGov.Kernel.Security;
using Microsoft.Extensions.DependencyInjection;

using IctGov.Testing;

namespace IctGov.Tests.Collection;

/// <summary>Every role's permissions through the HTTP API, the forbidden paths included, on both engines.</summary>
public class CollectionHttpTests
{
    private const string Password = "a-long-enough-password-1";
    private static readonly string[] UnknownKinds = ["Martians"];

    private static object Report(string unit, string region, decimal stations) => new
    {
        dataSet = "T-5G-M", unit, region, period = "2025-10",
        values = new Dictionary<string, decimal> { ["5g_base_stations"] = stations, ["5g_terminal_connections"] = 100 },
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Roles_AreEnforced_FromSubmissionToPublication(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider);
        using var ctGd = server.Client(bearer: await server.TokenAsync("ct-440000"));
        using var cmGd = server.Client(bearer: await server.TokenAsync("cm-440000"));
        await server.CreateUserAsync("gd-admin", Password, Role.ProvinceAdmin, region: "440000");
        await server.CreateUserAsync("bj-admin", Password, Role.ProvinceAdmin, region: "110000");
        using var gd = server.Client();
        await PlatformServer.LoginAsync(gd, "gd-admin", Password);
        using var bj = server.Client();
        await PlatformServer.LoginAsync(bj, "bj-admin", Password);

        // public: no submission, no reading of unpublished reports
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.PostAsJsonAsync("/api/v1/collection/reports", Report("ct-440000", "440000", 1000))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.GetAsync("/api/v1/collection/reports?dataSet=T-5G-M&period=2025-10")).StatusCode);

        // reporter: only its own unit and region
        Assert.Equal(HttpStatusCode.Forbidden, (await ctGd.PostAsJsonAsync("/api/v1/collection/reports", Report("cm-440000", "440000", 1000))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ctGd.PostAsJsonAsync("/api/v1/collection/reports", Report("ct-440000", "110000", 1000))).StatusCode);
        var bad = await ctGd.PostAsJsonAsync("/api/v1/collection/reports", Report("ct-440000", "440000", 10.5m));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("type", (string)(await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["rule"]!);
        var ok = await ctGd.PostAsJsonAsync("/api/v1/collection/reports", Report("ct-440000", "440000", 1000));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var id = (string)(await ok.Content.ReadFromJsonAsync<JsonObject>())!["reportId"]!;
        Assert.Equal(HttpStatusCode.OK, (await cmGd.PostAsJsonAsync("/api/v1/collection/reports", Report("cm-440000", "440000", 2000))).StatusCode);

        // a reporter sees its own report only; another province sees nothing and cannot act
        Assert.Single((await ctGd.GetFromJsonAsync<JsonArray>("/api/v1/collection/reports?dataSet=T-5G-M&period=2025-10"))!);
        Assert.Empty((await bj.GetFromJsonAsync<JsonArray>("/api/v1/collection/reports?dataSet=T-5G-M&period=2025-10"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await bj.GetAsync($"/api/v1/collection/reports/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bj.PostAsJsonAsync($"/api/v1/collection/reports/{id}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ctGd.PostAsJsonAsync($"/api/v1/collection/reports/{id}/approve", new { })).StatusCode);

        // the province reviews its own region; it cannot accept
        Assert.Equal(2, (await gd.GetFromJsonAsync<JsonArray>("/api/v1/collection/reports?dataSet=T-5G-M&period=2025-10"))!.Count);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await gd.PostAsJsonAsync($"/api/v1/collection/reports/{id}/return", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gd.PostAsJsonAsync($"/api/v1/collection/reports/{id}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gd.PostAsJsonAsync($"/api/v1/collection/reports/{id}/accept", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ctGd.PostAsJsonAsync("/api/v1/collection/reports", Report("ct-440000", "440000", 1100))).StatusCode); // locked

        // timeliness and reconciliation are for administrations; a province sees its own region
        var timeliness = await gd.GetFromJsonAsync<JsonArray>("/api/v1/collection/timeliness?dataSet=T-5G-M&period=2025-10");
        Assert.Equal(4, timeliness!.Count); // the four operators' Guangdong branches
        Assert.Equal(2, timeliness.Count(r => (bool)r!["reported"]!));
        Assert.Equal(HttpStatusCode.Forbidden, (await ctGd.GetAsync("/api/v1/collection/timeliness?dataSet=T-5G-M&period=2025-10")).StatusCode);

        // the ministry accepts and publishes; only then does the public see the figure
        Assert.Equal(HttpStatusCode.Forbidden, (await gd.PostAsJsonAsync("/api/v1/collection/publish", new { dataSet = "T-5G-M", period = "2025-10" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Admin.PostAsJsonAsync($"/api/v1/collection/reports/{id}/accept", new { })).StatusCode);
        Assert.Empty((await server.Http.GetFromJsonAsync<JsonArray>("/api/v1/collection/published?dataSet=T-5G-M&period=2025-10"))!);
        Assert.Equal(HttpStatusCode.OK, (await server.Admin.PostAsJsonAsync("/api/v1/collection/publish", new { dataSet = "T-5G-M", period = "2025-10" })).StatusCode);
        var published = await server.Http.GetFromJsonAsync<JsonArray>("/api/v1/collection/published?dataSet=T-5G-M&period=2025-10");
        Assert.Equal(1000, (decimal)published!.Single(f => (string)f!["element"]! == "5g_base_stations")!["value"]!); // cm's report is not accepted yet

        // every write and decision is in the audit log, and the chain is intact
        await using var scope = server.Services.CreateAsyncScope();
        var verified = await scope.ServiceProvider.GetRequiredService<IAuditVerifier>().VerifyAsync(null);
        Assert.True(verified.Intact);
        Assert.True(verified.Count >= 6);
    }

    [Fact]
    public async Task Reconciliation_ListsWhereOperatorsDoNotAddUpToTheProvince_AndProvincesToTheNation()
    {
        await using var server = await PlatformServer.StartAsync();
        using var ctGd = server.Client(bearer: await server.TokenAsync("ct-440000"));
        using var cmGd = server.Client(bearer: await server.TokenAsync("cm-440000"));
        await server.CreateUserAsync("gd-admin", Password, Role.ProvinceAdmin, region: "440000");
        using var gd = server.Client();
        await PlatformServer.LoginAsync(gd, "gd-admin", Password);

        Assert.Equal(HttpStatusCode.OK, (await ctGd.PostAsJsonAsync("/api/v1/collection/reports", Report("ct-440000", "440000", 1000))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cmGd.PostAsJsonAsync("/api/v1/collection/reports", Report("cm-440000", "440000", 2000))).StatusCode);
        // the province's own compiled total, and the ministry's national total
        Assert.Equal(HttpStatusCode.OK, (await gd.PostAsJsonAsync("/api/v1/collection/reports", Report("prov-440000", "440000", 3100))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await gd.PostAsJsonAsync("/api/v1/collection/reports", Report("prov-110000", "110000", 1))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Admin.PostAsJsonAsync("/api/v1/collection/reports", Report("ministry", Region.NationalCode, 3000))).StatusCode);
        foreach (var r in (await gd.GetFromJsonAsync<JsonArray>("/api/v1/collection/reports?dataSet=T-5G-M&period=2025-10"))!)
        {
            Assert.Equal(HttpStatusCode.OK, (await gd.PostAsJsonAsync($"/api/v1/collection/reports/{(string)r!["id"]!}/approve", new { })).StatusCode);
        }
        var national = (await server.Admin.GetFromJsonAsync<JsonArray>("/api/v1/collection/reports?dataSet=T-5G-M&period=2025-10"))!
            .Single(r => (string)r!["unit"]! == "ministry")!;
        Assert.Equal(HttpStatusCode.OK, (await server.Admin.PostAsJsonAsync($"/api/v1/collection/reports/{(string)national["id"]!}/approve", new { })).StatusCode);

        var diffs = await server.Admin.GetFromJsonAsync<JsonArray>("/api/v1/collection/reconciliation?dataSet=T-5G-M&period=2025-10&tolerance=0.005");
        var stations = diffs!.Where(d => (string)d!["element"]! == "5g_base_stations").ToList();
        Assert.Equal(2, stations.Count);
        var province = stations.Single(d => (string)d!["level"]! == "province")!;
        Assert.Equal((3100m, 3000m, 100m), ((decimal)province["total"]!, (decimal)province["sumOfParts"]!, (decimal)province["difference"]!));
        var nation = stations.Single(d => (string)d!["level"]! == "national")!;
        Assert.Equal((3000m, 3100m), ((decimal)nation["total"]!, (decimal)nation["sumOfParts"]!));
        Assert.DoesNotContain((await gd.GetFromJsonAsync<JsonArray>("/api/v1/collection/reconciliation?dataSet=T-5G-M&period=2025-10&tolerance=0.05"))!,
            d => (string)d!["element"]! == "5g_base_stations" && (string)d["level"]! == "province"); // 3.2% is within 5%
        Assert.Equal(HttpStatusCode.Forbidden, (await ctGd.GetAsync("/api/v1/collection/reconciliation?dataSet=T-5G-M&period=2025-10")).StatusCode);

        // the same on the administrations' page
        var page = await gd.GetStringAsync("/collection/status?DataSet=T-5G-M&Period=2025-10");
        Assert.Contains("cu-440000", page, StringComparison.Ordinal);   // due, not reported (its code in the tooltip)
        Assert.Contains(">中国联通", page, StringComparison.Ordinal);  // and its name in the cell
        Assert.Contains("3100", page, StringComparison.Ordinal);        // the province total that does not add up
        Assert.Equal(HttpStatusCode.Forbidden, (await ctGd.GetAsync("/collection/status?DataSet=T-5G-M&Period=2025-10")).StatusCode);
    }

    [Fact]
    public async Task Ministry_DefinesADataSet_ThatReportersCanThenUse()
    {
        await using var server = await PlatformServer.StartAsync();
        using var ctGd = server.Client(bearer: await server.TokenAsync("ct-440000"));
        var definition = new
        {
            code = "T-IOT-Q", nameZh = "移动物联网发展季报", nameEn = "Mobile IoT, quarterly", periodKind = "quarter",
            elements = new object[]
            {
                new { key = "iot_connections", nameZh = "物联网终端连接数", nameEn = "IoT connections", unit = "万个", min = 0, wholeNumber = false, cumulative = false, additive = true },
                new { key = "nb_iot_connections", nameZh = "NB-IoT连接数", nameEn = "NB-IoT connections", unit = "万个", min = 0, componentOf = "iot_connections", additive = true },
            },
            reporterKinds = new[] { "OperatorBranch" }, deadlineDays = 20, jumpThreshold = 0.3, opens = "2025-Q1", closes = (string?)null,
        };
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.PostAsJsonAsync("/api/v1/collection/data-sets", definition)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ctGd.PostAsJsonAsync("/api/v1/collection/data-sets", definition)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await server.Admin.PostAsJsonAsync("/api/v1/collection/data-sets", definition)).StatusCode);
        var bad = await server.Admin.PostAsJsonAsync("/api/v1/collection/data-sets", new
        {
            definition.code, definition.nameZh, definition.nameEn, periodKind = "weekly", elements = new[] { new { key = "x", unit = "个", componentOf = "y" } },
            reporterKinds = UnknownKinds, deadlineDays = 20, jumpThreshold = 0.3, opens = "2025-Q1",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("periodKind") && errors.ContainsKey("reporterKinds") && errors.ContainsKey("elements[0].componentOf"), errors.ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, (await server.Admin.PostAsJsonAsync("/api/v1/collection/data-sets", definition)).StatusCode);
        var sets = await server.Http.GetFromJsonAsync<JsonArray>("/api/v1/collection/data-sets");
        Assert.Contains(sets!, d => (string)d!["code"]! == "T-IOT-Q");

        var report = new { dataSet = "T-IOT-Q", unit = "ct-440000", region = "440000", period = "2025-Q2", values = new Dictionary<string, decimal> { ["iot_connections"] = 500, ["nb_iot_connections"] = 600 } };
        var refused = await ctGd.PostAsJsonAsync("/api/v1/collection/reports", report);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode); // the component exceeds its total
        Assert.Equal(HttpStatusCode.OK, (await ctGd.PostAsJsonAsync("/api/v1/collection/reports", report with { values = new Dictionary<string, decimal> { ["iot_connections"] = 500, ["nb_iot_connections"] = 100 } })).StatusCode);
    }
}
