using System.Globalization;
using System.Text.Json;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using IctGov.Planning.Contracts;
using IctGov.Resources.Data;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Resources.Features;

/// <summary>One bar of a statistic: what is counted (a province code, a kind, a handle), its name in both languages, and the figure.</summary>
internal sealed record Tally(string Key, string NameZh, string NameEn, decimal Value);

/// <summary>Address space held: blocks and their size (IPv4 in addresses, IPv6 in /32 blocks, as CNNIC reports it).</summary>
internal sealed record Holding(string Key, string NameZh, string NameEn, long Blocks, decimal Size);

/// <summary>The registry's statistics (统计) as of a day.</summary>
internal sealed record ResourceFigures(DateOnly AsOf, long Filings, IReadOnlyList<Tally> FilingsByProvince, IReadOnlyList<Tally> FilingsByKind,
    IReadOnlyList<Tally> FilingsByProvider, long Domains, IReadOnlyList<Tally> DomainsByHolder, IReadOnlyList<Tally> DomainsByProvince,
    IReadOnlyList<Holding> Ipv4ByHolder, IReadOnlyList<Holding> Ipv4ByProvince, IReadOnlyList<Holding> Ipv6ByHolder, IReadOnlyList<Holding> Ipv6ByProvince);

/// <summary>What publishing a year's IPv6 allocation figures sent to the plan.</summary>
internal sealed record PublishedResources(string Period, string Status, DateOnly AsOf, IReadOnlyList<ObservationRecord> Observations);

/// <summary>
/// Statistics into the plan: filings in force by province, kind and access provider; domains by holder and by the
/// holder's province; IPv4 and IPv6 holdings — blocks the registry allocated (allocations directly under a registry
/// block, so sub-allocations and assignments are not counted twice) — by holder and province. The IPv6 allocation
/// count and the allocated space in /32 blocks are published as the plan's data elements
/// <see cref="Ipv6Allocations"/> and <see cref="Ipv6Blocks32"/> (专栏4 IPv6 网络服务能力提升工程).
/// </summary>
internal sealed class ResourceStatistics(ResourcesDbContext db, ChinaCalendar calendar, IObservationRecorder recorder, IAuditLog audit)
{
    public const string Source = "互联网基础资源 IP 地址分配登记 (Resources module)";
    public const string Ipv6Allocations = "ipv6_allocations";
    public const string Ipv6Blocks32 = "ipv6_address_blocks_32";

    /// <summary>How many holders and providers a chart names; the rest are summed as "others".</summary>
    public const int Top = 20;

    private static readonly (string Zh, string En) Individuals = ("个人注册人", "Individual registrants");
    private static readonly (string Zh, string En) NotSubjects = ("非备案主体注册人", "Registrants not filing subjects");
    private static readonly (string Zh, string En) Others = ("其他", "Others");

    public async Task<ResourceFigures> ComputeAsync(CancellationToken ct)
    {
        var today = calendar.Today;
        var filed = db.Filings.AsNoTracking().Where(f => f.State == "approved");
        var byRegion = await filed.GroupBy(f => f.RegionCode).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var byKind = await filed.GroupBy(f => f.Kind).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var byProvider = await filed.GroupBy(f => f.ProviderId).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var providerNames = await db.Providers.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);

