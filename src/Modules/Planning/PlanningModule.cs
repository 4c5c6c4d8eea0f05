using IctGov.Planning.Catalogue;
using IctGov.Planning.Data;
using IctGov.Planning.Evaluation;
using IctGov.Planning.Features;
using IctGov.Web.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Planning;

/// <summary>
/// The Planning module (规划实施动态监测和评估): the plan catalogue, observations and the
/// evaluation of the plan's progress. Its only public entry points are this type and Contracts/.
/// </summary>
public sealed class PlanningModule : PlatformModule
{
    /// <inheritdoc/>
    public override string Name => "Planning";

    /// <summary>After Audit and Access; before the modules that publish figures into the plan.</summary>
    public override int Order => 20;

    /// <inheritdoc/>
    public override void AddServices(ModuleServices services)
    {
        services.AddDatabase<PlanningDbContext, SqlitePlanningDbContext, PostgresPlanningDbContext>();
        var s = services.Services;
        s.AddSingleton(_ => PlanCatalogue.LoadEmbedded());
        s.AddScoped<CatalogueSeeder>();
        s.AddScoped<PublishedRecord>();
        services.AddOptions<PublishedRecordOptions>("PublishedRecord");
        s.AddScoped<ObservationImporter>();
        s.AddScoped<EvaluationService>();
        s.AddScoped<SnapshotStore>();
        s.AddScoped<Contracts.IPlanningFacade, PlanningFacade>();
        s.AddScoped<Contracts.IObservationRecorder, ObservationRecorder>();
        s.AddScoped<Contracts.ICatalogueReader, CatalogueReader>();
    }

    /// <summary>Loads the plan catalogue, and on first run the published 2021–2025 record.</summary>
    public override async Task InitializeAsync(IServiceProvider scope, CancellationToken ct)
    {
        await scope.GetRequiredService<CatalogueSeeder>().SeedAsync(ct);
        await scope.GetRequiredService<PublishedRecord>().LoadOnFirstRunAsync(ct);
    }

    /// <inheritdoc/>
    public override void MapApi(RouteGroupBuilder api)
    {
        api.MapPlanApi();
        api.MapEvaluationApi();
        api.MapImportObservations();
        api.MapSnapshotsApi();
    }

    /// <inheritdoc/>
    public override IEnumerable<NavigationItem> Navigation =>
    [
        new("规划指标", "Plan indicators", "/", 10),
        new("重点工程", "Projects", "/projects", 20),
        new("数据导入", "Import", "/import", 30),
    ];
}
