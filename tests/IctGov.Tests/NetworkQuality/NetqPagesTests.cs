using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using IctGov.NetworkQuality.Contracts;
using Microsoft.Extensions.DependencyInjection;

using IctGov.Testing;

namespace IctGov.Tests.NetworkQuality;

/// <summary>The network-quality pages over HTTP on the whole platform, on a CSV with a known incident.</summary>
public sealed partial class NetqPagesTests
{
    private const string Header = "id,time_utc,province,city,operator,technology,segment,source,dl_mbps,ul_mbps,latency_ms,jitter_ms,loss_pct,device_hash,test_server";

    /// <summary>The alert week; its baseline is the four weeks 2026-03-02 to 2026-03-29.</summary>
    private static readonly DateOnly Week = new(2026, 3, 30);

    private sealed record Group(string Province, string City, string Operator, Func<Random, double> Baseline, Func<Random, double> Current);

    /// <summary>
    /// China Mobile in Shenzhen loses its edge (a third of the week's tests at 10–30 Mbps); Beijing's
    /// China Mobile slows by a tenth, below the default 20% threshold; China Telecom does not change.
    /// </summary>
    private static readonly Group[] Groups =
    [
        new("440000", "440300", "cm", r => 100 + r.Next(200), r => r.Next(3) == 0 ? 10 + r.Next(21) : 100 + r.Next(200)),
        new("440000", "440100", "ct", r => 90 + r.Next(200), r => 90 + r.Next(200)),
        new("110000", "110100", "ct", r => 120 + r.Next(150), r => 120 + r.Next(150)),
        new("110000", "110100", "cm", r => 100 + r.Next(200), r => 0.9 * (100 + r.Next(200))),
    ];

    /// <summary>PERCENTILE_CONT: linear between closest ranks at (n − 1)·p.</summary>
    private static double P5(List<double> values)
    {
        var v = values.Order().ToArray();
        var h = (v.Length - 1) * 0.05;
        var lo = (int)Math.Floor(h);
        return v[lo] + ((h - lo) * (v[Math.Min(lo + 1, v.Length - 1)] - v[lo]));
    }

    private static (string Csv, Dictionary<Group, (List<double> Base, List<double> Cur)> Rates) Data()
    {
        var rng = new Random(17);
        var csv = new StringBuilder(Header + "\n");
        var rates = new Dictionary<Group, (List<double>, List<double>)>();
        var n = 0;
        foreach (var g in Groups)
        {
            var (b, c) = (new List<double>(), new List<double>());
            rates[g] = (b, c);
            void Add(DateOnly day, double dl, List<double> into)
            {
                dl = Math.Round(dl, 1);
                into.Add(dl);
                // 04:00–11:59 UTC is noon to eight in the evening in Beijing: the local date is the UTC date.
                var t = day.ToDateTime(new TimeOnly(4, 0), DateTimeKind.Utc).AddMinutes(rng.Next(8 * 60));
                csv.Append(CultureInfo.InvariantCulture, $"p{n++},{t:yyyy-MM-dd'T'HH:mm:ss'Z'},{g.Province},{g.City},{g.Operator},5g-sa,access,probe,{dl},{Math.Round(5 + (rng.NextDouble() * 20), 1)},{20 + rng.Next(30)},2,0.1,,\n");
            }
            for (var i = 0; i < 200; i++) Add(Week.AddDays(-28 + rng.Next(28)), g.Baseline(rng), b);
            for (var i = 0; i < 60; i++) Add(Week.AddDays(rng.Next(7)), g.Current(rng), c);
        }
        return (csv.ToString(), rates);
    }

    [GeneratedRegex("""<tr data-province="(\d{6})"(?: data-city="(\d{6})?")? data-operator="(\w+)">(.*?)</tr>""", RegexOptions.Singleline)]
    private static partial Regex AlertRow();

    [GeneratedRegex("""<td class="num">([^<]*)</td>""")]
    private static partial Regex NumberCell();

