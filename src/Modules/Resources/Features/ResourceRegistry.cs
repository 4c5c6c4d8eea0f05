using System.Globalization;
using System.Text.Json;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Identity;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using IctGov.Resources.Contracts;
using IctGov.Resources.Data;
using IctGov.Resources.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IctGov.Resources.Features;

/// <summary>
/// Writes and reads the registry. Each batch is validated whole (every row, against the registry and the
/// rows before it) before anything is written; then the rows and one audit entry commit together.
/// The internal overloads take a file's row numbers a file's row numbers, so errors name the
/// row a spreadsheet shows; without it, rows count from 1 as in a JSON array.
/// </summary>
internal sealed partial class ResourceRegistry(ResourcesDbContext db, IAuditLog audit, ChinaCalendar calendar) : IResourceRegistry
{
    public const string SubjectPrefix = "SUBJ-";
    public const string ProviderPrefix = "PROV-";

    public static string SubjectHandle(long id) => SubjectPrefix + id.ToString(CultureInfo.InvariantCulture);

    public static string ProviderHandle(long id) => ProviderPrefix + id.ToString(CultureInfo.InvariantCulture);

    public Task<Outcome<BatchResult>> AddSubjectsAsync(Actor actor, IReadOnlyList<SubjectInput> rows, CancellationToken ct = default) =>
        AddSubjectsAsync(actor, rows, null, ct);

    public Task<Outcome<BatchResult>> AddProvidersAsync(Actor actor, IReadOnlyList<ProviderInput> rows, CancellationToken ct = default) =>
        AddProvidersAsync(actor, rows, null, ct);

    public Task<Outcome<BatchResult>> AddDomainsAsync(Actor actor, IReadOnlyList<DomainInput> rows, CancellationToken ct = default) =>
        AddDomainsAsync(actor, rows, null, ct);

    public Task<Outcome<BatchResult>> AddPrefixesAsync(Actor actor, IReadOnlyList<PrefixInput> rows, CancellationToken ct = default) =>
        AddPrefixesAsync(actor, rows, null, ct);

