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

namespace IctGov.Emergency.Features;

internal sealed record PlanLevelRequest(int? Level, string? Actions, string? Reporters, int? ReportEveryMinutes);

internal sealed record PlanRequest(string? Code, string? Tier, string? OwnerUnit, string? Region, string? Title, DateOnly? Adopted, List<PlanLevelRequest>? Levels);

internal sealed record MemberRequest(string? Name, string? Qualification, DateOnly? Expires);

internal sealed record TeamRequest(string? Code, string? Name, string? OwnerUnit, string? Region, string? Base, List<MemberRequest>? Members);

internal sealed record EquipmentRequest(string? Code, string? Kind, string? OwnerUnit, string? Region, double? Lon, double? Lat, string? State);

/// <summary>
/// Plans per tier with what each of the four response levels triggers, and the resources (teams
/// with their members' qualifications, equipment with location and state), each owned by an
/// operator (or its branch) or an administration, which alone manages it.
/// </summary>
internal sealed class ResourceService(EmergencyDbContext db, IAuditLog audit, ChinaCalendar calendar)
{
    public async Task<IReadOnlyList<PlanView>> PlansAsync(CancellationToken ct = default)
    {
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        var levels = (await db.PlanLevels.AsNoTracking().ToListAsync(ct)).ToLookup(l => l.PlanId);
        return plans.Select(p => View(p, levels[p.Id])).ToList();
    }