    private static List<(string Province, string? City, string Operator, string[] Numbers, string Html)> Rows(string html) =>
        [.. AlertRow().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value : null, m.Groups[3].Value,
            NumberCell().Matches(m.Groups[4].Value).Select(c => c.Groups[1].Value).ToArray(), m.Groups[4].Value))];

    [Fact]
    public async Task AlertsPage_ShowsTheDegradedGroup_WithItsFigures_AndNotTheHealthyOnes()
    {
        await using var server = await PlatformServer.StartAsync();
        var (csv, rates) = Data();
        var file = Path.Combine(Path.GetTempPath(), $"netq-alerts-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv);
        try
        {
            var report = await server.Services.GetRequiredService<INetworkQualityService>().ImportFileAsync(file, "csv");
            Assert.True(report.Succeeded, report.FileError + string.Join("; ", report.Problems));
            Assert.Equal(Groups.Length * 260, report.Inserted);
        }
        finally
        {
            File.Delete(file);
        }

        // No week given: the latest week with data, with the default 20% threshold and 30 tests.
        var html = await server.Http.GetStringAsync("/netq/alerts");
        Assert.Contains("2026-03-30 – 2026-04-05", html, StringComparison.Ordinal);
        var degraded = Groups[0];
        var (b, c) = rates[degraded];
        var (p5, baseP5) = (P5(c), P5(b));
        Assert.True(1 - (p5 / baseP5) > 0.2);
        var row = Assert.Single(Rows(html));
        Assert.Equal(("440000", "cm"), (row.Province, row.Operator));
        Assert.Contains("广东", row.Html, StringComparison.Ordinal);
        Assert.Contains("中国移动", row.Html, StringComparison.Ordinal);
        Assert.Equal(["60", p5.ToString("0.0", CultureInfo.InvariantCulture), "200", baseP5.ToString("0.0", CultureInfo.InvariantCulture),
            ((1 - (p5 / baseP5)) * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%"], row.Numbers);
        Assert.Contains("/netq?operator=cm&amp;province=440000&amp;from=2026-03-30&amp;to=2026-04-05&amp;by=city", row.Html, StringComparison.Ordinal);

        // A lower threshold also catches Beijing's China Mobile (a tenth slower), never the unchanged China Telecom.
        var (bb, bc) = rates[Groups[3]];
        var beijingFall = 1 - (P5(bc) / P5(bb));
        Assert.InRange(beijingFall, 0.05, 0.2);
        var lower = Rows(await server.Http.GetStringAsync("/netq/alerts?Drop=5&week=2026-04-02"));
        Assert.Equal([("440000", "cm"), ("110000", "cm")], lower.Select(r => (r.Province, r.Operator)));

        // Grouped by city, the alert names the city; more tests required than the week has: nothing.
        var byCity = await server.Http.GetStringAsync("/netq/alerts?By=city");
        var cityRow = Assert.Single(Rows(byCity));
        Assert.Equal("440300", cityRow.City);
        Assert.Contains("深圳市", cityRow.Html, StringComparison.Ordinal);
        var english = Assert.Single(Rows(await server.Http.GetStringAsync("/netq/alerts?By=city&culture=en")));
        foreach (var name in new[] { "Guangdong", "Shenzhen", "China Mobile" }) Assert.Contains(name, english.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"no-alerts\"", await server.Http.GetStringAsync("/netq/alerts?MinTests=61"), StringComparison.Ordinal);
        Assert.Single(Rows(await server.Http.GetStringAsync("/netq/alerts?MinTests=60")));
        // The week before the incident is healthy everywhere.
        Assert.Empty(Rows(await server.Http.GetStringAsync("/netq/alerts?week=2026-03-23")));

        // Exports keep the codes and add the names.
        var export = await server.Http.GetStringAsync("/netq/alerts?handler=csv&by=city");
        var lines = export.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("week,province,province_name,city,city_name,operator,operator_name,count,dl_p5,baseline_count,baseline_dl_p5,drop", lines[0]);
        var fields = Assert.Single(lines[1..]).Split(',');
        Assert.Equal(["2026-03-30", "440000", "广东", "440300", "深圳市", "cm", "中国移动", "60"], fields[..8]);
        Assert.Equal(p5, double.Parse(fields[8], CultureInfo.InvariantCulture), 9);
        var xlsx = await server.Http.GetAsync("/netq/alerts?handler=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal((byte)'P', (await xlsx.Content.ReadAsByteArrayAsync())[0]);

        // Bad input is named, and nothing is computed.
        var bad = await server.Http.GetStringAsync("/netq/alerts?Drop=120&MinTests=0&week=30.03.2026");
        Assert.Contains("id=\"problems\"", bad, StringComparison.Ordinal);
        foreach (var field in new[] { "Drop:", "MinTests:", "Week:" }) Assert.Contains(field, bad, StringComparison.Ordinal);
        Assert.Empty(Rows(bad));
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Http.GetAsync("/netq/alerts?handler=csv&Drop=x")).StatusCode);
    }

    [Fact]
    public async Task RankingPage_NamesCities_DrawsTheProvinceMap_AndLinksToAlerts()
    {
        await using var server = await PlatformServer.StartAsync();
        var (csv, _) = Data();
        var file = Path.Combine(Path.GetTempPath(), $"netq-rank-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv);
        try
        {
            Assert.True((await server.Services.GetRequiredService<INetworkQualityService>().ImportFileAsync(file, "csv")).Succeeded);
        }
        finally
        {
            File.Delete(file);
        }
        var ranking = await server.Http.GetStringAsync("/netq");
        Assert.Contains("href=\"/netq/alerts", ranking, StringComparison.Ordinal);
        var tiles = TileCode().Matches(ranking).Select(m => m.Groups[1].Value).Order().ToList();
        Assert.Equal(["110000", "440000"], tiles);
        Assert.Equal(29, EmptyTile().Count(ranking));
        Assert.Contains("aria-label=\"广东：加权平均下载速率", ranking, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Guangdong: Weighted download rate ", await server.Http.GetStringAsync("/netq?culture=en"), StringComparison.Ordinal);

        var cities = await server.Http.GetStringAsync("/netq?by=city&province=440000");
        Assert.Contains("深圳市", cities, StringComparison.Ordinal);
        Assert.Contains("广州市", cities, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"province-map\"", cities, StringComparison.Ordinal);
        Assert.Contains("/netq?province=440000&amp;city=440300&amp;by=operator", cities, StringComparison.Ordinal);

        // The page's export names the cities beside their codes; its figures are the API's.
        var export = (await server.Http.GetStringAsync("/netq?handler=csv&by=city&province=440000")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var api = (await server.Http.GetStringAsync("/api/v1/netq/ranking?by=city&province=440000&format=csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("rank,city,name,count,", export[0], StringComparison.Ordinal);
        Assert.Equal(api[0], export[0]);
        Assert.Equal(3, export.Length);
        for (var i = 1; i < export.Length; i++)
        {
            var (mine, theirs) = (export[i].Split(','), api[i].Split(','));
            Assert.Equal(theirs[1], mine[1]);
            Assert.Equal(mine[1] == "440300" ? "深圳市" : "广州市", mine[2]);
            Assert.Equal(theirs[3..], mine[3..]);
        }
        Assert.Equal((byte)'P', (await server.Http.GetByteArrayAsync("/netq?handler=xlsx&by=city&province=440000"))[0]);
        Assert.Contains("href=\"/netq?handler=csv&amp;", ranking, StringComparison.Ordinal);

        var operators = await server.Http.GetStringAsync("/netq?by=operator&province=440000&city=440300");
        Assert.Contains("广东 › 深圳市", operators, StringComparison.Ordinal);
        var table = operators[operators.IndexOf("<table id=\"ranking\">", StringComparison.Ordinal)..];
        Assert.Contains("中国移动", table, StringComparison.Ordinal);
        Assert.DoesNotContain("中国电信", table, StringComparison.Ordinal);
    }

    [GeneratedRegex("""<a href="[^"]*" class="tile" data-code="(\d{6})"[^>]*>""")]
    private static partial Regex TileCode();

    [GeneratedRegex("""<g class="tile-empty" data-code="\d{6}"[^>]*>""")]
    private static partial Regex EmptyTile();
}
