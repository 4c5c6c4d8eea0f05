using System.Text;
using IctGov.Audit.Contracts;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Resources.Contracts;
using IctGov.Resources.Data;
using IctGov.Resources.Features;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Resources.Tests;

/// <summary>The registry on both engines: what it accepts, what it refuses and that a refused batch writes nothing.</summary>
public class RegistryTests
{
    [Theory, DatabaseData]
    public async Task Seed_LinksRegistrantsAndHolders_AndAuditsEachBatch(DatabaseProvider provider)
    {
        await using var h = await TestData.StartAsync(provider);
        await TestData.SeedAsync(h);

        var domain = await h.WithAsync<IResourceRegistry, DomainView?>(r => r.FindDomainAsync("XN--FSQU00A.xn--fiqs8s"));
        Assert.Equal("例子.中国", domain!.UnicodeName);
        Assert.Equal("SUBJ-1", domain.RegistrantHandle);
        Assert.Equal(["ok"], domain.Statuses);
        var example = await h.WithAsync<IResourceRegistry, DomainView?>(r => r.FindDomainAsync("example.cn"));
        Assert.Equal(["ns1.example.cn", "ns2.example.cn"], example!.NameServers);

        var subject = await h.WithAsync<ResourceRegistry, SubjectView?>(r => r.FindSubjectAsync(2, default));
        Assert.Equal("11***************X", subject!.IdMasked);
        await using (var scope = h.Scope())
        {
            // The identity number itself is nowhere in the table.
            var db = scope.ServiceProvider.GetRequiredService<ResourcesDbContext>();
            var row = await db.Subjects.SingleAsync(s => s.Id == 2);
            Assert.DoesNotContain("19491231", row.IdMasked + row.IdFingerprint + row.Name, StringComparison.Ordinal);
        }

        var check = await h.Get<IAuditVerifier>().VerifyAsync();
        Assert.Equal(4L, check.Count);
        Assert.Null(check.Problem);
    }

    [Theory, DatabaseData]
    public async Task Prefixes_LongestMatchWins_AndParentIsInferredOrNamed(DatabaseProvider provider)
    {
        await using var h = await TestData.StartAsync(provider);
        await TestData.SeedAsync(h);

        var hit = await h.WithAsync<IResourceRegistry, PrefixView?>(r => r.FindPrefixAsync("203.0.113.10"));
        Assert.Equal("203.0.113.0/26", hit!.Prefix);
        Assert.Equal("203.0.113.0/24", hit.Parent);
        Assert.Equal("PROV-1", hit.ProviderHandle);
        Assert.Equal("203.0.113.0/24", (await h.WithAsync<IResourceRegistry, PrefixView?>(r => r.FindPrefixAsync("203.0.113.200")))!.Prefix);
        var v6 = await h.WithAsync<IResourceRegistry, PrefixView?>(r => r.FindPrefixAsync("2001:db8:1ff:ffff::1"));
        Assert.Equal("2001:db8:100::/40", v6!.Prefix);
        Assert.Equal("北京示例云计算有限公司", v6.Holder); // the holder was named by credit code
        Assert.Null(await h.WithAsync<IResourceRegistry, PrefixView?>(r => r.FindPrefixAsync("198.51.100.1")));
    }

