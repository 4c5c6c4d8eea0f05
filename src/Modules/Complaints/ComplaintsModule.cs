using IctGov.Complaints.Data;
using IctGov.Complaints.Features;
using IctGov.Kernel.Security;
using IctGov.Web.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Complaints;

/// <summary>
/// The Complaints module (优化用户申诉投诉处理机制, 切实保障用户合法权益; the plan's binding indicators
/// no. 19 电信用户综合满意指数 and no. 20 互联网信息服务投诉处理及时率): telecom user appeals under
/// 电信用户申诉处理办法 (工信部令第35号) and Internet information service complaints, with their
/// statutory clocks on China's working-day calendar, and indicator 20 computed from the records and
/// published to the plan.
/// </summary>
public sealed class ComplaintsModule : PlatformModule
{
    /// <inheritdoc/>
    public override string Name => "Complaints";

    /// <inheritdoc/>
    public override void AddServices(ModuleServices services)
    {
        services.AddDatabase<ComplaintsDbContext, SqliteComplaintsDbContext, PostgresComplaintsDbContext>();
        services.Services.AddScoped<ComplaintService>();
        services.AddOptions<PublicIntakeOptions>("PublicIntake");
        services.Services.AddSingleton<PublicIntakeThrottle>();
        services.Services.AddScoped<ComplaintIndicators>();
        services.Services.AddScoped<ComplaintStatistics>();
        services.Services.AddScoped<ComplaintCounts>();
        services.Services.AddScoped<UserBaseService>();
        services.Services.AddScoped<SatisfactionService>();
        services.Services.AddScoped<Contracts.IComplaintIndicators>(sp => sp.GetRequiredService<ComplaintIndicators>());
    }

    /// <summary>Seeds the default survey definitions (the weighting model as data); builds the monitoring summary of complaints recorded before it existed.</summary>
    public override async Task InitializeAsync(IServiceProvider scope, CancellationToken ct)
    {
        await scope.GetRequiredService<SatisfactionService>().SeedAsync(ct);
        await scope.GetRequiredService<UserBaseService>().SeedAsync(ct);
        await scope.GetRequiredService<ComplaintCounts>().EnsureBuiltAsync(ct);
    }

    /// <inheritdoc/>
    public override void MapApi(RouteGroupBuilder api) => api.MapGroup("/complaints").MapComplaintsApi();

    /// <inheritdoc/>
    public override IEnumerable<NavigationItem> Navigation =>
    [
        new("用户申诉", "Complaints", "/complaints", 80),
        new("申诉情况通告", "Complaint bulletin", "/complaints/bulletin", 81),
        new("用户满意指数", "Satisfaction index", "/complaints/satisfaction", 82),
        new("申诉监测", "Complaint monitoring", "/complaints/monitor", 83, Policies.ProvinceOrMinistry),
    ];

    /// <inheritdoc/>
    public override MenuSection? MenuSection => MenuSection.Supervision;
}
