using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Identity;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using IctGov.Market.Contracts;
using IctGov.Market.Data;
using IctGov.Market.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace IctGov.Market.Features;

/// <summary>Settings of licensing, from <c>Market:Licensing</c>.</summary>
internal sealed class LicensingOptions
{
    /// <summary>
    /// Services that may be licensed on a signed promise (告知承诺): the ministry's 2019 scheme covers the second
    /// category of value-added services (工信部办公厅 2019-12-04 实施方案); configurable as the scheme widens.
    /// </summary>
    public List<string> PromiseServices { get; set; } = ["B21", "B22", "B23", "B24-1", "B24-2", "B25", "B26-1"];

    /// <summary>Calendar days after a promise-based approval within which the licensing office checks the promise.</summary>
    [Range(1, 365)]
    public int PromiseCheckDays { get; set; } = 60;
}

/// <summary>
/// The licensing office: applications received, the one-time notice of missing materials, acceptance, the
/// decision within its statutory period, the promise-based path with its later check, and the licences issued
/// (each with its signed electronic form). The deciding authority — the ministry for basic and cross-regional
/// licences, a province for its own value-added licences — is the only one that sees and acts on its files.
/// </summary>
internal sealed class LicenceOffice(MarketDbContext db, IAuditLog audit, ChinaCalendar calendar, LicenceSigning signing, IOptions<LicensingOptions> options)
{
    public static string Join(IEnumerable<string> codes) => string.Join(',', codes);

    public static IReadOnlyList<string> Split(string codes) => codes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>May <paramref name="actor"/> see and act on files of <paramref name="authority"/>: the authority itself.</summary>
    public static bool Owns(Actor actor, string authority) => actor.Role switch
    {
        Role.MinistryAdmin => true,
        Role.ProvinceAdmin => actor.RegionCode == authority,
        _ => false,
    };

    private static bool Acts(Actor actor, string authority) => actor.Role switch
    {
        Role.MinistryAdmin => authority == Region.NationalCode,
        Role.ProvinceAdmin => actor.RegionCode == authority,
        _ => false,
    };

    private IQueryable<LicenceApplication> VisibleApplications(Actor actor) => actor.Role == Role.MinistryAdmin
        ? db.Applications
        : db.Applications.Where(a => a.Authority == actor.RegionCode);

    private IQueryable<Licence> VisibleLicences(Actor actor) => actor.Role == Role.MinistryAdmin
        ? db.Licences
        : db.Licences.Where(a => a.Authority == actor.RegionCode);

    public async Task<Outcome<IReadOnlyList<ApplicationView>>> ApplicationsAsync(Actor actor, CancellationToken ct)
    {
        if (actor.Role is not (Role.MinistryAdmin or Role.ProvinceAdmin))
        {
            return Outcome.Refused<IReadOnlyList<ApplicationView>>(actor.Refusal, "applications are seen by the licensing authorities");
        }
        var rows = await VisibleApplications(actor).OrderBy(a => a.Id).ToListAsync(ct);
        return Outcome.Ok<IReadOnlyList<ApplicationView>>(rows.Select(View).ToList());
    }

    public async Task<Outcome<ApplicationView>> ApplicationAsync(Actor actor, long id, CancellationToken ct) =>
        await FindAsync(actor, id, ct) is { } a ? Outcome.Ok(View(a)) : NotFound<ApplicationView>(actor, id);

    public async Task<Outcome<IReadOnlyList<LicenceView>>> LicencesAsync(Actor actor, string? holder, CancellationToken ct)
    {
        if (actor.Role is not (Role.MinistryAdmin or Role.ProvinceAdmin))
        {
            return Outcome.Refused<IReadOnlyList<LicenceView>>(actor.Refusal, "the register is kept by the licensing authorities; anyone may verify a licence at /market/verify");
        }
        var q = VisibleLicences(actor);
        if (!string.IsNullOrEmpty(holder))
        {
            q = q.Where(l => l.HolderCode == holder);
        }
        var rows = await q.OrderBy(l => l.Id).ToListAsync(ct);
        return Outcome.Ok<IReadOnlyList<LicenceView>>(rows.Select(View).ToList());
    }

