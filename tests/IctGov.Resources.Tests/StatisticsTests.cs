using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IctGov.Kernel.Security;
using IctGov.Planning.Contracts;
using IctGov.Resources.Features;

namespace IctGov.Resources.Tests;

/// <summary>Statistics into the plan over HTTP on both engines: the figures, the page, and the IPv6 allocation figures published as the plan's observations.</summary>
public class StatisticsTests
{
    [Theory]
    [InlineData(4, 24, "256")]
    [InlineData(4, 32, "1")]
    [InlineData(6, 20, "4096")]
    [InlineData(6, 32, "1")]
    [InlineData(6, 48, "0.0000152587890625")]
    [InlineData(6, 128, "0.0000000000000000000000000000")]
    public void Size_IsAddressesForIpv4_AndSlash32BlocksForIpv6(int version, int length, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ResourceStatistics.Size(version, length));

    [Theory, DatabaseData]
    public async Task Figures_CountFilingsDomainsAndHoldings_AndTheIpv6FiguresReachThePlan(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider); // Monday 2026-06-01
        await RdapTests.SeedOverHttpAsync(server);
        // A sub-allocation and an assignment inside PROV-1's blocks are not counted again; an allocation of 2025 is in 2025's figure.
        var more = await server.Admin.PostAsync("/api/v1/resources/prefixes/import", new StringContent(
            "prefix,parent,kind,holder,purpose,region,allocated\n" +
            "203.0.113.0/28,,allocation,某客户,,110000,2020-03-01\n" +
            "2001:db8:100::/48,,assignment,某客户,,110000,2021-04-01\n" +
            "2001:db8:8000::/33,,allocation,某运营商,,440000,2025-05-01\n", System.Text.Encoding.UTF8, "text/csv"));
        Assert.True(more.IsSuccessStatusCode, await more.Content.ReadAsStringAsync());
        await server.CreateUserAsync("gd-stat", "gd-stat-password-1", Role.ProvinceAdmin, "440000");
        var guangdong = server.Client();
        await PlatformServer.LoginAsync(guangdong, "gd-stat", "gd-stat-password-1");
        var filing = await server.Admin.PostAsJsonAsync("/api/v1/resources/filings", new
        {
            kind = "website", subject = "SUBJ-1", provider = "PROV-1", name = "示例官网", domains = "example.cn", addresses = "203.0.113.10",
            responsibleName = "李四", responsibleId = "11010519491231002X", category = "企业官网",
        });
        var id = (long)JsonNode.Parse(await filing.Content.ReadAsStringAsync())!["id"]!;
        Assert.True((await server.Admin.PostAsync($"/api/v1/resources/filings/{id}/verify", null)).IsSuccessStatusCode);
        Assert.True((await guangdong.PostAsync($"/api/v1/resources/filings/{id}/approve", null)).IsSuccessStatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.GetAsync("/api/v1/resources/statistics")).StatusCode);
        var f = (await guangdong.GetFromJsonAsync<JsonObject>("/api/v1/resources/statistics"))!;
        static string Bars(JsonNode? list, string value = "value") =>
            string.Join("; ", list!.AsArray().Select(t => $"{(string)t!["key"]!}={(decimal)t[value]!}"));
        Assert.Equal(1, (long)f["filings"]!);
        Assert.Equal("440000=1", Bars(f["filingsByProvince"]));
        Assert.Equal("website=1", Bars(f["filingsByKind"]));
        Assert.Equal("PROV-1=1", Bars(f["filingsByProvider"]));
        Assert.Equal(4, (long)f["domains"]!);
        Assert.Equal("SUBJ-1=2; individual=1; unregistered=1", Bars(f["domainsByHolder"]));
        Assert.Equal("440000=2; 110000=1; unregistered=1", Bars(f["domainsByProvince"]));
        Assert.Equal("北京示例云计算有限公司=64", Bars(f["ipv4ByHolder"], "size"));
        Assert.Equal("110000=64", Bars(f["ipv4ByProvince"], "size"));
        Assert.Equal("某运营商=0.5; 北京示例云计算有限公司=0.00390625", Bars(f["ipv6ByHolder"], "size"));
        Assert.Equal("440000=0.5; 110000=0.00390625", Bars(f["ipv6ByProvince"], "size"));

        var page = await guangdong.GetStringAsync("/resources/statistics");
        Assert.Contains("id=\"chart-ipv6-province\"", page, StringComparison.Ordinal);
        Assert.Contains("广东", page, StringComparison.Ordinal);

        // Only the ministry publishes; 2025 is final and counts what had been allocated by its end.
        Assert.Equal(HttpStatusCode.Forbidden, (await guangdong.PostAsync("/api/v1/resources/statistics/2025/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Admin.PostAsync("/api/v1/resources/statistics/2025-Q1/publish", null)).StatusCode);
        var y2025 = await server.Admin.PostAsync("/api/v1/resources/statistics/2025/publish", null);
        var body2025 = JsonNode.Parse(await y2025.Content.ReadAsStringAsync())!;
        Assert.True(y2025.IsSuccessStatusCode, body2025.ToJsonString());
        Assert.Equal("final", (string)body2025["status"]!);
        Assert.Equal(
            ["ipv6_allocations 100000 2", "ipv6_address_blocks_32 100000 0.503906", "ipv6_allocations 110000 1", "ipv6_address_blocks_32 110000 0.003906",
             "ipv6_allocations 440000 1", "ipv6_address_blocks_32 440000 0.5"],
            body2025["observations"]!.AsArray().Select(o => $"{(string)o!["subject"]!} {(string)o["region"]!} {(decimal)o["value"]!}"));
        var y2020 = await server.Admin.PostAsync("/api/v1/resources/statistics/2020/publish", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, y2020.StatusCode); // no IPv6 block allocated by the end of 2020
        var y2026 = JsonNode.Parse(await (await server.Admin.PostAsync("/api/v1/resources/statistics/2026/publish", null)).Content.ReadAsStringAsync())!;
        Assert.Equal("provisional", (string)y2026["status"]!);

        await using var scope = server.Services.CreateAsyncScope();
        var catalogue = await scope.ServiceProvider.GetRequiredService<ICatalogueReader>().ListAsync();
        var allocations = catalogue.Single(e => e.Key == ResourceStatistics.Ipv6Allocations);
        Assert.Equal(("2025", "2026", 6), (allocations.FirstPeriod, allocations.LastPeriod, allocations.Observations));
    }
}
