using IctGov.Kernel;
using IctGov.Planning.Catalogue;
using IctGov.Planning.Data;
using IctGov.Planning.Evaluation;
using IctGov.Planning.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Planning;

/// <summary>
/// The Planning module (规划实施动态监测和评估): the plan catalogue, observations and the
/// evaluation of the plan's progress. Its only public entry points are these methods and Contracts/.
/// </summary>
public static class PlanningModule
{
    /// <summary>Registers the module's storage and services.</summary>
    public static IServiceCollection AddPlanning(this IServiceCollection services, StorageOptions storage)
    {
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(storage.DataDirectory);
            services.AddDbContext<PlanningDbContext, SqlitePlanningDbContext>(o => o.UseSqlite(storage.ConnectionString, x => x.MigrationsHistoryTable("planning_migrations_history")));
        }
        else
        {
            services.AddDbContext<PlanningDbContext, PostgresPlanningDbContext>(o => o.UseNpgsql(storage.ConnectionString, x => x.MigrationsHistoryTable("planning_migrations_history")));
        }
        services.AddSingleton(_ => PlanCatalogue.LoadEmbedded());
        services.AddScoped<CatalogueSeeder>();
        services.AddScoped<ObservationImporter>();
        services.AddScoped<EvaluationService>();
        services.AddScoped<SnapshotStore>();
        services.AddScoped<Contracts.IPlanningFacade, PlanningFacade>();
        services.AddScoped<Contracts.IObservationRecorder, ObservationRecorder>();
        services.AddScoped<Contracts.ICatalogueReader, CatalogueReader>();
        return services;
    }

    /// <summary>Applies migrations and loads the plan catalogue on first run.</summary>
    public static async Task InitializePlanningAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CatalogueSeeder>().MigrateAndSeedAsync(ct);
    }

    /// <summary>Maps the module's REST API under /api/v1.</summary>
    public static IEndpointRouteBuilder MapPlanning(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Planning");
        api.MapPlanApi();
        api.MapEvaluationApi();
        api.MapImportObservations();
        api.MapSnapshotsApi();
        return app;
    }
}
