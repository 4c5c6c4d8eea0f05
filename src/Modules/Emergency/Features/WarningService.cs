using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using IctGov.Emergency.Cap;
using IctGov.Emergency.Contracts;
using IctGov.Emergency.Data;
using IctGov.Emergency.Domain;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IctGov.Emergency.Features;

/// <summary>A warning to publish: what, where (provinces, optional CAP polygons "lat,lon lat,lon …"), how grave and what to do.</summary>
internal sealed record WarningRequest(long? IncidentId, string? Event, string? HeadlineZh, string? HeadlineEn, string? DescriptionZh, string? DescriptionEn,
    string? InstructionZh, string? InstructionEn, List<string>? Areas, List<string>? Polygons, int? Level, string? Urgency, string? Certainty,
    string? Status, DateTimeOffset? Expires);

internal sealed record AckRequest(string? Area);

/// <summary>
/// Public warnings (预警信息发布) as OASIS CAP 1.2: built here or imported from another command
/// system, validated against the official schema before anything is stored, published in a public
/// ATOM index (/emergency/cap/) and a feed per operator, and acknowledged by each operator for each
/// province once it has pushed the warning to its users there.
/// </summary>
internal sealed class WarningService(EmergencyDbContext db, IAuditLog audit, TimeProvider time, IncidentService incidents)
{
    /// <summary>The sender of the platform's own messages (CAP 1.2 §3.2.1: an unambiguous identifier of the originator).</summary>
    public const string Sender = "emergency@miit.gov.cn";

    private static readonly string[] Urgencies = ["Immediate", "Expected", "Future", "Past", "Unknown"];
    private static readonly string[] Certainties = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"];
    private static readonly string[] Statuses = ["Actual", "Exercise", "System", "Test", "Draft"];

