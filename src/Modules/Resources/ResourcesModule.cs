using IctGov.Kernel.Security;
using IctGov.Resources.Data;
using IctGov.Resources.Features;
using IctGov.Resources.Rdap;
using IctGov.Resources.Whois;
using IctGov.Web.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Resources;

/// <summary>
/// The Resources module (专栏13 互联网"聚源"工程, 互联网基础资源): "以主体实名、资源可控、应用备案、精准管理" —
/// filing subjects, access providers, domains and the IPv4/IPv6 allocation hierarchy in one registry,
/// queried by the Internet's own tools: RDAP under <c>/rdap/</c> and WHOIS on its own TCP port.
/// </summary>
public sealed class ResourcesModule : PlatformModule
{
    /// <inheritdoc/>
    public override string Name => "Resources";

    /// <inheritdoc/>
    public override void AddServices(ModuleServices services)
    {
        services.AddDatabase<ResourcesDbContext, SqliteResourcesDbContext, PostgresResourcesDbContext>();
        var s = services.Services;
        s.AddScoped<ResourceRegistry>();
        s.AddScoped<Contracts.IResourceRegistry>(sp => sp.GetRequiredService<ResourceRegistry>());
        s.AddScoped<RegistryImport>();
        s.AddScoped<Filings>();
        s.AddScoped<Contracts.IFilingLookup>(sp => sp.GetRequiredService<Filings>());
        s.AddScoped<CrossCheck>();
        s.AddScoped<ResourceStatistics>();
        services.AddOptions<CrossCheckOptions>("CrossCheck");
        s.AddHostedService<NightlyCrossCheck>();
        services.AddOptions<WhoisOptions>("Whois");
        s.AddScoped<WhoisResponder>();
        s.AddSingleton<WhoisListener>();
        s.AddHostedService(sp => sp.GetRequiredService<WhoisListener>());
    }

    /// <inheritdoc/>
    public override void MapApi(RouteGroupBuilder api) => api.MapGroup("/resources").MapRegistryApi().MapFilingApi().MapCrossCheckApi().MapStatisticsApi();

    /// <summary>RDAP keeps the paths RFC 9082 fixes, under <c>/rdap/</c>.</summary>
    public override void MapProtocolEndpoints(IEndpointRouteBuilder app) => app.MapRdap();

    /// <inheritdoc/>
    public override IEnumerable<NavigationItem> Navigation =>
    [
        new("互联网基础资源", "Internet resources", "/resources", 90),
        new("备案查询", "Filing query", "/resources/beian", 91),
        new("备案审核", "Filing review", "/resources/filings/review", 92, Policies.ProvinceOrMinistry),
        new("资源统计", "Resource statistics", "/resources/statistics", 93, Policies.ProvinceOrMinistry),
    ];

    /// <inheritdoc/>
    public override MenuSection? MenuSection => MenuSection.Networks;
}
