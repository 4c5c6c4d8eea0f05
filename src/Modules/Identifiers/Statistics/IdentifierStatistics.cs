using System.Globalization;
using System.Text.Json;
using IctGov.Identifiers.Data;
using IctGov.Identifiers.Registry;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using IctGov.Planning.Contracts;
using IctGov.Protocols.Handle;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Identifiers.Statistics;

internal sealed record CountBy(string Key, string Name, long Count);

internal sealed record DayCount(string Day, long Resolved, long NotFound);

/// <summary>The registry's figures: registrations by prefix, industry and province; resolutions per day; nodes.</summary>
internal sealed record IdentifierFigures(long Registrations, IReadOnlyList<CountBy> ByPrefix, IReadOnlyList<CountBy> ByIndustry, IReadOnlyList<CountBy> ByProvince,
    IReadOnlyList<DayCount> ResolutionsPerDay, IReadOnlyList<CountBy> NodesByRole, int PublicServiceNodes);

/// <summary>What publishing a period sent to the plan.</summary>
internal sealed record PublishedFigures(long Registrations, int PublicServiceNodes, IReadOnlyList<ObservationRecord> Observations);

/// <summary>Computes the figures from the counters and the registry, and publishes indicators 7 and 15.</summary>
internal sealed class IdentifierStatistics(IdentifiersDbContext db, ResolutionMeter meter, IObservationRecorder recorder, IAuditLog audit, TimeProvider clock)
{
    public const string Source = "工业互联网标识解析体系 (Identifiers)";

    /// <summary>The counted prefix of prefix handles, as the store keys it.</summary>
    private static readonly string PrefixHandleKey = HandleName.Normalize(HandleName.PrefixAuthority);

    public async Task<IdentifierFigures> ComputeAsync(CancellationToken ct)
    {
        // Prefix handles (0.NA/…) are the hierarchy's own bookkeeping, written by the registry: not registered identifiers.
        var counts = await db.RegistrationCounts.AsNoTracking().Where(c => c.Count != 0 && c.Prefix != PrefixHandleKey).ToListAsync(ct);
        var prefixes = (await db.Prefixes.AsNoTracking().ToListAsync(ct)).ToDictionary(p => p.Prefix.ToUpperInvariant());
        PrefixRow? Of(string prefix) => prefixes.GetValueOrDefault(prefix);
        var byPrefix = counts.Select(c => new CountBy(c.Prefix, Of(c.Prefix)?.OwnerName ?? "未登记前缀", c.Count)).OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var byIndustry = counts.GroupBy(c => Of(c.Prefix)?.Industry ?? "-")
            .Select(g => new CountBy(g.Key, Industries.Zh(g.Key == "-" ? null : g.Key), g.Sum(c => c.Count))).OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
        var byProvince = counts.GroupBy(c => Of(c.Prefix)?.Province ?? "-")
            .Select(g => new CountBy(g.Key, Regions.TryGet(g.Key, out var r) ? r.NameZh : "未知", g.Sum(c => c.Count))).OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();

        var days = (await db.ResolutionDays.AsNoTracking().ToListAsync(ct))
            .Select(d => (d.Day, d.Resolved, d.NotFound))
            .Concat(meter.Pending.Select(p => (p.Day, p.Resolved, p.NotFound)))
            .GroupBy(d => d.Day).Select(g => new DayCount(g.Key, g.Sum(d => d.Resolved), g.Sum(d => d.NotFound))).OrderBy(d => d.Day, StringComparer.Ordinal).ToList();

        var nodes = await db.Nodes.AsNoTracking().ToListAsync(ct);
        var byRole = NodeRoles.All.Select(r => new CountBy(r, NodeRoles.Zh(r), nodes.Count(n => n.Role == r))).ToList();
        return new IdentifierFigures(counts.Sum(c => c.Count), byPrefix, byIndustry, byProvince, days, byRole, nodes.Count(n => NodeRoles.PublicService.Contains(n.Role)));
    }

    /// <summary>
    /// Sends indicator 7 (public service nodes in service today, 个) and indicator 15 (registrations,
    /// 亿个), and the same two figures for 专栏9.2's project targets, for <paramref name="period"/> (a year) to the plan. Registrations are
    /// counted now, so a period that has already ended cannot be published from them.
    /// </summary>
    public async Task<Outcome<PublishedFigures>> PublishAsync(string period, Actor actor, CancellationToken ct)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<PublishedFigures>(actor.Refusal, "the ministry publishes the identifier system's figures");
        }
        if (!int.TryParse(period, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100 || period.Length != 4)
        {
            return Outcome.Invalid<PublishedFigures>([new RowError(0, "period", $"a year such as 2026, got '{period}'")]);
        }
        var today = ChinaCalendar.ToChinaDate(clock.GetUtcNow());
        var end = new DateOnly(year, 12, 31);
        if (end < today)
        {
            return Outcome.Refused<PublishedFigures>(OutcomeStatus.Unprocessable, $"period {period} has ended; registrations are counted as of now, so only the current or a later year can be published");
        }
        if (year > today.Year)
        {
            return Outcome.Refused<PublishedFigures>(OutcomeStatus.Unprocessable, $"period {period} has not begun");
        }
        var registrations = await db.RegistrationCounts.AsNoTracking().Where(c => c.Prefix != PrefixHandleKey).SumAsync(c => c.Count, ct);
        var nodes = await db.Nodes.AsNoTracking().Where(n => NodeRoles.PublicService.Contains(n.Role) && n.InServiceFrom <= today).CountAsync(ct);
        ObservationRecord[] records =
        [
            new("7", Region.NationalCode, period, nodes, "provisional", today, Source),
            new("15", Region.NationalCode, period, registrations / 100_000_000m, "provisional", today, Source),
            // 专栏9.2's own targets: 二级节点达到150个以上, 标识注册总量不少于500亿 (plan/project-targets.json)
            new("z9.2.secondary-nodes", Region.NationalCode, period, nodes, "provisional", today, Source),
            new("z9.2.identifier-registrations", Region.NationalCode, period, registrations / 100_000_000m, "provisional", today, Source),
        ];
        var result = await recorder.RecordAsync(records, "identifiers:" + period, ct);
        if (!result.Succeeded)
        {
            return result.Cast<PublishedFigures>();
        }
        await audit.AppendAsync(new AuditEntry(actor.Id, "identifiers.statistics.publish", "plan_indicator", "7,15:" + period, null,
            JsonSerializer.Serialize(new { period, nodes, registrations, inserted = result.Value!.Inserted, skipped = result.Value.Skipped })), null, ct);
        return Outcome.Ok(new PublishedFigures(registrations, nodes, records));
    }
}
