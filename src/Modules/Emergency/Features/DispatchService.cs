using System.Globalization;
using System.Text.Json;
using IctGov.Emergency.Contracts;
using IctGov.Emergency.Data;
using IctGov.Emergency.Domain;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IctGov.Emergency.Features;

internal sealed record DispatchRequest(string? TeamCode, string? EquipmentCode, string? ToRegion, string? Task);

internal sealed record DispatchStep(DateTimeOffset? Eta, double? Lon, double? Lat);

internal sealed record SupportRequestInput(string? FromRegion, string? ToRegion, string? Need);

internal sealed record SupportAnswer(bool? Accept, string? Answer);

/// <summary>
/// Dispatch orders (调度指令) to a team or a piece of equipment: issued by the administration of
/// the province it is sent to (or the ministry), acknowledged with an ETA, arrived and released by
/// the resource's owner; a resource of another province needs that province's consent first, asked
/// for as a support request (跨省支援). Every step is audited and on the incident's timeline.
/// </summary>
internal sealed class DispatchService(EmergencyDbContext db, IAuditLog audit, TimeProvider time, IncidentService incidents)
{
    /// <summary>The steps in order: each moves the order from the state before it.</summary>
    private static readonly Dictionary<string, (string From, string To)> Steps = new()
    {
        ["acknowledge"] = ("issued", "acknowledged"),
        ["arrive"] = ("acknowledged", "arrived"),
        ["release"] = ("arrived", "released"),
    };