    public async Task<Outcome<PlanView>> SavePlanAsync(Actor actor, PlanRequest r, CancellationToken ct = default)
    {
        var errors = new List<RowError>();
        Require(errors, r.Code, "code");
        Require(errors, r.Title, "title");
        if (!Catalogue.Has(Catalogue.Tiers, r.Tier))
        {
            errors.Add(new RowError(0, "tier", "expected " + string.Join(", ", Catalogue.Tiers.Select(t => t.Code))) { Value = r.Tier });
        }
        if (!EmergencyAccess.IsOwnerUnit(r.OwnerUnit))
        {
            errors.Add(new RowError(0, "ownerUnit", "expected ministry, prov-<region>, an operator (ct, cm, cu, cbn) or its branch (cm-440000)") { Value = r.OwnerUnit });
        }
        if (r.Region is not null && !Catalogue.IsProvince(r.Region))
        {
            errors.Add(new RowError(0, "region", "expected a province's GB/T 2260 code") { Value = r.Region });
        }
        var levels = r.Levels ?? [];
        if (levels.Count == 0)
        {
            errors.Add(new RowError(0, "levels", "expected what at least one response level (1–4) triggers"));
        }
        for (var i = 0; i < levels.Count; i++)
        {
            var l = levels[i];
            if (l.Level is not (>= 1 and <= 4) || levels.Count(x => x.Level == l.Level) > 1)
            {
                errors.Add(new RowError(i + 1, "level", "expected a level 1–4 (I–IV), each once") { Value = l.Level?.ToString(CultureInfo.InvariantCulture) });
            }
            Require(errors, l.Actions, "actions", i + 1);
            if (l.ReportEveryMinutes is { } m && m is < 5 or > 1440)
            {
                errors.Add(new RowError(i + 1, "reportEveryMinutes", "expected 5–1440 minutes") { Value = m.ToString(CultureInfo.InvariantCulture) });
            }
            if ((l.Reporters ?? "operators").Split(',', StringSplitOptions.TrimEntries).Any(x => x is not ("operators" or "provinces")))
            {
                errors.Add(new RowError(i + 1, "reporters", "expected operators, provinces or both") { Value = l.Reporters });
            }
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<PlanView>(errors);
        }
        if (!EmergencyAccess.ManagesResource(actor, r.OwnerUnit!, r.Region ?? actor.RegionCode ?? (actor.Regions.Count > 0 ? actor.Regions[0] : "")))
        {
            return Outcome.Refused<PlanView>(actor.Refusal, "a plan is kept by the unit that owns it (or the ministry)");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Code == r.Code, ct);
        var before = plan is null ? null : JsonSerializer.Serialize(View(plan, await db.PlanLevels.Where(l => l.PlanId == plan.Id).ToListAsync(ct)));
        if (plan is null)
        {
            plan = new PlanRow { Code = r.Code!.Trim(), Tier = r.Tier!, OwnerUnit = r.OwnerUnit!, Title = r.Title!.Trim() };
            db.Plans.Add(plan);
        }
        plan.Tier = r.Tier!;
        plan.OwnerUnit = r.OwnerUnit!;
        plan.Region = r.Region;
        plan.Title = r.Title!.Trim();
        plan.Adopted = r.Adopted ?? calendar.Today;
        await db.SaveChangesAsync(ct);
        await db.PlanLevels.Where(l => l.PlanId == plan.Id).ExecuteDeleteAsync(ct);
        var rows = levels.Select(l => new PlanLevelRow
        {
            PlanId = plan.Id, Level = l.Level!.Value, Actions = l.Actions!.Trim(), Reporters = l.Reporters ?? "operators",
            ReportEveryMinutes = l.ReportEveryMinutes ?? Catalogue.DefaultReportEvery(l.Level.Value),
        }).ToList();
        db.PlanLevels.AddRange(rows);
        await db.SaveChangesAsync(ct);
        var view = View(plan, rows);
        await audit.AppendAsync(new AuditEntry(actor.Id, "emergency.plan.save", "emergency_plan", plan.Code, before, JsonSerializer.Serialize(view)), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    public async Task<IReadOnlyList<TeamView>> TeamsAsync(Actor actor, CancellationToken ct = default)
    {
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Code).ToListAsync(ct);
        var members = (await db.Members.AsNoTracking().ToListAsync(ct)).ToLookup(m => m.TeamId);
        return teams.Where(t => Sees(actor, t.OwnerUnit, t.Region)).Select(t => View(t, members[t.Id])).ToList();
    }

    public async Task<Outcome<TeamView>> SaveTeamAsync(Actor actor, TeamRequest r, CancellationToken ct = default)
    {
        var errors = new List<RowError>();
        Require(errors, r.Code, "code");
        Require(errors, r.Name, "name");
        Owner(errors, r.OwnerUnit, r.Region);
        var members = r.Members ?? [];
        for (var i = 0; i < members.Count; i++)
        {
            Require(errors, members[i].Name, "name", i + 1);
            Require(errors, members[i].Qualification, "qualification", i + 1);
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<TeamView>(errors);
        }
        if (!EmergencyAccess.ManagesResource(actor, r.OwnerUnit!, r.Region!))
        {
            return Outcome.Refused<TeamView>(actor.Refusal, "a team is managed by the unit that owns it, its province's administration or the ministry");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Code == r.Code, ct);
        if (team is not null && !EmergencyAccess.ManagesResource(actor, team.OwnerUnit, team.Region))
        {
            return Outcome.Refused<TeamView>(actor.Refusal, $"team {team.Code} belongs to {team.OwnerUnit}");
        }
        if (team is null)
        {
            team = new TeamRow { Code = r.Code!.Trim(), Name = "", OwnerUnit = "", Region = "" };
            db.Teams.Add(team);
        }
        team.Name = r.Name!.Trim();
        team.OwnerUnit = r.OwnerUnit!;
        team.Region = r.Region!;
        team.Base = r.Base;
        await db.SaveChangesAsync(ct);
        await db.Members.Where(m => m.TeamId == team.Id).ExecuteDeleteAsync(ct);
        var rows = members.Select(m => new MemberRow { TeamId = team.Id, Name = m.Name!.Trim(), Qualification = m.Qualification!.Trim(), QualificationExpires = m.Expires }).ToList();
        db.Members.AddRange(rows);
        await db.SaveChangesAsync(ct);
        var view = View(team, rows);
        await audit.AppendAsync(new AuditEntry(actor.Id, "emergency.team.save", "emergency_team", team.Code, null, JsonSerializer.Serialize(view)), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    public async Task<IReadOnlyList<EquipmentView>> EquipmentAsync(Actor actor, CancellationToken ct = default) =>
        (await db.Equipment.AsNoTracking().OrderBy(e => e.Code).ToListAsync(ct)).Where(e => Sees(actor, e.OwnerUnit, e.Region)).Select(View).ToList();

    public async Task<Outcome<EquipmentView>> SaveEquipmentAsync(Actor actor, EquipmentRequest r, CancellationToken ct = default)
    {
        var errors = new List<RowError>();
        Require(errors, r.Code, "code");
        if (!Catalogue.Has(Catalogue.EquipmentKinds, r.Kind))
        {
            errors.Add(new RowError(0, "kind", "expected " + string.Join(", ", Catalogue.EquipmentKinds.Select(k => k.Code))) { Value = r.Kind });
        }
        if (r.State is not null && !Catalogue.Has(Catalogue.EquipmentStates, r.State))
        {
            errors.Add(new RowError(0, "state", "expected " + string.Join(", ", Catalogue.EquipmentStates.Select(k => k.Code))) { Value = r.State });
        }
        Owner(errors, r.OwnerUnit, r.Region);
        Coordinates(errors, 0, r.Lon, r.Lat);
        if (errors.Count > 0)
        {
            return Outcome.Invalid<EquipmentView>(errors);
        }
        if (!EmergencyAccess.ManagesResource(actor, r.OwnerUnit!, r.Region!))
        {
            return Outcome.Refused<EquipmentView>(actor.Refusal, "equipment is managed by the unit that owns it, its province's administration or the ministry");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.Equipment.SingleOrDefaultAsync(e => e.Code == r.Code, ct);
        if (row is not null && !EmergencyAccess.ManagesResource(actor, row.OwnerUnit, row.Region))
        {
            return Outcome.Refused<EquipmentView>(actor.Refusal, $"equipment {row.Code} belongs to {row.OwnerUnit}");
        }
        var before = row is null ? null : JsonSerializer.Serialize(View(row));
        if (row is null)
        {
            row = new EquipmentRow { Code = r.Code!.Trim(), Kind = "", OwnerUnit = "", Region = "", State = "ready" };
            db.Equipment.Add(row);
        }
        row.Kind = r.Kind!;
        row.OwnerUnit = r.OwnerUnit!;
        row.Region = r.Region!;
        row.Lon = r.Lon;
        row.Lat = r.Lat;
        row.State = r.State ?? row.State;
        await db.SaveChangesAsync(ct);
        var view = View(row);
        await audit.AppendAsync(new AuditEntry(actor.Id, "emergency.equipment.save", "emergency_equipment", row.Code, before, JsonSerializer.Serialize(view)), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    /// <summary>Operators see their own resources; administrations those in their province; the ministry all.</summary>
    internal static bool Sees(Actor actor, string ownerUnit, string region) => actor.Role switch
    {
        Role.MinistryAdmin => true,
        Role.ProvinceAdmin => actor.RegionCode == region,
        Role.Reporter => EmergencyAccess.OperatorOf(actor) is { } op && EmergencyAccess.OwnerOperator(ownerUnit) == op,
        _ => false,
    };

    internal static void Require(List<RowError> errors, string? value, string field, long row = 0)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new RowError(row, field, "expected a value"));
        }
    }

    internal static void Coordinates(List<RowError> errors, long row, double? lon, double? lat)
    {
        if (lon is null != lat is null || lon is { } x && x is < 73 or > 136 || lat is { } y && y is < 3 or > 54)
        {
            errors.Add(new RowError(row, "lon/lat", "expected both, in China (lon 73–136, lat 3–54, WGS 84)") { Value = $"{lon},{lat}" });
        }
    }

    internal static void Owner(List<RowError> errors, string? ownerUnit, string? region)
    {
        if (!EmergencyAccess.IsOwnerUnit(ownerUnit))
        {
            errors.Add(new RowError(0, "ownerUnit", "expected ministry, prov-<region>, an operator (ct, cm, cu, cbn) or its branch (cm-440000)") { Value = ownerUnit });
        }
        if (!Catalogue.IsProvince(region))
        {
            errors.Add(new RowError(0, "region", "expected the province's GB/T 2260 code where it is based") { Value = region });
        }
    }

    internal static PlanView View(PlanRow p, IEnumerable<PlanLevelRow> levels) => new(p.Id, p.Code, p.Tier, p.OwnerUnit, p.Region, p.Title, p.Adopted,
        levels.OrderBy(l => l.Level).Select(l => new PlanLevel(l.Level, l.Actions, l.Reporters, l.ReportEveryMinutes)).ToList());

    private TeamView View(TeamRow t, IEnumerable<MemberRow> members)
    {
        var today = calendar.Today;
        return new(t.Id, t.Code, t.Name, t.OwnerUnit, t.Region, t.Base, members.OrderBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => new MemberView(m.Name, m.Qualification, m.QualificationExpires, m.QualificationExpires < today,
                m.QualificationExpires is { } d && d >= today && d <= today.AddDays(30))).ToList());
    }

    internal static EquipmentView View(EquipmentRow e) => new(e.Id, e.Code, e.Kind, e.OwnerUnit, e.Region, e.Lon, e.Lat, e.State);
}
