using System.Text.Json;
using System.Text.RegularExpressions;
using IctGov.Identifiers.Data;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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
internal sealed partial class RegistryService(IdentifiersDbContext db, IAuditLog audit, TemplateRegistry templates, TimeProvider clock)
{
    public IdentifiersDbContext Db => db;

    [GeneratedRegex(@"^[0-9]+(\.[0-9A-Za-z]+)*$")]
    private static partial Regex PrefixSyntax();

    public Task<List<PrefixRow>> PrefixesAsync(CancellationToken ct) => db.Prefixes.AsNoTracking().OrderBy(p => p.Prefix).ToListAsync(ct);

    public Task<PrefixRow?> PrefixAsync(string prefix, CancellationToken ct) =>
        db.Prefixes.AsNoTracking().FirstOrDefaultAsync(p => p.Prefix == prefix, ct);

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
        return await AuditedAsync(async () =>
        {
            if (await db.Prefixes.AnyAsync(p => p.Prefix == r.Prefix, ct))
            {
                return AdminResult.Refused(409, $"prefix {r.Prefix} is already registered");
            }
            db.Prefixes.Add(row);
            return AdminResult.Done;
        }, new AuditEntry(actor.Id, "identifiers.prefix.create", "identifier_prefix", r.Prefix, null, JsonSerializer.Serialize(row), row.Province), ct);
    }

    public async Task<AdminResult> CreateNodeAsync(NodeRequest r, Actor actor, CancellationToken ct)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return AdminResult.Refused(actor.Role == Role.Public ? 401 : 403, "the ministry keeps the node directory");
        }
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
        foreach (var e in r.Endpoints ?? [])
        {
            if (!Uri.TryCreate(e, UriKind.Absolute, out var u) || u.Scheme is not ("udp" or "tcp" or "http" or "https"))
            {
                problems.Add($"endpoints: '{e}' is not a udp://, tcp:// or http(s):// URI");
            }
        }
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
        return await AuditedAsync(async () =>
        {
            if (await db.Nodes.AnyAsync(n => n.Name == row.Name, ct))
            {
                return AdminResult.Refused(409, $"a node named {row.Name} exists");
            }
            db.Nodes.Add(row);
            return AdminResult.Done;
        }, new AuditEntry(actor.Id, "identifiers.node.create", "identifier_node", row.Name, null, JsonSerializer.Serialize(row), row.Province), ct);
    }

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
