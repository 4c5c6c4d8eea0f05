using IctGov.Collection.Data;
using IctGov.Collection.Features;
using IctGov.Data;
using IctGov.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Collection;

/// <summary>
/// The Collection module (专栏17 聚治: 全网覆盖的数据采集能力, 部省联动): data sets, reporting, review,
/// reconciliation, timeliness, publication and the data resource catalogue.
/// </summary>
public static class CollectionModule
{
    /// <summary>Registers the module's storage and services.</summary>
    public static IServiceCollection AddCollection(this IServiceCollection services, StorageOptions storage)
    {
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContext<CollectionDbContext, SqliteCollectionDbContext>(o => o.UseSqlite(storage.ConnectionString, x => x.MigrationsHistoryTable("collection_migrations_history")));
        }
        else
        {
            services.AddDbContext<CollectionDbContext, PostgresCollectionDbContext>(o => o.UseNpgsql(storage.ConnectionString, x => x.MigrationsHistoryTable("collection_migrations_history")));
        }
        services.AddScoped<ReportStore>();
        services.AddScoped<ReportService>();
        return services;
    }

    /// <summary>Applies the module's migrations and seeds its default data sets.</summary>
    public static async Task InitializeCollectionAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ReportStore>();
        await DatabaseMigrator.MigrateAsync(store.Db, ct);
        await store.SeedAsync(DefaultDataSets.All, ct);
    }

    /// <summary>Maps the module's endpoints and pages.</summary>
    public static IEndpointRouteBuilder MapCollection(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/collection").WithTags("Collection");
        api.MapCollectionApi();
        app.MapGroup("/api/v1").WithTags("Collection").MapDataCatalogueApi();
        return app;
    }
}
