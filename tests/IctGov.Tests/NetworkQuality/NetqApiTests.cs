using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

using IctGov.Testing;

namespace IctGov.Tests.NetworkQuality;

public class NetqApiTests
{
    private static readonly string[] Provinces = ["110000", "440000"];
    private static readonly string[] Operators = ["ct", "cm"];

    /// <summary>Known tests: rates rounded so ties occur, a few without upload, all in March 2026.</summary>
    internal static List<Dictionary<string, object?>> Measurements(int n, int seed)
    {
        var rng = new Random(seed);
        var list = new List<Dictionary<string, object?>>();
        for (var i = 0; i < n; i++)
        {
            var p = Provinces[rng.Next(2)];
            list.Add(new()
            {
                ["id"] = $"api-{seed}-{i}",
                ["time_utc"] = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(rng.Next(20 * 24 * 60)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["province"] = p,
                ["city"] = p[..2] + "0100",
                ["operator"] = Operators[rng.Next(2)],
                ["technology"] = rng.Next(3) == 0 ? "4g" : "5g-sa",
                ["segment"] = "access",
                ["source"] = "probe",
                ["dl_mbps"] = Math.Round(rng.NextDouble() * 300),
                ["ul_mbps"] = rng.Next(8) == 0 ? null : Math.Round(rng.NextDouble() * 20, 1),
                ["latency_ms"] = Math.Round(10 + (rng.NextDouble() * 50)),
                ["loss_pct"] = Math.Round(rng.NextDouble(), 2),
            });
        }
        return list;
    }

    private static double? Percentile(IEnumerable<object?> values, double p)
    {
        var v = values.Where(x => x is not null).Select(x => Convert.ToDouble(x, CultureInfo.InvariantCulture)).Order().ToArray();
        if (v.Length == 0) return null;
        var h = (v.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        return v[lo] + ((h - lo) * (v[Math.Min(lo + 1, v.Length - 1)] - v[lo]));
    }

    private static double? D(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetDouble();

    [Fact]
    public async Task Push_NeedsAToken_AndABadRowWritesNothing()
    {
        await using var server = await PlatformServer.StartAsync();
        var rows = Measurements(5, 1);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.PostAsJsonAsync("/api/v1/netq/measurements", rows)).StatusCode);
        using var probe = server.Client(await server.TokenAsync("ct"));
        rows[3]["operator"] = "xx";
        var rejected = await probe.PostAsJsonAsync("/api/v1/netq/measurements", rows);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        var body = await rejected.Content.ReadFromJsonAsync<JsonElement>();
        var error = body.GetProperty("errors")[0];
        Assert.Equal(4, error.GetProperty("row").GetInt64());
        Assert.Equal("operator", error.GetProperty("field").GetString());
        var empty = await server.Http.GetFromJsonAsync<JsonElement>("/api/v1/netq/summary");
        Assert.Equal(0, empty[0].GetProperty("count").GetInt64());

        rows[3]["operator"] = "cu";
        var ok = await (await probe.PostAsJsonAsync("/api/v1/netq/measurements", rows)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, ok.GetProperty("inserted").GetInt64());
        var again = await (await probe.PostAsJsonAsync("/api/v1/netq/measurements", rows)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0L, 5L), (again.GetProperty("inserted").GetInt64(), again.GetProperty("duplicates").GetInt64()));
        using var notArray = new StringContent("{\"id\":1}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await probe.PostAsync("/api/v1/netq/measurements", notArray)).StatusCode);
    }

    [Fact]
    public async Task Push_Accepted_IsAuditedUnderTheProbesToken_AndARejectedBatchIsNot()
    {
        await using var server = await PlatformServer.StartAsync();
        var rows = Measurements(7, 4);
        using var probe = server.Client(await server.TokenAsync("cm"));
        var me = await probe.GetFromJsonAsync<JsonElement>("/api/v1/me");
        rows[2]["dl_mbps"] = -1;
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await probe.PostAsJsonAsync("/api/v1/netq/measurements", rows)).StatusCode);
        rows[2]["dl_mbps"] = 50.0;
        Assert.Equal(HttpStatusCode.OK, (await probe.PostAsJsonAsync("/api/v1/netq/measurements", rows)).StatusCode);

