using System.Data.Common;
using IctGov.Kernel.Auditing;

namespace IctGov.NetworkQuality.Tests;

/// <summary>
/// The audit log as the module sees it, in memory: the platform's log (the Audit module) is tested
/// on its own; here the question is only which entries the module's writes append.
/// </summary>
public sealed class TestAuditLog : IAuditLog
{
    private readonly List<AuditEntry> _entries = [];

    public IReadOnlyList<AuditEntry> Entries
    {
        get
        {
            lock (_entries) return [.. _entries];
        }
    }

    public Task<long> AppendAsync(AuditEntry entry, DbTransaction? transaction, CancellationToken ct = default)
    {
        lock (_entries)
        {
            _entries.Add(entry);
            return Task.FromResult((long)_entries.Count);
        }
    }
}
