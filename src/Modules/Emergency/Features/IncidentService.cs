using System.Globalization;
using System.Text.Json;
using IctGov.Data.Files;
using IctGov.Emergency.Contracts;
using IctGov.Emergency.Data;
using IctGov.Emergency.Domain;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IctGov.Emergency.Features;

internal sealed record OpenIncidentRequest(string? Code, string? Type, string? Title, int? Level, List<string>? Regions, string? PlanCode, List<string>? Operators);

internal sealed record StationInput(string? Id, double? Lon, double? Lat, bool? Out);

/// <summary>One report as sent: operator (an operator's own system may leave it out), province, time and figures.</summary>
internal sealed record ReportInput(string? OperatorId, string? Area, DateTimeOffset? At, int? StationsOut, int? StationsRestored, int? AffectedUsers,
    int? CableCuts, int? CoreNodesDown, bool? Congested, string? Counties, List<StationInput>? Stations);

internal sealed record CloseRequest(string? Lessons);

/// <summary>
/// An incident from opening to closing: opening activates the reporting duties of the chosen plan's
/// level for the operators in the area; reports arrive by API, CSV and form, idempotent per
/// (operator, area, time); the situation (rounds, map, restoration) is computed from the latest
/// report of each operator in each province at any moment, so a late report lands at its own time.
/// </summary>
internal sealed class IncidentService(EmergencyDbContext db, IAuditLog audit, TimeProvider time)
{
    public static readonly IReadOnlyList<string> CsvColumns =
        ["operatorId", "area", "at", "stationsOut", "stationsRestored", "affectedUsers", "cableCuts", "coreNodesDown", "congested", "counties"];