        var log = await server.Admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?take=1000");
        var push = Assert.Single(log.EnumerateArray(), e => e.GetProperty("action").GetString()!.StartsWith("netq.", StringComparison.Ordinal));
        Assert.Equal("netq.push", push.GetProperty("action").GetString());
        Assert.Equal(me.GetProperty("id").GetString(), push.GetProperty("actorId").GetString());
        var after = JsonDocument.Parse(push.GetProperty("after").GetString()!).RootElement;
        Assert.Equal((7L, 7L), (after.GetProperty("rows").GetInt64(), after.GetProperty("inserted").GetInt64()));
        Assert.Equal(64, after.GetProperty("sha256").GetString()!.Length);
    }

    [Fact]
    public async Task Summary_OverHttp_MatchesAnIndependentComputation()
    {
        await using var server = await PlatformServer.StartAsync();
        var rows = Measurements(600, 2);
        using var probe = server.Client(await server.TokenAsync("cm"));
        Assert.Equal(HttpStatusCode.OK, (await probe.PostAsJsonAsync("/api/v1/netq/measurements", rows)).StatusCode);

        var summary = await server.Http.GetFromJsonAsync<JsonElement>("/api/v1/netq/summary?groupBy=province,operator&from=2026-03-02&to=2026-03-15&technology=5g-sa");
        var kept = rows.Where(r => (string)r["technology"]! == "5g-sa")
            .Where(r =>
            {
                // CST-TODAY: the Beijing date of a test, as a fixed UTC+8 shift.
                var local = DateOnly.FromDateTime(DateTime.Parse((string)r["time_utc"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal).AddHours(8));
                return local >= new DateOnly(2026, 3, 2) && local <= new DateOnly(2026, 3, 15);
            }).ToList();
        var groups = kept.GroupBy(r => ((string)r["province"]!, (string)r["operator"]!)).OrderBy(g => g.Key).ToList();
        Assert.Equal(groups.Count, summary.GetArrayLength());
        for (var i = 0; i < groups.Count; i++)
        {
            var row = summary[i];
            var g = groups[i].ToList();
            Assert.Equal(groups[i].Key, (row.GetProperty("province").GetString()!, row.GetProperty("operator").GetString()!));
            Assert.Equal(g.Count, row.GetProperty("count").GetInt64());
            Assert.Equal(Percentile(g.Select(r => r["dl_mbps"]), 0.05)!.Value, D(row, "dl_p5")!.Value, 9);
            Assert.Equal(Percentile(g.Select(r => r["dl_mbps"]), 0.5)!.Value, D(row, "dl_p50")!.Value, 9);
            Assert.Equal(Percentile(g.Select(r => r["ul_mbps"]), 0.05)!.Value, D(row, "ul_p5")!.Value, 9);
            Assert.Equal(Percentile(g.Select(r => r["latency_ms"]), 0.95)!.Value, D(row, "latency_p95")!.Value, 9);
            var judged = g.Where(r => r["ul_mbps"] is not null).ToList();
            var share = (double)judged.Count(r => (double)r["dl_mbps"]! >= 100 && (double)r["ul_mbps"]! >= 5) / judged.Count;
            Assert.Equal(share, D(row, "share_meeting_bar")!.Value, 12);
            foreach (var k in new[] { "dl_mean", "ul_p50", "latency_p50", "loss_mean" }) Assert.True(row.TryGetProperty(k, out _), k);
        }

        var csv = await server.Http.GetStringAsync("/api/v1/netq/summary?groupBy=province,operator&from=2026-03-02&to=2026-03-15&technology=5g-sa&format=csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("province,operator,count,dl_mean,dl_p5,dl_p50,ul_p5,ul_p50,latency_p50,latency_p95,loss_mean,share_meeting_bar", lines[0]);
        Assert.Equal(groups.Count + 1, lines.Length);
        var xlsx = await server.Http.GetAsync("/api/v1/netq/summary?groupBy=province&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal((byte)'P', (await xlsx.Content.ReadAsByteArrayAsync())[0]);

        var bad = await server.Http.GetAsync("/api/v1/netq/summary?groupBy=planet&from=03/01/2026");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problems = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(problems.TryGetProperty("groupBy", out _));
        Assert.True(problems.TryGetProperty("from", out _));
    }

    [Fact]
    public async Task RankingAndHeatmap_FromRollups_CountEveryTest()
    {
        await using var server = await PlatformServer.StartAsync();
        var rows = Measurements(300, 3);
        using var probe = server.Client(await server.TokenAsync("ct"));
        Assert.Equal(HttpStatusCode.OK, (await probe.PostAsJsonAsync("/api/v1/netq/measurements", rows)).StatusCode);
        var ranking = await server.Http.GetFromJsonAsync<JsonElement>("/api/v1/netq/ranking?by=operator");
        Assert.Equal(2, ranking.GetArrayLength());
        Assert.Equal(rows.Count, ranking.EnumerateArray().Sum(r => r.GetProperty("count").GetInt64()));
        foreach (var r in ranking.EnumerateArray())
        {
            var op = r.GetProperty("operator").GetString();
            var mine = rows.Where(x => (string)x["operator"]! == op).Select(x => (double)x["dl_mbps"]!).ToList();
            Assert.Equal(mine.Average(), r.GetProperty("dl_mean").GetDouble(), 9);
        }
        Assert.True(ranking[0].GetProperty("dl_weighted").GetDouble() >= ranking[1].GetProperty("dl_weighted").GetDouble());
        var heat = await server.Http.GetFromJsonAsync<JsonElement>("/api/v1/netq/heatmap?province=440000");
        Assert.Equal(rows.Count(r => (string)r["province"]! == "440000"), heat.EnumerateArray().Sum(c => c.GetProperty("count").GetInt64()));
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Http.GetAsync("/api/v1/netq/ranking?by=planet")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/api/v1/netq/alerts")).StatusCode);
    }
}
