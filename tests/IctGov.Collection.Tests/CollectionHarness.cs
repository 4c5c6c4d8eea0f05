using System.Data.Common;
using IctGov.Collection.Features;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Security;
using IctGov.Planning;
using IctGov.Planning.Contracts;
using IctGov.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IctGov.Collection.Tests;

/// <summary>Planning and Collection on a real database; the actor, organisation and audit log are stand-ins.</summary>
internal sealed class CollectionHarness : IAsyncDisposable, IActorAccessor, IOrganisationDirectory, IAuditLog
{
    private ModuleHarness _modules = null!;

    public FakeTimeProvider Clock => _modules.Clock;
    public Actor Current { get; set; } = Actor.Anonymous;
    public List<AuditEntry> Audit { get; } = [];

    public static readonly IReadOnlyList<OrganisationUnit> Units =
    [
        new("ministry", "Ministry", "工业和信息化部", "MIIT", null, null),
        new("prov-440000", "ProvinceAdministration", "广东省通信管理局", "Guangdong CA", "440000", null),
        new("ct-440000", "OperatorBranch", "中国电信广东分公司", "China Telecom Guangdong", "440000", "ct"),
        new("cm-440000", "OperatorBranch", "中国移动广东分公司", "China Mobile Guangdong", "440000", "cm"),
        new("ct-110000", "OperatorBranch", "中国电信北京分公司", "China Telecom Beijing", "110000", "ct"),
    ];

    public static async Task<CollectionHarness> StartAsync(DatabaseProvider provider)
    {
        var self = new CollectionHarness();
        self._modules = await ModuleHarness.StartAsync(provider, [new PlanningModule(), new CollectionModule()],
            new DateTimeOffset(2024, 8, 5, 2, 0, 0, TimeSpan.Zero),
            services => services
                .AddSingleton<IActorAccessor>(self)
                .AddSingleton<IOrganisationDirectory>(self)
                .AddSingleton<IAuditLog>(self));
        return self;
    }

    public ReportService Service => _modules.Get<ReportService>();
    public IPlanningFacade Planning => _modules.Get<IPlanningFacade>();

    public Task<IReadOnlyList<OrganisationUnit>> ListAsync(CancellationToken ct = default) => Task.FromResult(Units);

    public Task<long> AppendAsync(AuditEntry entry, DbTransaction? transaction, CancellationToken ct = default)
    {
        Assert.NotNull(transaction); // the workflow always audits inside its own write transaction
        Audit.Add(entry);
        return Task.FromResult((long)Audit.Count);
    }

    public ValueTask DisposeAsync() => _modules.DisposeAsync();
}
