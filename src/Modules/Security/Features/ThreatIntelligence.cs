using System.Text.Json;
using System.Text.Json.Nodes;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Security.Data;
using IctGov.Security.Domain.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IctGov.Security.Features;

/// <summary>A collection as sent by the ministry: who may read and who may write (principals as <see cref="ThreatIntelligence.Principal"/> writes them).</summary>
internal sealed record CollectionInput(string? Title, string? Description, IReadOnlyList<string>? Readers, IReadOnlyList<string>? Writers);

/// <summary>A collection as the caller sees it (TAXII 2.1 section 5.2's collection resource).</summary>
internal sealed record CollectionView(string Id, string Title, string? Description, bool CanRead, bool CanWrite);

/// <summary>The filters of a TAXII object, manifest or versions request (section 3.4).</summary>
internal sealed record StixQuery(DateTimeOffset? AddedAfter, IReadOnlyList<string> Types, IReadOnlyList<string> Ids, IReadOnlyList<string> Versions, int Limit, long? After, IReadOnlyList<string> SpecVersions);

/// <summary>A page of stored versions, in the order they were added, with whether more follow.</summary>
internal sealed record StixPage(IReadOnlyList<StixObjectRow> Rows, bool More);

/// <summary>What adding a set of objects did: the stored ones, those already held (same id and version), and the refused ones.</summary>
internal sealed record AddResult(IReadOnlyList<StixObject> Added, IReadOnlyList<StixObject> AlreadyHeld, IReadOnlyList<RowError> Errors);

/// <summary>
/// The threat-intelligence store (威胁情报): STIX 2.1 objects kept per TAXII collection, each
/// version as received. A collection names who may read and who may write it; the ministry reads
/// and writes every collection. An object marked TLP:RED is served only to the collection's members
/// (principals named in its readers or writers, and the ministry), never to those who read it only
/// because it is open to anyone signed in, and never exported outside that membership.
/// </summary>
internal sealed class ThreatIntelligence(SecurityDbContext db, IAuditLog audit, TimeProvider clock)
{
    public const int MaxObjects = 10_000;
    public const int MaxPage = 1000;
    public const int DefaultPage = 100;
    public const string Everyone = "*";

    /// <summary>The principal an actor is in collection permissions: ministry, province:&lt;code&gt;, unit:&lt;id&gt;.</summary>
    public static string? Principal(Actor actor) => actor.Role switch
    {
        Role.MinistryAdmin => "ministry",
        Role.ProvinceAdmin => "province:" + actor.RegionCode,
        Role.Reporter => "unit:" + actor.UnitId,
        _ => null,
    };

    private static bool Names(string lines, Actor actor)
    {
        if (actor.Role == Role.MinistryAdmin) return true;
        var principal = Principal(actor);
        if (principal is null) return false;
        var wildcard = principal[..(principal.IndexOf(':') + 1)] + "*";
        return Lines(lines).Any(l => l == principal || l == wildcard);
    }

    public static bool IsMember(TaxiiCollectionRow c, Actor actor) => actor.IsSignedIn && (Names(c.Readers, actor) || Names(c.Writers, actor));

    public static bool CanRead(TaxiiCollectionRow c, Actor actor) => actor.IsSignedIn && (Names(c.Readers, actor) || Lines(c.Readers).Contains(Everyone));

    public static bool CanWrite(TaxiiCollectionRow c, Actor actor) => actor.IsSignedIn && (Names(c.Writers, actor) || Lines(c.Writers).Contains(Everyone));

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public async Task<IReadOnlyList<CollectionView>> CollectionsAsync(Actor actor, CancellationToken ct = default) =>
        (await db.Collections.OrderBy(c => c.Id).ToListAsync(ct))
            .Where(c => CanRead(c, actor) || CanWrite(c, actor))
            .Select(c => View(c, actor)).ToList();

    public static CollectionView View(TaxiiCollectionRow c, Actor actor) => new(c.CollectionId, c.Title, c.Description, CanRead(c, actor), CanWrite(c, actor));

    public Task<TaxiiCollectionRow?> CollectionAsync(string id, CancellationToken ct = default) => db.Collections.SingleOrDefaultAsync(c => c.CollectionId == id, ct);