        var domains = await db.Domains.LongCountAsync(ct);
        var registrants = db.Domains.AsNoTracking().Join(db.Subjects.AsNoTracking(), d => d.RegistrantId, s => s.Id, (d, s) => new { s.Id, s.Kind, s.RegionCode });
        var byOrganisation = await registrants.Where(r => r.Kind == "organisation").GroupBy(r => r.Id)
            .Select(g => new { g.Key, Count = g.LongCount() }).OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(Top).ToListAsync(ct);
        var organisationDomains = await registrants.LongCountAsync(r => r.Kind == "organisation", ct);
        var individualDomains = await registrants.LongCountAsync(r => r.Kind == "individual", ct);
        var ids = byOrganisation.Select(o => o.Key).ToList();
        var organisationNames = await db.Subjects.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var holders = byOrganisation.Select(o => new Tally(ResourceRegistry.SubjectHandle(o.Key), organisationNames[o.Key], organisationNames[o.Key], o.Count)).ToList();
        AddIfAny(holders, "others", Others, organisationDomains - byOrganisation.Sum(o => o.Count));
        AddIfAny(holders, "individual", Individuals, individualDomains);
        AddIfAny(holders, "unregistered", NotSubjects, domains - organisationDomains - individualDomains);
        var domainRegions = await registrants.GroupBy(r => r.RegionCode).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var domainsByProvince = domainRegions.Select(r => Province(r.Key, r.Count)).OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
        AddIfAny(domainsByProvince, "unregistered", NotSubjects, domains - domainRegions.Sum(r => r.Count));

