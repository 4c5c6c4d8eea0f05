using IctGov.Access.Contracts;
using IctGov.Access.Data;
using IctGov.Access.Tests.Infrastructure;
using IctGov.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Access.Tests;

public class OrgUnitSeedTests
{
    [Theory, DatabaseData]
    public async Task Seed_CreatesMinistry_31Administrations_And4OperatorsWith31BranchesEach(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        var units = await harness.WithAsync<IAccessAdministration, IReadOnlyList<OrgUnitInfo>>(a => a.ListUnitsAsync());

        Assert.Single(units, u => u.Kind == OrgUnitKind.Ministry && u.Id == "ministry" && u.NameZh == "工业和信息化部");
        var administrations = units.Where(u => u.Kind == OrgUnitKind.ProvinceAdministration).ToList();
        Assert.Equal(31, administrations.Count);
        Assert.Equal(Regions.Provinces.Select(r => r.Code).Order(), administrations.Select(a => a.RegionCode!).Order());
        Assert.Equal(["cbn", "cm", "ct", "cu"], units.Where(u => u.Kind == OrgUnitKind.Operator).Select(u => u.Id).Order());
        foreach (var op in units.Where(u => u.Kind == OrgUnitKind.Operator))
        {
            var branches = units.Where(u => u.Kind == OrgUnitKind.OperatorBranch && u.ParentId == op.Id).ToList();
            Assert.Equal(31, branches.Count);
            Assert.Equal(31, op.Regions.Count); // an operator reports for the regions of its branches
        }
        Assert.Equal(1 + 31 + 4 + 4 * 31, units.Count);
    }

    [Theory, DatabaseData]
    public async Task Seed_GivesAdministrationsTheirFullNames_AndBranchesTheirOperatorsName(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        var units = (await harness.WithAsync<IAccessAdministration, IReadOnlyList<OrgUnitInfo>>(a => a.ListUnitsAsync())).ToDictionary(u => u.Id);

        Assert.Equal("广东省通信管理局", units["prov-440000"].NameZh);
        Assert.Equal("北京市通信管理局", units["prov-110000"].NameZh);
        Assert.Equal("重庆市通信管理局", units["prov-500000"].NameZh);
        Assert.Equal("内蒙古自治区通信管理局", units["prov-150000"].NameZh);
        Assert.Equal("广西壮族自治区通信管理局", units["prov-450000"].NameZh);
        Assert.Equal("西藏自治区通信管理局", units["prov-540000"].NameZh);
        Assert.Equal("宁夏回族自治区通信管理局", units["prov-640000"].NameZh);
        Assert.Equal("新疆维吾尔自治区通信管理局", units["prov-650000"].NameZh);
        Assert.Equal("Guangdong Communications Administration", units["prov-440000"].NameEn);
        Assert.Equal("中国电信广东分公司", units["ct-440000"].NameZh);
        Assert.Equal("中国广电新疆分公司", units["cbn-650000"].NameZh);
        Assert.Equal(["440000"], units["ct-440000"].Regions);
        Assert.Equal("ct", units["ct-440000"].ParentId);
    }

    [Theory, DatabaseData]
    public async Task Seed_RunTwice_AddsNothing_AndKeepsAnAdministratorsCorrection(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        await using (var scope = harness.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AccessDbContext>();
            var unit = await db.OrgUnits.SingleAsync(u => u.Id == "cbn");
            unit.NameEn = "China Broadcast Network";
            await db.SaveChangesAsync();
        }
        // A restart: the host runs every module's migrations and seeds again.
        await harness.Scope().ServiceProvider.GetRequiredService<IctGov.Web.Modules.ModuleSet>().InitializeAsync(harness.Services);
        await using (var scope = harness.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AccessDbContext>();
            Assert.Equal(1 + 31 + 4 + 4 * 31, await db.OrgUnits.CountAsync());
            Assert.Equal("China Broadcast Network", (await db.OrgUnits.SingleAsync(u => u.Id == "cbn")).NameEn);
        }
    }
}
