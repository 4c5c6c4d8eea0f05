using IctGov.Sample.Data;
using IctGov.Sample.Features;
using IctGov.Web.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Sample;

/// <summary>
/// The Sample module: a register of entries kept by the ministry and read by the public. Replace
/// this summary with the system of the plan the module builds (专栏 number, the plan's words).
/// </summary>
public sealed class SampleModule : PlatformModule
{
    /// <inheritdoc/>
    public override string Name => "Sample";

    /// <inheritdoc/>
    public override void AddServices(ModuleServices services)
    {
        services.AddDatabase<SampleDbContext, SqliteSampleDbContext, PostgresSampleDbContext>();
        services.AddOptions<SampleOptions>();
        services.Services.AddScoped<SampleRegister>();
        services.Services.AddScoped<Contracts.ISampleRegister>(sp => sp.GetRequiredService<SampleRegister>());
    }

    /// <inheritdoc/>
    public override void MapApi(RouteGroupBuilder api) => api.MapGroup("/sample").MapSampleApi();

    /// <inheritdoc/>
    public override IEnumerable<NavigationItem> Navigation => [new("示例登记", "Sample register", "/sample", 1000)];
}