    public async Task<Outcome<IncidentView>> OpenAsync(Actor actor, OpenIncidentRequest r, CancellationToken ct = default)
    {
        if (actor.Role is not (Role.MinistryAdmin or Role.ProvinceAdmin))
        {
            return Outcome.Refused<IncidentView>(actor.Refusal, "the ministry or a provincial administration opens an incident");
        }
        var errors = new List<RowError>();
        ResourceService.Require(errors, r.Code, "code");
        ResourceService.Require(errors, r.Title, "title");
        if (!Catalogue.Has(Catalogue.IncidentTypes, r.Type))
        {
            errors.Add(new RowError(0, "type", "expected " + string.Join(", ", Catalogue.IncidentTypes.Select(t => t.Code))) { Value = r.Type });
        }
        if (r.Level is not (>= 1 and <= 4))
        {
            errors.Add(new RowError(0, "level", "expected 1–4 (I 特别严重, II 严重, III 较重, IV 一般)") { Value = r.Level?.ToString(CultureInfo.InvariantCulture) });
        }
        var regions = (r.Regions ?? []).Select(x => x.Trim()).Distinct().ToList();
        if (regions.Count == 0 || regions.Any(x => !Catalogue.IsProvince(x)))
        {
            errors.Add(new RowError(0, "regions", "expected one or more provinces' GB/T 2260 codes") { Value = string.Join(",", regions) });
        }
        var operators = (r.Operators is { Count: > 0 } ops ? ops : EmergencyAccess.Operators.Order(StringComparer.Ordinal).ToList()).Distinct().ToList();
        if (operators.Any(o => !EmergencyAccess.Operators.Contains(o)))
        {
            errors.Add(new RowError(0, "operators", "expected ct, cm, cu, cbn") { Value = string.Join(",", operators) });
        }
        PlanRow? plan = null;
        if (r.PlanCode is { } code && (plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct)) is null)
        {
            errors.Add(new RowError(0, "planCode", "expected a plan's code") { Value = code });
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<IncidentView>(errors);
        }
        if (actor.Role == Role.ProvinceAdmin && regions.Any(x => x != actor.RegionCode))
        {
            return Outcome.Refused<IncidentView>(actor.Refusal, "a provincial administration opens incidents in its own province; the ministry opens those across provinces");
        }
        if (await db.Incidents.AnyAsync(i => i.Code == r.Code, ct))
        {
            return Outcome.Refused<IncidentView>(OutcomeStatus.Conflict, $"incident {r.Code} exists");
        }
        var level = r.Level!.Value;
        var duty = plan is null ? null : await db.PlanLevels.AsNoTracking().SingleOrDefaultAsync(l => l.PlanId == plan.Id && l.Level == level, ct);
        var every = duty?.ReportEveryMinutes ?? Catalogue.DefaultReportEvery(level);
        var now = Now();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = new IncidentRow
        {
            Code = r.Code!.Trim(), Type = r.Type!, Title = r.Title!.Trim(), Level = level, Regions = string.Join(",", regions), PlanId = plan?.Id,
            ReportEveryMinutes = every, OpenedAt = now, OpenedBy = actor.Id, State = "open",
        };
        db.Incidents.Add(row);
        await db.SaveChangesAsync(ct);
        // The plan's level says who reports: operators (the default) in every affected province.
        if (duty is null || duty.Reporters.Contains("operators", StringComparison.Ordinal))
        {
            db.Duties.AddRange(from o in operators from g in regions select new DutyRow { IncidentId = row.Id, OperatorId = o, Region = g, EveryMinutes = every });
        }
        Log(row.Id, now, "open", actor, $"{Catalogue.LevelName(level, false)} {row.Title}; 报送周期 {every} 分钟" + (duty is null ? "" : $"; 响应措施: {duty.Actions}"));
        await db.SaveChangesAsync(ct);
        var view = View(row);
        await audit.AppendAsync(new AuditEntry(actor.Id, "emergency.incident.open", "emergency_incident", row.Code, null, JsonSerializer.Serialize(view)), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    public async Task<IReadOnlyList<IncidentView>> ListAsync(Actor actor, CancellationToken ct = default) =>
        (await db.Incidents.AsNoTracking().OrderByDescending(i => i.Id).ToListAsync(ct)).Select(View).Where(i => EmergencyAccess.SeesIncident(actor, i.Regions)).ToList();

    public async Task<Outcome<IncidentView>> GetAsync(Actor actor, long id, CancellationToken ct = default) =>
        await FindAsync(actor, id, ct) is { } row ? Outcome.Ok(View(row)) : NotFound<IncidentView>(actor, id);

    public async Task<Outcome<IReadOnlyList<DutyView>>> DutiesAsync(Actor actor, long id, CancellationToken ct = default)
    {
        if (await FindAsync(actor, id, ct) is null)
        {
            return NotFound<IReadOnlyList<DutyView>>(actor, id);
        }
        var duties = await db.Duties.AsNoTracking().Where(d => d.IncidentId == id).OrderBy(d => d.Region).ThenBy(d => d.OperatorId).ToListAsync(ct);
        return Outcome.Ok<IReadOnlyList<DutyView>>(duties.Where(d => EmergencyAccess.SeesReport(actor, d.OperatorId, d.Region))
            .Select(d => new DutyView(d.OperatorId, d.Region, d.EveryMinutes)).ToList());
    }

    /// <summary>
    /// Takes a batch of reports, all or nothing. The key (operator, area, time) makes it safe to resend:
    /// the same figures again change nothing; other figures correct the report (its revision counts up).
    /// </summary>
    public async Task<Outcome<IntakeReceipt>> ReportAsync(Actor actor, long id, IReadOnlyList<(long Row, ReportInput Input)> batch, string channel, CancellationToken ct = default)
    {
        var incident = await FindAsync(actor, id, ct);
        if (incident is null)
        {
            return NotFound<IntakeReceipt>(actor, id);
        }
        if (incident.State != "open")
        {
            return Outcome.Refused<IntakeReceipt>(OutcomeStatus.Conflict, $"incident {incident.Code} is closed; reports are no longer taken");
        }
        var own = EmergencyAccess.OperatorOf(actor);
        if (actor.Role == Role.Reporter && own is null)
        {
            return Outcome.Refused<IntakeReceipt>(actor.Refusal, "only an operator reports its network state");
        }
        var regions = incident.Regions.Split(',');
        var now = Now();
        var errors = new List<RowError>();
        var rows = new List<(ReportRow Row, List<StationRow>? Stations)>();
        var keys = new HashSet<(string, string, DateTimeOffset)>();
        foreach (var (n, r) in batch)
        {
            var op = r.OperatorId?.Trim() is { Length: > 0 } given ? given : own;
            if (op is null || !EmergencyAccess.Operators.Contains(op))
            {
                errors.Add(new RowError(n, "operatorId", "expected ct, cm, cu or cbn") { Value = r.OperatorId });
            }
            if (r.Area is null || !regions.Contains(r.Area.Trim()))
            {
                errors.Add(new RowError(n, "area", "expected one of the incident's provinces: " + incident.Regions) { Value = r.Area });
            }
            if (r.At is not { } at)
            {
                errors.Add(new RowError(n, "at", "expected the time the figures hold for (ISO 8601 with offset)"));
            }
            else if (at < incident.OpenedAt.AddDays(-1) || at > now.AddMinutes(5))
            {
                errors.Add(new RowError(n, "at", $"expected a time from a day before the incident opened ({incident.OpenedAt:O}) to now") { Value = at.ToString("O", CultureInfo.InvariantCulture) });
            }
            foreach (var (field, value) in new[] { ("stationsOut", r.StationsOut), ("stationsRestored", r.StationsRestored), ("affectedUsers", r.AffectedUsers), ("cableCuts", r.CableCuts), ("coreNodesDown", r.CoreNodesDown) })
            {
                if (value is < 0)
                {
                    errors.Add(new RowError(n, field, "expected a count, 0 or more") { Value = value.Value.ToString(CultureInfo.InvariantCulture) });
                }
            }
            var stations = r.Stations;
            if (stations is not null)
            {
                for (var i = 0; i < stations.Count; i++)
                {
                    if (string.IsNullOrWhiteSpace(stations[i].Id) || stations[i].Lon is null || stations[i].Lat is null)
                    {
                        errors.Add(new RowError(n, $"stations[{i}]", "expected id, lon and lat"));
                    }
                    else
                    {
                        ResourceService.Coordinates(errors, n, stations[i].Lon, stations[i].Lat);
                    }
                }
                if (stations.Select(s => s.Id).Distinct().Count() != stations.Count)
                {
                    errors.Add(new RowError(n, "stations", "expected each station once"));
                }
            }
            if (errors.Count > 0)
            {
                continue;
            }
            var key = (op!, r.Area!.Trim(), Normalise(r.At!.Value));
            if (!keys.Add(key))
            {
                errors.Add(new RowError(n, "at", "the same operator, area and time twice in one batch") { Value = key.Item3.ToString("O", CultureInfo.InvariantCulture) });
                continue;
            }
            var outList = stations?.Where(s => s.Out ?? true).ToList();
            rows.Add((new ReportRow
            {
                IncidentId = id, OperatorId = key.Item1, Area = key.Item2, At = key.Item3,
                StationsOut = r.StationsOut ?? outList?.Count ?? 0,
                StationsRestored = r.StationsRestored ?? (stations is null ? 0 : stations.Count - outList!.Count),
                AffectedUsers = r.AffectedUsers ?? 0, CableCuts = r.CableCuts ?? 0, CoreNodesDown = r.CoreNodesDown ?? 0, Congested = r.Congested ?? false,
                Counties = string.IsNullOrWhiteSpace(r.Counties) ? null : r.Counties.Trim(), Channel = channel, ReceivedAt = now, Revision = 1,
            }, stations?.Select(s => new StationRow { StationId = s.Id!.Trim(), Lon = s.Lon!.Value, Lat = s.Lat!.Value, Out = s.Out ?? true }).ToList()));
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<IntakeReceipt>(errors);
        }
        var refused = rows.FirstOrDefault(x => !Reports(actor, x.Row.OperatorId, x.Row.Area));
        if (refused.Row is not null)
        {
            return Outcome.Refused<IntakeReceipt>(actor.Refusal,
                $"{refused.Row.OperatorId} in {refused.Row.Area}: an operator reports only its own network in its provinces, an administration only its own province");
        }
        int created = 0, corrected = 0, unchanged = 0;
        var ids = new List<long>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var existing = (await db.Reports.Where(x => x.IncidentId == id).ToListAsync(ct)).ToDictionary(x => (x.OperatorId, x.Area, x.At));
        foreach (var (row, stations) in rows)
        {
            if (existing.TryGetValue((row.OperatorId, row.Area, row.At), out var old))
            {
                var oldStations = await db.Stations.AsNoTracking().Where(s => s.ReportId == old.Id).ToListAsync(ct);
                if (SameFigures(old, row) && (stations is null || SameStations(oldStations, stations)))
                {
                    unchanged++;
                    ids.Add(old.Id);
                    continue;
                }
                var before = JsonSerializer.Serialize(View(old));
                (old.StationsOut, old.StationsRestored, old.AffectedUsers, old.CableCuts, old.CoreNodesDown, old.Congested, old.Counties) =
                    (row.StationsOut, row.StationsRestored, row.AffectedUsers, row.CableCuts, row.CoreNodesDown, row.Congested, row.Counties);
                old.Revision++;
                old.ReceivedAt = now;
                old.Channel = channel;
                if (stations is not null)
                {
                    await db.Stations.Where(s => s.ReportId == old.Id).ExecuteDeleteAsync(ct);
                    stations.ForEach(s => s.ReportId = old.Id);
                    db.Stations.AddRange(stations);
                }
                await db.SaveChangesAsync(ct);
                await audit.AppendAsync(new AuditEntry(actor.Id, "emergency.report.correct", "emergency_report", old.Id.ToString(CultureInfo.InvariantCulture), before, JsonSerializer.Serialize(View(old))), tx.GetDbTransaction(), ct);
                corrected++;
                ids.Add(old.Id);
                continue;
            }
            db.Reports.Add(row);
            await db.SaveChangesAsync(ct);
            if (stations is not null)
            {
                stations.ForEach(s => s.ReportId = row.Id);
                db.Stations.AddRange(stations);
                await db.SaveChangesAsync(ct);
            }
            created++;
            ids.Add(row.Id);
        }
        if (created + corrected > 0)
        {
            Log(id, now, "reports", actor, $"收到报送 {created} 条，更正 {corrected} 条（{channel}）");
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(new AuditEntry(actor.Id, "emergency.report.intake", "emergency_incident", incident.Code, null,
                JsonSerializer.Serialize(new { channel, created, corrected, unchanged, ids })), tx.GetDbTransaction(), ct);
        }
        await tx.CommitAsync(ct);
        return Outcome.Ok(new IntakeReceipt(created, corrected, unchanged, ids));
    }

    /// <summary>A CSV of reports (<see cref="CsvColumns"/>); any bad row writes nothing.</summary>
    public async Task<Outcome<IntakeReceipt>> ImportCsvAsync(Actor actor, long id, Stream csv, CancellationToken ct = default)
    {
        var table = TableReader.ReadCsv(csv, CsvColumns, ct: ct);
        if (!table.Succeeded)
        {
            return table.Cast<IntakeReceipt>();
        }
        var errors = new List<RowError>();
        var batch = new List<(long, ReportInput)>();
        foreach (var t in table.Value!)
        {
            int? Count(int column)
            {
                var text = t[column].Trim();
                if (text.Length == 0)
                {
                    return null;
                }
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                {
                    return v;
                }
                errors.Add(new RowError(t.Row, CsvColumns[column], "expected a whole number, 0 or more") { Value = text });
                return null;
            }
            DateTimeOffset? at = null;
            if (DateTimeOffset.TryParse(t[2].Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && t[2].Contains('T', StringComparison.Ordinal))
            {
                at = parsed;
            }
            else
            {
                errors.Add(new RowError(t.Row, "at", "expected an ISO 8601 time with offset, e.g. 2026-08-01T08:00:00+08:00") { Value = t[2] });
            }
            bool? congested = t[8].Trim().ToLowerInvariant() switch { "" or "0" or "false" or "no" => false, "1" or "true" or "yes" => true, _ => null };
            if (congested is null)
            {
                errors.Add(new RowError(t.Row, "congested", "expected true or false") { Value = t[8] });
            }
            batch.Add((t.Row, new ReportInput(t[0], t[1], at, Count(3), Count(4), Count(5), Count(6), Count(7), congested, t[9], null)));
        }
        return errors.Count > 0 ? Outcome.Invalid<IntakeReceipt>(errors) : await ReportAsync(actor, id, batch, "csv", ct);
    }

    /// <summary>Every report the actor may see, by time.</summary>
    public async Task<Outcome<IReadOnlyList<ReportView>>> ReportsAsync(Actor actor, long id, CancellationToken ct = default)
    {
        if (await FindAsync(actor, id, ct) is null)
        {
            return NotFound<IReadOnlyList<ReportView>>(actor, id);
        }
        return Outcome.Ok<IReadOnlyList<ReportView>>((await VisibleReportsAsync(actor, id, ct)).Select(View).ToList());
    }

    /// <summary>The reporting rounds from opening to now (or closing), with the latest figures by each round's end, per operator.</summary>
    public async Task<Outcome<IReadOnlyList<RoundFigure>>> RoundsAsync(Actor actor, long id, CancellationToken ct = default)
    {
        var incident = await FindAsync(actor, id, ct);
        if (incident is null)
        {
            return NotFound<IReadOnlyList<RoundFigure>>(actor, id);
        }
        return Outcome.Ok(Situation.Rounds(incident.OpenedAt, incident.ClosedAt ?? Now(), incident.ReportEveryMinutes, await VisibleReportsAsync(actor, id, ct)));
    }

    /// <summary>The map's data at a time (default: now): stations out by the latest reports, provinces with totals, equipment there.</summary>
    public async Task<Outcome<MapData>> MapAsync(Actor actor, long id, DateTimeOffset? at, CancellationToken ct = default)
    {
        var incident = await FindAsync(actor, id, ct);
        if (incident is null)
        {
            return NotFound<MapData>(actor, id);
        }
        var when = at ?? incident.ClosedAt ?? Now();
        var visible = await VisibleReportsAsync(actor, id, ct);
        var latest = Situation.Latest(visible, when);
        // Operators send counts every round and station lists less often: each list is the full state
        // of its operator's stations in its province, so the points are those of the latest list.
        // Which reports carry a list: one index seek per report (EXISTS), where collecting the report ids
        // of the station rows would read the whole station table (2 million rows in a large typhoon).
        var listed = (await db.Reports.AsNoTracking().Where(r => r.IncidentId == id && db.Stations.Any(s => s.ReportId == r.Id))
            .Select(r => r.Id).ToListAsync(ct)).ToHashSet();
        var lists = Situation.Latest(visible.Where(r => listed.Contains(r.Id)), when).Select(r => r.Id).ToList();
        var stations = lists.Count == 0 ? [] : await db.Stations.AsNoTracking().Where(s => lists.Contains(s.ReportId) && s.Out)
            .Select(s => new StationPoint(s.StationId, s.Lon, s.Lat, s.Out)).ToListAsync(ct);
        var regions = incident.Regions.Split(',').Where(r => EmergencyAccess.CoversArea(actor, r))
            .Select(r => new MapRegion(r, Catalogue.Seats[r].Lon, Catalogue.Seats[r].Lat, Situation.Sum(latest.Where(x => x.Area == r)))).ToList();
        var dispatched = await db.Dispatches.AsNoTracking().Where(d => d.IncidentId == id && d.EquipmentId != null && d.State != "released").Select(d => d.EquipmentId!.Value).ToListAsync(ct);
        var equipment = (await db.Equipment.AsNoTracking().Where(e => dispatched.Contains(e.Id)).ToListAsync(ct)).Select(ResourceService.View).ToList();
        return Outcome.Ok(new MapData(id, when, stations, regions, equipment));
    }

    public async Task<Outcome<IncidentView>> CloseAsync(Actor actor, long id, CloseRequest r, CancellationToken ct = default)
    {
        var incident = await FindAsync(actor, id, ct);
        if (incident is null)
        {
            return NotFound<IncidentView>(actor, id);
        }
        if (!(actor.Role == Role.MinistryAdmin || actor.Role == Role.ProvinceAdmin && incident.Regions.Split(',').All(x => x == actor.RegionCode)))
        {
            return Outcome.Refused<IncidentView>(actor.Refusal, "the administration that covers the whole area (or the ministry) closes an incident");
        }
        if (incident.State != "open")
        {
            return Outcome.Refused<IncidentView>(OutcomeStatus.Conflict, $"incident {incident.Code} is already closed");
        }
        var now = Now();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var before = JsonSerializer.Serialize(View(incident));
        incident.State = "closed";
        incident.ClosedAt = now;
        incident.Lessons = string.IsNullOrWhiteSpace(r.Lessons) ? null : r.Lessons.Trim();
        Log(id, now, "close", actor, "应急响应结束" + (incident.Lessons is null ? "" : "；经验教训：" + incident.Lessons));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, "emergency.incident.close", "emergency_incident", incident.Code, before, JsonSerializer.Serialize(View(incident))), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(View(incident));
    }

    /// <summary>The after-action report: totals, time to restore 50/90/100% from the peak, counts and the timeline.</summary>
    public async Task<Outcome<AfterAction>> AfterActionAsync(Actor actor, long id, CancellationToken ct = default)
    {
        var incident = await FindAsync(actor, id, ct);
        if (incident is null)
        {
            return NotFound<AfterAction>(actor, id);
        }
        var reports = await VisibleReportsAsync(actor, id, ct);
        var timeline = await TimelineAsync(id, ct);
        var dispatches = await db.Dispatches.CountAsync(d => d.IncidentId == id, ct);
        var warnings = await db.Warnings.CountAsync(w => w.IncidentId == id, ct);
        return Outcome.Ok(new AfterAction(View(incident), Situation.Restore(reports), Situation.Sum(Situation.Latest(reports, incident.ClosedAt ?? Now())),
            reports.Count, dispatches, warnings, timeline, incident.Lessons));
    }

    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(long id, CancellationToken ct = default) =>
        (await db.Timeline.AsNoTracking().Where(t => t.IncidentId == id).ToListAsync(ct)).OrderBy(t => t.At).ThenBy(t => t.Id)
            .Select(t => new TimelineEntry(t.At, t.Kind, t.ActorId, t.Text)).ToList();

    /// <summary>The incident if the actor may see it; null otherwise (a 404 that does not say whether it exists).</summary>
    internal async Task<IncidentRow?> FindAsync(Actor actor, long id, CancellationToken ct)
    {
        var row = await db.Incidents.SingleOrDefaultAsync(i => i.Id == id, ct);
        return row is not null && EmergencyAccess.SeesIncident(actor, row.Regions.Split(',')) ? row : null;
    }

    internal static Outcome<T> NotFound<T>(Actor actor, long id) =>
        actor.IsSignedIn ? Outcome.Refused<T>(OutcomeStatus.NotFound, $"no incident {id} you may see") : Outcome.Refused<T>(OutcomeStatus.Unauthenticated, "sign in");

    internal void Log(long incidentId, DateTimeOffset at, string kind, Actor actor, string text) =>
        db.Timeline.Add(new TimelineRow { IncidentId = incidentId, At = at, Kind = kind, ActorId = actor.Id, Text = text.Length > 2000 ? text[..2000] : text });

    private async Task<List<ReportRow>> VisibleReportsAsync(Actor actor, long id, CancellationToken ct) =>
        (await db.Reports.AsNoTracking().Where(r => r.IncidentId == id).ToListAsync(ct))
            .Where(r => EmergencyAccess.SeesReport(actor, r.OperatorId, r.Area)).OrderBy(r => r.At).ThenBy(r => r.Id).ToList();

    /// <summary>An operator for its own network in its provinces; an administration on an operator's behalf (a phoned-in figure) in its province; the ministry anywhere.</summary>
    private static bool Reports(Actor actor, string operatorId, string area) => actor.Role switch
    {
        Role.MinistryAdmin => true,
        Role.ProvinceAdmin => actor.RegionCode == area,
        Role.Reporter => EmergencyAccess.OperatorOf(actor) == operatorId && actor.Regions.Contains(area),
        _ => false,
    };

    private DateTimeOffset Now() => Normalise(time.GetUtcNow());

    /// <summary>UTC to the second: the key compares equal however the sender wrote its offset or fractions.</summary>
    internal static DateTimeOffset Normalise(DateTimeOffset t) =>
        new DateTimeOffset(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static bool SameFigures(ReportRow a, ReportRow b) =>
        (a.StationsOut, a.StationsRestored, a.AffectedUsers, a.CableCuts, a.CoreNodesDown, a.Congested, a.Counties)
        == (b.StationsOut, b.StationsRestored, b.AffectedUsers, b.CableCuts, b.CoreNodesDown, b.Congested, b.Counties);

    private static bool SameStations(List<StationRow> old, List<StationRow> now) =>
        old.OrderBy(s => s.StationId, StringComparer.Ordinal).Select(s => (s.StationId, s.Lon, s.Lat, s.Out)).SequenceEqual(now.OrderBy(s => s.StationId, StringComparer.Ordinal).Select(s => (s.StationId, s.Lon, s.Lat, s.Out)));

    internal static IncidentView View(IncidentRow i) =>
        new(i.Id, i.Code, i.Type, i.Title, i.Level, i.Regions.Split(','), i.ReportEveryMinutes, i.OpenedAt, i.ClosedAt, i.State);

    internal static ReportView View(ReportRow r) => new(r.Id, r.OperatorId, r.Area, r.At, r.StationsOut, r.StationsRestored, r.AffectedUsers,
        r.CableCuts, r.CoreNodesDown, r.Congested, r.Counties, r.Channel, r.ReceivedAt, r.Revision);
}
