using System.Text.Json;
using System.Text.RegularExpressions;
using System.Data.Common;
using IctGov.Identifiers.Data;
using IctGov.Identifiers.Nodes;
using IctGov.Identifiers.Storage;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Security;
using Microsoft.EntityFrameworkCore;
using IctGov.Protocols.Handle;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace IctGov.Identifiers.Registry;

internal sealed record PrefixRequest(string Prefix, string Level, string? Parent, string OwnerName, string? OwnerUnitId, string? Industry, string? Province, bool Demo = false);

internal sealed record NodeRequest(string Name, string Role, string? Industry, string? Province, string? Prefix, IReadOnlyList<string>? Endpoints, DateOnly? InServiceFrom, bool Demo = false);

/// <summary>The outcome of an administrative write: done, or refused with a status and the problems.</summary>
internal sealed record AdminResult(int Status, IReadOnlyList<string> Problems)
{
    public static readonly AdminResult Done = new(200, []);
    public static AdminResult Refused(int status, params string[] problems) => new(status, problems);
}

/// <summary>
/// Prefixes, nodes and data templates: the hierarchy's registry data. Every write is audited in
/// its own transaction. Who may do what:
/// the ministry creates prefixes at every level, nodes and templates; the owning organisation of a
/// prefix sets its template, creates enterprise prefixes below it (a secondary node allocating to
/// its enterprises) and registers identifiers under it.
/// </summary>
internal sealed partial class RegistryService(IdentifiersDbContext db, IAuditLog audit, TemplateRegistry templates, TimeProvider clock,
    HandleStore handles, HandleNodeSite site, IOptions<HandleNodeOptions> node)
{
    public IdentifiersDbContext Db => db;

    [GeneratedRegex(@"^[0-9]+(\.[0-9A-Za-z]+)*$")]
    private static partial Regex PrefixSyntax();

    public Task<List<PrefixRow>> PrefixesAsync(CancellationToken ct) => db.Prefixes.AsNoTracking().OrderBy(p => p.Prefix).ToListAsync(ct);

    /// <summary>
    /// The registered prefix, whatever the case of its letters: Handle.Net compares prefixes (naming authorities), like whole
    /// handles, case-insensitively in ASCII, and the store keys prefix handles on <see cref="HandleName.Normalize"/> — so
    /// <c>0.na/88.abc</c> and <c>88.ABC/x</c> are governed by the prefix registered as <c>88.ABC</c>. Every lookup of a
    /// prefix by name goes through here. Digits and periods have no case: those prefixes (nearly all) keep the key lookup.
    /// </summary>
    public Task<PrefixRow?> PrefixAsync(string prefix, CancellationToken ct)
    {
        if (!prefix.AsSpan().ContainsAnyInRange('A', 'Z') && !prefix.AsSpan().ContainsAnyInRange('a', 'z'))
        {
            return db.Prefixes.AsNoTracking().FirstOrDefaultAsync(p => p.Prefix == prefix, ct);
        }
        var key = HandleName.Normalize(prefix);
        // SQL upper() on both engines; prefixes are ASCII by their syntax, so no culture is involved.
#pragma warning disable CA1304, CA1311, CA1862
        return db.Prefixes.AsNoTracking().FirstOrDefaultAsync(p => p.Prefix.ToUpper() == key, ct);
#pragma warning restore CA1304, CA1311, CA1862
    }

    public Task<List<NodeRow>> NodesAsync(CancellationToken ct) => db.Nodes.AsNoTracking().OrderBy(n => n.Role).ThenBy(n => n.Name).ToListAsync(ct);

    /// <summary>Whether the actor may register identifiers under the prefix: its owner's users and the ministry.</summary>
    public static bool MayRegister(Actor actor, PrefixRow prefix) =>
        actor.Role == Role.MinistryAdmin || (actor.Role != Role.Public && actor.UnitId is not null && actor.UnitId == prefix.OwnerUnitId);

    public async Task<AdminResult> CreatePrefixAsync(PrefixRequest r, Actor actor, CancellationToken ct)
    {
        if (actor.Role == Role.Public)
        {
            return AdminResult.Refused(401, "sign in or send an API token");
        }
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(r.Prefix) || r.Prefix.Length > 255 || !PrefixSyntax().IsMatch(r.Prefix))
        {
            problems.Add("prefix: dot-separated segments starting with a number, e.g. 88.100.1");
        }
        if (!PrefixLevels.All.Contains(r.Level))
        {
            problems.Add($"level: one of {string.Join(", ", PrefixLevels.All)}");
        }
        if (string.IsNullOrWhiteSpace(r.OwnerName) || r.OwnerName.Length > 200)
        {
            problems.Add("ownerName: required, at most 200 characters");
        }
        if (r.Industry is not null && !Industries.Doors.ContainsKey(r.Industry))
        {
            problems.Add("industry: a GB/T 4754 door code A–T");
        }
        if (r.Province is not null && !Regions.TryGet(r.Province, out _))
        {
            problems.Add("province: a GB/T 2260 province code, e.g. 320000");
        }
        if (r.OwnerUnitId is { Length: > 64 })
        {
            problems.Add("ownerUnitId: at most 64 characters");
        }
        PrefixRow? parent = null;
        if (problems.Count == 0)
        {
            if (r.Level == PrefixLevels.NationalTopLevel)
            {
                if (r.Parent is not null || r.Prefix.Contains('.', StringComparison.Ordinal))
                {
                    problems.Add("prefix: a national top-level prefix is one segment without a parent");
                }
            }
            else if (r.Parent is null || !r.Prefix.StartsWith(r.Parent + ".", StringComparison.Ordinal))
            {
                problems.Add($"parent: required, and the prefix must extend it (e.g. parent 88.100 for 88.100.1)");
            }
            else if ((parent = await PrefixAsync(r.Parent, ct)) is null)
            {
                problems.Add($"parent: prefix {r.Parent} is not registered");
            }
            else if (Array.IndexOf(PrefixLevels.All, parent.Level) != Array.IndexOf(PrefixLevels.All, r.Level) - 1)
            {
                problems.Add($"level: below a {parent.Level} prefix comes a {PrefixLevels.All[Math.Min(Array.IndexOf(PrefixLevels.All, parent.Level) + 1, 2)]} prefix");
            }
        }
        if (problems.Count > 0)
        {
            return new AdminResult(422, problems);
        }
        var mayCreate = actor.Role == Role.MinistryAdmin
            || (r.Level == PrefixLevels.Enterprise && parent is not null && actor.UnitId is not null && actor.UnitId == parent.OwnerUnitId);
        if (!mayCreate)
        {
            return AdminResult.Refused(403, "the ministry creates prefixes; a secondary node's owner creates enterprise prefixes below its own");
        }
        var row = new PrefixRow
        {
            Prefix = r.Prefix, Level = r.Level, Parent = r.Parent, OwnerName = r.OwnerName.Trim(), OwnerUnitId = r.OwnerUnitId,
            Industry = r.Industry ?? parent?.Industry, Province = r.Province ?? parent?.Province, Demo = r.Demo, CreatedAt = clock.GetUtcNow(),
        };
        if (await PrefixAsync(r.Prefix, ct) is { } existing)
        {
            return AdminResult.Refused(409, $"prefix {existing.Prefix} is already registered");
        }
        // The prefix and its prefix handle 0.NA/P (HS_ADMIN, and HS_SITE when something serves it) commit together with the audit entry.
        var nodes = await db.Nodes.AsNoTracking().ToListAsync(ct);
        return await WithPrefixHandleAsync(r.Prefix, r.Parent, nodes, tx =>
        {
            tx.Prefixes.Add(row);
            return Task.FromResult(AdminResult.Done);
        }, () => new AuditEntry(actor.Id, "identifiers.prefix.create", "identifier_prefix", r.Prefix, null, JsonSerializer.Serialize(row), row.Province), ct);
    }

    public async Task<AdminResult> CreateNodeAsync(NodeRequest r, Actor actor, CancellationToken ct)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return AdminResult.Refused(actor.Role == Role.Public ? 401 : 403, "the ministry keeps the node directory");
        }
        var problems = await CheckNodeAsync(r, ct);
        if (problems.Count > 0)
        {
            return new AdminResult(422, problems);
        }
        var row = new NodeRow
        {
            Name = r.Name.Trim(), Role = r.Role, Industry = r.Industry, Province = r.Province, Prefix = r.Prefix,
            Endpoints = string.Join(' ', r.Endpoints ?? []), Demo = r.Demo,
            InServiceFrom = r.InServiceFrom ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), CreatedAt = clock.GetUtcNow(),
        };
        if (await db.Nodes.AnyAsync(n => n.Name == row.Name, ct))
        {
            return AdminResult.Refused(409, $"a node named {row.Name} exists");
        }
        var entry = () => new AuditEntry(actor.Id, "identifiers.node.create", "identifier_node", row.Name, null, JsonSerializer.Serialize(row), row.Province);
        if (row.Prefix is null)
        {
            return await AuditedAsync(() =>
            {
                db.Nodes.Add(row);
                return Task.FromResult(AdminResult.Done);
            }, entry, ct);
        }
        // The node serves its prefix: 0.NA/P's HS_SITE names it from the same transaction on.
        var nodes = await db.Nodes.AsNoTracking().ToListAsync(ct);
        nodes.Add(row);
        var result = await WithPrefixHandleAsync(row.Prefix, null, nodes, tx =>
        {
            tx.Nodes.Add(row);
            return Task.FromResult(AdminResult.Done);
        }, entry, ct);
        return await ThenSyncDescendantsAsync(result, row.Prefix, actor, ct);
    }

    /// <summary>Changes a node's directory entry; a change of its endpoints or prefix rewrites the HS_SITE of the prefix handles involved.</summary>
    public async Task<AdminResult> UpdateNodeAsync(long id, NodeRequest r, Actor actor, CancellationToken ct)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return AdminResult.Refused(actor.Role == Role.Public ? 401 : 403, "the ministry keeps the node directory");
        }
        var before = await db.Nodes.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (before is null)
        {
            return AdminResult.Refused(404, $"node {id} does not exist");
        }
        var problems = await CheckNodeAsync(r, ct);
        if (problems.Count > 0)
        {
            return new AdminResult(422, problems);
        }
        var name = r.Name.Trim();
        if (name != before.Name && await db.Nodes.AnyAsync(n => n.Name == name, ct))
        {
            return AdminResult.Refused(409, $"a node named {name} exists");
        }
        var after = new NodeRow
        {
            Id = id, Name = name, Role = r.Role, Industry = r.Industry, Province = r.Province, Prefix = r.Prefix,
            Endpoints = string.Join(' ', r.Endpoints ?? []), Demo = r.Demo, InServiceFrom = r.InServiceFrom ?? before.InServiceFrom, CreatedAt = before.CreatedAt,
        };
        var entry = () => new AuditEntry(actor.Id, "identifiers.node.update", "identifier_node", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(before), JsonSerializer.Serialize(after), after.Province);
        var nodes = await db.Nodes.AsNoTracking().Where(n => n.Id != id).ToListAsync(ct);
        nodes.Add(after);
        return await WithNodePrefixesAsync(before.Prefix, after.Prefix, nodes, tx =>
        {
            tx.Nodes.Update(after);
            return Task.FromResult(AdminResult.Done);
        }, entry, actor, ct);
    }

    /// <summary>Removes a node from the directory; its prefix handle's HS_SITE then names whatever serves the prefix next (or nothing).</summary>
    public async Task<AdminResult> DeleteNodeAsync(long id, Actor actor, CancellationToken ct)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return AdminResult.Refused(actor.Role == Role.Public ? 401 : 403, "the ministry keeps the node directory");
        }
        var before = await db.Nodes.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (before is null)
        {
            return AdminResult.Refused(404, $"node {id} does not exist");
        }
        var entry = () => new AuditEntry(actor.Id, "identifiers.node.delete", "identifier_node", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(before), null, before.Province);
        var nodes = await db.Nodes.AsNoTracking().Where(n => n.Id != id).ToListAsync(ct);
        return await WithNodePrefixesAsync(before.Prefix, null, nodes, async tx =>
        {
            tx.Nodes.Remove(await tx.Nodes.FirstAsync(n => n.Id == id, ct));
            return AdminResult.Done;
        }, entry, actor, ct);
    }

    private async Task<AdminResult> WithNodePrefixesAsync(string? oldPrefix, string? newPrefix, List<NodeRow> nodesAfter,
        Func<IdentifiersDbContext, Task<AdminResult>> change, Func<AuditEntry> entry, Actor actor, CancellationToken ct)
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

    private async Task<List<string>> CheckNodeAsync(NodeRequest r, CancellationToken ct)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > 200)
        {
            problems.Add("name: required, at most 200 characters");
        }
        if (!NodeRoles.All.Contains(r.Role))
        {
            problems.Add($"role: one of {string.Join(", ", NodeRoles.All)}");
        }
        if (r.Industry is not null && !Industries.Doors.ContainsKey(r.Industry))
        {
            problems.Add("industry: a GB/T 4754 door code A–T");
        }
        if (r.Province is not null && !Regions.TryGet(r.Province, out _))
        {
            problems.Add("province: a GB/T 2260 province code, e.g. 320000");
        }
        if (r.Role == NodeRoles.Secondary && (r.Industry is null || r.Prefix is null))
        {
            problems.Add("a secondary node serves one industry under its own prefix: industry and prefix are required");
        }
        if (r.Prefix is not null && await PrefixAsync(r.Prefix, ct) is null)
        {
            problems.Add($"prefix: {r.Prefix} is not registered");
        }
        problems.AddRange(PrefixHandles.CheckEndpoints(r.Endpoints ?? []));
        return problems;
    }

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
    private async Task<AdminResult> WithPrefixHandleAsync(string prefix, string? parent, IReadOnlyList<NodeRow> nodesAfter,
        Func<IdentifiersDbContext, Task<AdminResult>> change, Func<AuditEntry> entry, CancellationToken ct)
    {
        var handle = HandleName.PrefixHandle(prefix);
        var desired = DesiredService(prefix, nodesAfter);
        parent ??= (await PrefixAsync(prefix, ct))?.Parent;
        AdminResult? refused = null;
        async Task InTransaction(DbTransaction tx)
        {
            await using var joined = Join(tx);
            var result = await change(joined);
            if (result.Status != 200)
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
                refused = AdminResult.Refused(409, "the registry changed meanwhile: " + (e.InnerException ?? e).Message);
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
                return AdminResult.Refused(500, $"prefix handle {handle} could not be written ({outcome.Result})");
            }
        }
        catch (RegistryRefusal)
        {
            return refused!;
        }
        db.ChangeTracker.Clear();
        return AdminResult.Done;
    }

    /// <summary>After a node change, the prefixes below it may be served differently (an ancestor's node serves them, or the platform again).</summary>
    private async Task<AdminResult> ThenSyncDescendantsAsync(AdminResult result, string prefix, Actor actor, CancellationToken ct, bool includeSelf = false)
    {
        if (result.Status != 200)
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
        var result = await WithPrefixHandleAsync(prefix, row.Parent, await db.Nodes.AsNoTracking().ToListAsync(ct), _ => Task.FromResult(AdminResult.Done),
            () => new AuditEntry(actor.Id, "identifiers.prefix-handle.sync", "identifier_prefix", prefix, before,
                JsonSerializer.Serialize(desired.Select(v => new { v.Type })), row.Province), ct);
        return result.Status == 200;
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

    public async Task<AdminResult> SetTemplateAsync(string prefix, IReadOnlyList<TemplateField>? fields, Actor actor, CancellationToken ct)
    {
        if (actor.Role == Role.Public)
        {
            return AdminResult.Refused(401, "sign in or send an API token");
        }
        var owner = await PrefixAsync(prefix, ct);
        if (owner is null)
        {
            return AdminResult.Refused(404, $"prefix {prefix} is not registered");
        }
        if (!MayRegister(actor, owner))
        {
            return AdminResult.Refused(403, "the prefix's owner or the ministry sets its data template");
        }
        prefix = owner.Prefix;
        var problems = DataTemplate.CheckDefinition(fields);
        if (problems.Count > 0)
        {
            return new AdminResult(422, problems);
        }
        var json = JsonSerializer.Serialize(fields, TemplateRegistry.Json);
        string? before = null;
        var result = await AuditedAsync(async () =>
        {
            var row = await db.Templates.FirstOrDefaultAsync(t => t.Prefix == prefix, ct);
            before = row?.FieldsJson;
            if (row is null)
            {
                db.Templates.Add(new TemplateRow { Prefix = prefix, FieldsJson = json, UpdatedAt = clock.GetUtcNow() });
            }
            else
            {
                row.FieldsJson = json;
                row.UpdatedAt = clock.GetUtcNow();
            }
            return AdminResult.Done;
        }, () => new AuditEntry(actor.Id, "identifiers.template.set", "identifier_template", prefix, before, json, owner.Province), ct);
        await templates.LoadAsync(ct);
        return result;
    }

    public async Task<AdminResult> DeleteTemplateAsync(string prefix, Actor actor, CancellationToken ct)
    {
        var owner = await PrefixAsync(prefix, ct);
        if (actor.Role == Role.Public)
        {
            return AdminResult.Refused(401, "sign in or send an API token");
        }
        if (owner is null || !MayRegister(actor, owner))
        {
            return AdminResult.Refused(owner is null ? 404 : 403, owner is null ? $"prefix {prefix} is not registered" : "the prefix's owner or the ministry removes its data template");
        }
        prefix = owner.Prefix;
        string? before = null;
        var result = await AuditedAsync(async () =>
        {
            var row = await db.Templates.FirstOrDefaultAsync(t => t.Prefix == prefix, ct);
            if (row is null)
            {
                return AdminResult.Refused(404, $"prefix {prefix} has no data template");
            }
            before = row.FieldsJson;
            db.Templates.Remove(row);
            return AdminResult.Done;
        }, () => new AuditEntry(actor.Id, "identifiers.template.delete", "identifier_template", prefix, before, null, owner.Province), ct);
        await templates.LoadAsync(ct);
        return result;
    }

    /// <summary>The national top-level prefix and node, as they are in reality; nothing invented.</summary>
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Prefixes.AnyAsync(ct))
        {
            return;
        }
        var system = Actor.System("identifiers-seed");
        await CreatePrefixAsync(new PrefixRequest("88", PrefixLevels.NationalTopLevel, null, "工业互联网标识解析国家顶级节点（中国信息通信研究院）", null, null, "110000"), system, ct);
        await CreateNodeAsync(new NodeRequest("国家顶级节点", NodeRoles.NationalTopLevel, null, "110000", "88", [], null), system, ct);
    }

    private Task<AdminResult> AuditedAsync(Func<Task<AdminResult>> change, AuditEntry entry, CancellationToken ct) => AuditedAsync(change, () => entry, ct);

    private async Task<AdminResult> AuditedAsync(Func<Task<AdminResult>> change, Func<AuditEntry> entry, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await change();
        if (result.Status != 200)
        {
            return result;
        }
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(entry(), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return result;
    }
}
