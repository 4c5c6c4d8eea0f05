using System.Data.Common;
using System.Text.Json;
using IctGov.Identifiers.Data;
using IctGov.Identifiers.Storage;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Protocols.Handle;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Identifiers.Registry;

// Prefix handles 0.NA/P: what serves each prefix, written in the same transaction as the registry change and its audit entry.
internal sealed partial class RegistryService
{
    /// <summary>Whether this platform's own node homes the prefix (its configured prefixes, or everything when none are configured).</summary>
    private bool PlatformHomes(string prefix)
    {
        var homed = node.Value.ResponsiblePrefixes;
        return homed.Count == 0 || homed.Any(p => !string.Equals(p, HandleName.PrefixAuthority, StringComparison.OrdinalIgnoreCase)
            && (string.Equals(p, prefix, StringComparison.OrdinalIgnoreCase) || prefix.StartsWith(p + ".", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// The service values of 0.NA/P: the nodes registered for P; else the platform's own site when it homes P and no
    /// ancestor of P has a node (an ancestor's node serves P through its HS_SITE.PREFIX); else none.
    /// </summary>
    private List<HandleValue> DesiredService(string prefix, IReadOnlyList<NodeRow> nodes)
    {
        var serving = nodes.Where(n => PrefixHandles.Serves(n) && n.Prefix == prefix).ToList();
        var ancestorServed = nodes.Any(n => PrefixHandles.Serves(n) && prefix.StartsWith(n.Prefix + ".", StringComparison.Ordinal));
        // A site without interfaces (listeners off or not bound yet) serves nobody; PrefixHandleSync adds it at start.
        var own = site.Current;
        var ownUsable = own.Servers.Any(s => s.Interfaces.Count > 0);
        return PrefixHandles.Service(serving, serving.Count == 0 && !ancestorServed && ownUsable && PlatformHomes(prefix) ? own : null);
    }

    /// <summary>
    /// Runs a registry change, its audit entry and the write of prefix handle 0.NA/<paramref name="prefix"/> in one
    /// transaction (the handle store's, which the registry change and the audit join): all three commit or none.
    /// </summary>
    private async Task<Outcome<Done>> WithPrefixHandleAsync(string prefix, string? parent, IReadOnlyList<NodeRow> nodesAfter,
        Func<IdentifiersDbContext, Task<Outcome<Done>>> change, Func<AuditEntry> entry, CancellationToken ct)
    {
        var handle = HandleName.PrefixHandle(prefix);
        var desired = DesiredService(prefix, nodesAfter);
        parent ??= (await PrefixAsync(prefix, ct))?.Parent;
        Outcome<Done>? refused = null;
        async Task InTransaction(DbTransaction tx)
        {
            await using var joined = Join(tx);
            var result = await change(joined);
            if (!result.Succeeded)
            {
                refused = result;
                throw new RegistryRefusal();
            }
            try
            {
                await joined.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e)
            {
                refused = Outcome.Refused<Done>(OutcomeStatus.Conflict, "the registry changed meanwhile: " + (e.InnerException ?? e).Message);
                throw new RegistryRefusal();
            }
            await audit.AppendAsync(entry(), tx, ct);
        }
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var current = await handles.ResolveAsync(handle, ct);
                WriteOutcome outcome;
                if (current is null)
                {
                    outcome = await handles.CreateCoreAsync(handle, PrefixHandles.Initial(prefix, parent, desired), overwrite: false, InTransaction, ct);
                }
                else
                {
                    var plan = PrefixHandles.Plan(current, desired) ?? ([], []);
                    var set = plan.Set;
                    if (!current.Any(v => string.Equals(v.Type, HandleValueTypes.Admin, StringComparison.OrdinalIgnoreCase)))
                    {
                        // A prefix handle made over the protocol without administrators gets the registry's.
                        set = [.. set, .. PrefixHandles.Admins(prefix, parent).Where(a => !current.Any(v => v.Index == a.Index) && !set.Any(v => v.Index == a.Index))];
                    }
                    outcome = await handles.ChangeValuesCoreAsync(handle, HandleStore.ValueChange.AddOrReplace, set, plan.Remove, InTransaction, ct);
                }
                if (outcome.Result == HandleStoreResult.Ok)
                {
                    break;
                }
                // Created or deleted over the protocol between our read and our write: read again once.
                if (attempt == 0 && outcome.Result is HandleStoreResult.HandleAlreadyExists or HandleStoreResult.HandleNotFound)
                {
                    continue;
                }
                // Neither a refusal of the caller nor a race read again: the store and the registry disagree, an error to log.
                throw new InvalidOperationException($"prefix handle {handle} could not be written ({outcome.Result})");
            }
        }
        catch (RegistryRefusal)
        {
            return refused!;
        }
        db.ChangeTracker.Clear();
        return Outcome.Ok();
    }

    /// <summary>After a node change, the prefixes below it may be served differently (an ancestor's node serves them, or the platform again).</summary>
    private async Task<Outcome<Done>> ThenSyncDescendantsAsync(Outcome<Done> result, string prefix, Actor actor, CancellationToken ct, bool includeSelf = false)
    {
        if (!result.Succeeded)
        {
            return result;
        }
        var below = await db.Prefixes.AsNoTracking()
            .Where(p => p.Prefix.StartsWith(prefix + ".") || (includeSelf && p.Prefix == prefix)).Select(p => p.Prefix).ToListAsync(ct);
        foreach (var p in below)
        {
            await SyncPrefixHandleAsync(p, actor, ct);
        }
        return result;
    }

    /// <summary>
    /// Brings 0.NA/P in line with the registry (what serves P now); writes and audits only when something changed.
    /// Returns whether it wrote.
    /// </summary>
    public async Task<bool> SyncPrefixHandleAsync(string prefix, Actor actor, CancellationToken ct)
    {
        var row = await PrefixAsync(prefix, ct);
        if (row is null)
        {
            return false;
        }
        var handle = HandleName.PrefixHandle(prefix);
        var current = await handles.ResolveAsync(handle, ct);
        var desired = DesiredService(prefix, await db.Nodes.AsNoTracking().ToListAsync(ct));
        if (current is not null && PrefixHandles.Plan(current, desired) is null)
        {
            return false;
        }
        var before = current is null ? null : JsonSerializer.Serialize(current.Where(PrefixHandles.IsServiceValue).Select(v => new { v.Index, v.Type }));
        var result = await WithPrefixHandleAsync(prefix, row.Parent, await db.Nodes.AsNoTracking().ToListAsync(ct), _ => Task.FromResult(Outcome.Ok()),
            () => new AuditEntry(actor.Id, "identifiers.prefix-handle.sync", "identifier_prefix", prefix, before,
                JsonSerializer.Serialize(desired.Select(v => new { v.Type })), row.Province), ct);
        return result.Succeeded;
    }

    /// <summary>Every registered prefix's handle brought in line (at start, once the node's listeners have their ports).</summary>
    public async Task<int> SyncPrefixHandlesAsync(Actor actor, CancellationToken ct)
    {
        var written = 0;
        foreach (var p in await db.Prefixes.AsNoTracking().OrderBy(p => p.Prefix).Select(p => p.Prefix).ToListAsync(ct))
        {
            written += await SyncPrefixHandleAsync(p, actor, ct) ? 1 : 0;
        }
        return written;
    }

    /// <summary>A context of the same database on the handle store's connection, enlisted in its transaction.</summary>
    private IdentifiersDbContext Join(DbTransaction tx)
    {
        var connection = tx.Connection ?? throw new InvalidOperationException("The transaction has no connection");
        IdentifiersDbContext joined = db.Database.IsSqlite()
            ? new SqliteIdentifiersDbContext(new DbContextOptionsBuilder<SqliteIdentifiersDbContext>().UseSqlite(connection).Options)
            : new PostgresIdentifiersDbContext(new DbContextOptionsBuilder<PostgresIdentifiersDbContext>().UseNpgsql(connection).Options);
        joined.Database.UseTransaction(tx);
        return joined;
    }

    /// <summary>Unwinds the store's transaction when the registry part refuses.</summary>
    private sealed class RegistryRefusal : Exception;
}
