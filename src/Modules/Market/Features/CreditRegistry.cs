using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
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

/// <summary>Settings of the credit lists, from <c>Market:Credit</c>.</summary>
internal sealed class CreditOptions
{
    /// <summary>Years an entry stays on the 不良名单 when its term decides it.</summary>
    [Range(1, 10)]
    public int PoorListYears { get; set; } = 3;

    /// <summary>Years an entry stays on the 失信名单.</summary>
    [Range(1, 10)]
    public int DishonestListYears { get; set; } = 5;

    /// <summary>
    /// The score's rule table (信用记分): each event — a listing ground, or an inspection finding — with its points and
    /// the months they count. Keys bound from configuration replace or add to these.
    /// </summary>
    public Dictionary<string, ScoreRule> Rules { get; set; } = new()
    {
        ["annual_report_overdue"] = new() { Points = 5, Months = 12 },
        ["penalty"] = new() { Points = 10, Months = 36 },
        ["penalty_while_poor"] = new() { Points = 20, Months = 60 },
        ["penalty_unexecuted"] = new() { Points = 20, Months = 60 },
        ["licence_revoked"] = new() { Points = 40, Months = 60 },
        ["fraud"] = new() { Points = 40, Months = 60 },
        ["false_promise"] = new() { Points = 30, Months = 60 },
        ["joint_punishment"] = new() { Points = 20, Months = 60 },
        ["inspection_finding"] = new() { Points = 3, Months = 12 },
    };

    /// <summary>Levels by the points from which they apply: A from 0, B from 10, C from 30. Levels drive inspection ratios.</summary>
    public Dictionary<string, int> Levels { get; set; } = new() { ["A"] = 0, ["B"] = 10, ["C"] = 30 };
}

/// <summary>
/// The credit lists (不良名单, 失信名单; 令42 arts. 37–42): entries made by the authority that decided the matter,
/// on holders in its charge — those it licensed or whose licences cover its province (the ministry: all) — and
/// published for anyone with their decision and date. Every entry and removal is one audit entry in its transaction.
/// </summary>
internal sealed class CreditRegistry(MarketDbContext db, IAuditLog audit, ChinaCalendar calendar, IOptions<CreditOptions> options)
{
    /// <summary>The published lists as of <paramref name="asOf"/> (today when null); <paramref name="list"/> narrows to one list.</summary>
    public async Task<Outcome<IReadOnlyList<CreditListingView>>> PublishedAsync(string? list, string? holder, DateOnly? asOf, CancellationToken ct)
    {
        var which = list is null or "" ? (CreditList?)null : CreditLists.ParseList(list);
        if (list is not (null or "") && which is null)
        {
            return Outcome.Invalid<IReadOnlyList<CreditListingView>>([new RowError(1, "list", "expected poor (不良名单) or dishonest (失信名单)") { Value = list }]);
        }
        var day = asOf ?? calendar.Today;
        var q = db.CreditListings.AsNoTracking().Where(e => e.Listed <= day && (e.Removed == null || e.Removed > day) && (e.LastDay == null || e.LastDay >= day));
        if (which is { } w)
        {
            var name = w.WireName();
            q = q.Where(e => e.List == name);
        }
        if (!string.IsNullOrWhiteSpace(holder))
        {
            var code = holder.Trim().ToUpperInvariant();
            q = q.Where(e => e.HolderCode == code);
        }
        var rows = await q.OrderByDescending(e => e.Listed).ThenByDescending(e => e.Id).ToListAsync(ct);
        return Outcome.Ok<IReadOnlyList<CreditListingView>>(rows.Select(e => View(e, day)).ToList());
    }

    /// <summary>A holder's entries, current and past, as of today (its history).</summary>
    public async Task<IReadOnlyList<CreditListingView>> HistoryAsync(string holderCode, CancellationToken ct)
    {
        var today = calendar.Today;
        var rows = await db.CreditListings.AsNoTracking().Where(e => e.HolderCode == holderCode).OrderBy(e => e.Listed).ThenBy(e => e.Id).ToListAsync(ct);
        return rows.Select(e => View(e, today)).ToList();
    }

