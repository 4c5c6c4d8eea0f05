using IctGov.Data;
using IctGov.Identifiers.Data;
using IctGov.Identifiers.Features;
using IctGov.Identifiers.Nodes;
using IctGov.Identifiers.Registry;
using IctGov.Identifiers.Statistics;
using IctGov.Identifiers.Storage;
using IctGov.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IctGov.Identifiers;

/// <summary>
/// The Identifiers module (专栏9 工业互联网标识解析体系): the identifier registry, its Handle-protocol
/// nodes (root, national top-level, secondary, enterprise, public recursive), registration,
/// data templates and statistics.
/// </summary>
public static class IdentifiersModule
{
    /// <summary>How many resolved handles are kept in memory.</summary>
    public const int CacheCapacity = 200_000;

    /// <summary>Registers the module's storage and services.</summary>
    public static IServiceCollection AddIdentifiers(this IServiceCollection services, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContext<IdentifiersDbContext, SqliteIdentifiersDbContext>(o => o.UseSqlite(storage.ConnectionString, x => x.MigrationsHistoryTable("identifiers_migrations_history")));
        }
        else
        {
            services.AddDbContext<IdentifiersDbContext, PostgresIdentifiersDbContext>(o => o.UseNpgsql(storage.ConnectionString, x => x.MigrationsHistoryTable("identifiers_migrations_history")));
        }
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new Connections(storage));
        services.AddSingleton(_ => new HandleCache(CacheCapacity));
        services.AddSingleton<TemplateRegistry>();
        services.AddSingleton<HandleStore>();
        services.AddSingleton<IHandleStore>(sp => sp.GetRequiredService<HandleStore>());
        services.AddSingleton<ResolutionMeter>();
        services.AddSingleton<IResolutionMeter>(sp => sp.GetRequiredService<ResolutionMeter>());
        services.AddHostedService<ResolutionMeterFlusher>();
        services.AddScoped<RegistryService>();
        services.AddScoped<Registration>();
        services.AddScoped<IdentifierStatistics>();
        services.AddScoped<Contracts.IIdentifiersFacade, IdentifiersFacade>();
        // The Handle-protocol node over the same store and cache as the REST API, so a write through
        // either is seen by the other at once. Its UDP and TCP listeners stay off unless configured
        // (section Identifiers:HandleNode, e.g. --Identifiers:HandleNode:UdpPort=2641): many platform
        // processes (CLI commands, tests, several servers on one host) must not contend for port 2641.
        services.AddHandleNode(o =>
        {
            o.UdpPort = -1;
            o.TcpPort = -1;
        });
        // After the node's listeners (hosted services start in order): the own HS_SITE needs their ports.
        services.AddHostedService<PrefixHandleSync>();
        return services;
    }

    /// <summary>Applies the module's migrations, seeds the national top-level prefix and node, and loads the data templates.</summary>
    public static async Task InitializeIdentifiersAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<RegistryService>();
        await DatabaseMigrator.MigrateAsync(registry.Db, ct);
        if (registry.Db.Database.IsSqlite())
        {
            // Write-ahead logging: a batch commit is one append (no fsync under NORMAL) instead of a rollback
            // journal's create-write-sync-delete, and resolutions keep reading while a batch writes.
            // The registry's write connections use synchronous=NORMAL (Connections.PrepareWriteAsync):
            // committed batches survive a process kill; a power cut may lose the last few.
            // The mode is a property of the database file, so it applies to the whole platform's file.
            await registry.Db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL", ct);
        }
        await registry.SeedAsync(ct);
        await services.GetRequiredService<TemplateRegistry>().LoadAsync(ct);
    }

    /// <summary>Maps the module's endpoints and pages.</summary>
    public static IEndpointRouteBuilder MapIdentifiers(this IEndpointRouteBuilder app)
    {
        app.MapHandleApi();
        app.MapHandleHttpInterface();
        app.MapGroup("/api/v1/identifiers").WithTags("Identifiers").MapRegistryApi();
        return app;
    }
}
