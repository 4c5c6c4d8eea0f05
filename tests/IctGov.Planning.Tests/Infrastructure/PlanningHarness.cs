using IctGov.Kernel;
using IctGov.Planning;
using IctGov.Planning.Contracts;
using IctGov.Planning.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IctGov.Testing;

/// <summary>The Planning module on a real database with a fake clock, without a web server.</summary>
internal sealed class PlanningHarness : IAsyncDisposable
{
    private readonly TestDatabase _db;
    private readonly ServiceProvider _services;

    private PlanningHarness(TestDatabase db, ServiceProvider services, FakeTimeProvider clock)
    {
        _db = db;
        _services = services;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public static async Task<PlanningHarness> StartAsync(DatabaseProvider provider, DateTimeOffset? now = null)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(now ?? new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IctGov.Kernel.Auditing.IAuditLog, RecordingAuditLog>()
            .AddSingleton<IctGov.Kernel.Security.IActorAccessor>(new FixedActor(IctGov.Kernel.Security.Actor.System("test")))
            .AddPlanning(db.Storage)
            .BuildServiceProvider();
        await services.InitializePlanningAsync();
        return new PlanningHarness(db, services, clock);
    }

    public IPlanningFacade Planning => _services.CreateScope().ServiceProvider.GetRequiredService<IPlanningFacade>();

    public PlanningDbContext Db => _services.CreateScope().ServiceProvider.GetRequiredService<PlanningDbContext>();

    public T Get<T>() where T : notnull => _services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async Task<IctGov.Kernel.Results.Outcome<ImportSummary>> ImportAsync(string csv)
    {
        using var s = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        return await Planning.ImportCsvAsync(s, "test");
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }
}