    [Theory, DatabaseData]
    public async Task Prefixes_RefuseOverlapWithASibling_NamingIt_AndWriteNothing(DatabaseProvider provider)
    {
        await using var h = await TestData.StartAsync(provider);
        await TestData.SeedAsync(h);

        var outcome = await h.WithAsync<IResourceRegistry, Outcome<BatchResult>>(r => r.AddPrefixesAsync(TestData.Ministry, [
            new PrefixInput("203.0.113.128/26", null, "allocation", "甲", null, "110000", "2022-01-01"), // fine on its own
            new PrefixInput("203.0.113.32/27", "203.0.113.0/24", "allocation", "乙", null, "110000", "2022-01-01"), // inside the sibling /26
            new PrefixInput("203.0.113.0/25", "203.0.113.0/24", "allocation", "丙", null, "110000", "2022-01-01"), // swallows two siblings
            new PrefixInput("203.0.113.0/26", null, "allocation", "丁", null, "110000", "2022-01-01"), // exists
            new PrefixInput("198.51.100.0/24", "203.0.113.0/24", "allocation", "戊", null, "110000", "2022-01-01"), // outside the parent
            new PrefixInput("198.51.100.0/28", null, "assignment", "己", null, "110000", "2022-01-01"), // no block contains it
            new PrefixInput("2001:db8:100::/48", null, "registry", "庚", null, "100000", "2022-01-01"), // registry inside a block
            new PrefixInput("203.0.113.144/28", "203.0.113.128/26", "assignment", "辛", null, "110000", "2022-01-01"), // inside row 1: fine
            new PrefixInput("203.0.113.150/31", null, "assignment", "壬", null, "110000", "2022-01-01"), // inside an assignment
        ]));
        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal([2L, 3L, 4L, 5L, 6L, 7L, 9L], outcome.Errors.Select(e => e.Row));
        Assert.Contains("overlaps 203.0.113.0/26", outcome.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("overlaps 203.0.113.0/26", outcome.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("already registered", outcome.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("does not lie inside 203.0.113.0/24", outcome.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("203.0.113.144/28 is an assignment", outcome.Errors[6].Message, StringComparison.Ordinal);
        Assert.Equal(5, (await h.WithAsync<ResourceRegistry, RegistryCounts>(r => r.CountAsync(default))).Ipv4Prefixes + 2);
    }

    [Theory, DatabaseData]
    public async Task Batch_WithOneBadRow_WritesNothing_AndNamesEveryBadField(DatabaseProvider provider)
    {
        await using var h = await TestData.StartAsync(provider);
        var outcome = await h.WithAsync<IResourceRegistry, Outcome<BatchResult>>(r => r.AddSubjectsAsync(TestData.Ministry, [
            new SubjectInput("organisation", "甲公司", TestData.SubjectCode, null, "440000"),
            new SubjectInput("organisation", "乙公司", "914403001922038217", null, "440000"),
            new SubjectInput("individual", "李四", null, "110105194912310021", "110000"),
            new SubjectInput("club", "", null, null, "999999"),
            new SubjectInput("organisation", "丙公司", TestData.SubjectCode, null, "440000"),
        ]));
        Assert.Equal(OutcomeStatus.Invalid, outcome.Status);
        Assert.Equal(["2:creditCode", "3:idNumber", "4:kind", "4:name", "4:region", "5:creditCode"], outcome.Errors.Select(e => $"{e.Row}:{e.Field}"));
        Assert.DoesNotContain("110105194912310021", string.Join(' ', outcome.Describe()), StringComparison.Ordinal);
        Assert.Equal(0, (await h.WithAsync<ResourceRegistry, RegistryCounts>(r => r.CountAsync(default))).Subjects);

        var province = new Actor("user:gd", "广东", Role.ProvinceAdmin, "440000", null, ["440000"]);
        var refused = await h.WithAsync<IResourceRegistry, Outcome<BatchResult>>(r => r.AddSubjectsAsync(province, [new SubjectInput("organisation", "甲", TestData.SubjectCode, null, "440000")]));
        Assert.Equal(OutcomeStatus.Forbidden, refused.Status);
    }

    [Theory, DatabaseData]
    public async Task Domains_RefuseBadNamesDatesStatusesAndDuplicates(DatabaseProvider provider)
    {
        await using var h = await TestData.StartAsync(provider);
        await TestData.SeedAsync(h);
        var outcome = await h.WithAsync<IResourceRegistry, Outcome<BatchResult>>(r => r.AddDomainsAsync(TestData.Ministry, [
            new DomainInput("EXAMPLE.cn", "r", "x", null, "2020-01-01", "2021-01-01", null),
            new DomainInput("bad_name.cn", "r", "x", "frozen", "2020-13-01", "2019-01-01", "ns..x"),
            new DomainInput("new.cn", "r", "SUBJ-99", null, "2020-01-01", "2020-01-01", null),
        ]));
        Assert.Equal(["1:name", "2:name", "2:status", "2:created", "2:nameServers", "3:registrant", "3:expires"], outcome.Errors.Select(e => $"{e.Row}:{e.Field}"));
        Assert.Equal(3, (await h.WithAsync<ResourceRegistry, RegistryCounts>(r => r.CountAsync(default))).Domains);
    }

    [Theory, DatabaseData]
    public async Task CsvImport_NamesSpreadsheetRows_AndAcceptsAGoodFile(DatabaseProvider provider)
    {
        await using var h = await TestData.StartAsync(provider);
        await TestData.SeedAsync(h);
        const string bad = "name,registrar,registrant,status,created,expires,nameServers\n" +
            "good.cn,注册商,SUBJ-1,ok,2020-01-01,2030-01-01,ns1.good.cn\n" +
            "-bad.cn,注册商,SUBJ-1,ok,2020-01-01,2030-01-01,\n";
        var refused = await ImportAsync(h, "domains", bad);
        Assert.Equal("3:name", Assert.Single(refused.Errors) is var e ? $"{e.Row}:{e.Field}" : "");
        Assert.Null(await h.WithAsync<IResourceRegistry, DomainView?>(r => r.FindDomainAsync("good.cn")));

        var ok = await ImportAsync(h, "domains", bad.Replace("-bad.cn", "bücher.cn", StringComparison.Ordinal));
        Assert.Equal(2, ok.Value!.Written);
        Assert.Equal("xn--bcher-kva.cn", (await h.WithAsync<IResourceRegistry, DomainView?>(r => r.FindDomainAsync("bücher.cn")))!.Name);

        var missing = await ImportAsync(h, "prefixes", "prefix,kind\n10.0.0.0/8,registry\n");
        Assert.Contains(missing.Errors, x => x.Field == "header" || x.Row <= 1);
    }

    private static async Task<Outcome<BatchResult>> ImportAsync(ModuleHarness h, string register, string csv)
    {
        await using var scope = h.Scope();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await scope.ServiceProvider.GetRequiredService<RegistryImport>().ImportAsync(TestData.Ministry, register, stream, "x.csv", "text/csv", default);
    }
}
