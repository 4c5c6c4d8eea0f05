using System.Globalization;
using System.Net;
using System.Text.Json;
using IctGov.Data.Files;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Identity;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Security.Contracts;
using IctGov.Security.Data;
using IctGov.Security.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IctGov.Security.Features;

/// <summary>An asset as sent by API (JSON) or read from a CSV row.</summary>
internal sealed record AssetInput(string? OrganisationCode, string? OrganisationName, string? System, string? Region, string? Criticality,
    IReadOnlyList<string>? IpPrefixes, IReadOnlyList<string>? Domains, IReadOnlyList<string>? Products);

/// <summary>A vulnerability as sent by API (JSON) or read from a CSV row.</summary>
internal sealed record VulnerabilityInput(string? CnvdId, string? CveId, string? Title, string? Cvss31, string? Cvss40, bool? Exploited,
    IReadOnlyList<string>? Affected, string? Published);

/// <summary>
/// The base resource library (网络安全基础资源库): network assets kept by the administrations and the
/// national vulnerability library kept by the ministry, imported whole or not at all, with the
/// vulnerabilities' scores computed from their vectors and the assets each one affects found by
/// CPE 2.3 name matching. A province sees and imports its own region's assets only.
/// </summary>
internal sealed class ResourceLibrary(SecurityDbContext db, IAuditLog audit, TimeProvider clock)
{
    public static readonly string[] AssetColumns = ["organisationCode", "organisationName", "system", "region", "criticality", "ipPrefixes", "domains", "products"];
    public static readonly string[] VulnerabilityColumns = ["cnvdId", "cveId", "title", "cvss31", "cvss40", "exploited", "affected", "published"];
    public static readonly string[] Criticalities = ["critical", "high", "medium", "low"];

    private const int MaxBatch = 100_000;

    public async Task<IReadOnlyList<AssetView>> AssetsAsync(Actor actor, CancellationToken ct = default) =>
        (await Visible(actor).OrderBy(a => a.Region).ThenBy(a => a.OrganisationCode).ThenBy(a => a.System).ToListAsync(ct)).Select(ToView).ToList();

    public async Task<IReadOnlyList<VulnerabilityView>> VulnerabilitiesAsync(CancellationToken ct = default) =>
        (await db.Vulnerabilities.OrderBy(v => v.CnvdId).ToListAsync(ct)).Select(ToView).ToList();

    public async Task<Outcome<VulnerabilityView>> VulnerabilityAsync(string cnvdId, CancellationToken ct = default) =>
        await db.Vulnerabilities.SingleOrDefaultAsync(v => v.CnvdId == cnvdId, ct) is { } row
            ? Outcome.Ok(ToView(row))
            : Outcome.Refused<VulnerabilityView>(OutcomeStatus.NotFound, $"no vulnerability {cnvdId} in the library");

    /// <summary>The assets the actor may see that run a product the vulnerability's CPE names cover.</summary>
    public async Task<Outcome<IReadOnlyList<AffectedAsset>>> AffectedAssetsAsync(Actor actor, string cnvdId, CancellationToken ct = default)
    {
        var vulnerability = await db.Vulnerabilities.SingleOrDefaultAsync(v => v.CnvdId == cnvdId, ct);
        if (vulnerability is null)
        {
            return Outcome.Refused<IReadOnlyList<AffectedAsset>>(OutcomeStatus.NotFound, $"no vulnerability {cnvdId} in the library");
        }
        var affected = Lines(vulnerability.Affected).Select(c => Cpe23.Parse(c, out _)!).ToList();
        var candidates = await Visible(actor).ToListAsync(ct);
        var result = new List<AffectedAsset>();
        foreach (var asset in candidates)
        {
            foreach (var product in Lines(asset.Products))
            {
                var name = Cpe23.Parse(product, out _)!;
                var by = affected.FirstOrDefault(a => a.Covers(name));
                if (by is not null)
                {
                    result.Add(new AffectedAsset(ToView(asset), product, by.ToString()));
                    break;
                }
            }
        }
        return Outcome.Ok<IReadOnlyList<AffectedAsset>>(result.OrderBy(a => Criticalities.AsSpan().IndexOf(a.Asset.Criticality)).ThenBy(a => a.Asset.Region).ToList());
    }

