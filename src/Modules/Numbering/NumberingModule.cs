using IctGov.Kernel.Security;
using IctGov.Numbering.Data;
using IctGov.Numbering.Enum;
using IctGov.Numbering.Features;
using IctGov.Numbering.Sti;
using IctGov.Web.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IctGov.Numbering;

/// <summary>
/// Telephone numbers (码号资源, 携号转网, 专栏21 电话号码可信任身份中心): the numbering plan as data,
/// applications and allocations of numbering resources with their statutory clocks, usage and
/// utilisation, and the central number portability database with its routing answers.
/// </summary>
public sealed class NumberingModule : PlatformModule
{
    /// <inheritdoc/>
    public override string Name => "Numbering";

    /// <inheritdoc/>
    public override MenuSection? MenuSection => MenuSection.Networks;

    /// <inheritdoc/>
    public override void AddServices(ModuleServices services)
    {
        services.AddDatabase<NumberingDbContext, SqliteNumberingDbContext, PostgresNumberingDbContext>();
        services.AddOptions<NumberingOptions>();
        services.Services.AddScoped<Registry>();
        services.Services.AddScoped<Porting>();
        services.Services.AddScoped<Contracts.INumberingRegistry>(sp => sp.GetRequiredService<Porting>());
        services.AddOptions<EnumOptions>("Enum");
        services.Services.AddSingleton<EnumServer>();
        services.Services.AddHostedService(sp => sp.GetRequiredService<EnumServer>());
        services.AddOptions<StiOptions>("Sti");
        var dataDirectory = services.Storage.DataDirectory;
        services.Services.AddSingleton(sp => new StiKeys(Path.Combine(dataDirectory, sp.GetRequiredService<IOptions<StiOptions>>().Value.KeyFolder), sp.GetRequiredService<TimeProvider>()));
        services.Services.AddScoped<StiAuthority>();
        services.Services.AddScoped<StiSigning>();
        services.Services.AddScoped<StiVerification>();
    }

    /// <inheritdoc/>
    public override void MapApi(RouteGroupBuilder api) => api.MapGroup("/numbering").MapNumberingApi().MapStiApi();

    /// <inheritdoc/>
    public override IEnumerable<NavigationItem> Navigation =>
    [
        new("码号资源", "Numbering resources", "/numbering", 300),
        new("码号申请", "Numbering applications", "/numbering/applications", 301, Policies.SignedIn),
        new("携号转网", "Number portability", "/numbering/ports", 302, Policies.SignedIn),
    ];
}
