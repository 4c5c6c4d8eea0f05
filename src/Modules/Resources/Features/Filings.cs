using System.Globalization;
using System.Text.Json;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using IctGov.Resources.Contracts;
using IctGov.Resources.Data;
using IctGov.Resources.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IctGov.Resources.Features;

/// <summary>One step of a filing's history: when, who, what, the state after, and the note (reasons, or each changed field before → after).</summary>
internal sealed record FilingEvent(DateTimeOffset At, string Actor, string Action, string State, string? Note);

/// <summary>
/// The filing workflow (备案流程): submission → the access provider's verification (核验) → the subject's
/// province decides within <see cref="DecisionWorkingDays"/> working days (互联网信息服务管理办法 第八条;
/// 非经营性互联网信息服务备案管理办法 第十一条: 20 个工作日) → approval with the filing number, or return
/// with reasons; an approved filing may be cancelled (注销). Every step is an event in the filing's history
/// and an audit entry, written in one transaction with it.
/// </summary>
internal sealed class Filings(ResourcesDbContext db, IAuditLog audit, ChinaCalendar calendar) : IFilingLookup
{
    public const int DecisionWorkingDays = 20;

    // A filing whose access was withdrawn still holds its domains until it is cancelled or finds new access.
    private static readonly string[] Active = ["submitted", "verified", "approved", "withdrawn"];

