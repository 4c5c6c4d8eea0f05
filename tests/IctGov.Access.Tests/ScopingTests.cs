using IctGov.Access.Contracts;
using IctGov.Access.Data;
using IctGov.Access.Features;
using IctGov.Access.Tests.Infrastructure;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;

namespace IctGov.Access.Tests;

/// <summary>Who may create which accounts and tokens (部省两级): a province never acts for another province.</summary>
public class ScopingTests
{
    private const string Password = "a-long-enough-password";

    [Fact]
    public void Rules_ProvinceAdministersOnlyBranchesAndEnterprisesInItsRegion()
    {
        var gdBranch = new OrgUnit { Id = "ct-440000", Kind = OrgUnitKind.OperatorBranch, RegionCode = "440000", ParentId = "ct" };
        var bjBranch = new OrgUnit { Id = "ct-110000", Kind = OrgUnitKind.OperatorBranch, RegionCode = "110000", ParentId = "ct" };
        var gdEnterprise = new OrgUnit { Id = "gd-isp", Kind = OrgUnitKind.Enterprise, RegionCode = "440000" };
        var headquarters = new OrgUnit { Id = "ct", Kind = OrgUnitKind.Operator };
        var gdAdministration = new OrgUnit { Id = "prov-440000", Kind = OrgUnitKind.ProvinceAdministration, RegionCode = "440000" };

        Assert.True(AccessRules.MayAdministerUnit(AccessHarness.Guangdong, gdBranch));
        Assert.True(AccessRules.MayAdministerUnit(AccessHarness.Guangdong, gdEnterprise));
        Assert.False(AccessRules.MayAdministerUnit(AccessHarness.Guangdong, bjBranch));
        Assert.False(AccessRules.MayAdministerUnit(AccessHarness.Guangdong, headquarters));
        Assert.False(AccessRules.MayAdministerUnit(AccessHarness.Guangdong, gdAdministration));
        Assert.True(AccessRules.MayAdministerUnit(AccessHarness.Ministry, headquarters));
        Assert.False(AccessRules.MayAdministerUnit(AccessHarness.GuangdongTelecom, gdBranch));
        Assert.False(AccessRules.MayAdministerUnit(Actor.Anonymous, gdBranch));
        // A province administrator whose region went missing administers nothing, not everything without a region.
        Assert.False(AccessRules.MayAdministerUnit(AccessHarness.Guangdong with { RegionCode = null }, headquarters));
    }

    [Theory, DatabaseData]
    public async Task Ministry_CreatesEveryRole(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        Assert.True((await harness.CreateUserAsync(AccessHarness.Ministry, new NewUser("m2", Password, Role.MinistryAdmin, null, null))).Succeeded);
        Assert.True((await harness.CreateUserAsync(AccessHarness.Ministry, new NewUser("bj", Password, Role.ProvinceAdmin, "110000", null))).Succeeded);
        var reporter = await harness.CreateUserAsync(AccessHarness.Ministry, new NewUser("cm-hq", Password, Role.Reporter, null, "cm"));
        Assert.True(reporter.Succeeded);
        Assert.Equal(31, reporter.Value!.Regions.Count);
    }

    [Theory, DatabaseData]
    public async Task Province_CreatesReportersOnlyForUnitsInItsOwnRegion(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        var own = await harness.CreateUserAsync(AccessHarness.Guangdong, new NewUser("gd-ct", Password, Role.Reporter, null, "ct-440000"));
        Assert.True(own.Succeeded, string.Join("; ", own.Describe()));
        Assert.Equal(["440000"], own.Value!.Regions);

        var other = await harness.CreateUserAsync(AccessHarness.Guangdong, new NewUser("bj-ct", Password, Role.Reporter, null, "ct-110000"));
        Assert.Equal(OutcomeStatus.Forbidden, other.Status);
        Assert.Contains("110000", other.Problem, StringComparison.Ordinal);
        Assert.Equal(OutcomeStatus.Forbidden, (await harness.CreateUserAsync(AccessHarness.Guangdong, new NewUser("ct-hq", Password, Role.Reporter, null, "ct"))).Status);
    }

