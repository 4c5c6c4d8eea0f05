using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IctGov.Kernel;
using MiniExcelLibs;

using IctGov.Testing;

namespace IctGov.Tests.Api;

public class EvaluationApiTests
{
    private const string Csv = "indicator,region,period,value,status,published,source\n" +
        "4,100000,2021,10.1,final,2022-02-20,公报\n4,100000,2022,16.4,final,2023-02-20,公报\n4,100000,2023,24.0,final,2024-02-20,公报\n" +
        "19,100000,2021,81.2,final,2022-03-01,调查\n19,100000,2022,81.0,final,2023-03-01,调查\n19,100000,2023,80.8,final,2024-03-01,调查\n" +
        "2,100000,2021,0.41,final,2022-02-28,公报\n2,100000,2022,0.42,final,2023-02-28,公报\n";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Evaluation_OverHttp_GivesStatusPerIndicator(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider);
        Assert.Equal(HttpStatusCode.OK, (await server.PostCsvAsync(Csv)).StatusCode);
        var json = await server.Http.GetFromJsonAsync<JsonObject>("/api/v1/evaluation?asOf=2024-06-30&region=100000");
        var indicators = json!["indicators"]!.AsArray();
        Assert.Equal(20, indicators.Count);
        var four = indicators.Single(i => (int)i!["no"]! == 4)!;
        Assert.Equal("on_track", (string)four["status"]!);
        Assert.Equal(24.0, (double)four["latest"]!["value"]!);
        Assert.Equal("2023", (string)four["latest"]!["period"]!);
        Assert.NotNull(four["projection"]!["low"]);
        Assert.NotNull(four["requiredGrowth"]!["annualChange"]);
        Assert.Equal("no_data", (string)indicators.Single(i => (int)i!["no"]! == 1)!["status"]!);
        Assert.Equal([19], json["bindingAlerts"]!.AsArray().Select(n => (int)n!));
        Assert.Equal("2021-original", (string)json["planVersion"]!["code"]!);
    }

    [Fact]
    public async Task Evaluation_CliAndApi_GiveTheSameAnswer()
    {
        await using var server = await PlatformServer.StartAsync();
        await server.PostCsvAsync(Csv);
        var api = JsonNode.Parse(await server.Http.GetStringAsync("/api/v1/evaluation?asOf=2024-06-30&region=100000"));
        var (code, stdout, stderr) = await CliRunner.RunAsync(server.Storage.DataDirectory, "evaluate", "--as-of", "2024-06-30", "--region", "100000", "--format", "json");
        Assert.True(code == 0, stderr);
        Assert.True(JsonNode.DeepEquals(api, JsonNode.Parse(stdout)), "CLI JSON differs from API JSON");
    }

    [Fact]
    public async Task Cli_ImportRejectsBadFile_WithRowAndField_AndExitCode1()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ictgov-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "bad.csv");
            await File.WriteAllTextAsync(file, "indicator,region,period,value,status,published,source\n4,100000,2023,x,final,2024-01-01,s\n");
            var (code, _, stderr) = await CliRunner.RunAsync(dir, "import", "observations", file);
            Assert.Equal(1, code);
            Assert.Contains("row 2, value", stderr);

            await File.WriteAllTextAsync(file, "indicator,region,period,value,status,published,source\n4,100000,2023,24,final,2024-01-01,s\n");
            (code, var stdout, stderr) = await CliRunner.RunAsync(dir, "import", "observations", file);
            Assert.True(code == 0, stderr);
            Assert.Contains("1 observation(s) imported", stdout);

            var report = Path.Combine(dir, "report.html");
            (code, _, stderr) = await CliRunner.RunAsync(dir, "report", "--as-of", "2024-06-30", "--out", report);
            Assert.True(code == 0, stderr);
            var html = await File.ReadAllTextAsync(report);
            Assert.Equal(20, System.Text.RegularExpressions.Regex.Count(html, "class=chart id=\"c\\d+\""));
            Assert.Contains("echarts", html);            // inlined, so it prints offline
            Assert.Contains("分省排名", html);
            Assert.DoesNotContain("<script src=", html);

            (code, stdout, _) = await CliRunner.RunAsync(dir, "evaluate", "--as-of", "2024-06-30", "--format", "table");
            Assert.Equal(0, code);
            Assert.Contains("每万人拥有5G基站数", stdout);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Api_BadQueryAndBadImport_AreClearErrors()
    {
        await using var server = await PlatformServer.StartAsync();
        var r1 = await server.Http.GetAsync("/api/v1/evaluation?asOf=2024-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, r1.StatusCode);
        Assert.Contains("YYYY-MM-DD", await r1.Content.ReadAsStringAsync());
        var r2 = await server.Http.GetAsync("/api/v1/evaluation?region=999999");
        Assert.Equal(HttpStatusCode.BadRequest, r2.StatusCode);
        var r3 = await server.PostCsvAsync("indicator,region,period,value,status,published,source\n4,100000,2023,1,final,2024-01-01,s\n4,1,2023,1,final,2024-01-01,s\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r3.StatusCode);
        var body = await r3.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(3, (int)body!["errors"]![0]!["row"]!);
        Assert.Equal("region", (string)body["errors"]![0]!["field"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/api/v1/indicators/21")).StatusCode);
    }

    [Fact]
    public async Task Api_Health_OpenApi_Catalogue()
    {
        await using var server = await PlatformServer.StartAsync();
        Assert.Equal("ok", await server.Http.GetStringAsync("/healthz"));
        var openapi = await server.Http.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/evaluation", openapi);
        Assert.Contains("/api/v1/observations/import", openapi);
        var catalogue = await server.Http.GetFromJsonAsync<JsonArray>("/api/v1/plan/indicators");
        Assert.Equal(20, catalogue!.Count);
        Assert.Equal("binding", (string)catalogue.Single(i => (int)i!["no"]! == 19)!["attribute"]!);
        var projects = await server.Http.GetFromJsonAsync<JsonArray>("/api/v1/plan/projects");
        Assert.Contains(projects!, p => (string)p!["key"]! == "z9.2.secondary-nodes" && (decimal)p["target"]! == 150);
    }

    [Fact]
    public async Task Xlsx_Export_HasTwentyRowsAndTheRanking()
    {
        await using var server = await PlatformServer.StartAsync();
        await server.PostCsvAsync(Csv);
        var bytes = await server.Http.GetByteArrayAsync("/api/v1/evaluation.xlsx?asOf=2024-06-30");
        using var ms = new MemoryStream(bytes);
        var sheets = ms.GetSheetNames();
        Assert.Equal(2, sheets.Count);
        ms.Position = 0;
        var rows = ms.Query(useHeaderRow: true, sheetName: sheets[0]).ToList();
        Assert.Equal(20, rows.Count);
        ms.Position = 0;
        Assert.Equal(20 * 31, ms.Query(useHeaderRow: true, sheetName: sheets[1]).Count());
    }

    [Fact]
    public async Task PlanRevision_IsANewVersion_AndTheOriginalStays()
    {
        await using var server = await PlatformServer.StartAsync();
        await server.PostCsvAsync(Csv);
        var revise = await server.Admin.PostAsJsonAsync("/api/v1/plan/versions", new
        {
            code = "2023-midterm", nameZh = "中期评估调整", nameEn = "Mid-term revision", effective = "2023-12-01",
            reason = "中期评估后上调 5G 基站目标", targets = new[] { new { no = 4, target = 30m } },
        });
        Assert.Equal(HttpStatusCode.Created, revise.StatusCode);

        var now = await server.Http.GetFromJsonAsync<JsonObject>("/api/v1/evaluation?asOf=2024-06-30");
        Assert.Equal("2023-midterm", (string)now!["planVersion"]!["code"]!);
        Assert.Equal(30, (double)now["indicators"]!.AsArray().Single(i => (int)i!["no"]! == 4)!["target"]!);

        var original = await server.Http.GetFromJsonAsync<JsonObject>("/api/v1/evaluation?asOf=2024-06-30&version=2021-original");
        Assert.Equal(26, (double)original!["indicators"]!.AsArray().Single(i => (int)i!["no"]! == 4)!["target"]!);

        var before = await server.Http.GetFromJsonAsync<JsonObject>("/api/v1/evaluation?asOf=2023-06-30");
        Assert.Equal("2021-original", (string)before!["planVersion"]!["code"]!); // not yet in effect

        var dup = await server.Admin.PostAsJsonAsync("/api/v1/plan/versions", new { code = "2023-midterm", nameZh = "x", nameEn = "x", effective = "2024-01-01", reason = "x", targets = new[] { new { no = 4, target = 31m } } });
        Assert.Equal(HttpStatusCode.Conflict, dup.StatusCode);
        var bad = await server.Admin.PostAsJsonAsync("/api/v1/plan/versions", new { code = "v3", nameZh = "x", nameEn = "x", effective = "2024-01-01", reason = "", targets = new[] { new { no = 40, target = 31m } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Snapshot_IsStoredAndReturnedVerbatim()
    {
        await using var server = await PlatformServer.StartAsync();
        await server.PostCsvAsync(Csv);
        var created = await server.Admin.PostAsJsonAsync("/api/v1/evaluation/snapshots", new { asOf = "2024-06-30", label = "2024 H1" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var stored = await server.Http.GetStringAsync(created.Headers.Location);
        var live = await server.Http.GetStringAsync("/api/v1/evaluation?asOf=2024-06-30");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(stored), JsonNode.Parse(live)));
    }

    [Fact]
    public async Task PlanWrites_NeedTheMinistry_ReadsArePublic()
    {
        await using var server = await PlatformServer.StartAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.PostCsvAsync(Csv, server.Http)).StatusCode);
        using var reporter = server.Client(bearer: await server.TokenAsync("ct-440000"));
        Assert.Equal(HttpStatusCode.Forbidden, (await server.PostCsvAsync(Csv, reporter)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.PostAsJsonAsync("/api/v1/evaluation/snapshots", new { asOf = "2024-06-30" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.PostAsJsonAsync("/api/v1/plan/versions", new { code = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.PostCsvAsync(Csv)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/api/v1/evaluation?asOf=2024-06-30")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await server.Http.GetAsync("/import")).StatusCode); // the page sends the public to sign in

        // the accepted import is in the audit log under the ministry user, which only the ministry may read
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.GetAsync("/api/v1/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync("/api/v1/audit")).StatusCode);
        var log = await server.Admin.GetFromJsonAsync<JsonArray>("/api/v1/audit?take=1000");
        var import = log!.Single(e => (string)e!["action"]! == "observations.import");
        Assert.StartsWith("user:", (string)import!["actorId"]!, StringComparison.Ordinal);
    }

}
