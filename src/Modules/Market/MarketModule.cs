using IctGov.Market.Data;
using IctGov.Market.Features;
using IctGov.Web.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IctGov.Market;

/// <summary>
/// The Market module (专栏14 市场监管"聚力"工程; MIIT's 电信业务市场综合管理信息系统): telecom business licensing
/// fully online — applications with their statutory clocks and the promise-based path (告知承诺) — and electronic
/// licences signed SM2/SM3 by the issuing authority, verifiable online and offline.
/// </summary>
public sealed class MarketModule : PlatformModule
{
    /// <inheritdoc/>
    public override string Name => "Market";

    /// <inheritdoc/>
    public override void AddServices(ModuleServices services)
    {
        services.AddDatabase<MarketDbContext, SqliteMarketDbContext, PostgresMarketDbContext>();
        services.AddOptions<LicensingOptions>("Licensing");
        services.AddOptions<ELicenceOptions>("ELicence");
        services.AddOptions<CreditOptions>("Credit")
            .Validate(o => Domain.CreditScoring.Problem(o.Rules, o.Levels) is null, "Market:Credit: every rule needs points of 0 or more and 1–120 months; levels need thresholds of 0 or more, one of them 0");
        var dataDirectory = services.Storage.DataDirectory;
        services.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ELicenceOptions>>().Value;
            return new LicenceSigning(Path.Combine(dataDirectory, o.KeyFolder), o.UserId, sp.GetRequiredService<TimeProvider>());
        });
        services.Services.AddScoped<LicenceOffice>();
        services.Services.AddScoped<CreditRegistry>();
        services.Services.AddScoped<CreditScores>();
        services.Services.AddScoped<InspectionOffice>();
    }

    /// <inheritdoc/>
    public override void MapApi(RouteGroupBuilder api) => api.MapGroup("/market").MapMarketApi();

    /// <inheritdoc/>
    public override IEnumerable<NavigationItem> Navigation =>
    [
        new("电信业务许可", "Telecom licences", "/market", 90, Kernel.Security.Policies.ProvinceOrMinistry),
        new("电子证照核验", "Verify a licence", "/market/verify", 91),
        new("信用公示", "Credit lists", "/market/credit", 92),
        new("信用记分", "Credit scores", "/market/credit/scores", 93),
    ];

    /// <inheritdoc/>
    public override MenuSection? MenuSection => MenuSection.Supervision;
}