    [Theory, DatabaseData]
    public async Task Province_NeverCreatesAdministrators(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        Assert.Equal(OutcomeStatus.Forbidden, (await harness.CreateUserAsync(AccessHarness.Guangdong, new NewUser("gd2", Password, Role.ProvinceAdmin, "440000", null))).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await harness.CreateUserAsync(AccessHarness.Guangdong, new NewUser("bj2", Password, Role.ProvinceAdmin, "110000", null))).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await harness.CreateUserAsync(AccessHarness.Guangdong, new NewUser("root", Password, Role.MinistryAdmin, null, null))).Status);
    }

    [Theory, DatabaseData]
    public async Task ReportersAndThePublic_AdministerNothing(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        foreach (var actor in new[] { AccessHarness.GuangdongTelecom, Actor.Anonymous })
        {
            Assert.Equal(OutcomeStatus.Forbidden, (await harness.CreateUserAsync(actor, new NewUser("x" + actor.Role, Password, Role.Reporter, null, "ct-440000"))).Status);
            Assert.Equal(OutcomeStatus.Forbidden, (await harness.IssueTokenAsync(actor, "ct-440000")).Status);
            Assert.Empty(await harness.WithAsync<IAccessAdministration, IReadOnlyList<TokenInfo>>(a => a.ListTokensAsync(actor)));
        }
    }

    [Theory, DatabaseData]
    public async Task Province_IssuesListsAndRevokesTokensOnlyForItsOwnRegion(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        var gd = await harness.IssueTokenAsync(AccessHarness.Guangdong, "cu-440000");
        Assert.True(gd.Succeeded);
        Assert.Equal(OutcomeStatus.Forbidden, (await harness.IssueTokenAsync(AccessHarness.Guangdong, "cu-110000")).Status);
        Assert.Equal(OutcomeStatus.Forbidden, (await harness.IssueTokenAsync(AccessHarness.Guangdong, "cu")).Status);
        var bj = await harness.IssueTokenAsync(AccessHarness.Beijing, "cu-110000");
        Assert.True(bj.Succeeded);

        var gdList = await harness.WithAsync<IAccessAdministration, IReadOnlyList<TokenInfo>>(a => a.ListTokensAsync(AccessHarness.Guangdong));
        Assert.Equal([gd.Value!.Id], gdList.Select(t => t.Id));
        Assert.Equal(2, (await harness.WithAsync<IAccessAdministration, IReadOnlyList<TokenInfo>>(a => a.ListTokensAsync(AccessHarness.Ministry))).Count);

        var revokeOther = await harness.WithAsync<IAccessAdministration, Outcome<TokenInfo>>(a => a.RevokeTokenAsync(AccessHarness.Guangdong, bj.Value!.Id));
        Assert.Equal(OutcomeStatus.Forbidden, revokeOther.Status);
    }

    [Theory, DatabaseData]
    public async Task Enterprise_RegisteredByItsProvince_GetsReportersAndTokensThere(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        var created = await harness.WithAsync<IAccessAdministration, Outcome<OrgUnitInfo>>(a =>
            a.CreateEnterpriseAsync(AccessHarness.Guangdong, new NewEnterprise("gd-idc-01", "广州某数据中心有限公司", "Guangzhou IDC Ltd", "440000")));
        Assert.True(created.Succeeded, string.Join("; ", created.Describe()));
        Assert.Equal(["440000"], created.Value!.Regions);
        Assert.Equal(OutcomeStatus.Forbidden, (await harness.WithAsync<IAccessAdministration, Outcome<OrgUnitInfo>>(a =>
            a.CreateEnterpriseAsync(AccessHarness.Guangdong, new NewEnterprise("bj-idc", "北京某公司", null, "110000")))).Status);
        Assert.Equal(OutcomeStatus.Conflict, (await harness.WithAsync<IAccessAdministration, Outcome<OrgUnitInfo>>(a =>
            a.CreateEnterpriseAsync(AccessHarness.Ministry, new NewEnterprise("gd-idc-01", "重复", null, "440000")))).Status);
        Assert.Equal(OutcomeStatus.Invalid, (await harness.WithAsync<IAccessAdministration, Outcome<OrgUnitInfo>>(a =>
            a.CreateEnterpriseAsync(AccessHarness.Ministry, new NewEnterprise("Bad Id", "名称", null, "100000")))).Status);

        Assert.True((await harness.CreateUserAsync(AccessHarness.Guangdong, new NewUser("idc-reporter", Password, Role.Reporter, null, "gd-idc-01"))).Succeeded);
        Assert.True((await harness.IssueTokenAsync(AccessHarness.Guangdong, "gd-idc-01")).Succeeded);
        Assert.Equal(OutcomeStatus.Forbidden, (await harness.IssueTokenAsync(AccessHarness.Beijing, "gd-idc-01")).Status);
    }

    [Theory, DatabaseData]
    public async Task CreateUser_WrongScopeForTheRole_NamesTheField(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        var noRegion = await harness.CreateUserAsync(AccessHarness.Ministry, new NewUser("p", Password, Role.ProvinceAdmin, null, null));
        Assert.Contains(noRegion.Errors, e => e.Field == "regionCode");
        var national = await harness.CreateUserAsync(AccessHarness.Ministry, new NewUser("p", Password, Role.ProvinceAdmin, "100000", null));
        Assert.Contains(national.Errors, e => e.Field == "regionCode");
        var administrationUnit = await harness.CreateUserAsync(AccessHarness.Ministry, new NewUser("r", Password, Role.Reporter, null, "prov-440000"));
        Assert.Contains(administrationUnit.Errors, e => e.Field == "unitId");
        var twoScopes = await harness.CreateUserAsync(AccessHarness.Ministry, new NewUser("r", Password, Role.Reporter, "440000", "ct-440000"));
        Assert.Contains(twoScopes.Errors, e => e.Field == "regionCode");
    }
}
