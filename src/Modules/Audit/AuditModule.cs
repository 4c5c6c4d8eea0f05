using IctGov.Audit.Contracts;
using IctGov.Audit.Data;
using IctGov.Audit.Features;
using IctGov.Data;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Audit;

/// <summary>
/// The Audit module: the platform's append-only, hash-chained audit log of every write and every
/// approval (who, when, what, before and after). Other modules append through the kernel's
/// <see cref="IAuditLog"/>; the command line and the API check the chain through <see cref="IAuditVerifier"/>.
/// </summary>
public static class AuditModule
{
    /// <summary>Registers the module's storage and services.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, StorageOptions storage)
    {
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(storage.DataDirectory);
            services.AddDbContext<AuditDbContext, SqliteAuditDbContext>(o =>
                o.UseSqlite(storage.ConnectionString, x => x.MigrationsHistoryTable(AuditDbContext.MigrationsHistoryTable)));
        }
        else
        {
            services.AddDbContext<AuditDbContext, PostgresAuditDbContext>(o =>
                o.UseNpgsql(storage.ConnectionString, x => x.MigrationsHistoryTable(AuditDbContext.MigrationsHistoryTable)));
        }
        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddScoped<IAuditVerifier, AuditVerifier>();
        return services;
    }

    /// <summary>Applies the module's migrations.</summary>
    public static async Task InitializeAuditAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<AuditDbContext>(), ct);
    }

    /// <summary>Maps the module's REST API under /api/v1.</summary>
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Audit");
        api.MapAuditApi();
        return app;
    }
}
