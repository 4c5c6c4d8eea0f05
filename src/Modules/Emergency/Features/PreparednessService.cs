using System.Globalization;
using System.Text.Json;
using IctGov.Emergency.Contracts;
using IctGov.Emergency.Data;
using IctGov.Emergency.Domain;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace IctGov.Emergency.Features;

internal sealed record StockItemRequest(string? Item, decimal? Quantity, decimal? Minimum);

internal sealed record StockpileRequest(string? Code, string? Name, string? OwnerUnit, string? Region, string? Site, double? Lon, double? Lat,
    DateOnly? CheckedOn, List<StockItemRequest>? Items);

internal sealed record DrillRequest(string? Code, string? Title, string? Kind, string? PlanCode, int? Level, string? OwnerUnit, string? Region,
    DateOnly? Held, List<string>? Teams, int? Participants, string? Findings);

internal sealed record TrainingRequest(string? TeamCode, string? Member, string? Course, DateOnly? Completed, decimal? Hours, DateOnly? RenewedUntil);

/// <summary>
/// Readiness between incidents: stockpiles of supplies (储备) counted against their minimums, drills
/// (演练) of the plans with the longest gap the rules allow, and team members' training, which renews
/// their qualifications. Each is kept by the unit that owns it, its province's administration or the
/// ministry, as teams and equipment are.
/// </summary>
internal sealed class PreparednessService(EmergencyDbContext db, IAuditLog audit, ChinaCalendar calendar, IOptions<PreparednessOptions> options)
{
    public async Task<IReadOnlyList<StockpileView>> StockpilesAsync(Actor actor, CancellationToken ct = default)
    {
        var piles = (await db.Stockpiles.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct)).Where(p => ResourceService.Sees(actor, p.OwnerUnit, p.Region)).ToList();
        var ids = piles.Select(p => p.Id).ToList();
        var items = (await db.StockItems.AsNoTracking().Where(i => ids.Contains(i.StockpileId)).ToListAsync(ct)).ToLookup(i => i.StockpileId);
        return piles.Select(p => View(p, items[p.Id])).ToList();
    }

    public async Task<Outcome<StockpileView>> SaveStockpileAsync(Actor actor, StockpileRequest r, CancellationToken ct = default)
    {
        var errors = new List<RowError>();
        ResourceService.Require(errors, r.Code, "code");
        ResourceService.Require(errors, r.Name, "name");
        ResourceService.Owner(errors, r.OwnerUnit, r.Region);
        ResourceService.Coordinates(errors, 0, r.Lon, r.Lat);
        NotAfterToday(errors, r.CheckedOn, "checkedOn", 0);
        var items = r.Items ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (!Catalogue.Has(Catalogue.StockItems, item.Item) || items.Count(x => x.Item == item.Item) > 1)
            {
                errors.Add(new RowError(i + 1, "item", "expected each once of " + string.Join(", ", Catalogue.StockItems.Select(k => k.Code))) { Value = item.Item });
            }
            if (item.Quantity is not >= 0)
            {
                errors.Add(new RowError(i + 1, "quantity", "expected a number ≥ 0") { Value = item.Quantity?.ToString(CultureInfo.InvariantCulture) });
            }
            if (item.Minimum is < 0)
            {
                errors.Add(new RowError(i + 1, "minimum", "expected a number ≥ 0") { Value = item.Minimum?.ToString(CultureInfo.InvariantCulture) });
            }
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<StockpileView>(errors);
        }
        if (!EmergencyAccess.ManagesResource(actor, r.OwnerUnit!, r.Region!))
        {
            return Outcome.Refused<StockpileView>(actor.Refusal, "a stockpile is kept by the unit that owns it, its province's administration or the ministry");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var pile = await db.Stockpiles.SingleOrDefaultAsync(p => p.Code == r.Code, ct);
        if (pile is not null && !EmergencyAccess.ManagesResource(actor, pile.OwnerUnit, pile.Region))
        {
            return Outcome.Refused<StockpileView>(actor.Refusal, $"stockpile {pile.Code} belongs to {pile.OwnerUnit}");
        }
        var before = pile is null ? null : JsonSerializer.Serialize(View(pile, await db.StockItems.Where(i => i.StockpileId == pile.Id).ToListAsync(ct)));
        if (pile is null)
        {
            pile = new StockpileRow { Code = r.Code!.Trim(), Name = "", OwnerUnit = "", Region = "" };
            db.Stockpiles.Add(pile);
        }
        pile.Name = r.Name!.Trim();
        pile.OwnerUnit = r.OwnerUnit!;
        pile.Region = r.Region!;
        pile.Site = r.Site?.Trim();
        pile.Lon = r.Lon;
        pile.Lat = r.Lat;
        pile.CheckedOn = r.CheckedOn ?? calendar.Today;
        await db.SaveChangesAsync(ct);
        await db.StockItems.Where(i => i.StockpileId == pile.Id).ExecuteDeleteAsync(ct);
        var rows = items.Select(i => new StockItemRow { StockpileId = pile.Id, Item = i.Item!, Quantity = i.Quantity!.Value, Minimum = i.Minimum ?? 0 }).ToList();
        db.StockItems.AddRange(rows);
        await db.SaveChangesAsync(ct);
        var view = View(pile, rows);
        await audit.AppendAsync(new AuditEntry(actor.Id, "emergency.stockpile.save", "emergency_stockpile", pile.Code, before, JsonSerializer.Serialize(view)), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    public async Task<IReadOnlyList<DrillView>> DrillsAsync(Actor actor, CancellationToken ct = default)
    {
        var plans = await db.Plans.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        return (await db.Drills.AsNoTracking().OrderByDescending(d => d.Held).ThenBy(d => d.Code).ToListAsync(ct))
            .Where(d => ResourceService.Sees(actor, d.OwnerUnit, d.Region)).Select(d => View(d, plans[d.PlanId])).ToList();
    }

    public async Task<Outcome<DrillView>> RecordDrillAsync(Actor actor, DrillRequest r, CancellationToken ct = default)
    {
        var errors = new List<RowError>();
        ResourceService.Require(errors, r.Code, "code");
        ResourceService.Require(errors, r.Title, "title");
        if (!Catalogue.Has(Catalogue.DrillKinds, r.Kind))
        {
            errors.Add(new RowError(0, "kind", "expected " + string.Join(", ", Catalogue.DrillKinds.Select(k => k.Code))) { Value = r.Kind });
        }
        ResourceService.Owner(errors, r.OwnerUnit, r.Region);
        if (r.Held is null)
        {
            errors.Add(new RowError(0, "held", "expected the day the drill was held"));
        }
        NotAfterToday(errors, r.Held, "held", 0);
        if (r.Participants is not (>= 1 and <= 100_000))
        {
            errors.Add(new RowError(0, "participants", "expected the number of people who took part (1–100000)") { Value = r.Participants?.ToString(CultureInfo.InvariantCulture) });
        }
        var plan = r.PlanCode is null ? null : await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Code == r.PlanCode, ct);
        if (plan is null)
        {
            errors.Add(new RowError(0, "planCode", "expected the code of a plan on record") { Value = r.PlanCode });
        }
        else if (r.Level is not { } level || !await db.PlanLevels.AnyAsync(l => l.PlanId == plan.Id && l.Level == level, ct))
        {
            errors.Add(new RowError(0, "level", $"expected a response level plan {plan.Code} defines") { Value = r.Level?.ToString(CultureInfo.InvariantCulture) });
        }
        var teams = (r.Teams ?? []).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Teams.AsNoTracking().Where(t => teams.Contains(t.Code)).Select(t => t.Code).ToListAsync(ct);
        foreach (var missing in teams.Except(known, StringComparer.Ordinal))
        {
            errors.Add(new RowError(0, "teams", "expected the code of a team on record") { Value = missing });
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<DrillView>(errors);
        }
        if (!EmergencyAccess.ManagesResource(actor, r.OwnerUnit!, r.Region!))
        {
            return Outcome.Refused<DrillView>(actor.Refusal, "a drill is recorded by the unit that held it, its province's administration or the ministry");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var drill = await db.Drills.SingleOrDefaultAsync(d => d.Code == r.Code, ct);
        if (drill is not null && !EmergencyAccess.ManagesResource(actor, drill.OwnerUnit, drill.Region))
        {
            return Outcome.Refused<DrillView>(actor.Refusal, $"drill {drill.Code} was recorded by {drill.OwnerUnit}");
        }
        var before = drill is null ? null : JsonSerializer.Serialize(View(drill, plan!.Code));
        if (drill is null)
        {
            drill = new DrillRow { Code = r.Code!.Trim(), Title = "", Kind = "", OwnerUnit = "", Region = "", Teams = "", RecordedBy = actor.Id };
            db.Drills.Add(drill);
        }
        drill.Title = r.Title!.Trim();
        drill.Kind = r.Kind!;
        drill.PlanId = plan!.Id;
        drill.Level = r.Level!.Value;
        drill.OwnerUnit = r.OwnerUnit!;
        drill.Region = r.Region!;
        drill.Held = r.Held!.Value;
        drill.Teams = string.Join(',', teams);
        drill.Participants = r.Participants!.Value;
        drill.Findings = r.Findings?.Trim();
        drill.RecordedBy = actor.Id;
        await db.SaveChangesAsync(ct);
        var view = View(drill, plan.Code);
        await audit.AppendAsync(new AuditEntry(actor.Id, "emergency.drill.record", "emergency_drill", drill.Code, before, JsonSerializer.Serialize(view)), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    /// <summary>
    /// Every plan with its last drill and the day the next is due: the last drill (or, never drilled,
    /// the day the plan was adopted) plus <see cref="PreparednessOptions.DrillEveryMonths"/>.
    /// </summary>
    public async Task<IReadOnlyList<PlanDrillStatus>> DrillStatusAsync(CancellationToken ct = default)
    {
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        var last = (await db.Drills.AsNoTracking().GroupBy(d => d.PlanId).Select(g => new { PlanId = g.Key, Held = g.Max(d => d.Held) }).ToListAsync(ct))
            .ToDictionary(x => x.PlanId, x => x.Held);
        var today = calendar.Today;
        return plans.Select(p =>
        {
            DateOnly? lastDrill = last.TryGetValue(p.Id, out var held) ? held : null;
            var due = (lastDrill ?? p.Adopted).AddMonths(options.Value.DrillEveryMonths);
            return new PlanDrillStatus(p.Code, p.Title, p.OwnerUnit, lastDrill, due, today > due);
        }).ToList();
    }

    public async Task<IReadOnlyList<TrainingView>> TrainingAsync(Actor actor, CancellationToken ct = default)
    {
        var teams = (await db.Teams.AsNoTracking().ToListAsync(ct)).Where(t => ResourceService.Sees(actor, t.OwnerUnit, t.Region)).ToDictionary(t => t.Id, t => t.Code);
        var ids = teams.Keys.ToList();
        return (await db.Training.AsNoTracking().Where(t => ids.Contains(t.TeamId)).OrderByDescending(t => t.Completed).ThenBy(t => t.Id).ToListAsync(ct))
            .Select(t => View(t, teams[t.TeamId])).ToList();
    }

    /// <summary>
    /// Records a member's training; one that renews the qualification moves the member's expiry to
    /// <c>renewedUntil</c> (never back). A resent record (same member, course and day) replaces itself.
    /// </summary>
    public async Task<Outcome<TrainingView>> RecordTrainingAsync(Actor actor, TrainingRequest r, CancellationToken ct = default)
    {
        var errors = new List<RowError>();
        ResourceService.Require(errors, r.Course, "course");
        if (r.Completed is null)
        {
            errors.Add(new RowError(0, "completed", "expected the day the training was completed"));
        }
        NotAfterToday(errors, r.Completed, "completed", 0);
        if (r.Hours is not (> 0 and <= 2000))
        {
            errors.Add(new RowError(0, "hours", "expected the hours of training (0–2000)") { Value = r.Hours?.ToString(CultureInfo.InvariantCulture) });
        }
        if (r.RenewedUntil is { } until && r.Completed is { } done && until <= done)
        {
            errors.Add(new RowError(0, "renewedUntil", "expected a day after the training was completed") { Value = until.ToString("O", CultureInfo.InvariantCulture) });
        }
        var team = r.TeamCode is null ? null : await db.Teams.SingleOrDefaultAsync(t => t.Code == r.TeamCode, ct);
        MemberRow? member = null;
        if (team is null)
        {
            errors.Add(new RowError(0, "teamCode", "expected the code of a team on record") { Value = r.TeamCode });
        }
        else
        {
            member = await db.Members.SingleOrDefaultAsync(m => m.TeamId == team.Id && m.Name == r.Member, ct);
            if (member is null)
            {
                errors.Add(new RowError(0, "member", $"expected the name of a member of team {team.Code}") { Value = r.Member });
            }
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<TrainingView>(errors);
        }
        if (!EmergencyAccess.ManagesResource(actor, team!.OwnerUnit, team.Region))
        {
            return Outcome.Refused<TrainingView>(actor.Refusal, $"team {team.Code} belongs to {team.OwnerUnit}");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var course = r.Course!.Trim();
        var row = await db.Training.SingleOrDefaultAsync(t => t.TeamId == team.Id && t.Member == member!.Name && t.Course == course && t.Completed == r.Completed, ct);
        if (row is null)
        {
            row = new TrainingRow { TeamId = team.Id, Member = member!.Name, Course = course, Completed = r.Completed!.Value, RecordedBy = actor.Id };
            db.Training.Add(row);
        }
        row.Hours = r.Hours!.Value;
        row.RenewedUntil = r.RenewedUntil;
        row.RecordedBy = actor.Id;
        var expiresBefore = member!.QualificationExpires;
        if (r.RenewedUntil is { } renewed && (member.QualificationExpires is null || renewed > member.QualificationExpires))
        {
            member.QualificationExpires = renewed;
        }
        await db.SaveChangesAsync(ct);
        var view = View(row, team.Code);
        await audit.AppendAsync(new AuditEntry(actor.Id, "emergency.training.record", "emergency_team_member", $"{team.Code}/{member.Name}",
            JsonSerializer.Serialize(new { expires = expiresBefore }), JsonSerializer.Serialize(new { training = view, expires = member.QualificationExpires })),
            tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    private void NotAfterToday(List<RowError> errors, DateOnly? day, string field, long row)
    {
        if (day is { } d && d > calendar.Today)
        {
            errors.Add(new RowError(row, field, "expected a day not after today (Beijing)") { Value = d.ToString("O", CultureInfo.InvariantCulture) });
        }
    }

    private static StockpileView View(StockpileRow p, IEnumerable<StockItemRow> items) => new(p.Id, p.Code, p.Name, p.OwnerUnit, p.Region, p.Site, p.Lon, p.Lat,
        p.CheckedOn, items.OrderBy(i => i.Item, StringComparer.Ordinal).Select(i => new StockItemView(i.Item, i.Quantity, i.Minimum, i.Quantity < i.Minimum)).ToList());

    private static DrillView View(DrillRow d, string planCode) => new(d.Id, d.Code, d.Title, d.Kind, planCode, d.Level, d.OwnerUnit, d.Region, d.Held,
        d.Teams.Length == 0 ? [] : d.Teams.Split(','), d.Participants, d.Findings);

    private static TrainingView View(TrainingRow t, string teamCode) => new(t.Id, teamCode, t.Member, t.Course, t.Completed, t.Hours, t.RenewedUntil);
}
