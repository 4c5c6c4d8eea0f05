using IctGov.Audit;
using IctGov.Kernel.Security;
using IctGov.Resources.Contracts;

namespace IctGov.Resources.Tests;

/// <summary>A small registry: two subjects, two providers, a registry block with allocations, and domains.</summary>
internal static class TestData
{
    public static readonly Actor Ministry = new("user:m", "部管理员", Role.MinistryAdmin, null, "ministry", ["100000"]);

    /// <summary>Credit codes whose check characters hold (computed from GB 32100-2015 by an independent script).</summary>
    public const string SubjectCode = "914403001922038216";
    public const string OtherSubjectCode = "91110000MA01ABCD52";
    public const string ProviderCode = "91110000MA01ABCE3W";
    public const string UnlicensedProviderCode = "91440000MA01ABCF18";

    public static Task<ModuleHarness> StartAsync(DatabaseProvider provider) =>
        ModuleHarness.StartAsync(provider, [new AuditModule(), new ResourcesModule()]);

    public static async Task SeedAsync(ModuleHarness h)
    {
        await AssertOk(h, r => r.AddSubjectsAsync(Ministry, [
            new SubjectInput("organisation", "深圳示例科技有限公司", SubjectCode, null, "440000"),
            new SubjectInput("individual", "张三", null, "11010519491231002X", "110000"),
        ]));
        await AssertOk(h, r => r.AddProvidersAsync(Ministry, [
            new ProviderInput("北京示例云计算有限公司", ProviderCode, "B1.B2-20180001", "110000"),
        ]));
        await AssertOk(h, r => r.AddPrefixesAsync(Ministry, [
            new PrefixInput("203.0.113.0/24", null, "registry", "CNNIC", null, "100000", "2020-01-01"),
            new PrefixInput("203.0.113.0/26", null, "allocation", "PROV-1", "IDC", "110000", "2020-02-01"),
            new PrefixInput("203.0.113.64/26", "203.0.113.0/24", "allocation", "某运营商", null, "440000", "2020-02-01"),
            new PrefixInput("2001:db8::/32", null, "registry", "CNNIC", null, "100000", "2020-01-01"),
            new PrefixInput("2001:db8:100::/40", null, "allocation", ProviderCode, "云服务", "110000", "2021-03-01"),
        ]));
        await AssertOk(h, r => r.AddDomainsAsync(Ministry, [
            new DomainInput("example.cn", "示例注册服务机构", "SUBJ-1", "clientTransferProhibited", "2019-05-01", "2027-05-01", "ns1.example.cn ns2.example.cn"),
            new DomainInput("例子.中国", "示例注册服务机构", SubjectCode, "", "2020-01-10", "2026-01-10", "ns1.example.cn"),
            new DomainInput("personal.cn", "示例注册服务机构", "SUBJ-2", "ok", "2021-01-01", "2027-01-01", "dns.personal.cn"),
        ]));
    }

    private static async Task AssertOk(ModuleHarness h, Func<IResourceRegistry, Task<IctGov.Kernel.Results.Outcome<BatchResult>>> write)
    {
        var outcome = await h.WithAsync(write);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Describe()));
    }
}
