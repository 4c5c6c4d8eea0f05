using IctGov.Kernel;
using IctGov.Planning;
using IctGov.Planning.Contracts;
using IctGov.Planning.Data;
using IctGov.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IctGov.Testing;

/// <summary>The Planning module on a real database with a fake clock, without a web server.</summary>
internal sealed class PlanningHarness(ModuleHarness modules) : IAsyncDisposable
{
    public FakeTimeProvider Clock => modules.Clock;

    public static async Task<PlanningHarness> StartAsync(DatabaseProvider provider, DateTimeOffset? now = null) =>
        // The real audit log; the importer acts for whoever the actor accessor names (here the local system).
        new(await ModuleHarness.StartAsync(provider, [new AuditModule(), new PlanningModule()], now,
            services => services.AddSingleton<IctGov.Kernel.Security.IActorAccessor>(new FixedActor(IctGov.Kernel.Security.Actor.System("test")))));

    public IPlanningFacade Planning => modules.Get<IPlanningFacade>();

    public PlanningDbContext Db => modules.Get<PlanningDbContext>();

    public T Get<T>() where T : notnull => modules.Get<T>();

    public async Task<IctGov.Kernel.Results.Outcome<ImportSummary>> ImportAsync(string csv)
    {
        using var s = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
        return await Planning.ImportCsvAsync(s, "test");
    }

    public ValueTask DisposeAsync() => modules.DisposeAsync();
}
