using System.Globalization;
using System.Text;
using System.Text.Json;
using IctGov.Data.Files;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Identity;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using IctGov.Resources.Data;
using IctGov.Resources.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IctGov.Resources.Features;

/// <summary>A finding as listed and exported.</summary>
internal sealed record FindingView(long Id, string Rule, string Record, string? Other, string Message, string Region, string State, string? Assignee, string? Note, DateOnly Found);

/// <summary>
/// Cross-verification of the whole registry (全量核查): each rule names the records that break it. A run records
/// new findings once (a finding is keyed by its rule and records) and leaves existing ones to be assigned and
/// closed. Rules: a filed website's domain is registered (domain_not_registered) and its registrant is the
/// filing subject (registrant_mismatch, names compared by <see cref="NameMatch"/>); its addresses lie in a block
/// held by its access provider (address_outside_provider); no expired domain stays in an approved filing
/// (expired_domain); credit codes pass their check (bad_credit_code); access providers hold a licence number
/// (provider_without_licence); and, from a DNS observation file, domains resolving to registered blocks have a
/// filing (unfiled_domain).
/// </summary>
internal sealed class CrossCheck(ResourcesDbContext db, IAuditLog audit, ChinaCalendar calendar)
{
    public static readonly string[] DnsColumns = ["domain", "address", "firstSeen", "lastSeen"];

    private sealed record Found(string Rule, string Record, string? Other, string Message, string Region);

