using IctGov.Collection.Data;
using IctGov.Collection.Features;
using IctGov.Kernel.Security;
using IctGov.Web.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Collection;

/// <summary>
/// The Collection module (专栏17 聚治: 全网覆盖的数据采集能力, 部省联动): data sets, reporting, review,
/// reconciliation, timeliness, publication and the data resource catalogue.
/// </summary>
public sealed class CollectionModule : PlatformModule
{
    /// <inheritdoc/>
    public override string Name => "Collection";

    /// <inheritdoc/>
    public override void AddServices(ModuleServices services)
    {
        services.AddDatabase<CollectionDbContext, SqliteCollectionDbContext, PostgresCollectionDbContext>();
        services.Services.AddScoped<ReportStore>();
        services.Services.AddScoped<ReportService>();
    }

    /// <summary>Seeds the default data sets.</summary>
    public override Task InitializeAsync(IServiceProvider scope, CancellationToken ct) =>
        scope.GetRequiredService<ReportStore>().SeedAsync(DefaultDataSets.All, ct);

    /// <inheritdoc/>
    public override void MapApi(RouteGroupBuilder api)
    {
        api.MapGroup("/collection").MapCollectionApi();
        api.MapDataCatalogueApi();
    }

    /// <inheritdoc/>
    public override IEnumerable<NavigationItem> Navigation =>
    [
        new("数据报送", "Report", "/collection/submit", 40, Policies.SignedIn),
        new("报送工作台", "My reporting", "/collection", 45, Policies.SignedIn),
        new("审核", "Review", "/collection/review", 50, Policies.ProvinceOrMinistry),
        new("报送情况", "Status", "/collection/status", 60, Policies.ProvinceOrMinistry),
        new("数据资源目录", "Data catalogue", "/catalogue", 70),
    ];
}
