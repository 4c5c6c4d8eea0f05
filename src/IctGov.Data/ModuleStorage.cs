using IctGov.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Data;

/// <summary>
/// A module's database, as the host sees it: which context to migrate at start-up and to check in
/// <c>/healthz</c>. Registered by <see cref="ModuleStorage.AddModuleDbContext{TContext, TSqlite, TPostgres}"/>.
/// </summary>
/// <param name="Module">The owning module's name (<c>planning</c>, <c>collection</c>, …).</param>
/// <param name="Context">The module's DbContext base type, resolved from a scope.</param>
public sealed record ModuleDatabase(string Module, Type Context)
{
    /// <summary>Applies the context's pending migrations (<see cref="DatabaseMigrator"/>).</summary>
    public Task MigrateAsync(IServiceProvider scope, CancellationToken ct) =>
        DatabaseMigrator.MigrateAsync((DbContext)scope.GetRequiredService(Context), ct);
}

/// <summary>
/// The one way a module registers its EF Core storage on either engine. Every module's tables live in
/// the platform's one database (the SQLite file in the data directory, or the PostgreSQL database);
/// each module keeps its own migrations-history table, named <c>&lt;module&gt;_migrations_history</c>,
/// so modules migrate independently; the engine subclass carries that engine's migrations
/// (<c>tools/MigrationScaffolder</c> writes both).
/// </summary>
public static class ModuleStorage
{
    /// <summary>The migrations-history table of <paramref name="module"/>.</summary>
    public static string MigrationsHistoryTable(string module) => module.ToLowerInvariant() + "_migrations_history";

    /// <summary>
    /// Registers <typeparamref name="TContext"/> (scoped) as <typeparamref name="TSqlite"/> or
    /// <typeparamref name="TPostgres"/> according to <paramref name="storage"/>, its migration at start-up
    /// and its health check.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext, TSqlite, TPostgres>(this IServiceCollection services, StorageOptions storage, string module)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        ArgumentNullException.ThrowIfNull(storage);
        var history = MigrationsHistoryTable(module);
        if (storage.Provider == DatabaseProvider.Sqlite)
        {
            // The SQLite file is created on first use; its directory must exist first.
            Directory.CreateDirectory(storage.DataDirectory);
            services.AddDbContext<TContext, TSqlite>(o => o.UseSqlite(storage.ConnectionString, x => x.MigrationsHistoryTable(history)));
        }
        else
        {
            services.AddDbContext<TContext, TPostgres>(o => o.UseNpgsql(storage.ConnectionString, x => x.MigrationsHistoryTable(history)));
        }
        services.AddSingleton(new ModuleDatabase(module.ToLowerInvariant(), typeof(TContext)));
        services.AddHealthChecks().AddDbContextCheck<TContext>(module.ToLowerInvariant() + "-database", tags: [module.ToLowerInvariant()]);
        return services;
    }
}