    public static Outcome<IReadOnlyList<(long Row, AssetInput Input)>> ReadAssetsCsv(Stream csv, CancellationToken ct)
    {
        var table = TableReader.ReadCsv(csv, AssetColumns, ct: ct);
        return table.Succeeded
            ? Outcome.Ok<IReadOnlyList<(long, AssetInput)>>(table.Value!.Select(r => (r.Row, new AssetInput(r[0], r[1], r[2], r[3], r[4], List(r[5]), List(r[6]), List(r[7])))).ToList())
            : table.Cast<IReadOnlyList<(long, AssetInput)>>();
    }

    public static Outcome<IReadOnlyList<(long Row, VulnerabilityInput Input)>> ReadVulnerabilitiesCsv(Stream csv, CancellationToken ct)
    {
        var table = TableReader.ReadCsv(csv, VulnerabilityColumns, ct: ct);
        if (!table.Succeeded) return table.Cast<IReadOnlyList<(long, VulnerabilityInput)>>();
        var errors = new List<RowError>();
        var rows = new List<(long, VulnerabilityInput)>();
        foreach (var r in table.Value!)
        {
            bool? exploited = r[5].Trim().ToLowerInvariant() switch
            {
                "" => null,
                "true" or "yes" or "1" or "是" => true,
                "false" or "no" or "0" or "否" => false,
                _ => null,
            };
            if (exploited is null && r[5].Trim().Length > 0)
            {
                errors.Add(new RowError(r.Row, "exploited", "expected true or false (是/否)") { Value = r[5] });
            }
            rows.Add((r.Row, new VulnerabilityInput(r[0], Empty(r[1]), r[2], Empty(r[3]), Empty(r[4]), exploited ?? false, List(r[6]), Empty(r[7]))));
        }
        return errors.Count > 0 ? Outcome.Invalid<IReadOnlyList<(long, VulnerabilityInput)>>(errors) : Outcome.Ok<IReadOnlyList<(long, VulnerabilityInput)>>(rows);
    }

    /// <summary>Adds or replaces (same organisation and system) every asset, or none: a bad row or one outside the actor's region refuses the batch.</summary>
    public async Task<Outcome<ImportReceipt>> ImportAssetsAsync(Actor actor, IReadOnlyList<(long Row, AssetInput Input)> rows, string channel, CancellationToken ct = default)
    {
        if (!actor.IsSignedIn || actor.Role < Role.ProvinceAdmin)
        {
            return Outcome.Refused<ImportReceipt>(actor.Refusal, "assets are kept by the ministry and the provincial administrations");
        }
        if (rows.Count == 0 || rows.Count > MaxBatch)
        {
            return Outcome.Invalid<ImportReceipt>([new RowError(0, "assets", $"expected 1 to {MaxBatch:N0} assets, found {rows.Count:N0}")]);
        }
        var errors = new List<RowError>();
        var valid = new List<AssetRow>();
        var keys = new Dictionary<(string, string), long>();
        foreach (var (row, input) in rows)
        {
            var asset = ValidateAsset(row, input, errors);
            if (asset is null) continue;
            if (actor.Role == Role.ProvinceAdmin && asset.Region != actor.RegionCode)
            {
                return Outcome.Refused<ImportReceipt>(OutcomeStatus.Forbidden,
                    [new RowError(row, "region", $"a provincial administration imports its own region's assets ({actor.RegionCode}) only") { Value = asset.Region }]);
            }
            if (keys.TryGetValue((asset.OrganisationCode, asset.System), out var first))
            {
                errors.Add(new RowError(row, "system", $"the same organisation and system as row {first}") { Value = asset.System });
                continue;
            }
            keys[(asset.OrganisationCode, asset.System)] = row;
            valid.Add(asset);
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<ImportReceipt>(errors);
        }
        var codes = valid.Select(a => a.OrganisationCode).Distinct().ToList();
        var existing = (await db.Assets.Where(a => codes.Contains(a.OrganisationCode)).ToListAsync(ct)).ToDictionary(a => (a.OrganisationCode, a.System));
        foreach (var (key, current) in existing)
        {
            // Replacing another region's asset would move it out of its administration's sight.
            if (actor.Role == Role.ProvinceAdmin && keys.TryGetValue(key, out var row) && current.Region != actor.RegionCode)
            {
                return Outcome.Refused<ImportReceipt>(OutcomeStatus.Forbidden,
                    [new RowError(row, "system", $"this system is registered in region {current.Region}; only that administration or the ministry may replace it") { Value = key.Item2 }]);
            }
        }
        var now = clock.GetUtcNow();
        var (added, replaced) = (0, 0);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var asset in valid)
        {
            asset.Updated = now;
            if (existing.TryGetValue((asset.OrganisationCode, asset.System), out var current))
            {
                (current.OrganisationName, current.Region, current.Criticality, current.IpPrefixes, current.Domains, current.Products, current.Updated) =
                    (asset.OrganisationName, asset.Region, asset.Criticality, asset.IpPrefixes, asset.Domains, asset.Products, now);
                replaced++;
            }
            else
            {
                db.Assets.Add(asset);
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, "security.asset.import", "security_asset", $"{valid.Count} assets", null,
            JsonSerializer.Serialize(new { channel, added, replaced, organisations = codes }), actor.RegionCode), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(new ImportReceipt(added, replaced));
    }

