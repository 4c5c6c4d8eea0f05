using IctGov.Kernel;
using IctGov.Web.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IctGov.Testing;

/// <summary>
/// Some modules on a fresh, real database (SQLite or PostgreSQL), assembled exactly as the host
/// assembles them (<see cref="ModuleSet"/>: services, migrations, seeds), with a fake clock and no web
/// server. A module's own harness wraps this with the helpers its tests need.
/// </summary>
public sealed class ModuleHarness : IAsyncDisposable
{
    private readonly TestDatabase _db;
    private readonly ServiceProvider _services;

    private ModuleHarness(TestDatabase db, ServiceProvider services, FakeTimeProvider clock)
    {
        _db = db;
        _services = services;
        Clock = clock;
    }

    /// <summary>The clock every module reads; tests advance it.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>Where the modules keep their data.</summary>
    public StorageOptions Storage => _db.Storage;

    /// <summary>The root service provider.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The default time: 2026-06-01 00:00 UTC.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Starts <paramref name="modules"/> on a new database of <paramref name="provider"/>.
    /// <paramref name="configure"/> may replace services (stand-ins for modules not started);
    /// <paramref name="settings"/> are configuration keys such as <c>NetworkQuality:BusyWeight</c>.
    /// </summary>
    public static async Task<ModuleHarness> StartAsync(DatabaseProvider provider, PlatformModule[] modules,
        DateTimeOffset? now = null, Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(now ?? DefaultNow);
        var collection = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(clock);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([TestSettings.NoPublishedRecord]).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var set = ModuleSet.Of(modules);
        set.AddServices(collection, db.Storage, configuration);
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        await set.InitializeAsync(services);
        return new ModuleHarness(db, services, clock);
    }

    /// <summary>
    /// The services of <paramref name="modules"/> on existing storage, neither migrated nor seeded: for a
    /// test that inspects what a command-line run left behind, or drives initialisation itself.
    /// </summary>
    public static ServiceProvider BuildServices(StorageOptions storage, TimeProvider clock, params PlatformModule[] modules)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(clock);
        ModuleSet.Of(modules).AddServices(services, storage);
        return services.BuildServiceProvider();
    }

    /// <summary>A fresh scope, as one request or one command has.</summary>
    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

    /// <summary>A service from a new scope (the scope lives as long as the harness).</summary>
    public T Get<T>() where T : notnull => _services.CreateScope().ServiceProvider.GetRequiredService<T>();

    /// <summary>Runs <paramref name="use"/> on a service of its own scope.</summary>
    public async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> use) where TService : notnull
    {
        await using var scope = Scope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }
}
