using IctGov.AppLog.Contracts;
using IctGov.AppLog.Data;
using IctGov.AppLog.Features;
using IctGov.Web.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.AppLog;

/// <summary>
/// The APP signature transparency log (专栏16.3 构建统一的APP认证签名体系): signed statements about app
/// artifacts (developer signatures, test results, store listings, takedowns, revocations) appended to
/// an RFC 6962/9162 Merkle tree whose signed checkpoints anyone can verify, so that no signature can
/// be issued in secret or rewritten later. Served as C2SP tlog-tiles under <c>/applog/</c>.
/// </summary>
public sealed class AppLogModule : PlatformModule
{
    /// <inheritdoc/>
    public override string Name => "AppLog";

    /// <inheritdoc/>
    public override void AddServices(ModuleServices services)
    {
        services.AddDatabase<AppLogDbContext, SqliteAppLogDbContext, PostgresAppLogDbContext>();
        services.AddOptions<AppLogOptions>();
        services.Services.AddSingleton<LogKeys>();
        services.Services.AddSingleton<Sequencer>();
        services.Services.AddSingleton<TileStore>();
        services.Services.AddScoped<LogReader>();
        services.Services.AddScoped<IAppLogReader>(sp => sp.GetRequiredService<LogReader>());
        services.Services.AddScoped<Statements>();
        services.Services.AddScoped<IAppLogStatements>(sp => sp.GetRequiredService<Statements>());
        services.Services.AddScoped<Parties>();
        services.Services.AddScoped<IAppLogParties>(sp => sp.GetRequiredService<Parties>());
        services.Services.AddSingleton<PlatformSigner>();
        services.Services.AddScoped<SigningService>();
        services.Services.AddScoped<History>();
    }

    /// <inheritdoc/>
    public override void MapApi(RouteGroupBuilder api) => api.MapGroup("/applog").MapProofApi().MapStatementsApi().MapPartiesApi().MapSigningApi();

    /// <inheritdoc/>
    public override IEnumerable<NavigationItem> Navigation => [new("APP签名追溯", "App signature history", "/applog/history", 140)];

    /// <inheritdoc/>
    public override MenuSection? MenuSection => MenuSection.Supervision;

    /// <inheritdoc/>
    public override void MapProtocolEndpoints(IEndpointRouteBuilder app) => LogEndpoints.MapTiles(app);
}
