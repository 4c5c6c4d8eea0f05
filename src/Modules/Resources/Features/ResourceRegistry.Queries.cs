using IctGov.Resources.Contracts;
using IctGov.Resources.Data;
using IctGov.Resources.Domain;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Resources.Features;

/// <summary>The registry's reads: what RDAP, WHOIS, the pages and other modules ask.</summary>
internal sealed partial class ResourceRegistry
{
    /// <summary>Most results a search returns; RDAP marks the answer truncated beyond it.</summary>
    public const int SearchLimit = 50;

    public async Task<DomainView?> FindDomainAsync(string name, CancellationToken ct = default) =>
        DomainName.Parse(name, out _) is { } parsed ? await FindDomainAsync(parsed, ct) : null;

    public async Task<DomainView?> FindDomainAsync(DomainName name, CancellationToken ct)
    {
        var row = await db.Domains.AsNoTracking().Include(d => d.NameServers).FirstOrDefaultAsync(d => d.Name == name.Ascii, ct);
        return row is null ? null : View(row);
    }

    public async Task<PrefixView?> FindPrefixAsync(string addressOrPrefix, CancellationToken ct = default) =>
        IpPrefix.Parse(addressOrPrefix, out _) is { } parsed ? await FindPrefixAsync(parsed, ct) : null;

    /// <summary>The most specific block containing <paramref name="prefix"/> (longest-prefix match).</summary>
    public async Task<PrefixView?> FindPrefixAsync(IpPrefix prefix, CancellationToken ct)
    {
        string first = prefix.FirstKey, last = prefix.LastKey;
        var row = await db.Prefixes.AsNoTracking()
            .Where(p => p.Version == prefix.Version && p.FirstKey.CompareTo(first) <= 0 && p.LastKey.CompareTo(last) >= 0)
            .OrderByDescending(p => p.Length).FirstOrDefaultAsync(ct);
        return row is null ? null : await ViewAsync(row, ct);
    }