    public async Task<Outcome<int>> RunAsync(Actor actor, CancellationToken ct)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<int>(actor.Refusal, "the ministry runs the cross-check");
        }
        var today = calendar.Today;
        var found = new List<Found>();
        var subjects = await db.Subjects.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var providers = await db.Providers.AsNoTracking().ToListAsync(ct);
        var domains = await db.Domains.AsNoTracking().ToDictionaryAsync(d => d.Name, StringComparer.Ordinal, ct);
        var prefixes = (await db.Prefixes.AsNoTracking().Where(p => p.ProviderId != null).ToListAsync(ct))
            .Select(p => (Prefix: IpPrefix.Parse(p.Prefix, out _)!.Value, p.ProviderId)).ToList();
        var filings = await db.Filings.AsNoTracking().Where(f => f.State == "approved").ToListAsync(ct);
        foreach (var f in filings)
        {
            var subject = subjects[f.SubjectId];
            var label = f.Number ?? "#" + f.Id;
            foreach (var name in f.Domains.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!domains.TryGetValue(name, out var d))
                {
                    found.Add(new("domain_not_registered", label, name, $"{name} in filing {label} is not in the domain registry", f.RegionCode));
                    continue;
                }
                if (d.RegistrantId != f.SubjectId && !NameMatch.Same(d.RegistrantName, subject.Name))
                {
                    found.Add(new("registrant_mismatch", label, name, $"{name} is registered to {d.RegistrantName}, not to the filing subject {subject.Name}", f.RegionCode));
                }
                if (d.Expires < today)
                {
                    found.Add(new("expired_domain", label, name, $"{name} expired on {d.Expires:yyyy-MM-dd} but is still in approved filing {label}", f.RegionCode));
                }
            }
            foreach (var text in f.Addresses.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var address = IpPrefix.Parse(text, out _)!.Value;
                if (!prefixes.Any(p => p.ProviderId == f.ProviderId && p.Prefix.Contains(address)))
                {
                    found.Add(new("address_outside_provider", label, text, $"{text} is not in a block held by the filing's access provider {ResourceRegistry.ProviderHandle(f.ProviderId)}", f.RegionCode));
                }
            }
        }
        foreach (var s in subjects.Values.Where(s => s.CreditCode is not null && CreditCode.Problem(s.CreditCode) is not null))
        {
            found.Add(new("bad_credit_code", ResourceRegistry.SubjectHandle(s.Id), s.CreditCode, $"{s.Name}: credit code {CreditCode.Problem(s.CreditCode)}", s.RegionCode));
        }
        foreach (var p in providers)
        {
            if (CreditCode.Problem(p.CreditCode) is { } problem)
            {
                found.Add(new("bad_credit_code", ResourceRegistry.ProviderHandle(p.Id), p.CreditCode, $"{p.Name}: credit code {problem}", p.RegionCode));
            }
            if (p.LicenceNumber is null)
            {
                found.Add(new("provider_without_licence", ResourceRegistry.ProviderHandle(p.Id), null, $"access provider {p.Name} has no licence number on record", p.RegionCode));
            }
        }
        return Outcome.Ok(await RecordAsync(actor, "resources.check.run", found, ct));
    }

    /// <summary>Checks a DNS observation file (domain, address, firstSeen, lastSeen): a domain resolving into a registered block without an approved filing is unfiled.</summary>
    public async Task<Outcome<int>> CheckDnsAsync(Actor actor, Stream csv, CancellationToken ct)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<int>(actor.Refusal, "the ministry runs the cross-check");
        }
        var read = TableReader.ReadCsv(csv, DnsColumns, ct: ct);
        if (!read.Succeeded)
        {
            return read.Cast<int>();
        }
        var errors = new List<RowError>();
        var observations = new List<(DomainName Domain, IpPrefix Address, long Row)>();
        foreach (var row in read.Value!)
        {
            var domain = DomainName.Parse(row[0], out var dp);
            var address = IpPrefix.ParseAddress(row[1], out var ap);
            if (domain is null)
            {
                errors.Add(new RowError(row.Row, "domain", dp!) { Value = row[0] });
            }
            if (address is null)
            {
                errors.Add(new RowError(row.Row, "address", ap!) { Value = row[1] });
            }
            foreach (var (col, field) in new[] { (2, "firstSeen"), (3, "lastSeen") })
            {
                if (!DateOnly.TryParseExact(row[col], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    errors.Add(new RowError(row.Row, field, "expected a date yyyy-MM-dd") { Value = row[col] });
                }
            }
            if (domain is not null && address is not null)
            {
                observations.Add((domain, address.Value, row.Row));
            }
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<int>(errors);
        }
        var blocks = (await db.Prefixes.AsNoTracking().ToListAsync(ct)).Select(p => (Prefix: IpPrefix.Parse(p.Prefix, out _)!.Value, p.RegionCode, p.Holder)).ToList();
        var filed = (await db.Filings.AsNoTracking().Where(f => f.State == "approved").Select(f => f.Domains).ToListAsync(ct))
            .SelectMany(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        var found = new List<Found>();
        foreach (var (domain, address, _) in observations)
        {
            if (filed.Contains(domain.Ascii))
            {
                continue;
            }
            var block = blocks.Where(b => b.Prefix.Contains(address)).OrderByDescending(b => b.Prefix.Length).FirstOrDefault();
            if (block.Holder is not null)
            {
                found.Add(new("unfiled_domain", domain.Ascii, address.Start.ToString(),
                    $"{domain.Unicode} resolves to {address.Start} in {block.Prefix} ({block.Holder}) but has no approved filing", block.RegionCode));
            }
        }
        return Outcome.Ok(await RecordAsync(actor, "resources.check.dns", found, ct));
    }

    private async Task<int> RecordAsync(Actor actor, string action, List<Found> found, CancellationToken ct)
    {
        var keys = await db.Findings.AsNoTracking().Select(f => f.Key).ToListAsync(ct);
        var known = keys.ToHashSet(StringComparer.Ordinal);
        var added = new List<FindingRow>();
        foreach (var f in found)
        {
            var key = $"{f.Rule}|{f.Record}|{f.Other}";
            if (known.Add(key))
            {
                added.Add(new FindingRow { Rule = f.Rule, Key = key, Record = f.Record, Other = f.Other, Message = f.Message, RegionCode = f.Region, State = "open", Found = calendar.Today });
            }
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Findings.AddRange(added);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, action, "resources_finding", $"{added.Count} new", null,
            JsonSerializer.Serialize(added.GroupBy(a => a.Rule).ToDictionary(g => g.Key, g => g.Count()))), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return added.Count;
    }

    /// <summary>Findings <paramref name="actor"/> handles: the ministry all, a province its own.</summary>
    public async Task<IReadOnlyList<FindingView>> ListAsync(Actor actor, string? state, CancellationToken ct) =>
        await db.Findings.AsNoTracking()
            .Where(f => (state == null || f.State == state) && (actor.Role == Role.MinistryAdmin || f.RegionCode == actor.RegionCode)).OrderBy(f => f.Id)
            .Select(f => new FindingView(f.Id, f.Rule, f.Record, f.Other, f.Message, f.RegionCode, f.State, f.Assignee, f.Note, f.Found)).ToListAsync(ct);

    /// <summary>Assigns a finding to someone (open or assigned → assigned).</summary>
    public Task<Outcome<FindingView>> AssignAsync(Actor actor, long id, string? assignee, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(assignee)
            ? Task.FromResult(Outcome.Invalid<FindingView>([new RowError(0, "assignee", "name who is to handle the finding")]))
            : ChangeAsync(actor, id, "assign", f =>
            {
                f.State = "assigned";
                f.Assignee = assignee.Trim();
            }, ct);

    /// <summary>Closes a finding with a note saying what was done.</summary>
    public Task<Outcome<FindingView>> CloseAsync(Actor actor, long id, string? note, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(note)
            ? Task.FromResult(Outcome.Invalid<FindingView>([new RowError(0, "note", "say what was done")]))
            : ChangeAsync(actor, id, "close", f =>
            {
                f.State = "closed";
                f.Note = note.Trim();
            }, ct);

    private async Task<Outcome<FindingView>> ChangeAsync(Actor actor, long id, string action, Action<FindingRow> apply, CancellationToken ct)
    {
        var f = await db.Findings.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (f is null)
        {
            return Outcome.Refused<FindingView>(OutcomeStatus.NotFound, $"no finding {id}");
        }
        if (!(actor.Role == Role.MinistryAdmin || actor.CanReview(f.RegionCode)))
        {
            return Outcome.Refused<FindingView>(actor.Refusal, "the ministry or the finding's province handles it");
        }
        if (f.State == "closed")
        {
            return Outcome.Refused<FindingView>(OutcomeStatus.Conflict, $"finding {id} is closed");
        }
        var before = JsonSerializer.Serialize(new { f.State, f.Assignee, f.Note });
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        apply(f);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, "resources.finding." + action, "resources_finding", id.ToString(CultureInfo.InvariantCulture), before,
            JsonSerializer.Serialize(new { f.State, f.Assignee, f.Note }), f.RegionCode), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(new FindingView(f.Id, f.Rule, f.Record, f.Other, f.Message, f.RegionCode, f.State, f.Assignee, f.Note, f.Found));
    }

    /// <summary>The findings as CSV (UTF-8 with BOM, so a spreadsheet opens the Chinese text correctly).</summary>
    public static string Csv(IReadOnlyList<FindingView> findings)
    {
        var text = new StringBuilder("\uFEFFid,rule,record,other,message,region,state,assignee,note,found\r\n");
        foreach (var f in findings)
        {
            text.AppendJoin(',', new[] { f.Id.ToString(CultureInfo.InvariantCulture), f.Rule, f.Record, f.Other ?? "", f.Message, f.Region, f.State, f.Assignee ?? "", f.Note ?? "", f.Found.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }.Select(Quote)).Append("\r\n");
        }
        return text.ToString();
    }

    // Quoted, and a leading =, +, - or @ neutralised, so a spreadsheet never runs a cell as a formula.
    private static string Quote(string value)
    {
        var v = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