    public async Task<Outcome<BatchResult>> AddSubjectsAsync(Actor actor, IReadOnlyList<SubjectInput> rows, IReadOnlyList<long>? rowNumbers, CancellationToken ct)
    {
        if (Refuse(actor, rows) is { } refused)
        {
            return refused;
        }
        var errors = new List<RowError>();
        var added = new List<SubjectRow>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var row = RowOf(rowNumbers, i);
            var before = errors.Count;
            var kind = r.Kind?.Trim().ToLowerInvariant();
            if (kind is not ("organisation" or "individual"))
            {
                errors.Add(new RowError(row, "kind", "expected organisation or individual") { Value = r.Kind });
            }
            var name = Name(r.Name, row, "name", errors);
            var region = Province(r.Region, row, errors);
            string? code = null, masked = null, fingerprint = null;
            if (kind == "organisation")
            {
                code = r.CreditCode?.Trim().ToUpperInvariant();
                if (CreditCode.Problem(code) is { } problem)
                {
                    errors.Add(new RowError(row, "creditCode", problem) { Value = r.CreditCode });
                }
                else if (!codes.Add(code!) || await db.Subjects.AnyAsync(s => s.CreditCode == code, ct))
                {
                    errors.Add(new RowError(row, "creditCode", "a subject with this credit code is already registered") { Value = code });
                }
            }
            else if (kind == "individual")
            {
                var id = r.IdNumber?.Trim().ToUpperInvariant();
                if (ResidentId.Problem(id) is { } problem)
                {
                    // The number is personal data: the error does not echo it.
                    errors.Add(new RowError(row, "idNumber", problem));
                }
                else
                {
                    masked = ResidentId.Mask(id!);
                    fingerprint = ResidentId.Fingerprint(id!);
                    if (!codes.Add(fingerprint) || await db.Subjects.AnyAsync(s => s.IdFingerprint == fingerprint, ct))
                    {
                        errors.Add(new RowError(row, "idNumber", "a subject with this identity number is already registered"));
                    }
                }
            }
            if (errors.Count == before)
            {
                added.Add(new SubjectRow { Kind = kind!, Name = name!, CreditCode = code, IdMasked = masked, IdFingerprint = fingerprint, RegionCode = region!, Registered = calendar.Today });
            }
        }
        return await WriteAsync(actor, "resources.subject.add", "resources_subject", errors, added, a => db.Subjects.AddRange(a),
            a => a.Select(s => new { s.Kind, s.Name, s.CreditCode, s.IdMasked, s.RegionCode }), ct);
    }

    public async Task<Outcome<BatchResult>> AddProvidersAsync(Actor actor, IReadOnlyList<ProviderInput> rows, IReadOnlyList<long>? rowNumbers, CancellationToken ct)
    {
        if (Refuse(actor, rows) is { } refused)
        {
            return refused;
        }
        var errors = new List<RowError>();
        var added = new List<ProviderRow>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var row = RowOf(rowNumbers, i);
            var before = errors.Count;
            var name = Name(r.Name, row, "name", errors);
            var region = Province(r.Region, row, errors);
            var code = r.CreditCode?.Trim().ToUpperInvariant();
            if (CreditCode.Problem(code) is { } problem)
            {
                errors.Add(new RowError(row, "creditCode", problem) { Value = r.CreditCode });
            }
            else if (!codes.Add(code!) || await db.Providers.AnyAsync(p => p.CreditCode == code, ct))
            {
                errors.Add(new RowError(row, "creditCode", "an access provider with this credit code is already registered") { Value = code });
            }
            var licence = string.IsNullOrWhiteSpace(r.LicenceNumber) ? null : r.LicenceNumber.Trim();
            if (licence is not null && !LicenceNumber().IsMatch(licence))
            {
                errors.Add(new RowError(row, "licenceNumber", "expected a licence number such as B1-20180001, B1.B2-20180001 or 京B2-20180001") { Value = licence });
            }
            if (errors.Count == before)
            {
                added.Add(new ProviderRow { Name = name!, CreditCode = code!, LicenceNumber = licence, RegionCode = region!, Registered = calendar.Today });
            }
        }
        return await WriteAsync(actor, "resources.provider.add", "resources_provider", errors, added, a => db.Providers.AddRange(a),
            a => a.Select(p => new { p.Name, p.CreditCode, p.LicenceNumber, p.RegionCode }), ct);
    }

    public async Task<Outcome<BatchResult>> AddDomainsAsync(Actor actor, IReadOnlyList<DomainInput> rows, IReadOnlyList<long>? rowNumbers, CancellationToken ct)
    {
        if (Refuse(actor, rows) is { } refused)
        {
            return refused;
        }
        var errors = new List<RowError>();
        var added = new List<DomainRow>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        // One query per 500 names for those already registered, and each registrant looked up once per batch.
        var parsed = rows.Select(r => DomainName.Parse(r.Name, out _)?.Ascii).Where(n => n is not null).Select(n => n!).Distinct().ToList();
        var registered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in parsed.Chunk(500))
        {
            registered.UnionWith(await db.Domains.AsNoTracking().Where(d => chunk.Contains(d.Name)).Select(d => d.Name).ToListAsync(ct));
        }
        var registrants = new Dictionary<string, (long? Id, string Name)>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var row = RowOf(rowNumbers, i);
            var before = errors.Count;
            var domain = DomainName.Parse(r.Name, out var problem);
            if (domain is null)
            {
                errors.Add(new RowError(row, "name", problem!) { Value = r.Name });
            }
            else if (!names.Add(domain.Ascii) || registered.Contains(domain.Ascii))
            {
                errors.Add(new RowError(row, "name", $"{domain.Ascii} is already registered") { Value = r.Name });
            }
            var registrar = Name(r.Registrar, row, "registrar", errors);
            var registrantKey = r.Registrant?.Trim() ?? "";
            var registrant = registrants.TryGetValue(registrantKey, out var known) ? known : await RegistrantAsync(r.Registrant, row, errors, ct);
            if (registrant is { } found)
            {
                registrants[registrantKey] = found;
            }
            var statuses = EppStatus.Parse(r.Status, out var statusProblem);
            if (statuses is null)
            {
                errors.Add(new RowError(row, "status", statusProblem!) { Value = r.Status });
            }
            var created = Date(r.Created, row, "created", errors);
            var expires = Date(r.Expires, row, "expires", errors);
            if (created is { } c && expires is { } e && e <= c)
            {
                errors.Add(new RowError(row, "expires", "must be after the registration date") { Value = r.Expires });
            }
            var servers = new List<NameServerRow>();
            foreach (var host in (r.NameServers ?? "").Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (DomainName.Parse(host, out var hostProblem) is not { } ns)
                {
                    errors.Add(new RowError(row, "nameServers", $"'{host}': {hostProblem}") { Value = host });
                }
                else if (servers.All(s => s.Host != ns.Ascii))
                {
                    servers.Add(new NameServerRow { Host = ns.Ascii, UnicodeHost = ns.Unicode, Position = servers.Count });
                }
            }
            if (servers.Count > 13)
            {
                errors.Add(new RowError(row, "nameServers", "at most 13 name servers"));
            }
            if (errors.Count == before)
            {
                added.Add(new DomainRow
                {
                    Name = domain!.Ascii, UnicodeName = domain.Unicode, Registrar = registrar!, RegistrantId = registrant!.Value.Id, RegistrantName = registrant.Value.Name,
                    Statuses = string.Join(' ', statuses!), Created = created!.Value, Expires = expires!.Value, Updated = calendar.Today, NameServers = servers,
                });
            }
        }
        return await WriteAsync(actor, "resources.domain.add", "resources_domain", errors, added, a => db.Domains.AddRange(a),
            a => a.Select(d => new { d.Name, d.Registrar, d.RegistrantName, d.Statuses, d.Created, d.Expires }), ct);
    }

    public async Task<Outcome<BatchResult>> AddPrefixesAsync(Actor actor, IReadOnlyList<PrefixInput> rows, IReadOnlyList<long>? rowNumbers, CancellationToken ct)
    {
        if (Refuse(actor, rows) is { } refused)
        {
            return refused;
        }
        var errors = new List<RowError>();
        // Rows accepted so far, with the registry's blocks they relate to: a later row of the batch may be allocated from an earlier one.
        var accepted = new List<(IpPrefix Prefix, PrefixRow Row)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var row = RowOf(rowNumbers, i);
            var before = errors.Count;
            var kind = r.Kind?.Trim().ToLowerInvariant();
            if (kind is not ("registry" or "allocation" or "assignment"))
            {
                errors.Add(new RowError(row, "kind", "expected registry, allocation or assignment") { Value = r.Kind });
            }
            var holder = await HolderAsync(r.Holder, row, errors, ct);
            var region = Region(r.Region, row, errors);
            var allocated = Date(r.Allocated, row, "allocated", errors);
            var purpose = string.IsNullOrWhiteSpace(r.Purpose) ? null : r.Purpose.Trim();
            if (purpose is { Length: > 200 })
            {
                errors.Add(new RowError(row, "purpose", "at most 200 characters"));
            }
            if (IpPrefix.Parse(r.Prefix, out var problem) is not { } prefix)
            {
                errors.Add(new RowError(row, "prefix", problem!) { Value = r.Prefix });
                continue;
            }
            var overlapping = await OverlappingAsync(prefix, accepted, ct);
            (IpPrefix Prefix, PrefixRow Row)? parent = null;
            if (!string.IsNullOrWhiteSpace(r.Parent))
            {
                if (IpPrefix.Parse(r.Parent, out var parentProblem) is not { } named)
                {
                    errors.Add(new RowError(row, "parent", parentProblem!) { Value = r.Parent });
                    continue;
                }
                var found = overlapping.FirstOrDefault(o => o.Prefix == named);
                parent = found.Row is null ? null : found;
                if (parent is null)
                {
                    errors.Add(new RowError(row, "parent", named.Contains(prefix) ? $"{named} is not registered" : $"{prefix} does not lie inside {named}")
                        { Rule = "hierarchy", Value = r.Parent });
                    continue;
                }
            }
            else
            {
                // The smallest registered block containing it.
                parent = overlapping.Where(o => o.Prefix.Contains(prefix) && o.Prefix != prefix).OrderByDescending(o => o.Prefix.Length).Cast<(IpPrefix, PrefixRow)?>().FirstOrDefault();
            }
            if (parent is { } p && p.Prefix == prefix)
            {
                errors.Add(new RowError(row, "parent", "a block cannot be its own parent") { Value = r.Parent });
                continue;
            }
            // Anything else it overlaps that is not its parent or an ancestor of it is a sibling (or inside one): refused, naming it.
            var conflict = overlapping.FirstOrDefault(o => parent is not { } q ? true : !o.Prefix.Contains(q.Prefix));
            if (conflict.Row is not null)
            {
                errors.Add(new RowError(row, "prefix", conflict.Prefix == prefix
                    ? $"{prefix} is already registered (held by {conflict.Row.Holder})"
                    : $"{prefix} overlaps {conflict.Prefix} (held by {conflict.Row.Holder}), which is not its parent") { Rule = "overlap", Value = r.Prefix });
                continue;
            }
            if (kind is not null && parent is { } pp && (pp.Row.Kind == "assignment" || kind == "registry"))
            {
                errors.Add(new RowError(row, "kind", pp.Row.Kind == "assignment"
                    ? $"{pp.Prefix} is an assignment to a customer and cannot be divided further"
                    : $"a registry block stands at the top, but {prefix} lies inside {pp.Prefix}") { Rule = "hierarchy", Value = r.Kind });
            }
            else if (kind is "allocation" or "assignment" && parent is null)
            {
                errors.Add(new RowError(row, "parent", $"an {kind} must lie inside a registered block; none contains {prefix}") { Rule = "hierarchy", Value = r.Prefix });
            }
            if (errors.Count == before)
            {
                accepted.Add((prefix, new PrefixRow
                {
                    Version = prefix.Version, Prefix = prefix.ToString(), FirstKey = prefix.FirstKey, LastKey = prefix.LastKey, Length = prefix.Length,
                    ParentId = parent?.Row.Id is > 0 ? parent.Value.Row.Id : null, Kind = kind!, Holder = holder!.Value.Name, ProviderId = holder.Value.Id,
                    Purpose = purpose, RegionCode = region!, Allocated = allocated!.Value,
                }));
                if (parent is { Row.Id: 0 } batchParent)
                {
                    _batchParents[accepted[^1].Row] = batchParent.Row;
                }
            }
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<BatchResult>(errors);
        }
        // Parents inside the batch get their ids on save: write in order, linking each child once its parent has one.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (_, prefixRow) in accepted)
        {
            if (_batchParents.TryGetValue(prefixRow, out var batchParentRow))
            {
                prefixRow.ParentId = batchParentRow.Id;
            }
            db.Prefixes.Add(prefixRow);
            await db.SaveChangesAsync(ct);
        }
        await AuditAsync(actor, "resources.prefix.add", "resources_prefix", accepted.Select(a => new { a.Row.Prefix, a.Row.Kind, a.Row.Holder, a.Row.RegionCode }), accepted.Count, tx, ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(new BatchResult(accepted.Count));
    }

    private readonly Dictionary<PrefixRow, PrefixRow> _batchParents = new(ReferenceEqualityComparer.Instance);

    /// <summary>Registered blocks (and earlier rows of the batch) overlapping <paramref name="prefix"/>.</summary>
    private async Task<List<(IpPrefix Prefix, PrefixRow Row)>> OverlappingAsync(IpPrefix prefix, List<(IpPrefix Prefix, PrefixRow Row)> batch, CancellationToken ct)
    {
        string first = prefix.FirstKey, last = prefix.LastKey;
        var stored = await db.Prefixes.AsNoTracking()
            .Where(p => p.Version == prefix.Version && p.FirstKey.CompareTo(last) <= 0 && p.LastKey.CompareTo(first) >= 0)
            .ToListAsync(ct);
        var found = stored.Select(p => (IpPrefix.Parse(p.Prefix, out _)!.Value, p)).ToList();
        found.AddRange(batch.Where(b => b.Prefix.Overlaps(prefix)));
        return found;
    }

    private static Outcome<BatchResult>? Refuse<T>(Actor actor, IReadOnlyList<T> rows)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<BatchResult>(actor.Refusal, "the ministry keeps the resource registry");
        }
        return rows.Count == 0 ? Outcome.Invalid<BatchResult>([RowError.File("no rows to register")]) : null;
    }

    private async Task<Outcome<BatchResult>> WriteAsync<TRow>(Actor actor, string action, string table, List<RowError> errors, List<TRow> added,
        Action<List<TRow>> add, Func<List<TRow>, object> summary, CancellationToken ct)
    {
        if (errors.Count > 0)
        {
            return Outcome.Invalid<BatchResult>(errors);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        add(added);
        await db.SaveChangesAsync(ct);
        await AuditAsync(actor, action, table, summary(added), added.Count, tx, ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(new BatchResult(added.Count));
    }

    private async Task AuditAsync(Actor actor, string action, string table, object summary, int count, IDbContextTransaction tx, CancellationToken ct) =>
        await audit.AppendAsync(new AuditEntry(actor.Id, action, table, $"{count} rows", null, JsonSerializer.Serialize(summary)), tx.GetDbTransaction(), ct);

    private static long RowOf(IReadOnlyList<long>? rowNumbers, int index) => rowNumbers is null ? index + 1 : rowNumbers[index];

    private static string? Name(string? text, long row, string field, List<RowError> errors)
    {
        var name = text?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200 || name.Any(char.IsControl))
        {
            errors.Add(new RowError(row, field, "expected a name of 1–200 characters"));
            return null;
        }
        return name;
    }

    private static string? Province(string? code, long row, List<RowError> errors)
    {
        if (!Regions.TryGet(code, out var region) || region.IsNational)
        {
            errors.Add(new RowError(row, "region", "expected the GB/T 2260 code of a province (e.g. 110000 for 北京)") { Value = code });
            return null;
        }
        return region.Code;
    }

    private static string? Region(string? code, long row, List<RowError> errors)
    {
        if (!Regions.TryGet(code, out var region))
        {
            errors.Add(new RowError(row, "region", "expected a GB/T 2260 province code, or 100000 for national") { Value = code });
            return null;
        }
        return region.Code;
    }

    private static DateOnly? Date(string? text, long row, string field, List<RowError> errors)
    {
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors.Add(new RowError(row, field, "expected a date yyyy-MM-dd") { Value = text });
        return null;
    }

    private async Task<(long? Id, string Name)?> RegistrantAsync(string? text, long row, List<RowError> errors, CancellationToken ct)
    {
        var value = text?.Trim() ?? "";
        SubjectRow? subject = null;
        if (value.StartsWith(SubjectPrefix, StringComparison.OrdinalIgnoreCase))
        {
            subject = long.TryParse(value.AsSpan(SubjectPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) : null;
            if (subject is null)
            {
                errors.Add(new RowError(row, "registrant", $"no subject {value}") { Value = value });
                return null;
            }
        }
        else if (value.Length == 18 && CreditCode.Problem(value.ToUpperInvariant()) is null)
        {
            var code = value.ToUpperInvariant();
            subject = await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.CreditCode == code, ct);
        }
        if (subject is not null)
        {
            return (subject.Id, subject.Name);
        }
        return Name(text, row, "registrant", errors) is { } name ? (null, name) : null;
    }

    private async Task<(long? Id, string Name)?> HolderAsync(string? text, long row, List<RowError> errors, CancellationToken ct)
    {
        var value = text?.Trim() ?? "";
        ProviderRow? provider = null;
        if (value.StartsWith(ProviderPrefix, StringComparison.OrdinalIgnoreCase))
        {
            provider = long.TryParse(value.AsSpan(ProviderPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) : null;
            if (provider is null)
            {
                errors.Add(new RowError(row, "holder", $"no access provider {value}") { Value = value });
                return null;
            }
        }
        else if (value.Length == 18)
        {
            var code = value.ToUpperInvariant();
            provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.CreditCode == code, ct);
        }
        if (provider is not null)
        {
            return (provider.Id, provider.Name);
        }
        return Name(text, row, "holder", errors) is { } name ? (null, name) : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\p{IsCJKUnifiedIdeographs})?[AB][12](\.[AB][12])*-\d{8}$")]
    private static partial System.Text.RegularExpressions.Regex LicenceNumber();
}
