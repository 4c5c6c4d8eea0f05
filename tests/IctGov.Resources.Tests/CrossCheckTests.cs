using System.Text;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Resources.Contracts;
using IctGov.Resources.Data;
using IctGov.Resources.Domain;
using IctGov.Resources.Features;

namespace IctGov.Resources.Tests;

/// <summary>Cross-verification (全量核查) on both engines: each rule fires on the records that break it, and only on them.</summary>
public class CrossCheckTests
{
    private static readonly Actor Guangdong = new("user:gd", "广东", Role.ProvinceAdmin, "440000", null, ["440000"]);
    private static readonly Actor Beijing = new("user:bj", "北京", Role.ProvinceAdmin, "110000", null, ["110000"]);

    [Theory]
    [InlineData("深圳示例科技有限公司", "深圳示例科技股份有限公司", true)] // trailing company form
    [InlineData("深圳示例科技有限公司", "深圳示例科技 有限公司", true)]
    [InlineData("ＡＢＣ科技（深圳）有限公司", "ABC科技(深圳)有限公司", true)] // full-width and half-width
    [InlineData("Example Co., Ltd.", "EXAMPLE", true)]
    [InlineData("深圳示例科技有限公司", "深圳示范科技有限公司", false)] // a different word is a different name
    [InlineData("深圳示例科技有限公司", "深圳示例科技发展有限公司", false)]
    public void NameMatch_ToleratesWidthSpacingAndCompanyForm_ButNothingFuzzier(string a, string b, bool same) =>
        Assert.Equal(same, NameMatch.Same(a, b));

