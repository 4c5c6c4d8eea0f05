using System.Text.Json;
using System.Text.RegularExpressions;
using IctGov.Identifiers.Data;
using IctGov.Identifiers.Nodes;
using IctGov.Identifiers.Storage;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Protocols.Handle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace IctGov.Identifiers.Registry;

internal sealed record PrefixRequest(string Prefix, string Level, string? Parent, string OwnerName, string? OwnerUnitId, string? Industry, string? Province, bool Demo = false);

/// <param name="SiteInfo">Base64 of the node's binary HS_SITE (as <c>hdl-getsiteinfo</c> saves it), for a node the registry cannot reach to ask for its keys.</param>
internal sealed record NodeRequest(string Name, string Role, string? Industry, string? Province, string? Prefix, IReadOnlyList<string>? Endpoints, DateOnly? InServiceFrom, bool Demo = false,
    string? SiteInfo = null);

/// <summary>
/// Prefixes, nodes and data templates: the hierarchy's registry data. Every write is audited in
/// its own transaction. Who may do what:
/// the ministry creates prefixes at every level, nodes and templates; the owning organisation of a
/// prefix sets its template, creates enterprise prefixes below it (a secondary node allocating to
/// its enterprises) and registers identifiers under it.
/// </summary>
internal sealed partial class RegistryService(IdentifiersDbContext db, IAuditLog audit, TemplateRegistry templates, TimeProvider clock,
    HandleStore handles, HandleNodeSite site, IOptions<HandleNodeOptions> node, NodeSites nodeSites)
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
        actor.Role == Role.MinistryAdmin || (actor.IsSignedIn && actor.UnitId is not null && actor.UnitId == prefix.OwnerUnitId);

    public async Task<Outcome<Done>> CreatePrefixAsync(PrefixRequest r, Actor actor, CancellationToken ct)
    {
        if (!actor.IsSignedIn)
        {
            return Outcome.Refused<Done>(OutcomeStatus.Unauthenticated, "sign in or send an API token");
        }
        var (problems, parent) = await CheckPrefixAsync(r, ct);
        if (problems.Count > 0)
        {
            return Outcome.Refused<Done>(OutcomeStatus.Unprocessable, problems);
        }
        var mayCreate = actor.Role == Role.MinistryAdmin
            || (r.Level == PrefixLevels.Enterprise && parent is not null && actor.UnitId is not null && actor.UnitId == parent.OwnerUnitId);
        if (!mayCreate)
        {
            return Outcome.Refused<Done>(OutcomeStatus.Forbidden, "the ministry creates prefixes; a secondary node's owner creates enterprise prefixes below its own");
        }
        var row = new PrefixRow
        {
            Prefix = r.Prefix, Level = r.Level, Parent = r.Parent, OwnerName = r.OwnerName.Trim(), OwnerUnitId = r.OwnerUnitId,
            Industry = r.Industry ?? parent?.Industry, Province = r.Province ?? parent?.Province, Demo = r.Demo, CreatedAt = clock.GetUtcNow(),
        };
        if (await PrefixAsync(r.Prefix, ct) is { } existing)
        {
            return Outcome.Refused<Done>(OutcomeStatus.Conflict, $"prefix {existing.Prefix} is already registered");
        }
        // The prefix and its prefix handle 0.NA/P (HS_ADMIN, and HS_SITE when something serves it) commit together with the audit entry.
        var nodes = await db.Nodes.AsNoTracking().ToListAsync(ct);
        return await WithPrefixHandleAsync(r.Prefix, r.Parent, nodes, tx =>
        {
            tx.Prefixes.Add(row);
            return Task.FromResult(Outcome.Ok());
        }, () => new AuditEntry(actor.Id, "identifiers.prefix.create", "identifier_prefix", r.Prefix, null, JsonSerializer.Serialize(row), row.Province), ct);
    }

    /// <summary>What is wrong with a prefix request (syntax, level, owner, codes, parent), and its registered parent.</summary>
    private async Task<(List<RowError> Problems, PrefixRow? Parent)> CheckPrefixAsync(PrefixRequest r, CancellationToken ct)
    {
        var problems = new List<RowError>();
        if (string.IsNullOrWhiteSpace(r.Prefix) || r.Prefix.Length > 255 || !PrefixSyntax().IsMatch(r.Prefix))
        {
            problems.Add(new RowError(0, "prefix", "dot-separated segments starting with a number, e.g. 88.100.1"));
        }
        if (!PrefixLevels.All.Contains(r.Level))
        {
            problems.Add(new RowError(0, "level", $"one of {string.Join(", ", PrefixLevels.All)}"));
        }
        if (string.IsNullOrWhiteSpace(r.OwnerName) || r.OwnerName.Length > 200)
        {
            problems.Add(new RowError(0, "ownerName", "required, at most 200 characters"));
        }
        if (r.Industry is not null && !Industries.Doors.ContainsKey(r.Industry))
        {
            problems.Add(new RowError(0, "industry", "a GB/T 4754 door code A–T"));
        }
        if (r.Province is not null && !Regions.TryGet(r.Province, out _))
        {
            problems.Add(new RowError(0, "province", "a GB/T 2260 province code, e.g. 320000"));
        }
        if (r.OwnerUnitId is { Length: > 64 })
        {
            problems.Add(new RowError(0, "ownerUnitId", "at most 64 characters"));
        }
        PrefixRow? parent = null;
        if (problems.Count == 0)
        {
            if (r.Level == PrefixLevels.NationalTopLevel)
            {
                if (r.Parent is not null || r.Prefix.Contains('.', StringComparison.Ordinal))
                {
                    problems.Add(new RowError(0, "prefix", "a national top-level prefix is one segment without a parent"));
                }
            }
            else if (r.Parent is null || !r.Prefix.StartsWith(r.Parent + ".", StringComparison.Ordinal))
            {
                problems.Add(new RowError(0, "parent", "required, and the prefix must extend it (e.g. parent 88.100 for 88.100.1)"));
            }
            else if ((parent = await PrefixAsync(r.Parent, ct)) is null)
            {
                problems.Add(new RowError(0, "parent", $"prefix {r.Parent} is not registered"));
            }
            else if (Array.IndexOf(PrefixLevels.All, parent.Level) != Array.IndexOf(PrefixLevels.All, r.Level) - 1)
            {
                problems.Add(new RowError(0, "level", $"below a {parent.Level} prefix comes a {PrefixLevels.All[Math.Min(Array.IndexOf(PrefixLevels.All, parent.Level) + 1, 2)]} prefix"));
            }
        }
        return (problems, parent);
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

    private Task<Outcome<Done>> AuditedAsync(Func<Task<Outcome<Done>>> change, AuditEntry entry, CancellationToken ct) => AuditedAsync(change, () => entry, ct);

    private async Task<Outcome<Done>> AuditedAsync(Func<Task<Outcome<Done>>> change, Func<AuditEntry> entry, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await change();
        if (!result.Succeeded)
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
