using System.Data.Common;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Security;

namespace IctGov.Testing;

/// <summary>The kernel's audit log as a list: Planning alone has no Audit module, and every import must be audited.</summary>
internal sealed class RecordingAuditLog : IAuditLog
{
    public List<AuditEntry> Entries { get; } = [];

    public Task<long> AppendAsync(AuditEntry entry, DbTransaction? transaction, CancellationToken ct = default)
    {
        Assert.NotNull(transaction); // an import is audited inside the transaction that writes it
        lock (Entries)
        {
            Entries.Add(entry);
            return Task.FromResult((long)Entries.Count);
        }
    }
}

/// <summary>A fixed actor for tests that run a module without the Access module.</summary>
internal sealed class FixedActor(Actor actor) : IActorAccessor
{
    public Actor Current { get; set; } = actor;
}
