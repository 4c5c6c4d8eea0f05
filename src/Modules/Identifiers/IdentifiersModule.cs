using IctGov.Identifiers.Data;
using IctGov.Identifiers.Features;
using IctGov.Identifiers.Nodes;
using IctGov.Identifiers.Registry;
using IctGov.Identifiers.Statistics;
using IctGov.Identifiers.Storage;
using IctGov.Web.Modules;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Identifiers;

/// <summary>
/// The Identifiers module (专栏9 工业互联网标识解析体系): the identifier registry, its Handle-protocol
/// nodes (root, national top-level, secondary, enterprise, public recursive), registration,
/// data templates and statistics.
/// </summary>
public sealed class IdentifiersModule : PlatformModule
{
    /// <summary>How many resolved handles are kept in memory.</summary>
    public const int CacheCapacity = 200_000;

    /// <inheritdoc/>
    public override string Name => "Identifiers";

    /// <inheritdoc/>
    public override void AddServices(ModuleServices services)
    {
        services.AddDatabase<IdentifiersDbContext, SqliteIdentifiersDbContext, PostgresIdentifiersDbContext>();
        var s = services.Services;
        var storage = services.Storage;
        s.AddSingleton(_ => new Connections(storage));
        s.AddSingleton(_ => new HandleCache(CacheCapacity));
        s.AddSingleton<TemplateRegistry>();
        s.AddSingleton<HandleStore>();
        s.AddSingleton<IHandleStore>(sp => sp.GetRequiredService<HandleStore>());
        s.AddSingleton<ResolutionMeter>();
        s.AddSingleton<IResolutionMeter>(sp => sp.GetRequiredService<ResolutionMeter>());
        s.AddHostedService<ResolutionMeterFlusher>();
        s.AddSingleton<NodeSites>();
        s.AddScoped<RegistryService>();
        s.AddScoped<Registration>();
        s.AddScoped<IdentifierStatistics>();
        s.AddScoped<Contracts.IIdentifiersFacade, IdentifiersFacade>();
        // The Handle-protocol node over the same store and cache as the REST API, so a write through
        // either is seen by the other at once. Its UDP and TCP listeners stay off unless configured
        // (section Identifiers:HandleNode, e.g. --Identifiers:HandleNode:UdpPort=2641): many platform
        // processes (CLI commands, tests, several servers on one host) must not contend for port 2641.
        s.AddHandleNode(o =>
        {
            o.UdpPort = -1;
            o.TcpPort = -1;
        });
        // Bound after the defaults above, so configured values win; see docs/IDENTIFIERS.md.
        services.AddOptions<HandleNodeOptions>("HandleNode");
        // After the node's listeners (hosted services start in order): the own HS_SITE needs their ports.
        s.AddHostedService<PrefixHandleSync>();
        s.AddHostedService<NodeSiteRefresh>();
    }

    /// <summary>Seeds the national top-level prefix and node, and loads the data templates.</summary>
    public override async Task InitializeAsync(IServiceProvider scope, CancellationToken ct)
    {
        var db = scope.GetRequiredService<IdentifiersDbContext>();
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging: a batch commit is one append (no fsync under NORMAL) instead of a rollback
            // journal's create-write-sync-delete, and resolutions keep reading while a batch writes.
            // The registry's write connections use synchronous=NORMAL (Connections.PrepareWriteAsync):
            // committed batches survive a process kill; a power cut may lose the last few.
            // The mode is a property of the database file, so it applies to the whole platform's file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL", ct);
        }
        await scope.GetRequiredService<RegistryService>().SeedAsync(ct);
        await scope.GetRequiredService<TemplateRegistry>().LoadAsync(ct);
    }

    /// <inheritdoc/>
    public override void MapApi(RouteGroupBuilder api) => api.MapGroup("/identifiers").MapRegistryApi();

    /// <summary>The Handle.Net REST API (<c>/api/handles</c>) and the Handle protocol's HTTP interface keep the paths Handle clients use.</summary>
    public override void MapProtocolEndpoints(IEndpointRouteBuilder app)
    {
        app.MapHandleApi();
        app.MapHandleHttpInterface();
    }

    /// <inheritdoc/>
    public override IEnumerable<NavigationItem> Navigation =>
    [
        new("标识解析", "Identifiers", "/identifiers", 80),
        new("标识统计", "Identifier statistics", "/identifiers/statistics", 81),
        new("标识前缀", "Prefixes", "/identifiers/prefixes", 82),
        new("解析节点", "Resolution nodes", "/identifiers/nodes", 83),
    ];

    /// <inheritdoc/>
    public override MenuSection? MenuSection => MenuSection.Networks;
}