    public async Task<Outcome<LicenceView>> LicenceAsync(Actor actor, string number, CancellationToken ct) =>
        await VisibleLicences(actor).FirstOrDefaultAsync(l => l.Number == number, ct) is { } l && actor.Role is Role.MinistryAdmin or Role.ProvinceAdmin
            ? Outcome.Ok(View(l))
            : Outcome.Refused<LicenceView>(actor.IsSignedIn ? OutcomeStatus.NotFound : OutcomeStatus.Unauthenticated, $"no licence {number} in your register");

    /// <summary>The signed electronic licence of <paramref name="number"/>, for its issuing authority (and the ministry).</summary>
    public async Task<Outcome<string>> DocumentAsync(Actor actor, string number, CancellationToken ct) =>
        await VisibleLicences(actor).FirstOrDefaultAsync(l => l.Number == number, ct) is { Document: { } doc } && actor.Role is Role.MinistryAdmin or Role.ProvinceAdmin
            ? Outcome.Ok(doc)
            : Outcome.Refused<string>(actor.IsSignedIn ? OutcomeStatus.NotFound : OutcomeStatus.Unauthenticated, $"no electronic licence {number} in your register");

    /// <summary>Records an application received (by the authority that will decide it) and starts its clocks.</summary>
    public async Task<Outcome<ApplicationView>> ReceiveAsync(Actor actor, ApplicationInput input, CancellationToken ct)
    {
        var errors = new List<RowError>();
        var kind = Licensing.ParseKind(input.Kind);
        if (kind is null)
        {
            errors.Add(new RowError(1, "kind", "expected basic, cross_regional or provincial") { Value = input.Kind });
        }
        var code = input.ApplicantCode?.Trim().ToUpperInvariant() ?? "";
        if (CreditCode.Problem(code) is { } codeProblem)
        {
            errors.Add(new RowError(1, "applicantCode", codeProblem) { Value = input.ApplicantCode });
        }
        if (string.IsNullOrWhiteSpace(input.ApplicantName) || input.ApplicantName.Length > 200)
        {
            errors.Add(new RowError(1, "applicantName", "expected the applicant's registered name (at most 200 characters)"));
        }
        var services = (input.Services ?? []).Select(s => s.Trim().ToUpperInvariant()).Distinct().ToList();
        if (services.Count == 0)
        {
            errors.Add(new RowError(1, "services", "expected at least one service of the catalogue"));
        }
        foreach (var s in services)
        {
            if (ServiceCatalogue.Problem(s) is { } p)
            {
                errors.Add(new RowError(1, "services", p) { Value = s });
            }
            else if (kind is { } k && (k == LicenceKind.Basic) != ServiceCatalogue.Find(s)!.IsBasic)
            {
                errors.Add(new RowError(1, "services", k == LicenceKind.Basic ? "a basic licence lists basic services (A…)" : "a value-added licence lists value-added services (B…)") { Value = s });
            }
        }
        var coverage = (input.Coverage ?? []).Select(c => c.Trim()).Distinct().ToList();
        if (coverage.Count == 0 || coverage.Any(c => !Regions.TryGet(c, out _)))
        {
            errors.Add(new RowError(1, "coverage", "expected GB/T 2260 province codes, or 100000 for the whole nation") { Value = string.Join(',', coverage) });
        }
        else if (coverage.Contains(Region.NationalCode) && coverage.Count > 1)
        {
            errors.Add(new RowError(1, "coverage", "the whole nation (100000) stands alone"));
        }
        else if (kind == LicenceKind.Provincial && (coverage.Count != 1 || coverage[0] == Region.NationalCode))
        {
            errors.Add(new RowError(1, "coverage", "a provincial licence covers one province; several provinces need a cross-regional licence (令42 art. 4)"));
        }
        else if (kind == LicenceKind.CrossRegional && coverage.Count < 2 && coverage[0] != Region.NationalCode)
        {
            errors.Add(new RowError(1, "coverage", "a cross-regional licence covers two or more provinces, or the nation; one province is a provincial licence"));
        }
        var term = input.TermYears ?? 5;
        if (kind is { } kk && Licensing.TermProblem(kk, term) is { } termProblem)
        {
            errors.Add(new RowError(1, "termYears", termProblem) { Value = term.ToString(CultureInfo.InvariantCulture) });
        }
        if (input.Promise && (kind == LicenceKind.Basic || services.Any(s => !options.Value.PromiseServices.Contains(s))))
        {
            errors.Add(new RowError(1, "promise", "the promise-based path covers only " + string.Join(", ", options.Value.PromiseServices)));
        }
        var today = calendar.Today;
        var received = input.Received ?? today;
        if (received > today)
        {
            errors.Add(new RowError(1, "received", "expected a day not after today") { Value = received.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<ApplicationView>(errors);
        }
        var authority = Licensing.Authority(kind!.Value, coverage);
        if (!Acts(actor, authority))
        {
            return Outcome.Refused<ApplicationView>(actor.Refusal, authority == Region.NationalCode
                ? "basic and cross-regional licences are decided by the ministry"
                : $"a provincial licence for {authority} is decided by that province's communications administration");
        }
        var ordered = ServiceCatalogue.All.Select(s => s.Code).Where(services.Contains).ToList();
        var a = new LicenceApplication
        {
            Kind = kind.Value.WireName(), Authority = authority, ApplicantCode = code, ApplicantName = input.ApplicantName!.Trim(),
            Services = Join(ordered), Coverage = Join(coverage.Order(StringComparer.Ordinal)), TermYears = term, Promise = input.Promise,
            Received = received, NoticeDue = ApplicationClocks.NoticeDeadline(calendar, received), State = "received",
        };
        return await SaveAsync(actor, a, "market.application.receive", null, isNew: true, ct);
    }

    /// <summary>The one-time notice of everything missing, within five working days of receipt.</summary>
    public async Task<Outcome<ApplicationView>> NoticeAsync(Actor actor, long id, string? missing, CancellationToken ct)
    {
        if (await FindAsync(actor, id, ct) is not { } a)
        {
            return NotFound<ApplicationView>(actor, id);
        }
        if (!Acts(actor, a.Authority))
        {
            return Outcome.Refused<ApplicationView>(actor.Refusal, "only the deciding authority acts on an application");
        }
        if (string.IsNullOrWhiteSpace(missing))
        {
            return Outcome.Invalid<ApplicationView>([new RowError(1, "missing", "expected every missing material, in one notice (一次性告知)")]);
        }
        if (a.State != "received")
        {
            return Outcome.Refused<ApplicationView>(OutcomeStatus.Conflict, a.NoticeSent is null
                ? $"application {id} is {a.State}; the notice comes before acceptance"
                : $"the notice of missing materials was given on {a.NoticeSent:yyyy-MM-dd}; the law allows one (行政许可法 art. 32)");
        }
        if (calendar.Today > a.NoticeDue)
        {
            return Outcome.Refused<ApplicationView>(OutcomeStatus.Unprocessable,
                $"the notice was due by {a.NoticeDue:yyyy-MM-dd}; without it the application counts as accepted on receipt (行政许可法 art. 32(4))");
        }
        var before = Snapshot(a);
        a.State = "awaiting_materials";
        a.NoticeSent = calendar.Today;
        a.MissingMaterials = missing.Trim();
        return await SaveAsync(actor, a, "market.application.notice", before, isNew: false, ct);
    }

    /// <summary>
    /// Acceptance (受理): on receipt when the materials were complete (or the notice was not given in time), else on the
    /// day the missing materials arrive; the decision clock starts. On the promise-based path the licence is issued at once.
    /// </summary>
    public async Task<Outcome<ApplicationView>> AcceptAsync(Actor actor, long id, CancellationToken ct)
    {
        if (await FindAsync(actor, id, ct) is not { } a)
        {
            return NotFound<ApplicationView>(actor, id);
        }
        if (!Acts(actor, a.Authority))
        {
            return Outcome.Refused<ApplicationView>(actor.Refusal, "only the deciding authority acts on an application");
        }
        if (a.State is not ("received" or "awaiting_materials"))
        {
            return Outcome.Refused<ApplicationView>(OutcomeStatus.Conflict, $"application {id} is already {a.State}");
        }
        var before = Snapshot(a);
        var today = calendar.Today;
        a.Accepted = a.State == "received" ? a.Received : today;
        a.State = "accepted";
        var kind = Licensing.ParseKind(a.Kind)!.Value;
        a.DecisionDue = ApplicationClocks.DecisionDeadline(calendar, kind, a.Accepted.Value);
        if (a.Promise)
        {
            await ApproveAsync(a, kind, today, ct);
            a.PostCheckDue = calendar.AddCalendarDays(today, options.Value.PromiseCheckDays);
        }
        return await SaveAsync(actor, a, a.Promise ? "market.application.approve_on_promise" : "market.application.accept", before, isNew: false, ct);
    }

    /// <summary>The decision on an accepted application: approval issues the licence, refusal states the reason.</summary>
    public async Task<Outcome<ApplicationView>> DecideAsync(Actor actor, long id, bool approve, string? reason, CancellationToken ct)
    {
        if (await FindAsync(actor, id, ct) is not { } a)
        {
            return NotFound<ApplicationView>(actor, id);
        }
        if (!Acts(actor, a.Authority))
        {
            return Outcome.Refused<ApplicationView>(actor.Refusal, "only the deciding authority decides an application");
        }
        if (a.State != "accepted" || a.Decided is not null)
        {
            return Outcome.Refused<ApplicationView>(OutcomeStatus.Conflict, $"application {id} is {a.State}; only an accepted application awaits a decision");
        }
        if (!approve && string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Invalid<ApplicationView>([new RowError(1, "reason", "a refusal states its reason in writing (电信条例 arts. 12–13)")]);
        }
        var before = Snapshot(a);
        if (approve)
        {
            await ApproveAsync(a, Licensing.ParseKind(a.Kind)!.Value, calendar.Today, ct);
        }
        else
        {
            a.State = "refused";
            a.Decided = calendar.Today;
            a.Reason = reason!.Trim();
        }
        return await SaveAsync(actor, a, approve ? "market.application.approve" : "market.application.refuse", before, isNew: false, ct);
    }

    /// <summary>The check of a promise after approval: a false promise revokes the licence.</summary>
    public async Task<Outcome<ApplicationView>> PostCheckAsync(Actor actor, long id, bool held, string? note, CancellationToken ct)
    {
        if (await FindAsync(actor, id, ct) is not { } a)
        {
            return NotFound<ApplicationView>(actor, id);
        }
        if (!Acts(actor, a.Authority))
        {
            return Outcome.Refused<ApplicationView>(actor.Refusal, "only the deciding authority checks a promise");
        }
        if (!a.Promise || a.State != "approved" || a.PostChecked is not null)
        {
            return Outcome.Refused<ApplicationView>(OutcomeStatus.Conflict, $"application {id} has no promise awaiting its check");
        }
        if (!held && string.IsNullOrWhiteSpace(note))
        {
            return Outcome.Invalid<ApplicationView>([new RowError(1, "note", "say what was found untrue")]);
        }
        var before = Snapshot(a);
        a.PostChecked = calendar.Today;
        a.PromiseHeld = held;
        if (!held && await db.Licences.FirstOrDefaultAsync(l => l.Number == a.LicenceNumber, ct) is { } licence)
        {
            licence.Status = "revoked";
            licence.StatusChanged = calendar.Today;
            licence.StatusReason = "虚假承诺 / false promise: " + note!.Trim();
        }
        return await SaveAsync(actor, a, held ? "market.application.promise_held" : "market.application.promise_false", before, isNew: false, ct);
    }

    /// <summary>Suspends, revokes, cancels or restores a licence (its issuing authority only).</summary>
    public async Task<Outcome<LicenceView>> ChangeStatusAsync(Actor actor, string number, LicenceStatusInput input, CancellationToken ct)
    {
        if (await VisibleLicences(actor).FirstOrDefaultAsync(l => l.Number == number, ct) is not { } l || actor.Role is not (Role.MinistryAdmin or Role.ProvinceAdmin))
        {
            return Outcome.Refused<LicenceView>(actor.IsSignedIn ? OutcomeStatus.NotFound : OutcomeStatus.Unauthenticated, $"no licence {number} in your register");
        }
        if (!Acts(actor, l.Authority))
        {
            return Outcome.Refused<LicenceView>(actor.Refusal, "only the issuing authority changes a licence's status");
        }
        if (input.Status is not ("suspended" or "revoked" or "cancelled" or "valid"))
        {
            return Outcome.Invalid<LicenceView>([new RowError(1, "status", "expected suspended, revoked, cancelled or valid") { Value = input.Status }]);
        }
        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            return Outcome.Invalid<LicenceView>([new RowError(1, "reason", "expected the decision's reason")]);
        }
        if (l.Status is "revoked" or "cancelled" || (input.Status == "valid" && l.Status != "suspended"))
        {
            return Outcome.Refused<LicenceView>(OutcomeStatus.Conflict, $"licence {number} is {l.Status}; it cannot become {input.Status}");
        }
        var before = JsonSerializer.Serialize(View(l));
        l.Status = input.Status;
        l.StatusChanged = calendar.Today;
        l.StatusReason = input.Reason.Trim();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var view = View(l);
        await audit.AppendAsync(new AuditEntry(actor.Id, "market.licence." + input.Status, "licence", number, before, JsonSerializer.Serialize(view), l.Authority), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    /// <summary>What anyone may learn of a licence online: its fields, its status today, and whether its signed form holds.</summary>
    public async Task<LicenceVerification> VerifyOnlineAsync(string number, CancellationToken ct)
    {
        if (await db.Licences.AsNoTracking().FirstOrDefaultAsync(l => l.Number == number, ct) is not { Document: { } doc } l)
        {
            return new("unknown", $"no licence {number} has been issued on this platform", number, null);
        }
        return CheckAgainstRegister(ElectronicLicence.Verify(doc, signing.RootPem, calendar.Today), l);
    }

    /// <summary>Verifies a presented file: its signature offline, then its number against the register.</summary>
    public async Task<LicenceVerification> VerifyFileAsync(string document, CancellationToken ct)
    {
        var offline = ElectronicLicence.Verify(document, signing.RootPem, calendar.Today);
        if (offline.Verdict == "tampered" || offline.Number is null)
        {
            return offline;
        }
        return await db.Licences.AsNoTracking().FirstOrDefaultAsync(l => l.Number == offline.Number, ct) is { } l
            ? CheckAgainstRegister(offline, l)
            : new("unknown", $"the signature holds but no licence {offline.Number} is in the register", offline.Number, offline.Licence);
    }

    /// <summary>Numbers of revoked licences, for offline verifiers.</summary>
    public async Task<IReadOnlyList<string>> RevokedAsync(CancellationToken ct) =>
        await db.Licences.Where(l => l.Status == "revoked").OrderBy(l => l.Number).Select(l => l.Number).ToListAsync(ct);

    private static LicenceVerification CheckAgainstRegister(LicenceVerification signed, Licence l) =>
        signed.Verdict != "valid" ? signed
        : l.Status is "revoked" or "suspended" or "cancelled"
            ? signed with { Verdict = l.Status, Message = $"licence {l.Number} was {l.Status} on {l.StatusChanged:yyyy-MM-dd}: {l.StatusReason}" }
            : signed;

    private async Task ApproveAsync(LicenceApplication a, LicenceKind kind, DateOnly today, CancellationToken ct)
    {
        var services = Split(a.Services);
        var prefix = Licensing.NumberPrefix(kind, a.Authority, services);
        var yearPart = prefix + today.Year.ToString("D4", CultureInfo.InvariantCulture);
        var taken = await db.Licences.Where(l => l.Number.StartsWith(yearPart)).Select(l => l.Number).ToListAsync(ct);
        var serial = taken.Select(n => int.Parse(n[yearPart.Length..], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max() + 1;
        var licence = new Licence
        {
            Number = Licensing.Number(prefix, today.Year, serial), Kind = a.Kind, Authority = a.Authority, HolderCode = a.ApplicantCode,
            HolderName = a.ApplicantName, Services = a.Services, Coverage = a.Coverage, Issued = today,
            Expires = Licensing.Expiry(today, a.TermYears), Status = "valid", ApplicationId = a.Id,
        };
        licence.Document = signing.Sign(Fields(licence));
        db.Licences.Add(licence);
        a.State = "approved";
        a.Decided = today;
        a.LicenceNumber = licence.Number;
    }

    /// <summary>The fields an electronic licence signs.</summary>
    internal static JsonObject Fields(Licence l) => new()
    {
        ["number"] = l.Number,
        ["kind"] = l.Kind,
        ["holderCode"] = l.HolderCode,
        ["holderName"] = l.HolderName,
        ["services"] = new JsonArray(Split(l.Services).Select(s => (JsonNode)s).ToArray()),
        ["coverage"] = new JsonArray(Split(l.Coverage).Select(s => (JsonNode)s).ToArray()),
        ["issued"] = l.Issued.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["expires"] = l.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["authority"] = l.Authority,
        ["authorityName"] = l.Authority == Region.NationalCode ? "中华人民共和国工业和信息化部" : Regions.Get(l.Authority).NameZh + "通信管理局",
    };

    private async Task<LicenceApplication?> FindAsync(Actor actor, long id, CancellationToken ct) =>
        actor.Role is Role.MinistryAdmin or Role.ProvinceAdmin ? await VisibleApplications(actor).FirstOrDefaultAsync(a => a.Id == id, ct) : null;

    private static Outcome<T> NotFound<T>(Actor actor, long id) =>
        Outcome.Refused<T>(actor.IsSignedIn ? OutcomeStatus.NotFound : OutcomeStatus.Unauthenticated, $"no application {id} among yours");

    private static string Snapshot(LicenceApplication a) => JsonSerializer.Serialize(a);

    private async Task<Outcome<ApplicationView>> SaveAsync(Actor actor, LicenceApplication a, string action, string? before, bool isNew, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (isNew)
        {
            db.Applications.Add(a);
        }
        await db.SaveChangesAsync(ct);
        var view = View(a);
        await audit.AppendAsync(new AuditEntry(actor.Id, action, "licence_application", a.Id.ToString(CultureInfo.InvariantCulture), before, JsonSerializer.Serialize(view), a.Authority), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    private ApplicationView View(LicenceApplication a)
    {
        var today = calendar.Today;
        // Past the notice deadline an untouched application counts as accepted on receipt: the office is late to accept it.
        var overdue = (a.State == "received" && today > a.NoticeDue)
            || (a.State == "accepted" && a.DecisionDue is { } due && today > due)
            || (a.Promise && a.State == "approved" && a.PostChecked is null && a.PostCheckDue is { } check && today > check);
        return new(a.Id, a.Kind, a.Authority, a.ApplicantCode, a.ApplicantName, Split(a.Services), Split(a.Coverage), a.TermYears, a.Promise,
            a.State, a.Received, a.NoticeDue, a.NoticeSent, a.MissingMaterials, a.Accepted, a.DecisionDue, a.Decided, a.Reason, a.LicenceNumber,
            a.PostCheckDue, a.PromiseHeld, overdue);
    }

    public LicenceView View(Licence l) =>
        new(l.Number, l.Kind, l.Authority, l.HolderCode, l.HolderName, Split(l.Services), Split(l.Coverage), l.Issued, l.Expires,
            l.Status == "valid" && calendar.Today > l.Expires ? "expired" : l.Status, l.StatusReason);
}
