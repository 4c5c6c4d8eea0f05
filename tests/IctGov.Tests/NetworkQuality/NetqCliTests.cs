using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

using IctGov.Testing;

namespace IctGov.Tests.NetworkQuality;

public class NetqCliTests
{
    private const string Header = "id,time_utc,province,city,operator,technology,segment,source,dl_mbps,ul_mbps,latency_ms,jitter_ms,loss_pct,device_hash,test_server";

    [Fact]
    public async Task ImportAndSummary_FromTheCommandLine()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ictgov-netq-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var csv = new StringBuilder(Header + "\n");
            double[] dl = [120, 80, 80, 200, 95];
            for (var i = 0; i < dl.Length; i++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"c{i},2026-03-0{i + 1}T03:00:00Z,320000,320100,cu,5g-sa,access,app,{dl[i]},6,20,1,0,,\n");
            }
            csv.Append("c0,2026-03-01T03:00:00Z,320000,320100,cu,5g-sa,access,app,1,1,1,1,0,,\n");
            var file = Path.Combine(dir, "tests.csv");
            await File.WriteAllTextAsync(file, csv.ToString());
            var (code, stdout, stderr) = await CliRunner.RunAsync(dir, "netq", "import", file);
            Assert.True(code == 0, stderr);
            Assert.Contains("5 inserted, 1 duplicate(s) ignored", stdout, StringComparison.Ordinal);

            var bad = Path.Combine(dir, "bad.csv");
            await File.WriteAllTextAsync(bad, Header + "\nb1,2026-03-01T03:00:00Z,320000,320100,cu,5g-sa,access,app,-4,6,20,1,0,,\n");
            (code, _, stderr) = await CliRunner.RunAsync(dir, "netq", "import", bad);
            Assert.Equal(1, code);
            // the first data row is row 2: the header is row 1, as a spreadsheet shows it
            Assert.Contains("row 2, dl_mbps", stderr, StringComparison.Ordinal);

            (code, stdout, stderr) = await CliRunner.RunAsync(dir, "netq", "summary", "--group-by", "province,operator", "--format", "json");
            Assert.True(code == 0, stderr);
            var row = Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList());
            Assert.Equal(5, row.GetProperty("count").GetInt64());
            // Sorted: 80 80 95 120 200; p5 at position 0.2: 80; p50 at 2: 95; two of five reach 100 down.
            Assert.Equal(80, row.GetProperty("dl_p5").GetDouble(), 9);
            Assert.Equal(95, row.GetProperty("dl_p50").GetDouble(), 9);
            Assert.Equal(0.4, row.GetProperty("share_meeting_bar").GetDouble(), 12);

            (code, stdout, _) = await CliRunner.RunAsync(dir, "netq", "summary", "--group-by", "operator");
            Assert.Equal(0, code);
            Assert.StartsWith("operator  count", stdout, StringComparison.Ordinal);
            (code, _, stderr) = await CliRunner.RunAsync(dir, "netq", "summary", "--group-by", "planet");
            Assert.Equal(2, code);
            Assert.Contains("--group-by", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Import_WhileTheServerHoldsTheStore_SaysSoAndWritesNothing()
    {
        await using var server = await PlatformServer.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/api/v1/netq/summary")).StatusCode);
        var file = Path.Combine(server.Storage.DataDirectory, "x.csv");
        await File.WriteAllTextAsync(file, Header + "\nx1,2026-03-01T03:00:00Z,320000,320100,cu,5g-sa,access,app,100,6,20,1,0,,\n");
        var (code, _, stderr) = await CliRunner.RunAsync(server.Storage.DataDirectory, "netq", "import", file);
        Assert.Equal(3, code);
        Assert.Contains("POST /api/v1/netq/measurements", stderr, StringComparison.Ordinal);
        var summary = await server.Http.GetFromJsonAsync<JsonElement>("/api/v1/netq/summary");
        Assert.Equal(0, summary[0].GetProperty("count").GetInt64());
    }
}
