using System.Text.Json;
using IctGov.Identifiers.Data;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Identifiers.Registry;

// The node directory: registering, changing and deleting nodes, each rewriting the prefix handles it serves.
internal sealed partial class RegistryService
{
    public async Task<Outcome<Done>> CreateNodeAsync(NodeRequest r, Actor actor, CancellationToken ct)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<Done>(actor.Refusal, "the ministry keeps the node directory");
        }
        var problems = await CheckNodeAsync(r, ct);
        if (problems.Count > 0)
        {
            return Outcome.Refused<Done>(OutcomeStatus.Unprocessable, problems);
        }
        var row = new NodeRow
        {
            Name = r.Name.Trim(), Role = r.Role, Industry = r.Industry, Province = r.Province, Prefix = r.Prefix,
            Endpoints = string.Join(' ', r.Endpoints ?? []), Demo = r.Demo,
            InServiceFrom = r.InServiceFrom ?? ChinaCalendar.ToChinaDate(clock.GetUtcNow()), CreatedAt = clock.GetUtcNow(),
            SiteInfo = await NodeSiteAsync(r, null, ct),
        };
        if (await db.Nodes.AnyAsync(n => n.Name == row.Name, ct))
        {
            return Outcome.Refused<Done>(OutcomeStatus.Conflict, $"a node named {row.Name} exists");
        }
        var entry = () => new AuditEntry(actor.Id, "identifiers.node.create", "identifier_node", row.Name, null, JsonSerializer.Serialize(row), row.Province);
        if (row.Prefix is null)
        {
            return await AuditedAsync(() =>
            {
                db.Nodes.Add(row);
                return Task.FromResult(Outcome.Ok());
            }, entry, ct);
        }
        // The node serves its prefix: 0.NA/P's HS_SITE names it from the same transaction on.
        var nodes = await db.Nodes.AsNoTracking().ToListAsync(ct);
        nodes.Add(row);
        var result = await WithPrefixHandleAsync(row.Prefix, null, nodes, tx =>
        {
            tx.Nodes.Add(row);
            return Task.FromResult(Outcome.Ok());
        }, entry, ct);
        return await ThenSyncDescendantsAsync(result, row.Prefix, actor, ct);
    }

    /// <summary>Changes a node's directory entry; a change of its endpoints or prefix rewrites the HS_SITE of the prefix handles involved.</summary>
    public async Task<Outcome<Done>> UpdateNodeAsync(long id, NodeRequest r, Actor actor, CancellationToken ct)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<Done>(actor.Refusal, "the ministry keeps the node directory");
        }
        var before = await db.Nodes.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (before is null)
        {
            return Outcome.Refused<Done>(OutcomeStatus.NotFound, $"node {id} does not exist");
        }
        var problems = await CheckNodeAsync(r, ct);
        if (problems.Count > 0)
        {
            return Outcome.Refused<Done>(OutcomeStatus.Unprocessable, problems);
        }
        var name = r.Name.Trim();
        if (name != before.Name && await db.Nodes.AnyAsync(n => n.Name == name, ct))
        {
            return Outcome.Refused<Done>(OutcomeStatus.Conflict, $"a node named {name} exists");
        }
        var after = new NodeRow
        {
            Id = id, Name = name, Role = r.Role, Industry = r.Industry, Province = r.Province, Prefix = r.Prefix,
            Endpoints = string.Join(' ', r.Endpoints ?? []), Demo = r.Demo, InServiceFrom = r.InServiceFrom ?? before.InServiceFrom, CreatedAt = before.CreatedAt,
            SiteInfo = await NodeSiteAsync(r, before.SiteInfo, ct),
        };
        var entry = () => new AuditEntry(actor.Id, "identifiers.node.update", "identifier_node", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(before), JsonSerializer.Serialize(after), after.Province);
        var nodes = await db.Nodes.AsNoTracking().Where(n => n.Id != id).ToListAsync(ct);
        nodes.Add(after);
        return await WithNodePrefixesAsync(before.Prefix, after.Prefix, nodes, tx =>
        {
            tx.Nodes.Update(after);
            return Task.FromResult(Outcome.Ok());
        }, entry, actor, ct);
    }

    /// <summary>Removes a node from the directory; its prefix handle's HS_SITE then names whatever serves the prefix next (or nothing).</summary>
    public async Task<Outcome<Done>> DeleteNodeAsync(long id, Actor actor, CancellationToken ct)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<Done>(actor.Refusal, "the ministry keeps the node directory");
        }
        var before = await db.Nodes.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (before is null)
        {
            return Outcome.Refused<Done>(OutcomeStatus.NotFound, $"node {id} does not exist");
        }
        var entry = () => new AuditEntry(actor.Id, "identifiers.node.delete", "identifier_node", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(before), null, before.Province);
        var nodes = await db.Nodes.AsNoTracking().Where(n => n.Id != id).ToListAsync(ct);
        return await WithNodePrefixesAsync(before.Prefix, null, nodes, async tx =>
        {
            tx.Nodes.Remove(await tx.Nodes.FirstAsync(n => n.Id == id, ct));
            return Outcome.Ok();
        }, entry, actor, ct);
    }

    private async Task<Outcome<Done>> WithNodePrefixesAsync(string? oldPrefix, string? newPrefix, List<NodeRow> nodesAfter,
        Func<IdentifiersDbContext, Task<Outcome<Done>>> change, Func<AuditEntry> entry, Actor actor, CancellationToken ct)
    {
        var main = newPrefix ?? oldPrefix;
        if (main is null)
        {
            return await AuditedAsync(() => change(db), entry, ct);
        }
        var result = await WithPrefixHandleAsync(main, null, nodesAfter, change, entry, ct);
        result = await ThenSyncDescendantsAsync(result, main, actor, ct);
        if (oldPrefix is not null && oldPrefix != main)
        {
            result = await ThenSyncDescendantsAsync(result, oldPrefix, actor, ct, includeSelf: true);
        }
        return result;
    }

    private async Task<List<RowError>> CheckNodeAsync(NodeRequest r, CancellationToken ct)
    {
        var problems = new List<RowError>();
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > 200)
        {
            problems.Add(new RowError(0, "name", "required, at most 200 characters"));
        }
        if (!NodeRoles.All.Contains(r.Role))
        {
            problems.Add(new RowError(0, "role", $"one of {string.Join(", ", NodeRoles.All)}"));
        }
        if (r.Industry is not null && !Industries.Doors.ContainsKey(r.Industry))
        {
            problems.Add(new RowError(0, "industry", "a GB/T 4754 door code A–T"));
        }
        if (r.Province is not null && !Regions.TryGet(r.Province, out _))
        {
            problems.Add(new RowError(0, "province", "a GB/T 2260 province code, e.g. 320000"));
        }
        if (r.Role == NodeRoles.Secondary && (r.Industry is null || r.Prefix is null))
        {
            problems.Add(new RowError(0, "industry", "a secondary node serves one industry under its own prefix: industry and prefix are required"));
        }
        if (r.Prefix is not null && await PrefixAsync(r.Prefix, ct) is null)
        {
            problems.Add(new RowError(0, "prefix", $"{r.Prefix} is not registered"));
        }
        problems.AddRange(PrefixHandles.CheckEndpoints(r.Endpoints ?? []));
        problems.AddRange(NodeSites.Check(r.SiteInfo));
        return problems;
    }
}