    /// <summary>Creates a collection (the ministry's decision: who shares with whom).</summary>
    public async Task<Outcome<CollectionView>> CreateCollectionAsync(Actor actor, CollectionInput input, CancellationToken ct = default)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<CollectionView>(actor.Refusal, "the ministry sets up the sharing collections");
        }
        var errors = new List<RowError>();
        if (string.IsNullOrWhiteSpace(input.Title) || input.Title.Length > 200)
        {
            errors.Add(new RowError(0, "title", "expected a title of 1 to 200 characters"));
        }
        var readers = Principals(input.Readers, "readers", errors);
        var writers = Principals(input.Writers, "writers", errors);
        if (errors.Count > 0) return Outcome.Invalid<CollectionView>(errors);
        var row = new TaxiiCollectionRow
        {
            CollectionId = Guid.NewGuid().ToString(),
            Title = input.Title!.Trim(),
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            Readers = string.Join('\n', readers),
            Writers = string.Join('\n', writers),
            Created = clock.GetUtcNow(),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Collections.Add(row);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, "security.taxii.collection.create", "security_taxii_collection", row.CollectionId, null,
            JsonSerializer.Serialize(new { row.Title, readers, writers }), actor.RegionCode), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(View(row, actor));
    }

    private static List<string> Principals(IReadOnlyList<string>? items, string field, List<RowError> errors)
    {
        var result = new List<string>();
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            var p = items![i]?.Trim() ?? "";
            var ok = p == Everyone || p == "ministry" || p == "province:*" || p == "unit:*"
                || (p.StartsWith("province:", StringComparison.Ordinal) && p.Length == 15 && p[9..].All(char.IsAsciiDigit))
                || (p.StartsWith("unit:", StringComparison.Ordinal) && p.Length is > 5 and <= 64 && !p.Any(char.IsWhiteSpace));
            if (!ok)
            {
                errors.Add(new RowError(0, $"{field}[{i + 1}]", "expected *, ministry, province:<GB/T 2260 code>, province:*, unit:<unit id> or unit:*") { Value = p });
            }
            else if (!result.Contains(p))
            {
                result.Add(p);
            }
        }
        return result;
    }

    /// <summary>
    /// Validates every object and stores them all, or none when one is refused. An object whose id
    /// and version the collection already holds is not stored again (TAXII 2.1 section 5.4).
    /// </summary>
    public async Task<AddResult> AddAsync(Actor actor, TaxiiCollectionRow collection, IReadOnlyList<JsonElement> objects, string channel, CancellationToken ct = default)
    {
        var errors = new List<RowError>();
        var valid = new List<StixObject>();
        var seen = new Dictionary<(string, long), long>();
        for (var i = 0; i < objects.Count; i++)
        {
            var o = StixValidator.Validate(objects[i], i + 1, errors);
            if (o is null) continue;
            if (!seen.TryAdd((o.Id, o.VersionMicros), i + 1))
            {
                errors.Add(new RowError(i + 1, "id", $"{o.Id}: the same id and version as object {seen[(o.Id, o.VersionMicros)]} of this request"));
                continue;
            }
            valid.Add(o);
        }
        if (errors.Count > 0)
        {
            return new AddResult([], [], errors);
        }
        var ids = valid.Select(o => o.Id).Distinct().ToList();
        var held = (await db.StixObjects.Where(r => r.CollectionId == collection.CollectionId && ids.Contains(r.StixId))
                .Select(r => new { r.StixId, r.VersionMicros }).ToListAsync(ct))
            .Select(r => (r.StixId, r.VersionMicros)).ToHashSet();
        var added = valid.Where(o => !held.Contains((o.Id, o.VersionMicros))).ToList();
        var already = valid.Where(o => held.Contains((o.Id, o.VersionMicros))).ToList();
        var now = StixTime.Micros(clock.GetUtcNow());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var o in added)
        {
            db.StixObjects.Add(new StixObjectRow
            {
                CollectionId = collection.CollectionId, StixId = o.Id, Type = o.Type, Version = o.Version, VersionMicros = o.VersionMicros,
                SpecVersion = o.SpecVersion, CreatedByRef = o.CreatedByRef, Tlp = o.Tlp, DateAddedMicros = now, AddedBy = actor.Id, Json = o.Json,
            });
        }
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, "security.stix.add", "security_stix_object", collection.CollectionId, null,
            JsonSerializer.Serialize(new { channel, added = added.Count, alreadyHeld = already.Count, types = added.GroupBy(o => o.Type).ToDictionary(g => g.Key, g => g.Count()) }),
            actor.RegionCode), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return new AddResult(added, already, []);
    }

    /// <summary>The versions a reader may see that the filters select, in the order they were added, one page.</summary>
    public async Task<StixPage> QueryAsync(Actor actor, TaxiiCollectionRow collection, StixQuery query, CancellationToken ct = default)
    {
        var coll = collection.CollectionId;
        var q = db.StixObjects.Where(o => o.CollectionId == coll);
        if (!IsMember(collection, actor))
        {
            q = q.Where(o => o.Tlp == null || o.Tlp != StixMarkings.Red);
        }
        if (query.AddedAfter is { } after)
        {
            var micros = StixTime.Micros(after);
            q = q.Where(o => o.DateAddedMicros > micros);
        }
        if (query.Types.Count > 0) q = q.Where(o => query.Types.Contains(o.Type));
        if (query.Ids.Count > 0) q = q.Where(o => query.Ids.Contains(o.StixId));
        if (query.SpecVersions.Count > 0) q = q.Where(o => query.SpecVersions.Contains(o.SpecVersion));
        if (!query.Versions.Contains("all"))
        {
            var versions = query.Versions.Count == 0 ? ["last"] : query.Versions;
            var last = versions.Contains("last");
            var first = versions.Contains("first");
            var exact = versions.Where(v => v is not ("last" or "first")).Select(v => StixTime.Micros(StixTime.Parse(v, out _)!.Value)).ToList();
            var all = db.StixObjects.Where(x => x.CollectionId == coll);
            q = q.Where(o => (last && o.VersionMicros == all.Where(x => x.StixId == o.StixId).Max(x => x.VersionMicros))
                || (first && o.VersionMicros == all.Where(x => x.StixId == o.StixId).Min(x => x.VersionMicros))
                || exact.Contains(o.VersionMicros));
        }
        if (query.After is { } next) q = q.Where(o => o.Id > next);
        var rows = await q.OrderBy(o => o.Id).Take(query.Limit + 1).ToListAsync(ct);
        return rows.Count > query.Limit ? new StixPage(rows.GetRange(0, query.Limit), true) : new StixPage(rows, false);
    }

    public async Task SaveStatusAsync(string statusId, Actor actor, JsonObject status, CancellationToken ct = default)
    {
        db.Statuses.Add(new TaxiiStatusRow { StatusId = statusId, Owner = actor.Id, Json = status.ToJsonString(), Created = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A status resource, to the actor who made the request (or the ministry) only.</summary>
    public async Task<string?> StatusAsync(Actor actor, string statusId, CancellationToken ct = default) =>
        await db.Statuses.SingleOrDefaultAsync(s => s.StatusId == statusId, ct) is { } row && (row.Owner == actor.Id || actor.Role == Role.MinistryAdmin)
            ? row.Json
            : null;
}