    public async Task<Outcome<WarningView>> IssueAsync(Actor actor, WarningRequest r, CancellationToken ct = default)
    {
        if (actor.Role is not (Role.MinistryAdmin or Role.ProvinceAdmin))
        {
            return Outcome.Refused<WarningView>(actor.Refusal, "the ministry or a provincial administration issues warnings");
        }
        var errors = new List<RowError>();
        ResourceService.Require(errors, r.Event, "event");
        ResourceService.Require(errors, r.HeadlineZh, "headlineZh");
        ResourceService.Require(errors, r.DescriptionZh, "descriptionZh");
        var areas = (r.Areas ?? []).Distinct().ToList();
        if (areas.Count == 0 || areas.Any(a => !Catalogue.IsProvince(a)))
        {
            errors.Add(new RowError(0, "areas", "expected one or more provinces' GB/T 2260 codes") { Value = string.Join(",", areas) });
        }
        if (r.Level is not (>= 1 and <= 4))
        {
            errors.Add(new RowError(0, "level", "expected 1–4 (I–IV)") { Value = r.Level?.ToString(CultureInfo.InvariantCulture) });
        }
        if (r.Urgency is not null && !Urgencies.Contains(r.Urgency))
        {
            errors.Add(new RowError(0, "urgency", "expected " + string.Join(", ", Urgencies)) { Value = r.Urgency });
        }
        if (r.Certainty is not null && !Certainties.Contains(r.Certainty))
        {
            errors.Add(new RowError(0, "certainty", "expected " + string.Join(", ", Certainties)) { Value = r.Certainty });
        }
        if (r.Status is not null && !Statuses.Contains(r.Status))
        {
            errors.Add(new RowError(0, "status", "expected " + string.Join(", ", Statuses)) { Value = r.Status });
        }
        foreach (var p in r.Polygons ?? [])
        {
            if (!Polygon(p))
            {
                errors.Add(new RowError(0, "polygons", "expected a closed ring of at least four \"lat,lon\" pairs separated by spaces (CAP 1.2 §3.3.3)") { Value = p });
            }
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<WarningView>(errors);
        }
        if (actor.Role == Role.ProvinceAdmin && areas.Any(a => a != actor.RegionCode))
        {
            return Outcome.Refused<WarningView>(actor.Refusal, "a provincial administration warns its own province");
        }
        IncidentRow? incident = null;
        if (r.IncidentId is { } iid && (incident = await incidents.FindAsync(actor, iid, ct)) is null)
        {
            return IncidentService.NotFound<WarningView>(actor, iid);
        }
        var now = IncidentService.Normalise(time.GetUtcNow());
        var identifier = $"cn.gov.miit.emergency.{now:yyyyMMddHHmmss}.{Guid.NewGuid():N}";
        var polygons = r.Polygons ?? [];
        CapInfo Info(string language, string headline, string description, string? instruction, bool english) => new(language, "Infra", r.Event!.Trim(),
            r.Urgency ?? "Immediate", Catalogue.CapSeverity(r.Level!.Value), r.Certainty ?? "Likely",
            english ? "Ministry of Industry and Information Technology" : "工业和信息化部", headline, description, instruction, r.Expires,
            [new CapArea(string.Join(english ? ", " : "、", areas.Select(a => Catalogue.RegionName(a, english))), areas, polygons)]);
        var infos = new List<CapInfo> { Info("zh-CN", r.HeadlineZh!.Trim(), r.DescriptionZh!.Trim(), r.InstructionZh, false) };
        if (!string.IsNullOrWhiteSpace(r.HeadlineEn))
        {
            infos.Add(Info("en-US", r.HeadlineEn.Trim(), r.DescriptionEn ?? r.HeadlineEn.Trim(), r.InstructionEn, true));
        }
        var alert = new CapAlert(identifier, Sender, now, r.Status ?? "Actual", "Alert", "Public", null, incident?.Code, infos);
        var xml = CapXml.Write(CapXml.Build(alert));
        var invalid = CapXml.Validate(xml);
        if (invalid.Count > 0)
        {
            // What the form accepted must be valid CAP; if not, the builder is wrong, and nothing is published.
            return Outcome.Refused<WarningView>(OutcomeStatus.Unprocessable, "the warning does not validate as CAP 1.2", invalid);
        }
        return await StoreAsync(actor, alert, xml, "issued", incident?.Id, ct);
    }