    public async Task<Outcome<DispatchView>> IssueAsync(Actor actor, long incidentId, DispatchRequest r, CancellationToken ct = default)
    {
        var incident = await incidents.FindAsync(actor, incidentId, ct);
        if (incident is null)
        {
            return IncidentService.NotFound<DispatchView>(actor, incidentId);
        }
        var errors = new List<RowError>();
        ResourceService.Require(errors, r.Task, "task");
        if (r.TeamCode is null == (r.EquipmentCode is null))
        {
            errors.Add(new RowError(0, "teamCode", "expected a team's code or an equipment's code (one of them)"));
        }
        if (r.ToRegion is null || !incident.Regions.Split(',').Contains(r.ToRegion))
        {
            errors.Add(new RowError(0, "toRegion", "expected one of the incident's provinces: " + incident.Regions) { Value = r.ToRegion });
        }
        var team = r.TeamCode is null ? null : await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.Code == r.TeamCode, ct);
        var equipment = r.EquipmentCode is null ? null : await db.Equipment.SingleOrDefaultAsync(e => e.Code == r.EquipmentCode, ct);
        if (r.TeamCode is not null && team is null)
        {
            errors.Add(new RowError(0, "teamCode", "no such team") { Value = r.TeamCode });
        }
        if (r.EquipmentCode is not null && equipment is null)
        {
            errors.Add(new RowError(0, "equipmentCode", "no such equipment") { Value = r.EquipmentCode });
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<DispatchView>(errors);
        }
        if (incident.State != "open")
        {
            return Outcome.Refused<DispatchView>(OutcomeStatus.Conflict, $"incident {incident.Code} is closed");
        }
        if (!(actor.Role == Role.MinistryAdmin || actor.Role == Role.ProvinceAdmin && actor.RegionCode == r.ToRegion))
        {
            return Outcome.Refused<DispatchView>(actor.Refusal, "the administration of the province the resource goes to (or the ministry) issues the order");
        }
        var home = team?.Region ?? equipment!.Region;
        if (actor.Role == Role.ProvinceAdmin && home != actor.RegionCode
            && !await db.Supports.AnyAsync(s => s.IncidentId == incidentId && s.FromRegion == actor.RegionCode && s.ToRegion == home && s.State == "accepted", ct))
        {
            return Outcome.Refused<DispatchView>(OutcomeStatus.Conflict,
                $"the resource is based in {home}: request support from that province first (POST /api/v1/emergency/incidents/{incidentId}/support)");
        }
        if (equipment is not null && equipment.State != "ready")
        {
            return Outcome.Refused<DispatchView>(OutcomeStatus.Conflict, $"equipment {equipment.Code} is {equipment.State}, not ready");
        }
        if (team is not null && await db.Dispatches.AnyAsync(d => d.TeamId == team.Id && d.State != "released", ct))
        {
            return Outcome.Refused<DispatchView>(OutcomeStatus.Conflict, $"team {team.Code} is on another order");
        }
        var now = IncidentService.Normalise(time.GetUtcNow());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = new DispatchRow
        {
            IncidentId = incidentId, TeamId = team?.Id, EquipmentId = equipment?.Id, ToRegion = r.ToRegion!, Task = r.Task!.Trim(), State = "issued",
            IssuedBy = actor.Id, IssuedAt = now,
        };
        db.Dispatches.Add(row);
        if (equipment is not null)
        {
            equipment.State = "dispatched";
        }
        var name = team?.Code ?? equipment!.Code;
        incidents.Log(incidentId, now, "dispatch", actor, $"调度 {name} 至 {Catalogue.RegionName(row.ToRegion, false)}：{row.Task}");
        await db.SaveChangesAsync(ct);
        var view = View(row, team, equipment);
        await audit.AppendAsync(new AuditEntry(actor.Id, "emergency.dispatch.issue", "emergency_dispatch", row.Id.ToString(CultureInfo.InvariantCulture), null, JsonSerializer.Serialize(view)), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    /// <summary>acknowledge (with an ETA), arrive (with where), release: by the resource's owner, or the administrations concerned.</summary>
    public async Task<Outcome<DispatchView>> StepAsync(Actor actor, long id, string step, DispatchStep r, CancellationToken ct = default)
    {
        if (!Steps.TryGetValue(step, out var move))
        {
            return Outcome.Invalid<DispatchView>([new RowError(0, "action", "expected acknowledge, arrive or release") { Value = step }]);
        }
        var row = await db.Dispatches.SingleOrDefaultAsync(d => d.Id == id, ct);
        var team = row?.TeamId is { } t ? await db.Teams.AsNoTracking().SingleAsync(x => x.Id == t, ct) : null;
        var equipment = row?.EquipmentId is { } e ? await db.Equipment.SingleAsync(x => x.Id == e, ct) : null;
        if (row is null || !Sees(actor, row, team, equipment))
        {
            return Outcome.Refused<DispatchView>(actor.IsSignedIn ? OutcomeStatus.NotFound : OutcomeStatus.Unauthenticated, $"no dispatch order {id} you may see");
        }
        var owner = team?.OwnerUnit ?? equipment!.OwnerUnit;
        var home = team?.Region ?? equipment!.Region;
        var mayAct = actor.Role == Role.MinistryAdmin || actor.Role == Role.ProvinceAdmin && (actor.RegionCode == row.ToRegion || actor.RegionCode == home)
            || EmergencyAccess.ManagesResource(actor, owner, home);
        if (!mayAct)
        {
            return Outcome.Refused<DispatchView>(actor.Refusal, "the resource's owner or the administrations concerned move the order on");
        }
        if (row.State != move.From)
        {
            return Outcome.Refused<DispatchView>(OutcomeStatus.Conflict, $"the order is {row.State}; {step} needs it {move.From}");
        }
        if (step == "acknowledge" && r.Eta is null)
        {
            return Outcome.Invalid<DispatchView>([new RowError(0, "eta", "expected the estimated time of arrival")]);
        }
        var errors = new List<RowError>();
        ResourceService.Coordinates(errors, 0, r.Lon, r.Lat);
        if (errors.Count > 0)
        {
            return Outcome.Invalid<DispatchView>(errors);
        }
        var now = IncidentService.Normalise(time.GetUtcNow());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var before = JsonSerializer.Serialize(View(row, team, equipment));
        row.State = move.To;
        switch (step)
        {
            case "acknowledge":
                row.AcknowledgedAt = now;
                row.Eta = IncidentService.Normalise(r.Eta!.Value);
                break;
            case "arrive":
                row.ArrivedAt = now;
                break;
            default:
                row.ReleasedAt = now;
                break;
        }
        if (equipment is not null)
        {
            equipment.State = step switch { "arrive" => "deployed", "release" => "ready", _ => equipment.State };
            if (r.Lon is not null)
            {
                (equipment.Lon, equipment.Lat) = (r.Lon, r.Lat);
            }
        }
        var name = team?.Code ?? equipment!.Code;
        incidents.Log(row.IncidentId, now, "dispatch", actor, step switch
        {
            "acknowledge" => $"{name} 确认指令，预计到达 {row.Eta:yyyy-MM-dd HH:mm}Z",
            "arrive" => $"{name} 到达 {Catalogue.RegionName(row.ToRegion, false)}",
            _ => $"{name} 撤离",
        });
        await db.SaveChangesAsync(ct);
        var view = View(row, team, equipment);
        await audit.AppendAsync(new AuditEntry(actor.Id, "emergency.dispatch." + step, "emergency_dispatch", row.Id.ToString(CultureInfo.InvariantCulture), before, JsonSerializer.Serialize(view)), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    public async Task<Outcome<IReadOnlyList<DispatchView>>> ListAsync(Actor actor, long incidentId, CancellationToken ct = default)
    {
        if (await incidents.FindAsync(actor, incidentId, ct) is null)
        {
            return IncidentService.NotFound<IReadOnlyList<DispatchView>>(actor, incidentId);
        }
        var rows = await db.Dispatches.AsNoTracking().Where(d => d.IncidentId == incidentId).OrderBy(d => d.Id).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        var equipment = await db.Equipment.AsNoTracking().ToDictionaryAsync(e => e.Id, ct);
        return Outcome.Ok<IReadOnlyList<DispatchView>>(rows
            .Select(d => (d, t: d.TeamId is { } t ? teams[t] : null, e: d.EquipmentId is { } e ? equipment[e] : null))
            .Where(x => Sees(actor, x.d, x.t, x.e)).Select(x => View(x.d, x.t, x.e)).ToList());
    }

    public async Task<Outcome<SupportView>> RequestSupportAsync(Actor actor, long incidentId, SupportRequestInput r, CancellationToken ct = default)
    {
        var incident = await incidents.FindAsync(actor, incidentId, ct);
        if (incident is null)
        {
            return IncidentService.NotFound<SupportView>(actor, incidentId);
        }
        var from = r.FromRegion ?? actor.RegionCode;
        var errors = new List<RowError>();
        ResourceService.Require(errors, r.Need, "need");
        if (from is null || !incident.Regions.Split(',').Contains(from))
        {
            errors.Add(new RowError(0, "fromRegion", "expected one of the incident's provinces") { Value = from });
        }
        if (!Catalogue.IsProvince(r.ToRegion) || r.ToRegion == from)
        {
            errors.Add(new RowError(0, "toRegion", "expected another province's GB/T 2260 code") { Value = r.ToRegion });
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<SupportView>(errors);
        }
        if (!(actor.Role == Role.MinistryAdmin || actor.Role == Role.ProvinceAdmin && actor.RegionCode == from))
        {
            return Outcome.Refused<SupportView>(actor.Refusal, "the affected province's administration (or the ministry) asks for support");
        }
        var now = IncidentService.Normalise(time.GetUtcNow());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = new SupportRow { IncidentId = incidentId, FromRegion = from!, ToRegion = r.ToRegion!, Need = r.Need!.Trim(), State = "requested", RequestedAt = now };
        db.Supports.Add(row);
        incidents.Log(incidentId, now, "support", actor, $"{Catalogue.RegionName(row.FromRegion, false)} 请求 {Catalogue.RegionName(row.ToRegion, false)} 支援：{row.Need}");
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, "emergency.support.request", "emergency_support_request", row.Id.ToString(CultureInfo.InvariantCulture), null, JsonSerializer.Serialize(View(row))), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(View(row));
    }

    /// <summary>The asked province (or the ministry) accepts or declines; an accepted request lets the asking province dispatch the other's resources.</summary>
    public async Task<Outcome<SupportView>> AnswerSupportAsync(Actor actor, long id, SupportAnswer r, CancellationToken ct = default)
    {
        var row = await db.Supports.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (row is null || !(EmergencyAccess.CoversArea(actor, row.ToRegion) || EmergencyAccess.CoversArea(actor, row.FromRegion)) || actor.Role == Role.Reporter)
        {
            return Outcome.Refused<SupportView>(actor.IsSignedIn ? OutcomeStatus.NotFound : OutcomeStatus.Unauthenticated, $"no support request {id} you may see");
        }
        if (!(actor.Role == Role.MinistryAdmin || actor.Role == Role.ProvinceAdmin && actor.RegionCode == row.ToRegion))
        {
            return Outcome.Refused<SupportView>(actor.Refusal, "the province asked (or the ministry) answers");
        }
        if (r.Accept is null)
        {
            return Outcome.Invalid<SupportView>([new RowError(0, "accept", "expected true or false")]);
        }
        if (row.State != "requested")
        {
            return Outcome.Refused<SupportView>(OutcomeStatus.Conflict, $"the request is already {row.State}");
        }
        var now = IncidentService.Normalise(time.GetUtcNow());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        row.State = r.Accept.Value ? "accepted" : "declined";
        row.AnsweredAt = now;
        row.Answer = r.Answer;
        incidents.Log(row.IncidentId, now, "support", actor, $"{Catalogue.RegionName(row.ToRegion, false)} {(r.Accept.Value ? "同意" : "不同意")}支援 {Catalogue.RegionName(row.FromRegion, false)}" + (r.Answer is null ? "" : "：" + r.Answer));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, "emergency.support.answer", "emergency_support_request", row.Id.ToString(CultureInfo.InvariantCulture), null, JsonSerializer.Serialize(View(row))), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(View(row));
    }

    public async Task<IReadOnlyList<SupportView>> SupportsAsync(Actor actor, long incidentId, CancellationToken ct = default) =>
        (await db.Supports.AsNoTracking().Where(s => s.IncidentId == incidentId).OrderBy(s => s.Id).ToListAsync(ct))
            .Where(s => actor.Role != Role.Reporter && (EmergencyAccess.CoversArea(actor, s.FromRegion) || EmergencyAccess.CoversArea(actor, s.ToRegion))).Select(View).ToList();

    /// <summary>The administrations of the destination and of the resource's home, the resource's owner, the ministry.</summary>
    private static bool Sees(Actor actor, DispatchRow d, TeamRow? team, EquipmentRow? equipment)
    {
        var owner = team?.OwnerUnit ?? equipment!.OwnerUnit;
        var home = team?.Region ?? equipment!.Region;
        return actor.Role switch
        {
            Role.MinistryAdmin => true,
            Role.ProvinceAdmin => actor.RegionCode == d.ToRegion || actor.RegionCode == home,
            Role.Reporter => EmergencyAccess.ManagesResource(actor, owner, home),
            _ => false,
        };
    }

    private static DispatchView View(DispatchRow d, TeamRow? t, EquipmentRow? e) => new(d.Id, d.IncidentId, d.TeamId, d.EquipmentId,
        t is not null ? $"{t.Code} {t.Name}" : $"{e!.Code} ({e.Kind})", t?.OwnerUnit ?? e!.OwnerUnit, d.ToRegion, d.Task, d.State,
        d.IssuedAt, d.AcknowledgedAt, d.Eta, d.ArrivedAt, d.ReleasedAt);

    private static SupportView View(SupportRow s) => new(s.Id, s.IncidentId, s.FromRegion, s.ToRegion, s.Need, s.State, s.RequestedAt, s.Answer);
}