    /// <summary>
    /// Domains matching an RDAP/WHOIS search pattern (RFC 9082 §4.1): an exact name, or one '*' standing for the
    /// rest of a label ("exam*.cn", "例*.中国"). Null when the pattern is not one of those.
    /// </summary>
    public async Task<IReadOnlyList<DomainView>?> SearchDomainsAsync(string pattern, CancellationToken ct)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return DomainName.Parse(pattern, out _) is { } exact && await FindDomainAsync(exact, ct) is { } found ? [found] : [];
        }
        if (pattern.IndexOf('*', star + 1) >= 0 || (star + 1 < pattern.Length && pattern[star + 1] != '.') || pattern.Length > 253)
        {
            return null;
        }
        var head = pattern[..star].Trim().ToLowerInvariant();
        var tail = pattern[(star + 1)..].Trim().ToLowerInvariant();
        if (head.Length == 0 || head.Contains('.') == false && tail.Length == 0 && head.Length < 2)
        {
            // "*" or "a*" alone would list the registry.
            return null;
        }
        // The tail is whole labels: normalise it to both forms.
        string asciiTail = tail, unicodeTail = tail;
        if (tail.Length > 0)
        {
            if (DomainName.Parse(tail[1..], out _, minLabels: 1) is not { } t)
            {
                return null;
            }
            asciiTail = "." + t.Ascii;
            unicodeTail = "." + t.Unicode;
        }
        var rows = await db.Domains.AsNoTracking().Include(d => d.NameServers)
            .Where(d => (d.Name.StartsWith(head) && d.Name.EndsWith(asciiTail)) || (d.UnicodeName.StartsWith(head) && d.UnicodeName.EndsWith(unicodeTail)))
            .OrderBy(d => d.Name).Take(SearchLimit + 1).ToListAsync(ct);
        return rows.Select(View).ToList();
    }

    /// <summary>Domains delegated to a name server host.</summary>
    public async Task<IReadOnlyList<string>?> DomainsOfNameServerAsync(DomainName host, CancellationToken ct)
    {
        var names = await db.NameServers.AsNoTracking().Where(n => n.Host == host.Ascii)
            .Join(db.Domains, n => n.DomainId, d => d.Id, (n, d) => d.Name).OrderBy(n => n).Take(SearchLimit).ToListAsync(ct);
        return names.Count == 0 ? null : names;
    }

    public async Task<SubjectView?> FindSubjectAsync(long id, CancellationToken ct)
    {
        var s = await db.Subjects.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return s is null ? null : View(s);
    }

    public async Task<ProviderView?> FindProviderAsync(long id, CancellationToken ct)
    {
        var p = await db.Providers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return p is null ? null : View(p);
    }

    /// <summary>The top-level domains of registered names (A-label form), for the RDAP bootstrap.</summary>
    public async Task<IReadOnlyList<string>> TopLevelDomainsAsync(CancellationToken ct)
    {
        // Distinct suffixes after the last dot; the registry holds one TLD's names or a few, so this stays small.
        var names = await db.Domains.AsNoTracking().Select(d => d.Name).ToListAsync(ct);
        return names.Select(n => n[(n.LastIndexOf('.') + 1)..]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The registry blocks (tops of the hierarchy) of one IP version, for the RDAP bootstrap.</summary>
    public async Task<IReadOnlyList<string>> RegistryBlocksAsync(int version, CancellationToken ct) =>
        await db.Prefixes.AsNoTracking().Where(p => p.Version == version && p.ParentId == null).OrderBy(p => p.FirstKey).Select(p => p.Prefix).ToListAsync(ct);

    /// <summary>What the registry holds, by kind.</summary>
    public async Task<RegistryCounts> CountAsync(CancellationToken ct) => new(
        await db.Subjects.CountAsync(ct), await db.Providers.CountAsync(ct), await db.Domains.CountAsync(ct),
        await db.Prefixes.CountAsync(p => p.Version == 4, ct), await db.Prefixes.CountAsync(p => p.Version == 6, ct));

    public async Task<IReadOnlyList<ProviderView>> ProvidersAsync(CancellationToken ct) =>
        (await db.Providers.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct)).Select(View).ToList();

    public async Task<IReadOnlyList<PrefixView>> PrefixesAsync(int limit, CancellationToken ct)
    {
        var rows = await db.Prefixes.AsNoTracking().OrderBy(p => p.Version).ThenBy(p => p.FirstKey).ThenBy(p => p.Length).Take(limit).ToListAsync(ct);
        var result = new List<PrefixView>(rows.Count);
        foreach (var r in rows)
        {
            result.Add(await ViewAsync(r, ct));
        }
        return result;
    }

    private static DomainView View(DomainRow d) => new(d.Name, d.UnicodeName, d.Registrar, d.RegistrantId is { } id ? SubjectHandle(id) : null, d.RegistrantName,
        d.Statuses.Split(' ', StringSplitOptions.RemoveEmptyEntries), d.Created, d.Expires, d.NameServers.OrderBy(n => n.Position).Select(n => n.Host).ToList());

    internal static SubjectView View(SubjectRow s) => new(SubjectHandle(s.Id), s.Kind, s.Name, s.CreditCode, s.IdMasked, s.RegionCode, s.Registered);

    private static ProviderView View(ProviderRow p) => new(ProviderHandle(p.Id), p.Name, p.CreditCode, p.LicenceNumber, p.RegionCode);

    private async Task<PrefixView> ViewAsync(PrefixRow p, CancellationToken ct)
    {
        var parent = p.ParentId is { } pid ? await db.Prefixes.AsNoTracking().Where(x => x.Id == pid).Select(x => x.Prefix).FirstOrDefaultAsync(ct) : null;
        return new PrefixView(p.Prefix, p.Version, parent, p.Kind, p.Holder, p.ProviderId is { } prov ? ProviderHandle(prov) : null, p.Purpose, p.RegionCode, p.Allocated);
    }
}

/// <summary>How many records of each kind the registry holds.</summary>
internal sealed record RegistryCounts(int Subjects, int Providers, int Domains, int Ipv4Prefixes, int Ipv6Prefixes);