    /// <summary>A CAP 1.2 message from another command system: schema-valid or refused, stored once per (sender, identifier).</summary>
    public async Task<Outcome<WarningView>> ImportAsync(Actor actor, string xml, CancellationToken ct = default)
    {
        if (actor.Role is not (Role.MinistryAdmin or Role.ProvinceAdmin))
        {
            return Outcome.Refused<WarningView>(actor.Refusal, "the ministry or a provincial administration imports warnings");
        }
        var invalid = CapXml.Validate(xml);
        if (invalid.Count > 0)
        {
            return Outcome.Invalid<WarningView>(invalid, "not a valid CAP 1.2 message: " + invalid[0].Message);
        }
        var alert = CapXml.Parse(xml);
        var existing = await db.Warnings.AsNoTracking().SingleOrDefaultAsync(w => w.Sender == alert.Sender && w.Identifier == alert.Identifier, ct);
        if (existing is not null)
        {
            return existing.Xml == xml ? Outcome.Ok(await ViewAsync(existing, ct))
                : Outcome.Refused<WarningView>(OutcomeStatus.Conflict, $"{alert.Sender} {alert.Identifier} was received with other content; CAP identifiers are never reused");
        }
        var incident = alert.Incidents is { } code ? await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Code == code, ct) : null;
        return await StoreAsync(actor, alert, xml, "imported", incident?.Id, ct);
    }

    private async Task<Outcome<WarningView>> StoreAsync(Actor actor, CapAlert alert, string xml, string origin, long? incidentId, CancellationToken ct)
    {
        var info = alert.Infos.FirstOrDefault(i => i.Language.StartsWith("zh", StringComparison.OrdinalIgnoreCase)) ?? (alert.Infos.Count > 0 ? alert.Infos[0] : null);
        var areas = alert.Infos.SelectMany(i => i.Areas).SelectMany(a => a.Regions).Where(Catalogue.IsProvince).Distinct().Order(StringComparer.Ordinal).ToList();
        var now = IncidentService.Normalise(time.GetUtcNow());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = new WarningRow
        {
            Identifier = alert.Identifier, IncidentId = incidentId, Sender = alert.Sender, Sent = IncidentService.Normalise(alert.Sent), Status = alert.Status,
            MsgType = alert.MsgType, Event = Cut(info?.Event ?? "", 200), Severity = info?.Severity ?? "Unknown", Headline = Cut(info?.Headline ?? "", 400),
            Areas = string.Join(",", areas), Origin = origin, Xml = xml,
        };
        db.Warnings.Add(row);
        if (incidentId is { } id)
        {
            incidents.Log(id, now, "warning", actor, $"{(origin == "issued" ? "发布" : "接收")}预警（CAP {row.Identifier}）：{row.Headline}");
        }
        await db.SaveChangesAsync(ct);
        var view = await ViewAsync(row, ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, "emergency.warning." + (origin == "issued" ? "issue" : "import"), "emergency_warning",
            row.Identifier, null, JsonSerializer.Serialize(view)), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(view);
    }

    /// <summary>An operator confirms it has pushed the warning to its users in one of the warned provinces; again changes nothing.</summary>
    public async Task<Outcome<WarningAck>> AcknowledgeAsync(Actor actor, long id, AckRequest r, CancellationToken ct = default)
    {
        var op = EmergencyAccess.OperatorOf(actor);
        if (op is null)
        {
            return Outcome.Refused<WarningAck>(actor.Refusal, "operators acknowledge warnings");
        }
        var warning = await db.Warnings.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, ct);
        if (warning is null)
        {
            return Outcome.Refused<WarningAck>(OutcomeStatus.NotFound, $"no warning {id}");
        }
        if (r.Area is null || !warning.Areas.Split(',').Contains(r.Area))
        {
            return Outcome.Invalid<WarningAck>([new RowError(0, "area", "expected one of the warning's provinces: " + warning.Areas) { Value = r.Area }]);
        }
        if (!actor.Regions.Contains(r.Area))
        {
            return Outcome.Refused<WarningAck>(actor.Refusal, $"{actor.UnitId} does not cover {r.Area}");
        }
        var existing = await db.WarningAcks.AsNoTracking().SingleOrDefaultAsync(a => a.WarningId == id && a.OperatorId == op && a.Area == r.Area, ct);
        if (existing is not null)
        {
            return Outcome.Ok(new WarningAck(existing.OperatorId, existing.Area, existing.At));
        }
        var now = IncidentService.Normalise(time.GetUtcNow());
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = new WarningAckRow { WarningId = id, OperatorId = op, Area = r.Area, At = now };
        db.WarningAcks.Add(row);
        if (warning.IncidentId is { } iid)
        {
            incidents.Log(iid, now, "warning", actor, $"{op} 确认已在 {Catalogue.RegionName(r.Area, false)} 发布预警 {warning.Identifier}");
        }
        await db.SaveChangesAsync(ct);
        var ack = new WarningAck(op, r.Area, now);
        await audit.AppendAsync(new AuditEntry(actor.Id, "emergency.warning.ack", "emergency_warning", warning.Identifier, null, JsonSerializer.Serialize(ack)), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(ack);
    }

    /// <summary>Every warning, newest first (they are public), with who has acknowledged it where.</summary>
    public async Task<IReadOnlyList<WarningView>> ListAsync(long? incidentId = null, int limit = 200, CancellationToken ct = default)
    {
        var query = db.Warnings.AsNoTracking();
        if (incidentId is { } iid)
        {
            query = query.Where(w => w.IncidentId == iid);
        }
        var rows = (await query.OrderByDescending(w => w.Id).Take(limit).ToListAsync(ct));
        var ids = rows.Select(w => w.Id).ToList();
        var acks = (await db.WarningAcks.AsNoTracking().Where(a => ids.Contains(a.WarningId)).ToListAsync(ct)).ToLookup(a => a.WarningId);
        return rows.Select(w => View(w, acks[w.Id])).ToList();
    }

    public async Task<WarningRow?> FindAsync(long id, CancellationToken ct = default) => await db.Warnings.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, ct);

    /// <summary>
    /// An ATOM 1.0 feed (RFC 4287) of CAP messages, each entry linking its CAP document as public
    /// alerting hubs publish them; for an operator, each entry also says which provinces it has acknowledged.
    /// </summary>
    public async Task<string> AtomAsync(string baseUrl, string? operatorId, CancellationToken ct = default)
    {
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var warnings = await ListAsync(limit: 500, ct: ct);
        var updated = warnings.Count > 0 ? warnings.Max(w => w.Sent) : IncidentService.Normalise(time.GetUtcNow());
        var self = operatorId is null ? baseUrl + "/emergency/cap/" : $"{baseUrl}/emergency/cap/operators/{operatorId}.atom";
        var feed = new XElement(atom + "feed",
            new XElement(atom + "id", self),
            new XElement(atom + "title", operatorId is null ? "工业和信息化部 应急通信预警信息 (CAP 1.2)" : $"预警信息 — {operatorId}"),
            new XElement(atom + "updated", updated.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new XElement(atom + "author", new XElement(atom + "name", "工业和信息化部")),
            new XElement(atom + "link", new XAttribute("rel", "self"), new XAttribute("href", self)),
            warnings.Select(w => new XElement(atom + "entry",
                new XElement(atom + "id", "urn:cap:" + w.Sender + ":" + w.Identifier),
                new XElement(atom + "title", w.Headline),
                new XElement(atom + "updated", w.Sent.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                new XElement(atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "application/cap+xml"),
                    new XAttribute("href", $"{baseUrl}/emergency/cap/{w.Id}.xml")),
                new XElement(atom + "summary", $"{w.Event} · {w.Severity} · {string.Join(",", w.Areas)}"),
                w.Areas.Select(a => new XElement(atom + "category", new XAttribute("scheme", "urn:gb:2260"), new XAttribute("term", a))),
                operatorId is null ? null : w.Areas.Select(a => new XElement(atom + "category", new XAttribute("scheme", "urn:ictgov:ack:" + operatorId),
                    new XAttribute("term", a + (w.Acks.Any(k => k.OperatorId == operatorId && k.Area == a) ? ":acknowledged" : ":pending")))))));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), feed).Declaration + "\n" + feed;
    }

    /// <summary>A CAP polygon: at least four "lat,lon" pairs, first equal to last (§3.3.3).</summary>
    private static bool Polygon(string p)
    {
        var pairs = p.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return pairs.Length >= 4 && pairs[0] == pairs[^1] && pairs.All(x => x.Split(',') is [var lat, var lon]
            && double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && a is >= -90 and <= 90
            && double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && b is >= -180 and <= 180);
    }

    private static string Cut(string s, int n) => s.Length > n ? s[..n] : s;

    private async Task<WarningView> ViewAsync(WarningRow w, CancellationToken ct) =>
        View(w, await db.WarningAcks.AsNoTracking().Where(a => a.WarningId == w.Id).ToListAsync(ct));

    private static WarningView View(WarningRow w, IEnumerable<WarningAckRow> acks) => new(w.Id, w.Identifier, w.IncidentId, w.Sender, w.Sent, w.Status, w.MsgType,
        w.Event, w.Severity, w.Headline, w.Areas.Split(',', StringSplitOptions.RemoveEmptyEntries), w.Origin,
        acks.OrderBy(a => a.Area).ThenBy(a => a.OperatorId).Select(a => new WarningAck(a.OperatorId, a.Area, a.At)).ToList());
}
