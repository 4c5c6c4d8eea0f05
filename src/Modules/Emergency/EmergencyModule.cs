using IctGov.Emergency.Data;
using IctGov.Emergency.Features;
using IctGov.Web.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Emergency;

/// <summary>
/// The Emergency module (专栏15 应急通信"聚能"工程: 国家通信网应急通信指挥调度系统 with 预防预警、决策分析、
/// 应急处置): plans per tier with the four response levels and their reporting duties; teams and
/// equipment, stockpiles, drills and training; incidents with operators' network-state reports (idempotent per operator, area and
/// time), the situation picture and reports per round; dispatch orders and cross-province support;
/// public warnings as OASIS CAP 1.2 with a public ATOM index at /emergency/cap/; closing with
/// restoration times and the after-action report.
/// </summary>
public sealed class EmergencyModule : PlatformModule
{
    /// <inheritdoc/>
    public override string Name => "Emergency";

    /// <inheritdoc/>
    public override void AddServices(ModuleServices services)
    {
        services.AddDatabase<EmergencyDbContext, SqliteEmergencyDbContext, PostgresEmergencyDbContext>();
        services.Services.AddScoped<ResourceService>();
        services.Services.AddScoped<IncidentService>();
        services.Services.AddScoped<DispatchService>();
        services.Services.AddScoped<WarningService>();
        services.Services.AddScoped<PreparednessService>();
        services.AddOptions<PreparednessOptions>("Preparedness");
    }

    /// <inheritdoc/>
    public override void MapApi(RouteGroupBuilder api) => api.MapGroup("/emergency").MapEmergencyApi();

    /// <inheritdoc/>
    public override void MapProtocolEndpoints(IEndpointRouteBuilder app) => app.MapCap();

    /// <inheritdoc/>
    public override IEnumerable<NavigationItem> Navigation =>
    [
        new("应急通信指挥", "Emergency communications", "/emergency", 90),
        new("预警信息", "Public warnings", "/emergency/warnings", 91),
        new("预案与资源", "Plans and resources", "/emergency/resources", 92),
    ];

    /// <inheritdoc/>
    public override MenuSection? MenuSection => MenuSection.Supervision;
}