    /// <summary>Adds or replaces (same CNVD id) every vulnerability, or none; the ministry keeps the library.</summary>
    public async Task<Outcome<ImportReceipt>> ImportVulnerabilitiesAsync(Actor actor, IReadOnlyList<(long Row, VulnerabilityInput Input)> rows, string channel, CancellationToken ct = default)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<ImportReceipt>(actor.Refusal, "the ministry keeps the vulnerability library");
        }
        if (rows.Count == 0 || rows.Count > MaxBatch)
        {
            return Outcome.Invalid<ImportReceipt>([new RowError(0, "vulnerabilities", $"expected 1 to {MaxBatch:N0} vulnerabilities, found {rows.Count:N0}")]);
        }
        var errors = new List<RowError>();
        var valid = new List<VulnerabilityRow>();
        var keys = new Dictionary<string, long>();
        foreach (var (row, input) in rows)
        {
            var vulnerability = ValidateVulnerability(row, input, errors);
            if (vulnerability is null) continue;
            if (!keys.TryAdd(vulnerability.CnvdId, row))
            {
                errors.Add(new RowError(row, "cnvdId", $"the same id as row {keys[vulnerability.CnvdId]}") { Value = vulnerability.CnvdId });
                continue;
            }
            valid.Add(vulnerability);
        }
        if (errors.Count > 0)
        {
            return Outcome.Invalid<ImportReceipt>(errors);
        }
        var ids = keys.Keys.ToList();
        var existing = await db.Vulnerabilities.Where(v => ids.Contains(v.CnvdId)).ToDictionaryAsync(v => v.CnvdId, ct);
        var now = clock.GetUtcNow();
        var (added, replaced) = (0, 0);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var v in valid)
        {
            v.Updated = now;
            if (existing.TryGetValue(v.CnvdId, out var current))
            {
                (current.CveId, current.Title, current.Cvss31Vector, current.Cvss31Score, current.Cvss40Vector, current.Cvss40Score, current.Severity, current.Exploited, current.Affected, current.Published, current.Updated) =
                    (v.CveId, v.Title, v.Cvss31Vector, v.Cvss31Score, v.Cvss40Vector, v.Cvss40Score, v.Severity, v.Exploited, v.Affected, v.Published, now);
                replaced++;
            }
            else
            {
                db.Vulnerabilities.Add(v);
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditEntry(actor.Id, "security.vulnerability.import", "security_vulnerability", $"{valid.Count} vulnerabilities", null,
            JsonSerializer.Serialize(new { channel, added, replaced, ids }), null), tx.GetDbTransaction(), ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok(new ImportReceipt(added, replaced));
    }

    private IQueryable<AssetRow> Visible(Actor actor) => actor.Role switch
    {
        Role.MinistryAdmin => db.Assets,
        Role.ProvinceAdmin when actor.RegionCode is { } region => db.Assets.Where(a => a.Region == region),
        _ => db.Assets.Where(a => false),
    };

    private static AssetRow? ValidateAsset(long row, AssetInput input, List<RowError> errors)
    {
        var before = errors.Count;
        var code = input.OrganisationCode?.Trim() ?? "";
        if (CreditCode.Problem(code) is { } codeProblem) errors.Add(new RowError(row, "organisationCode", codeProblem) { Value = code });
        var name = input.OrganisationName?.Trim() ?? "";
        if (name.Length is 0 or > 200) errors.Add(new RowError(row, "organisationName", "expected the organisation's name, 1–200 characters"));
        var system = input.System?.Trim() ?? "";
        if (system.Length is 0 or > 200) errors.Add(new RowError(row, "system", "expected the system's name, 1–200 characters"));
        var region = input.Region?.Trim() ?? "";
        if (!Regions.TryGet(region, out var r) || r.Code == Region.NationalCode)
        {
            errors.Add(new RowError(row, "region", "expected a GB/T 2260 province code such as 440000") { Value = region });
        }
        var criticality = input.Criticality?.Trim().ToLowerInvariant() ?? "";
        if (!Criticalities.Contains(criticality)) errors.Add(new RowError(row, "criticality", "expected critical, high, medium or low") { Value = input.Criticality });
        var prefixes = new List<string>();
        foreach (var (text, i) in (input.IpPrefixes ?? []).Select((t, i) => (t.Trim(), i)))
        {
            // TryParse masks host bits away; a prefix written with them is a typing error, refused.
            if (IPNetwork.TryParse(text, out var network) && text.Contains('/', StringComparison.Ordinal)
                && IPAddress.TryParse(text[..text.IndexOf('/', StringComparison.Ordinal)], out var written) && written.Equals(network.BaseAddress))
            {
                prefixes.Add(network.ToString());
            }
            else
            {
                errors.Add(new RowError(row, $"ipPrefixes[{i + 1}]", "expected an IPv4 or IPv6 prefix in CIDR form with no host bits, e.g. 203.0.113.0/24 or 2001:db8::/32") { Value = text });
            }
        }
        var domains = new List<string>();
        foreach (var (text, i) in (input.Domains ?? []).Select((t, i) => (t.Trim().TrimEnd('.').ToLowerInvariant(), i)))
        {
            if (DomainProblem(text) is { } problem) errors.Add(new RowError(row, $"domains[{i + 1}]", problem) { Value = text });
            else domains.Add(text);
        }
        var products = new List<string>();
        foreach (var (text, i) in (input.Products ?? []).Select((t, i) => (t.Trim(), i)))
        {
            var cpe = Cpe23.Parse(text, out var problem);
            if (cpe is null) errors.Add(new RowError(row, $"products[{i + 1}]", problem!) { Value = text });
            else products.Add(cpe.ToString());
        }
        if (prefixes.Count == 0 && domains.Count == 0 && (input.IpPrefixes ?? []).Count == 0 && (input.Domains ?? []).Count == 0)
        {
            errors.Add(new RowError(row, "ipPrefixes", "expected the asset's address space or domain names (at least one of ipPrefixes and domains)"));
        }
        return errors.Count > before ? null : new AssetRow
        {
            OrganisationCode = code, OrganisationName = name, System = system, Region = region, Criticality = criticality,
            IpPrefixes = string.Join('\n', prefixes.Distinct()), Domains = string.Join('\n', domains.Distinct()), Products = string.Join('\n', products.Distinct()),
        };
    }

    private static VulnerabilityRow? ValidateVulnerability(long row, VulnerabilityInput input, List<RowError> errors)
    {
        var before = errors.Count;
        var cnvd = input.CnvdId?.Trim() ?? "";
        if (!IsId(cnvd, "CNVD-", 4)) errors.Add(new RowError(row, "cnvdId", "expected a CNVD id, CNVD-yyyy-nnnnn") { Value = cnvd });
        var cve = string.IsNullOrWhiteSpace(input.CveId) ? null : input.CveId.Trim();
        if (cve is not null && !IsId(cve, "CVE-", 4)) errors.Add(new RowError(row, "cveId", "expected a CVE id, CVE-yyyy-nnnn (4 or more digits), or nothing") { Value = cve });
        var title = input.Title?.Trim() ?? "";
        if (title.Length is 0 or > 500) errors.Add(new RowError(row, "title", "expected the vulnerability's title, 1–500 characters"));
        CvssScore? Score(string? vector, string field, string label)
        {
            if (string.IsNullOrWhiteSpace(vector)) return null;
            if (!vector.Trim().StartsWith(label, StringComparison.Ordinal))
            {
                errors.Add(new RowError(row, field, $"expected a vector labelled {label}/") { Value = vector });
                return null;
            }
            var outcome = CvssScoring.Score(vector.Trim(), field, row);
            if (!outcome.Succeeded) errors.AddRange(outcome.Errors);
            return outcome.Value;
        }
        var v31 = Score(input.Cvss31, "cvss31", "CVSS:3.1");
        var v40 = Score(input.Cvss40, "cvss40", "CVSS:4.0");
        if (string.IsNullOrWhiteSpace(input.Cvss31) && string.IsNullOrWhiteSpace(input.Cvss40))
        {
            errors.Add(new RowError(row, "cvss31", "expected a CVSS v3.1 or v4.0 vector (or both); the platform computes the scores"));
        }
        var affected = new List<string>();
        foreach (var (text, i) in (input.Affected ?? []).Select((t, i) => (t.Trim(), i)))
        {
            var cpe = Cpe23.Parse(text, out var problem);
            if (cpe is null) errors.Add(new RowError(row, $"affected[{i + 1}]", problem!) { Value = text });
            else affected.Add(cpe.ToString());
        }
        if ((input.Affected ?? []).Count == 0) errors.Add(new RowError(row, "affected", "expected the affected products as CPE 2.3 names"));
        DateOnly? published = null;
        if (!string.IsNullOrWhiteSpace(input.Published))
        {
            if (DateOnly.TryParseExact(input.Published.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) published = date;
            else errors.Add(new RowError(row, "published", "expected a date, yyyy-MM-dd") { Value = input.Published });
        }
        if (errors.Count > before) return null;
        var headline = v40 ?? v31!;
        return new VulnerabilityRow
        {
            CnvdId = cnvd, CveId = cve, Title = title,
            Cvss31Vector = v31?.Vector, Cvss31Score = v31?.Score, Cvss40Vector = v40?.Vector, Cvss40Score = v40?.Score,
            Severity = headline.Severity, Exploited = input.Exploited ?? false, Affected = string.Join('\n', affected.Distinct()), Published = published,
        };
    }

    private static bool IsId(string text, string prefix, int minDigits)
    {
        if (!text.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var parts = text[prefix.Length..].Split('-');
        return parts.Length == 2 && parts[0].Length == 4 && parts[0].All(char.IsAsciiDigit)
            && parts[1].Length >= minDigits && parts[1].Length <= 7 && parts[1].All(char.IsAsciiDigit);
    }

    // LDH labels (A-labels for IDNs), as the DNS and the ICP filings write names.
    private static string? DomainProblem(string name)
    {
        var labels = name.Split('.');
        if (name.Length is 0 or > 253 || labels.Length < 2) return "expected a domain name such as example.cn";
        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-') || !label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return $"label '{label}' is not 1–63 letters, digits or inner hyphens (write an IDN in its xn-- form)";
            }
        }
        return null;
    }

    private static AssetView ToView(AssetRow a) =>
        new(a.Id, a.OrganisationCode, a.OrganisationName, a.System, a.Region, a.Criticality, Lines(a.IpPrefixes), Lines(a.Domains), Lines(a.Products));

    private static VulnerabilityView ToView(VulnerabilityRow v) => new(v.Id, v.CnvdId, v.CveId, v.Title,
        v.Cvss31Vector is null ? null : CvssScoring.Score(v.Cvss31Vector).Value,
        v.Cvss40Vector is null ? null : CvssScoring.Score(v.Cvss40Vector).Value,
        v.Severity, v.Exploited, Lines(v.Affected), v.Published);

    private static string[] Lines(string text) => text.Length == 0 ? [] : text.Split('\n');

    // CSV cells list items separated by semicolons or whitespace.
    private static string[] List(string cell) => cell.Split([';', ' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Empty(string cell) => string.IsNullOrWhiteSpace(cell) ? null : cell.Trim();
}
