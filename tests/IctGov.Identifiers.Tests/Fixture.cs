using System.Data.Common;
using IctGov.Identifiers.Nodes;
using IctGov.Identifiers.Registry;
using IctGov.Identifiers.Storage;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Planning.Contracts;
using IctGov.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace IctGov.Identifiers.Tests;

/// <summary>Collects audit entries in memory; the platform tests use the real hash-chained log.</summary>
internal sealed class RecordingAuditLog : IAuditLog
{
    public List<AuditEntry> Entries { get; } = [];

    public Task<long> AppendAsync(AuditEntry entry, DbTransaction? transaction, CancellationToken ct = default)
    {
        lock (Entries)
        {
            Entries.Add(entry);
            return Task.FromResult((long)Entries.Count);
        }
    }
}

/// <summary>Keeps what would go to the plan; the platform tests send it to the real Planning module.</summary>
internal sealed class RecordingRecorder : IObservationRecorder
{
    public List<ObservationRecord> Records { get; } = [];

    public Task<Outcome<ImportSummary>> RecordAsync(IReadOnlyList<ObservationRecord> records, string origin, CancellationToken ct = default)
    {
        Records.AddRange(records);
        return Task.FromResult(Outcome.Ok(new ImportSummary(Guid.NewGuid(), records.Count, 0)));
    }
}

/// <summary>The module on a fresh database of either engine, migrated and seeded.</summary>
internal sealed class Fixture : IAsyncDisposable
{
    private readonly ModuleHarness _modules;
    private readonly IServiceProvider _services;

    private readonly List<IHostedService> _started = [];

    private Fixture(ModuleHarness modules, RecordingAuditLog audit, RecordingRecorder recorder)
    {
        _modules = modules;
        _services = modules.Services;
        Audit = audit;
        Recorder = recorder;
    }

    public FakeTimeProvider Clock => _modules.Clock;
    public RecordingRecorder Recorder { get; }
    public RecordingAuditLog Audit { get; }
    public IServiceProvider Services => _services;
    public HandleStore Store => _services.GetRequiredService<HandleStore>();
    public StorageOptions Storage => _modules.Storage;

    /// <summary>The module on a fresh database; <paramref name="node"/> configures the platform's own Handle node (started by <see cref="StartNodeAsync"/>).</summary>
    public static async Task<Fixture> CreateAsync(DatabaseProvider provider, Action<HandleNodeOptions>? node = null)
    {
        var audit = new RecordingAuditLog();
        var recorder = new RecordingRecorder();
        var modules = await ModuleHarness.StartAsync(provider, [new IdentifiersModule()], new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero), services =>
        {
            services.AddSingleton<IAuditLog>(audit);
            services.AddSingleton<IObservationRecorder>(recorder);
            if (node is not null)
            {
                services.Configure(node);
            }
        });
        return new Fixture(modules, audit, recorder);
    }

    public AsyncServiceScope Scope() => _services.CreateAsyncScope();

    public TemplateRegistry Templates => _services.GetRequiredService<TemplateRegistry>();

    /// <summary>Starts the module's hosted services as the platform host does (node listeners, then the prefix handle sync).</summary>
    public async Task StartNodeAsync()
    {
        foreach (var service in _services.GetServices<IHostedService>())
        {
            await service.StartAsync(default);
            _started.Add(service);
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].StopAsync(default);
        }
        await _modules.DisposeAsync();
    }
}