    public async Task<Outcome<FilingView>> SubmitAsync(Actor actor, FilingInput input, CancellationToken ct)
    {
        if (!actor.IsSignedIn)
        {
            return Outcome.Refused<FilingView>(actor.Refusal, "sign in to submit a filing");
        }
        var errors = new List<RowError>();
        var kind = input.Kind?.Trim().ToLowerInvariant();
        if (kind is not ("website" or "app"))
        {
            errors.Add(new RowError(1, "kind", "expected website or app") { Value = input.Kind });
        }
        var subject = await SubjectAsync(input.Subject, ct);
        if (subject is null)
        {
            errors.Add(new RowError(1, "subject", "expected a registered subject's handle (SUBJ-n) or credit code") { Value = input.Subject });
        }
        var provider = await ProviderAsync(input.Provider, ct);
        if (provider is null)
        {
            errors.Add(new RowError(1, "provider", "expected a registered access provider's handle (PROV-n) or credit code") { Value = input.Provider });
        }
        var name = Text(input.Name, "name", 200, errors);
        var domains = ParseDomains(input.Domains, errors);
        if (kind == "website" && domains.Count == 0 && !errors.Any(e => e.Field == "domains"))
        {
            errors.Add(new RowError(1, "domains", "a website filing lists at least one domain"));
        }
        var addresses = ParseAddresses(input.Addresses, errors);
        var responsible = Text(input.ResponsibleName, "responsibleName", 100, errors);
        var id = input.ResponsibleId?.Trim().ToUpperInvariant();
        if (ResidentId.Problem(id) is { } idProblem)
        {
            errors.Add(new RowError(1, "responsibleId", idProblem));
        }
        var category = Text(input.Category, "category", 100, errors);
        await HeldElsewhereAsync(domains, null, errors, ct);
        if (errors.Count > 0)
        {
            return Outcome.Invalid<FilingView>(errors);
        }
        var row = new FilingRow
        {
            Kind = kind!, SubjectId = subject!.Id, RegionCode = subject.RegionCode, ProviderId = provider!.Id, Name = name!,
            Domains = string.Join(' ', domains.Distinct()), Addresses = string.Join(' ', addresses.Distinct()), ResponsibleName = responsible!,
            ResponsibleIdMasked = ResidentId.Mask(id!), Category = category!, State = "submitted", Submitted = calendar.Today,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Filings.Add(row);
        await db.SaveChangesAsync(ct);
        await RecordAsync(actor, row, "submit", null, tx, ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(await ViewAsync(row, ct));
    }

    /// <summary>The access provider checks the subject and the person in charge (核验): its own staff (a reporter of unit PROV-n) or the ministry.</summary>
    public Task<Outcome<FilingView>> VerifyAsync(Actor actor, long id, CancellationToken ct) =>
        StepAsync(actor, id, "verify", null, ["submitted"], (f, a) => a.Role == Role.MinistryAdmin || (a.Role == Role.Reporter && a.UnitId == ResourceRegistry.ProviderHandle(f.ProviderId)),
            f =>
            {
                f.State = "verified";
                f.Verified = calendar.Today;
                f.Deadline = calendar.AddWorkingDays(calendar.Today, DecisionWorkingDays);
            }, ct);

    /// <summary>The subject's province approves: the filing gets its number.</summary>
    public Task<Outcome<FilingView>> ApproveAsync(Actor actor, long id, CancellationToken ct) =>
        StepAsync(actor, id, "approve", null, ["verified"], (f, a) => a.CanReview(f.RegionCode), async f =>
        {
            var subject = await db.Subjects.SingleAsync(s => s.Id == f.SubjectId, ct);
            subject.FilingNumber ??= await NextSubjectNumberAsync(f.RegionCode, ct);
            var order = f.Kind == "app" ? ++subject.Apps : ++subject.Websites;
            f.Number = FilingNumber.Service(subject.FilingNumber, f.Kind, order);
            f.State = "approved";
            f.Decided = calendar.Today;
        }, ct);

    /// <summary>The subject's province returns the filing with its reasons.</summary>
    public Task<Outcome<FilingView>> ReturnAsync(Actor actor, long id, string? reasons, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(reasons)
            ? Task.FromResult(Outcome.Invalid<FilingView>([new RowError(0, "reasons", "say why the filing is returned")]))
            : StepAsync(actor, id, "return", reasons.Trim(), ["verified"], (f, a) => a.CanReview(f.RegionCode), f =>
            {
                f.State = "returned";
                f.Reasons = reasons.Trim();
                f.Decided = calendar.Today;
            }, ct);

    /// <summary>An approved filing, or one whose access was withdrawn, is cancelled (注销) by its province or the ministry; its number is not reused.</summary>
    public Task<Outcome<FilingView>> CancelAsync(Actor actor, long id, string? note, CancellationToken ct) =>
        StepAsync(actor, id, "cancel", note, ["approved", "withdrawn"], (f, a) => a.CanReview(f.RegionCode) || a.Role == Role.MinistryAdmin, f => f.State = "cancelled", ct);

    /// <summary>
    /// Withdrawal of access (取消接入): the access provider stops hosting an approved filing's service. The filing keeps its
    /// number and domains but is not in force (not shown publicly, by RDAP or WHOIS) until a change names a new provider
    /// (变更接入), or it is cancelled.
    /// </summary>
    public Task<Outcome<FilingView>> WithdrawAccessAsync(Actor actor, long id, string? note, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(note)
            ? Task.FromResult(Outcome.Invalid<FilingView>([new RowError(0, "reasons", "say why access is withdrawn")]))
            : StepAsync(actor, id, "withdraw", note.Trim(), ["approved"],
                (f, a) => a.Role == Role.MinistryAdmin || a.CanReview(f.RegionCode) || IsProviderStaff(a, f.ProviderId), f => f.State = "withdrawn", ct);

    /// <summary>
    /// A change (变更) of an approved filing's details — name, domains, addresses, person in charge, category or access
    /// provider — keeping its number; a filing whose access was withdrawn is in force again once a change names its new
    /// provider. The subject and the kind do not change (that is a new filing). Made by the filing's province, the ministry
    /// or the staff of its access provider (of the new one, for a filing without access); each change is an event noting
    /// every field before and after.
    /// </summary>
    public async Task<Outcome<FilingView>> ChangeAsync(Actor actor, long id, FilingInput input, CancellationToken ct)
    {
        var f = await db.Filings.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (f is null)
        {
            return Outcome.Refused<FilingView>(OutcomeStatus.NotFound, $"no filing {id}");
        }
        var errors = new List<RowError>();
        var provider = input.Provider is null ? null : await ProviderAsync(input.Provider, ct);
        if (input.Provider is not null && provider is null)
        {
            errors.Add(new RowError(1, "provider", "expected a registered access provider's handle (PROV-n) or credit code") { Value = input.Provider });
        }
        var newProvider = provider is not null && provider.Id != f.ProviderId ? provider : null;
        if (!(actor.Role == Role.MinistryAdmin || actor.CanReview(f.RegionCode) || IsProviderStaff(actor, f.ProviderId)
              || (f.State == "withdrawn" && newProvider is not null && IsProviderStaff(actor, newProvider.Id))))
        {
            return Outcome.Refused<FilingView>(actor.Refusal, "only the filing's province, the ministry or its access provider may change it");
        }
        if (f.State is not ("approved" or "withdrawn"))
        {
            return Outcome.Refused<FilingView>(OutcomeStatus.Conflict, $"filing {id} is {f.State}; change needs approved or withdrawn");
        }
        if (input.Kind is not null || input.Subject is not null)
        {
            errors.Add(new RowError(1, input.Kind is not null ? "kind" : "subject", "the kind and the subject of a filing do not change: file anew"));
        }
        if (f.State == "withdrawn" && newProvider is null)
        {
            errors.Add(new RowError(1, "provider", "access was withdrawn: name the new access provider"));
        }
        var changes = new List<string>();
        void Note(string field, string before, string after)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                changes.Add($"{field}: {before} → {after}");
            }
        }
        var name = input.Name is null ? f.Name : Text(input.Name, "name", 200, errors);
        var domains = input.Domains is null ? Words(f.Domains) : ParseDomains(input.Domains, errors).Distinct().ToList();
        if (f.Kind == "website" && domains.Count == 0 && !errors.Any(e => e.Field == "domains"))
        {
            errors.Add(new RowError(1, "domains", "a website filing lists at least one domain"));
        }
        var addresses = input.Addresses is null ? Words(f.Addresses) : ParseAddresses(input.Addresses, errors).Distinct().ToList();
        var responsible = input.ResponsibleName is null ? f.ResponsibleName : Text(input.ResponsibleName, "responsibleName", 100, errors);
        var idMasked = f.ResponsibleIdMasked;
        if (input.ResponsibleId is not null)
        {
            var rid = input.ResponsibleId.Trim().ToUpperInvariant();
            if (ResidentId.Problem(rid) is { } idProblem)
            {
                errors.Add(new RowError(1, "responsibleId", idProblem));
            }
            else
            {
                idMasked = ResidentId.Mask(rid);
            }
        }
        var category = input.Category is null ? f.Category : Text(input.Category, "category", 100, errors);
        await HeldElsewhereAsync(domains.Except(Words(f.Domains)), f.Id, errors, ct);
        if (errors.Count > 0)
        {
            return Outcome.Invalid<FilingView>(errors);
        }
        Note("name", f.Name, name!);
        Note("domains", f.Domains, string.Join(' ', domains));
        Note("addresses", f.Addresses, string.Join(' ', addresses));
        Note("responsibleName", f.ResponsibleName, responsible!);
        if (input.ResponsibleId is not null && idMasked != f.ResponsibleIdMasked)
        {
            // Masked on both sides: the history never holds the number.
            Note("responsibleId", f.ResponsibleIdMasked, idMasked);
        }
        Note("category", f.Category, category!);
        if (newProvider is not null)
        {
            Note("provider", ResourceRegistry.ProviderHandle(f.ProviderId), ResourceRegistry.ProviderHandle(newProvider.Id));
        }
        if (changes.Count == 0)
        {
            return Outcome.Invalid<FilingView>([new RowError(1, "filing", "nothing to change: every field given is as recorded")]);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        (f.Name, f.Domains, f.Addresses, f.ResponsibleName, f.ResponsibleIdMasked, f.Category) =
            (name!, string.Join(' ', domains), string.Join(' ', addresses), responsible!, idMasked, category!);
        if (newProvider is not null)
        {
            f.ProviderId = newProvider.Id;
            f.State = "approved";
        }
        await db.SaveChangesAsync(ct);
        await RecordAsync(actor, f, "change", string.Join("; ", changes), tx, ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(await ViewAsync(f, ct));
    }

    private static bool IsProviderStaff(Actor a, long providerId) => a.Role == Role.Reporter && a.UnitId == ResourceRegistry.ProviderHandle(providerId);

    private Task<Outcome<FilingView>> StepAsync(Actor actor, long id, string action, string? note, string[] from, Func<FilingRow, Actor, bool> may,
        Action<FilingRow> apply, CancellationToken ct) =>
        StepAsync(actor, id, action, note, from, may, f =>
        {
            apply(f);
            return Task.CompletedTask;
        }, ct);

    private async Task<Outcome<FilingView>> StepAsync(Actor actor, long id, string action, string? note, string[] from, Func<FilingRow, Actor, bool> may,
        Func<FilingRow, Task> apply, CancellationToken ct)
    {
        var f = await db.Filings.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (f is null)
        {
            return Outcome.Refused<FilingView>(OutcomeStatus.NotFound, $"no filing {id}");
        }
        if (!may(f, actor))
        {
            return Outcome.Refused<FilingView>(actor.Refusal, $"only {(action == "verify" ? "the access provider" : "the administration of the filing's province")} may {action} it");
        }
        if (!from.Contains(f.State))
        {
            return Outcome.Refused<FilingView>(OutcomeStatus.Conflict, $"filing {id} is {f.State}; {action} needs {string.Join(" or ", from)}");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await apply(f);
        await db.SaveChangesAsync(ct);
        await RecordAsync(actor, f, action, note, tx, ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(await ViewAsync(f, ct));
    }

    private async Task<string> NextSubjectNumberAsync(string region, CancellationToken ct)
    {
        var prefix = FilingNumber.Abbreviations[region] + "ICP备";
        var taken = await db.Subjects.AsNoTracking().Where(s => s.FilingNumber != null && s.FilingNumber.StartsWith(prefix)).Select(s => s.FilingNumber!).ToListAsync(ct);
        var next = taken.Select(FilingNumber.SequenceOf).Max() is { } max ? max + 1 : 1;
        return FilingNumber.Subject(region, next);
    }

    private async Task RecordAsync(Actor actor, FilingRow f, string action, string? note, IDbContextTransaction tx, CancellationToken ct)
    {
        db.FilingEvents.Add(new FilingEventRow { FilingId = f.Id, At = calendar.Now.ToUniversalTime(), ActorId = actor.Id, Action = action, State = f.State, Note = note });
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, "resources.filing." + action, "resources_filing", f.Id.ToString(CultureInfo.InvariantCulture), null,
            JsonSerializer.Serialize(new { f.State, f.Number, f.Name, f.Domains, note }), f.RegionCode), tx.GetDbTransaction(), ct);
    }

    /// <summary>The filing with <paramref name="number"/> and its subject's credit code, for other modules' checks (<see cref="IFilingLookup"/>).</summary>
    public async Task<FilingCheck?> FindByNumberAsync(string number, CancellationToken ct = default)
    {
        var n = number.Trim();
        var f = await db.Filings.AsNoTracking().FirstOrDefaultAsync(x => x.Number == n, ct);
        if (f is null)
        {
            return null;
        }
        var s = await db.Subjects.AsNoTracking().SingleAsync(x => x.Id == f.SubjectId, ct);
        return new FilingCheck(f.Number!, f.Kind, f.Name, s.Name, s.CreditCode, f.State);
    }

    /// <summary>A registered subject by handle (SUBJ-n) or credit code.</summary>
    public async Task<SubjectView?> FindSubjectAsync(string creditCodeOrHandle, CancellationToken ct = default) =>
        await SubjectAsync(creditCodeOrHandle, ct) is { } s ? ResourceRegistry.View(s) : null;

    /// <summary>The number of the approved filing listing <paramref name="asciiDomain"/>, if any (shown by RDAP and WHOIS).</summary>
    public async Task<string?> NumberForDomainAsync(string asciiDomain, CancellationToken ct) =>
        await db.Filings.AsNoTracking().Where(f => f.State == "approved" && (" " + f.Domains + " ").Contains(" " + asciiDomain + " "))
            .Select(f => f.Number).FirstOrDefaultAsync(ct);

    public async Task<FilingView?> FindAsync(long id, CancellationToken ct) =>
        await db.Filings.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct) is { } f ? await ViewAsync(f, ct) : null;

    public async Task<IReadOnlyList<FilingEventRow>> HistoryAsync(long id, CancellationToken ct) =>
        await db.FilingEvents.AsNoTracking().Where(e => e.FilingId == id).OrderBy(e => e.Id).ToListAsync(ct);

    /// <summary>A filing's history for the ministry or the filing's province.</summary>
    public async Task<Outcome<IReadOnlyList<FilingEvent>>> HistoryAsync(Actor actor, long id, CancellationToken ct)
    {
        var region = await db.Filings.AsNoTracking().Where(f => f.Id == id).Select(f => f.RegionCode).FirstOrDefaultAsync(ct);
        if (region is null)
        {
            return Outcome.Refused<IReadOnlyList<FilingEvent>>(OutcomeStatus.NotFound, $"no filing {id}");
        }
        if (!(actor.Role == Role.MinistryAdmin || actor.CanReview(region)))
        {
            return Outcome.Refused<IReadOnlyList<FilingEvent>>(actor.Refusal, "the ministry or the filing's province reads its history");
        }
        return Outcome.Ok<IReadOnlyList<FilingEvent>>((await HistoryAsync(id, ct)).Select(e => new FilingEvent(e.At, e.ActorId, e.Action, e.State, e.Note)).ToList());
    }

    /// <summary>What <paramref name="actor"/> reviews: verified filings of its province (the ministry: all), oldest deadline first.</summary>
    public async Task<IReadOnlyList<FilingView>> QueueAsync(Actor actor, CancellationToken ct)
    {
        var q = db.Filings.AsNoTracking().Where(f => f.State == "verified" || f.State == "submitted");
        if (actor.Role != Role.MinistryAdmin)
        {
            var region = actor.Role == Role.ProvinceAdmin ? actor.RegionCode : "none";
            q = q.Where(f => f.RegionCode == region);
        }
        var rows = await q.OrderBy(f => f.Deadline == null).ThenBy(f => f.Deadline).ThenBy(f => f.Id).Take(500).ToListAsync(ct);
        var views = new List<FilingView>(rows.Count);
        foreach (var r in rows)
        {
            views.Add(await ViewAsync(r, ct));
        }
        return views;
    }

    /// <summary>
    /// The public query (no sign-in), as beian.miit.gov.cn answers it: approved filings by domain, filing number or
    /// subject name. An individual subject's name and every person in charge are masked.
    /// </summary>
    public async Task<IReadOnlyList<FilingView>> PublicSearchAsync(string? text, CancellationToken ct)
    {
        var q = text?.Trim() ?? "";
        if (q.Length is 0 or > 200)
        {
            return [];
        }
        var approved = db.Filings.AsNoTracking().Where(f => f.State == "approved");
        List<FilingRow> rows;
        if (FilingNumber.IsFilingNumber(q))
        {
            var subjectPart = FilingNumber.SubjectPart(q);
            rows = await approved.Where(f => f.Number == q || f.Number!.StartsWith(subjectPart + "-")).Take(50).ToListAsync(ct);
        }
        else if (DomainName.Parse(q, out _) is { } domain)
        {
            rows = await approved.Where(f => (" " + f.Domains + " ").Contains(" " + domain.Ascii + " ")).Take(50).ToListAsync(ct);
        }
        else
        {
            var ids = await db.Subjects.AsNoTracking().Where(s => s.Name == q && s.Kind == "organisation").Select(s => s.Id).ToListAsync(ct);
            rows = await approved.Where(f => ids.Contains(f.SubjectId)).Take(50).ToListAsync(ct);
        }
        var views = new List<FilingView>(rows.Count);
        foreach (var r in rows.OrderBy(r => r.Number, StringComparer.Ordinal))
        {
            views.Add(Public(await ViewAsync(r, ct), await db.Subjects.AsNoTracking().Where(s => s.Id == r.SubjectId).Select(s => s.Kind).SingleAsync(ct)));
        }
        return views;
    }

    private static FilingView Public(FilingView v, string subjectKind) => v with
    {
        SubjectName = subjectKind == "individual" ? MaskName(v.SubjectName) : v.SubjectName,
        ResponsibleName = MaskName(v.ResponsibleName),
        ResponsibleIdMasked = "",
        Addresses = [],
    };

    /// <summary>张三 → 张*; the public sees a person's surname only.</summary>
    public static string MaskName(string name) => name.Length <= 1 ? "*" : string.Concat(name.AsSpan(0, 1), new string('*', name.Length - 1));

    private async Task<FilingView> ViewAsync(FilingRow f, CancellationToken ct)
    {
        var subject = await db.Subjects.AsNoTracking().Where(s => s.Id == f.SubjectId).Select(s => s.Name).SingleAsync(ct);
        var provider = await db.Providers.AsNoTracking().Where(p => p.Id == f.ProviderId).Select(p => p.Name).SingleAsync(ct);
        var overdue = f.State == "verified" && f.Deadline is { } d && calendar.Today > d;
        return new FilingView(f.Id, f.Kind, ResourceRegistry.SubjectHandle(f.SubjectId), subject, f.RegionCode, ResourceRegistry.ProviderHandle(f.ProviderId), provider,
            f.Name, Words(f.Domains), Words(f.Addresses), f.ResponsibleName, f.ResponsibleIdMasked, f.Category, f.State, f.Submitted, f.Deadline, overdue, f.Number, f.Reasons);
    }

    private async Task<SubjectRow?> SubjectAsync(string? text, CancellationToken ct)
    {
        var t = text?.Trim().ToUpperInvariant() ?? "";
        if (t.StartsWith(ResourceRegistry.SubjectPrefix, StringComparison.Ordinal) && long.TryParse(t.AsSpan(ResourceRegistry.SubjectPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        }
        return t.Length == 18 ? await db.Subjects.AsNoTracking().FirstOrDefaultAsync(s => s.CreditCode == t, ct) : null;
    }

    private async Task<ProviderRow?> ProviderAsync(string? text, CancellationToken ct)
    {
        var t = text?.Trim().ToUpperInvariant() ?? "";
        if (t.StartsWith(ResourceRegistry.ProviderPrefix, StringComparison.Ordinal) && long.TryParse(t.AsSpan(ResourceRegistry.ProviderPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        }
        return t.Length == 18 ? await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.CreditCode == t, ct) : null;
    }

    private static string? Text(string? value, string field, int max, List<RowError> errors)
    {
        var t = value?.Trim();
        if (string.IsNullOrEmpty(t) || t.Length > max || t.Any(char.IsControl))
        {
            errors.Add(new RowError(1, field, $"expected 1–{max} characters"));
            return null;
        }
        return t;
    }

    private static List<string> ParseDomains(string? text, List<RowError> errors)
    {
        var domains = new List<string>();
        foreach (var d in Words(text))
        {
            if (DomainName.Parse(d, out var problem) is { } parsed)
            {
                domains.Add(parsed.Ascii);
            }
            else
            {
                errors.Add(new RowError(1, "domains", $"'{d}': {problem}") { Value = d });
            }
        }
        return domains;
    }

    private static List<string> ParseAddresses(string? text, List<RowError> errors)
    {
        var addresses = new List<string>();
        foreach (var a in Words(text))
        {
            if (IpPrefix.ParseAddress(a, out var problem) is { } parsed)
            {
                addresses.Add(parsed.Start.ToString());
            }
            else
            {
                errors.Add(new RowError(1, "addresses", $"'{a}': {problem}") { Value = a });
            }
        }
        return addresses;
    }

    /// <summary>One domain, one filing in force or on its way: a domain another active filing lists is refused, naming that filing.</summary>
    private async Task HeldElsewhereAsync(IEnumerable<string> domains, long? except, List<RowError> errors, CancellationToken ct)
    {
        foreach (var d in domains.Distinct())
        {
            var held = await db.Filings.AsNoTracking().Where(f => Active.Contains(f.State) && f.Id != except && (" " + f.Domains + " ").Contains(" " + d + " "))
                .Select(f => f.Number ?? "#" + f.Id).FirstOrDefaultAsync(ct);
            if (held is not null)
            {
                errors.Add(new RowError(1, "domains", $"{d} is already in filing {held}") { Value = d });
            }
        }
    }

    private static List<string> Words(string? text) => (text ?? "").Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
}