    [Theory, DatabaseData]
    public async Task Run_FindsEachRuleOnItsRecords_OnceOnly_AndFindingsAreAssignedAndClosedByTheirProvince(DatabaseProvider provider)
    {
        await using var h = await TestData.StartAsync(provider);
        await TestData.SeedAsync(h);
        Assert.True((await h.WithAsync<IResourceRegistry, Outcome<BatchResult>>(r => r.AddProvidersAsync(TestData.Ministry,
            [new ProviderInput("广东无证接入有限公司", TestData.UnlicensedProviderCode, null, "440000")]))).Succeeded);
        Assert.True((await h.WithAsync<IResourceRegistry, Outcome<BatchResult>>(r => r.AddDomainsAsync(TestData.Ministry, [
            new DomainInput("other.cn", "r", "深圳示例科技股份有限公司", null, "2020-01-01", "2030-01-01", null),
            new DomainInput("mismatch.cn", "r", "深圳示范科技有限公司", null, "2020-01-01", "2030-01-01", null),
        ]))).Succeeded);
        await using (var scope = h.Scope())
        {
            // A subject from before codes were checked on entry.
            var db = scope.ServiceProvider.GetRequiredService<ResourcesDbContext>();
            db.Subjects.Add(new SubjectRow { Kind = "organisation", Name = "旧数据公司", CreditCode = "914403001922038217", RegionCode = "440000" });
            await db.SaveChangesAsync();
        }
        var input = new FilingInput("website", "SUBJ-1", "PROV-1", "示例", "example.cn 例子.中国 other.cn missing.cn mismatch.cn",
            "203.0.113.10 203.0.113.70", "李四", "11010519491231002X", "企业官网");
        var id = (await h.WithAsync<Filings, Outcome<FilingView>>(f => f.SubmitAsync(TestData.Ministry, input, default))).Value!.Id;
        await h.WithAsync<Filings, Outcome<FilingView>>(f => f.VerifyAsync(TestData.Ministry, id, default));
        Assert.True((await h.WithAsync<Filings, Outcome<FilingView>>(f => f.ApproveAsync(Guangdong, id, default))).Succeeded);

        Assert.Equal(OutcomeStatus.Forbidden, (await h.WithAsync<CrossCheck, Outcome<int>>(c => c.RunAsync(Guangdong, default))).Status);
        Assert.Equal(6, (await h.WithAsync<CrossCheck, Outcome<int>>(c => c.RunAsync(TestData.Ministry, default))).Value);
        var findings = await h.WithAsync<CrossCheck, IReadOnlyList<FindingView>>(c => c.ListAsync(TestData.Ministry, null, default));
        Assert.Equal(
            ["address_outside_provider 203.0.113.70", "bad_credit_code 914403001922038217", "domain_not_registered missing.cn",
             "expired_domain xn--fsqu00a.xn--fiqs8s", "provider_without_licence ", "registrant_mismatch mismatch.cn"],
            findings.Select(f => $"{f.Rule} {f.Other}").Order(StringComparer.Ordinal));
        Assert.All(findings.Where(f => f.Rule != "bad_credit_code" && f.Rule != "provider_without_licence"), f => Assert.Equal("粤ICP备00000001号-1", f.Record));
        Assert.Equal(0, (await h.WithAsync<CrossCheck, Outcome<int>>(c => c.RunAsync(TestData.Ministry, default))).Value); // recorded once

        const string dns = "domain,address,firstSeen,lastSeen\nexample.cn,203.0.113.10,2026-05-01,2026-05-31\nunfiled.cn,203.0.113.20,2026-05-01,2026-05-31\noutside.cn,198.51.100.1,2026-05-01,2026-05-31\n";
        Assert.Equal(1, (await h.WithAsync<CrossCheck, Outcome<int>>(c => c.CheckDnsAsync(TestData.Ministry, Csv(dns), default))).Value);
        var bad = await h.WithAsync<CrossCheck, Outcome<int>>(c => c.CheckDnsAsync(TestData.Ministry, Csv(dns + "x_y.cn,10.0.0.300,2026-05-01,soon\n"), default));
        Assert.Equal(["5:domain", "5:address", "5:lastSeen"], bad.Errors.Select(e => $"{e.Row}:{e.Field}"));

        var unfiled = (await h.WithAsync<CrossCheck, IReadOnlyList<FindingView>>(c => c.ListAsync(Guangdong, null, default))).Where(f => f.Rule == "unfiled_domain").ToList();
        Assert.Empty(unfiled); // the block 203.0.113.0/26 is used in 北京, so it is Beijing's finding
        var finding = (await h.WithAsync<CrossCheck, IReadOnlyList<FindingView>>(c => c.ListAsync(Beijing, null, default))).Single(f => f.Rule == "unfiled_domain");
        Assert.Equal(OutcomeStatus.Forbidden, (await h.WithAsync<CrossCheck, Outcome<FindingView>>(c => c.CloseAsync(Guangdong, finding.Id, "不归我", default))).Status);
        Assert.Equal("assigned", (await h.WithAsync<CrossCheck, Outcome<FindingView>>(c => c.AssignAsync(Beijing, finding.Id, "王五", default))).Value!.State);
        Assert.Equal(OutcomeStatus.Invalid, (await h.WithAsync<CrossCheck, Outcome<FindingView>>(c => c.CloseAsync(Beijing, finding.Id, "", default))).Status);
        Assert.Equal("closed", (await h.WithAsync<CrossCheck, Outcome<FindingView>>(c => c.CloseAsync(Beijing, finding.Id, "已责令备案", default))).Value!.State);
        Assert.Equal(OutcomeStatus.Conflict, (await h.WithAsync<CrossCheck, Outcome<FindingView>>(c => c.AssignAsync(Beijing, finding.Id, "王五", default))).Status);

        var csv = CrossCheck.Csv(await h.WithAsync<CrossCheck, IReadOnlyList<FindingView>>(c => c.ListAsync(TestData.Ministry, "closed", default)));
        Assert.StartsWith("\uFEFFid,rule,record", csv, StringComparison.Ordinal);
        Assert.Contains("\"unfiled_domain\",\"unfiled.cn\",\"203.0.113.20\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"已责令备案\"", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_NeutralisesFormulas() =>
        Assert.Contains("\"'=HYPERLINK(1)\"", CrossCheck.Csv([new FindingView(1, "r", "=HYPERLINK(1)", null, "m", "110000", "open", null, null, new DateOnly(2026, 6, 1))]), StringComparison.Ordinal);

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));
}