    /// <summary>Puts a holder on the list its ground leads to; a penalty while already on the 不良名单 goes to the 失信名单.</summary>
    public async Task<Outcome<CreditListingView>> ListAsync(Actor actor, CreditListingInput input, CancellationToken ct)
    {
        if (actor.Role is not (Role.MinistryAdmin or Role.ProvinceAdmin))
        {
            return Outcome.Refused<CreditListingView>(actor.Refusal, "credit lists are kept by the telecom authorities");
        }
        var errors = new List<RowError>();
        var code = input.HolderCode?.Trim().ToUpperInvariant() ?? "";
        if (CreditCode.Problem(code) is { } codeProblem)
        {
            errors.Add(new RowError(1, "holderCode", codeProblem) { Value = input.HolderCode });
        }
        var ground = CreditLists.Find(input.Ground);
        if (ground is null || ground.Code == "penalty_while_poor")
        {
            // penalty_while_poor is never asked for: it is what a penalty becomes for a holder already on the 不良名单.
            errors.Add(new RowError(1, "ground", "expected one of " + string.Join(", ", CreditLists.Grounds.Where(g => g.Code != "penalty_while_poor").Select(g => g.Code))) { Value = input.Ground });
        }
        if (string.IsNullOrWhiteSpace(input.Decision) || input.Decision.Trim().Length > 200)
        {
            errors.Add(new RowError(1, "decision", "expected the decision's number as issued (at most 200 characters)"));
        }
        var today = calendar.Today;
        if (input.DecisionDate is not { } decided)
        {
            errors.Add(new RowError(1, "decisionDate", "expected the decision's date (yyyy-MM-dd)"));
        }
        else if (decided > today)
        {
            errors.Add(new RowError(1, "decisionDate", "expected a day not after today") { Value = decided.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<CreditListingView>(errors);
        }
        var licences = await db.Licences.AsNoTracking().Where(l => l.HolderCode == code).ToListAsync(ct);
        var number = string.IsNullOrWhiteSpace(input.LicenceNumber) ? null : input.LicenceNumber.Trim();
        if (number is not null && licences.All(l => l.Number != number))
        {
            return Outcome.Invalid<CreditListingView>([new RowError(1, "licenceNumber", $"no licence {number} of holder {code} in the register") { Value = number }]);
        }
        if (licences.Count == 0)
        {
            return Outcome.Refused<CreditListingView>(OutcomeStatus.NotFound, $"no licence holder {code} in the register");
        }
        if (!InCharge(actor, licences))
        {
            return Outcome.Refused<CreditListingView>(actor.Refusal, $"holder {code} is neither licensed by nor operating in {actor.RegionCode}; its own authority lists it");
        }
        var decision = input.Decision!.Trim();
        if (await db.CreditListings.AnyAsync(e => e.HolderCode == code && e.Decision == decision && e.Removed == null, ct))
        {
            return Outcome.Refused<CreditListingView>(OutcomeStatus.Conflict, $"holder {code} is already listed on decision {decision}");
        }
        var alreadyPoor = await db.CreditListings.AnyAsync(e => e.HolderCode == code && e.List == "poor" && e.Removed == null && (e.LastDay == null || e.LastDay >= today), ct);
        var effective = CreditLists.Effective(ground!, alreadyPoor);
        var entry = new CreditListing
        {
            List = effective.List.WireName(), Ground = effective.Code, HolderCode = code, HolderName = licences.OrderByDescending(l => l.Issued).First().HolderName,
            LicenceNumber = number, Decision = decision, DecisionDate = input.DecisionDate!.Value, Listed = today, Authority = AuthorityOf(actor),
            LastDay = CreditLists.LastDay(effective, today, effective.List == CreditList.Poor ? options.Value.PoorListYears : options.Value.DishonestListYears),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.CreditListings.Add(entry);
        await db.SaveChangesAsync(ct);
        var view = View(entry, today);
        await audit.AppendAsync(new AuditEntry(actor.Id, "market.credit.list_" + entry.List, "credit_listing", entry.Id.ToString(CultureInfo.InvariantCulture), null, JsonSerializer.Serialize(view), entry.Authority), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    /// <summary>Takes an entry off its list early: by the authority that listed it, for a reason the rules allow.</summary>
    public async Task<Outcome<CreditListingView>> RemoveAsync(Actor actor, long id, CreditRemovalInput input, CancellationToken ct)
    {
        if (actor.Role is not (Role.MinistryAdmin or Role.ProvinceAdmin) || await db.CreditListings.FirstOrDefaultAsync(e => e.Id == id, ct) is not { } entry)
        {
            return Outcome.Refused<CreditListingView>(actor.IsSignedIn ? OutcomeStatus.NotFound : OutcomeStatus.Unauthenticated, $"no credit list entry {id}");
        }
        if (entry.Authority != AuthorityOf(actor))
        {
            return Outcome.Refused<CreditListingView>(OutcomeStatus.Forbidden, $"entry {id} was made by {entry.Authority}; only the listing authority removes it");
        }
        var today = calendar.Today;
        if (entry.Removed is not null || entry.LastDay < today)
        {
            return Outcome.Refused<CreditListingView>(OutcomeStatus.Conflict, entry.Removed is { } r ? $"entry {id} was removed on {r:yyyy-MM-dd}" : $"entry {id} left the list after {entry.LastDay:yyyy-MM-dd}");
        }
        var ground = CreditLists.Find(entry.Ground)!;
        var errors = new List<RowError>();
        if (input.Reason is not ("report_filed" or "decision_withdrawn"))
        {
            errors.Add(new RowError(1, "reason", "expected report_filed (the annual report filed and confirmed) or decision_withdrawn (revoked on review or in court)") { Value = input.Reason });
        }
        else if (input.Reason == "report_filed" && ground.Removal != RemovalRule.OnReportFiled)
        {
            errors.Add(new RowError(1, "reason", $"an entry on ground {ground.Code} leaves the list after its term ({entry.LastDay:yyyy-MM-dd}), not on a report filed") { Value = input.Reason });
        }
        if (string.IsNullOrWhiteSpace(input.Note))
        {
            errors.Add(new RowError(1, "note", "say what was confirmed (the report's date, or the decision that withdrew the penalty)"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<CreditListingView>(errors);
        }
        var before = JsonSerializer.Serialize(View(entry, today));
        entry.Removed = today;
        entry.RemovalReason = input.Reason + ": " + input.Note!.Trim();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        var view = View(entry, today);
        await audit.AppendAsync(new AuditEntry(actor.Id, "market.credit.remove", "credit_listing", entry.Id.ToString(CultureInfo.InvariantCulture), before, JsonSerializer.Serialize(view), entry.Authority), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    /// <summary>The authority an official acts for: the ministry (<c>100000</c>) or the province administered.</summary>
    internal static string AuthorityOf(Actor actor) => actor.Role == Role.MinistryAdmin ? Region.NationalCode : actor.RegionCode!;

    /// <summary>Is the holder in the actor's charge: the ministry's always; a province's when it licensed it or a licence covers the province.</summary>
    private static bool InCharge(Actor actor, IReadOnlyList<Licence> holderLicences) => actor.Role == Role.MinistryAdmin
        || holderLicences.Any(l => l.Authority == actor.RegionCode || LicenceOffice.Split(l.Coverage).Any(c => c == actor.RegionCode || c == Region.NationalCode));

    private static CreditListingView View(CreditListing e, DateOnly day)
    {
        var ground = CreditLists.Find(e.Ground)!;
        var active = e.Listed <= day && (e.Removed is null || e.Removed > day) && (e.LastDay is null || e.LastDay >= day);
        var late = ground.ListWithinDays is { } within && e.Listed > e.DecisionDate.AddDays(within);
        return new(e.Id, e.List, e.Ground, ground.NameZh, ground.NameEn, ground.Source, e.HolderCode, e.HolderName, e.LicenceNumber, e.Decision,
            e.DecisionDate, e.Listed, e.Authority, e.LastDay, e.Removed, e.RemovalReason, active, late);
    }
}