        var held = await AllocatedAsync(today, ct);
        return new ResourceFigures(today, byRegion.Sum(r => r.Count),
            byRegion.Select(r => Province(r.Key, r.Count)).OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).ToList(),
            byKind.Select(k => new Tally(k.Key, k.Key == "app" ? "APP" : "网站", k.Key == "app" ? "Apps" : "Websites", k.Count)).OrderBy(t => t.Key, StringComparer.Ordinal).ToList(),
            TopAndOthers(byProvider.Select(p => new Tally(ResourceRegistry.ProviderHandle(p.Key), providerNames[p.Key], providerNames[p.Key], p.Count))),
            domains, holders, domainsByProvince,
            ByHolder(held.Where(h => h.Version == 4)), ByProvince(held.Where(h => h.Version == 4)),
            ByHolder(held.Where(h => h.Version == 6)), ByProvince(held.Where(h => h.Version == 6)));
    }

    /// <summary>
    /// Records, for <paramref name="period"/> (a year), the IPv6 blocks the registry had allocated by the year's end
    /// (or today, for the current year) and their size in /32 blocks — nationally and for each province holding
    /// any: final once the year is over, provisional before.
    /// </summary>
    public async Task<Outcome<PublishedResources>> PublishAsync(Actor actor, string? period, CancellationToken ct)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<PublishedResources>(actor.Refusal, "the ministry publishes the plan's figures");
        }
        if (!Period.TryParse(period ?? "", out var p) || p.Kind != PeriodKind.Year)
        {
            return Outcome.Invalid<PublishedResources>([new RowError(0, "period", "expected a year such as 2026") { Value = period }]);
        }
        var today = calendar.Today;
        if (p.Start > today)
        {
            return Outcome.Refused<PublishedResources>(OutcomeStatus.Unprocessable, $"period {p} has not begun");
        }
        var asOf = p.End < today ? p.End : today;
        var status = p.End < today ? "final" : "provisional";
        var v6 = (await AllocatedAsync(asOf, ct)).Where(h => h.Version == 6).ToList();
        if (v6.Count == 0)
        {
            return Outcome.Refused<PublishedResources>(OutcomeStatus.Unprocessable, $"no IPv6 block had been allocated by {asOf:yyyy-MM-dd}: nothing to publish");
        }
        var records = new List<ObservationRecord>
        {
            new(Ipv6Allocations, Region.NationalCode, p.ToString(), v6.Count, status, today, Source),
            new(Ipv6Blocks32, Region.NationalCode, p.ToString(), Round(v6.Sum(h => h.Size)), status, today, Source),
        };
        foreach (var g in v6.Where(h => h.Region != Region.NationalCode && Regions.TryGet(h.Region, out _)).GroupBy(h => h.Region).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            records.Add(new(Ipv6Allocations, g.Key, p.ToString(), g.Count(), status, today, Source));
            records.Add(new(Ipv6Blocks32, g.Key, p.ToString(), Round(g.Sum(h => h.Size)), status, today, Source));
        }
        var recorded = await recorder.RecordAsync(records, "resources:" + p, ct);
        if (!recorded.Succeeded)
        {
            return recorded.Cast<PublishedResources>();
        }
        await audit.AppendAsync(new AuditEntry(actor.Id, "resources.statistics.publish", "plan_indicator", $"{Ipv6Allocations},{Ipv6Blocks32}:{p}", null,
            JsonSerializer.Serialize(new { period = p.ToString(), status, asOf, allocations = v6.Count, blocks32 = records[1].Value })), null, ct);
        return Outcome.Ok(new PublishedResources(p.ToString(), status, asOf, records));
    }

    private sealed record Held(int Version, string Holder, string Region, decimal Size);

    /// <summary>Allocations made directly from a registry block by <paramref name="asOf"/>, with their size (IPv4 addresses, IPv6 /32 blocks).</summary>
    private async Task<List<Held>> AllocatedAsync(DateOnly asOf, CancellationToken ct) =>
        (await db.Prefixes.AsNoTracking()
            .Where(p => p.Kind == "allocation" && p.Allocated <= asOf && db.Prefixes.Any(r => r.Id == p.ParentId && r.Kind == "registry"))
            .Select(p => new { p.Version, p.Length, p.Holder, p.RegionCode }).ToListAsync(ct))
        .Select(p => new Held(p.Version, p.Holder, p.RegionCode, Size(p.Version, p.Length))).ToList();

    /// <summary>IPv4: 2^(32−length) addresses; IPv6: 2^(32−length) /32 blocks (a /48 is 1/65536 of one).</summary>
    public static decimal Size(int version, int length)
    {
        if (version == 4 || length <= 32)
        {
            return (decimal)(1UL << (32 - length));
        }
        // Halved step by step: 2^96 (a /128) is beyond decimal's range, its inverse below its precision (so 0).
        var size = 1m;
        for (var i = 32; i < length; i++)
        {
            size /= 2;
        }
        return size;
    }

    private static decimal Round(decimal v) => decimal.Round(v, 6, MidpointRounding.AwayFromZero);

    private static List<Holding> ByHolder(IEnumerable<Held> held)
    {
        var all = held.GroupBy(h => h.Holder).Select(g => new Holding(g.Key, g.Key, g.Key, g.Count(), g.Sum(h => h.Size)))
            .OrderByDescending(h => h.Size).ThenBy(h => h.Key, StringComparer.Ordinal).ToList();
        var top = all.Take(Top).ToList();
        if (all.Count > Top)
        {
            top.Add(new Holding("others", Others.Zh, Others.En, all.Skip(Top).Sum(h => h.Blocks), all.Skip(Top).Sum(h => h.Size)));
        }
        return top;
    }

    private static List<Holding> ByProvince(IEnumerable<Held> held) =>
        held.GroupBy(h => h.Region).Select(g =>
            {
                var t = Province(g.Key, 0);
                return new Holding(g.Key, t.NameZh, t.NameEn, g.Count(), g.Sum(h => h.Size));
            })
            .OrderByDescending(h => h.Size).ThenBy(h => h.Key, StringComparer.Ordinal).ToList();

    private static Tally Province(string code, decimal value) =>
        Regions.TryGet(code, out var r) ? new Tally(code, r.NameZh, r.NameEn, value) : new Tally(code, code, code, value);

    private static List<Tally> TopAndOthers(IEnumerable<Tally> tallies)
    {
        var all = tallies.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
        var top = all.Take(Top).ToList();
        AddIfAny(top, "others", Others, all.Skip(Top).Sum(t => t.Value));
        return top;
    }

    private static void AddIfAny(List<Tally> list, string key, (string Zh, string En) name, decimal value)
    {
        if (value > 0)
        {
            list.Add(new Tally(key, name.Zh, name.En, value));
        }
    }

    /// <summary>Figures as text for a page: whole numbers with separators, /32 fractions to four decimals.</summary>
    public static string Show(decimal value) =>
        value == decimal.Truncate(value) ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("#,0.####", CultureInfo.InvariantCulture);
}
