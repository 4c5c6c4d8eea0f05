using IctGov.Audit.Contracts;
using IctGov.Audit.Data;
using IctGov.Audit.Features;
using IctGov.Kernel.Auditing;
using IctGov.Web.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Audit;

/// <summary>
/// The Audit module: the platform's append-only, hash-chained audit log of every write and every
/// approval (who, when, what, before and after). Other modules append through the kernel's
/// <see cref="IAuditLog"/>; the command line and the API check the chain through <see cref="IAuditVerifier"/>.
/// </summary>
public sealed class AuditModule : PlatformModule
{
    /// <inheritdoc/>
    public override string Name => "Audit";

    /// <summary>First: every other module's seed may append to the log.</summary>
    public override int Order => 0;

    /// <inheritdoc/>
    public override void AddServices(ModuleServices services)
    {
        services.AddDatabase<AuditDbContext, SqliteAuditDbContext, PostgresAuditDbContext>();
        services.Services.AddSingleton<IAuditLog, AuditLog>();
        services.Services.AddScoped<IAuditVerifier, AuditVerifier>();
        services.AddOptions<HeadWitnessOptions>("Witness");
        services.Services.AddSingleton<HeadWitness>();
        services.Services.AddSingleton<IAuditHeadWitness>(sp => sp.GetRequiredService<HeadWitness>());
        services.Services.AddHostedService<HeadWitnessService>();
    }

    /// <summary>Every process that opens the platform writes the head down first (if it still extends the last one written).</summary>
    public override async Task InitializeAsync(IServiceProvider scope, CancellationToken ct) =>
        await scope.GetRequiredService<HeadWitness>().WitnessAsync(ct);

    /// <inheritdoc/>
    public override void MapApi(RouteGroupBuilder api) => api.MapAuditApi();
}
