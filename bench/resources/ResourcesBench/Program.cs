using System.Diagnostics;
using System.Globalization;
using IctGov.Audit;
using IctGov.Kernel;
using IctGov.Kernel.Identity;
using IctGov.Kernel.Security;
using IctGov.Planning;
using IctGov.Resources;
using IctGov.Resources.Contracts;
using IctGov.Resources.Domain;
using IctGov.Resources.Features;
using IctGov.Web.Modules;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

// A national registry of Internet basic resources at --scale (1 = 5,000,000 approved filings, 20,000,000 domains,
// 100,000 IP prefixes; 0.01 for a quick run) written into the module's own SQLite schema, then timed on it:
// the module's batch import beside raw SQLite inserts, the IP longest-prefix lookup beside one SQL query on the same
// index, and the full cross-check. It also writes the names of sample domains for rdap-vs-nginx.sh.
//   dotnet run -c Release --project bench/resources/ResourcesBench -- --dir /tmp/resources-bench [--scale 0.01] [--lookups 20000]
string? dir = null;
var scale = 0.01;
var lookups = 20_000;
for (var i = 0; i < args.Length; i++)
{
    string Next() => args[++i];
    switch (args[i])
    {
        case "--dir": dir = Next(); break;
        case "--scale": scale = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--lookups": lookups = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
    }
}
dir ??= Path.Combine(Path.GetTempPath(), "resources-bench");
Directory.CreateDirectory(dir);
var storage = StorageOptions.Resolve(dir, "sqlite", null, _ => null);
var collection = new ServiceCollection().AddLogging()
    .AddSingleton<TimeProvider>(new FixedTime(new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero))) // 10:00 Beijing, Monday 1 June 2026
    .AddSingleton<IActorAccessor>(new BenchActor());
var set = ModuleSet.Of(new AuditModule(), new PlanningModule(), new ResourcesModule());
set.AddServices(collection, storage);
await using var services = collection.BuildServiceProvider();
await set.InitializeAsync(services);
var ministry = Actor.System("bench");

var filings = (int)(5_000_000 * scale);
var domains = Math.Max((int)(20_000_000 * scale), filings * 2);
var prefixes = Math.Max((int)(100_000 * scale), 1_000);
Console.WriteLine($"scale {scale}: {filings:N0} filings, {domains:N0} domains, {prefixes:N0} prefixes; machine load {File.ReadAllText("/proc/loadavg").Trim()}");
await using (var connection = new SqliteConnection(storage.ConnectionString))
{
    await connection.OpenAsync();
    using var count = connection.CreateCommand();
    count.CommandText = "SELECT COUNT(*) FROM resources_filing";
    if ((long)(await count.ExecuteScalarAsync())! == 0)
    {
        var clock = Stopwatch.StartNew();
        var rows = Generator.Write(connection, filings, domains, prefixes, dir);
        Console.WriteLine($"peer — raw SQLite inserts (prepared statements, one transaction per table): {rows:N0} rows in {clock.Elapsed.TotalSeconds:F1} s = {rows / clock.Elapsed.TotalSeconds:N0} rows/s");
    }
}

// The module's import path: validation of every row (IDNA2008 names, EPP codes, registrant lookup), then EF inserts.
{
    const int batches = 10, perBatch = 1_000;
    var clock = Stopwatch.StartNew();
    for (var b = 0; b < batches; b++)
    {
        var rows = Enumerable.Range(0, perBatch).Select(k => new DomainInput($"import{b}-{k}.bench.cn", "基准注册服务机构", "SUBJ-1", "ok", "2024-01-01", "2027-01-01", "ns1.bench.cn ns2.bench.cn")).ToList();
        await using var scope = services.CreateAsyncScope();
        var written = await scope.ServiceProvider.GetRequiredService<IResourceRegistry>().AddDomainsAsync(ministry, rows);
        if (!written.Succeeded)
        {
            Console.Error.WriteLine(string.Join("; ", written.Describe()));
            return 1;
        }
    }
    Console.WriteLine($"module — domain batch import (AddDomainsAsync, {batches} batches of {perBatch:N0} into a registry of {domains:N0}): {batches * perBatch / clock.Elapsed.TotalSeconds:N0} rows/s");
}

// Longest-prefix match for random addresses inside and outside the allocated space.
{
    var random = new Random(7);
    var addresses = Enumerable.Range(0, lookups).Select(_ => random.Next(3) == 0
        ? $"2400:{random.Next(Generator.V6Registries):x}:{random.Next(65536):x}:{random.Next(65536):x}::1"
        : $"{1 + random.Next(Generator.V4Registries + 1)}.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}").ToList();
    await using var scope = services.CreateAsyncScope();
    var registry = scope.ServiceProvider.GetRequiredService<IResourceRegistry>();
    var found = 0;
    var times = new List<double>(lookups);
    foreach (var a in addresses.Take(500))
    {
        await registry.FindPrefixAsync(a); // warm-up
    }
    foreach (var a in addresses)
    {
        var t = Stopwatch.GetTimestamp();
        found += await registry.FindPrefixAsync(a) is null ? 0 : 1;
        times.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
    }
    Report("module — IP longest-prefix lookup (IResourceRegistry.FindPrefixAsync)", times, $"{found:N0} of {lookups:N0} inside a block");

    await using var connection = new SqliteConnection(storage.ConnectionString);
    await connection.OpenAsync();
    using var q = connection.CreateCommand();
    q.CommandText = "SELECT prefix FROM resources_prefix WHERE version = $v AND first_key <= $k AND last_key >= $k ORDER BY length DESC LIMIT 1";
    var pv = q.Parameters.Add("$v", SqliteType.Integer);
    var pk = q.Parameters.Add("$k", SqliteType.Text);
    q.Prepare();
    times.Clear();
    found = 0;
    foreach (var a in addresses)
    {
        var t = Stopwatch.GetTimestamp();
        var p = IpPrefix.ParseAddress(a, out _)!.Value;
        pv.Value = p.Family == System.Net.Sockets.AddressFamily.InterNetwork ? 4 : 6;
        pk.Value = p.FirstKey;
        found += await q.ExecuteScalarAsync() is null ? 0 : 1;
        times.Add(Stopwatch.GetElapsedTime(t).TotalMicroseconds);
    }
    Report("peer — the same lookup as one prepared SQLite query on the (version, first_key) index", times, $"{found:N0} found");
}

// The full cross-check (全量核查) of every approved filing, subject and provider.
{
    var clock = Stopwatch.StartNew();
    await using var scope = services.CreateAsyncScope();
    var outcome = await scope.ServiceProvider.GetRequiredService<CrossCheck>().RunAsync(ministry, default);
    Console.WriteLine($"module — full cross-check (CrossCheck.RunAsync over {filings:N0} filings): {clock.Elapsed.TotalSeconds:F1} s, {outcome.Value:N0} new findings");
}
Console.WriteLine($"machine load after: {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;

static void Report(string what, List<double> micros, string note)
{
    micros.Sort();
    Console.WriteLine($"{what}: median {micros[micros.Count / 2]:F0} µs, p99 {micros[(int)(micros.Count * 0.99)]:F0} µs, mean {micros.Average():F0} µs — {note}");
}

internal static class Generator
{
    public const int V4Registries = 40;
    public const int V6Registries = 16;
    private static readonly int[] OrgWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>
    /// Providers, subjects, IPv4 (/8 registry blocks, /16 allocations, /24 assignments) and IPv6 (/16, /32, /48) blocks,
    /// domains and approved filings, consistent except for about 1% deliberate faults per cross-check rule.
    /// </summary>
    public static long Write(SqliteConnection c, int filings, int domainCount, int prefixCount, string dir)
    {
        var random = new Random(2026);
        var provinces = FilingNumber.Abbreviations.Keys.ToArray();
        var providers = Math.Max(20, filings / 2_500);
        var subjects = Math.Max(1, filings * 4 / 5);
        long rows = 0;
        void Table(string sql, int n, Action<int, SqliteCommand> bind)
        {
            using var tx = c.BeginTransaction();
            using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            for (var i = 0; i < n; i++)
            {
                cmd.Parameters.Clear();
                bind(i, cmd);
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
            rows += n;
        }
        static string Code(string body17) => body17 + CreditCode.CheckCharacter(body17);
        // "91" (enterprise), the region, an eight-digit organisation code and its GB 11714 check character (weights 3 7 9 10 5 8 4 2, mod 11).
        static string Body(string region, int n)
        {
            var org = n.ToString("D8", CultureInfo.InvariantCulture);
            var check = 11 - org.Select((c, k) => (c - '0') * OrgWeights[k]).Sum() % 11;
            return "91" + region + org + (check == 10 ? 'X' : check == 11 ? '0' : (char)('0' + check));
        }

        Table("INSERT INTO resources_provider (id, name, credit_code, licence_number, region_code, registered) VALUES ($id, $n, $c, $l, $r, '2020-01-01')", providers, (i, cmd) =>
        {
            cmd.Parameters.AddWithValue("$id", i + 1);
            cmd.Parameters.AddWithValue("$n", $"接入服务商{i + 1}有限公司");
            cmd.Parameters.AddWithValue("$c", Code(Body(provinces[i % provinces.Length], 90_000_000 + i)));
            cmd.Parameters.AddWithValue("$l", i % 100 == 99 ? DBNull.Value : $"B1-2020{i:D4}");
            cmd.Parameters.AddWithValue("$r", provinces[i % provinces.Length]);
        });
        var seq = new Dictionary<string, int>();
        Table("INSERT INTO resources_subject (id, kind, name, credit_code, region_code, registered, filing_number, websites, apps) VALUES ($id, 'organisation', $n, $c, $r, '2020-01-01', $f, 0, 0)", subjects, (i, cmd) =>
        {
            var region = provinces[i % provinces.Length];
            seq[region] = seq.GetValueOrDefault(region) + 1;
            cmd.Parameters.AddWithValue("$id", i + 1);
            cmd.Parameters.AddWithValue("$n", $"示例主体{i + 1}科技有限公司");
            cmd.Parameters.AddWithValue("$c", Code(Body(region, i)));
            cmd.Parameters.AddWithValue("$r", region);
            cmd.Parameters.AddWithValue("$f", FilingNumber.Subject(region, seq[region]));
        });

        // IP blocks: 60% IPv4, 40% IPv6; registry blocks, then allocations (to providers), then assignments.
        var v4 = prefixCount * 3 / 5;
        var v6 = prefixCount - v4;
        var blocks = new List<(string Prefix, string Parent, string Kind, int Provider)>();
        var v4Alloc = Math.Min(v4 / 3, V4Registries * 256);
        for (var r = 0; r < V4Registries; r++)
        {
            blocks.Add(($"{r + 1}.0.0.0/8", "", "registry", 0));
        }
        for (var a = 0; a < v4Alloc; a++)
        {
            blocks.Add(($"{a / 256 + 1}.{a % 256}.0.0/16", $"{a / 256 + 1}.0.0.0/8", "allocation", a % providers + 1));
        }
        for (var s = 0; s < v4 - v4Alloc - V4Registries; s++)
        {
            var a = s % v4Alloc;
            blocks.Add(($"{a / 256 + 1}.{a % 256}.{s / v4Alloc % 256}.0/24", $"{a / 256 + 1}.{a % 256}.0.0/16", "assignment", 0));
        }
        var v6Alloc = Math.Max(1, v6 / 3);
        for (var r = 0; r < V6Registries; r++)
        {
            blocks.Add(($"2400:{r:x}::/32", "", "registry", 0));
        }
        for (var a = 0; a < v6Alloc; a++)
        {
            blocks.Add(($"2400:{a % V6Registries:x}:{a / V6Registries:x}::/48", $"2400:{a % V6Registries:x}::/32", "allocation", a % providers + 1));
        }
        for (var s = 0; s < v6 - v6Alloc - V6Registries; s++)
        {
            var a = s % v6Alloc;
            blocks.Add(($"2400:{a % V6Registries:x}:{a / V6Registries:x}:{s / v6Alloc % 65536:x}::/64", $"2400:{a % V6Registries:x}:{a / V6Registries:x}::/48", "assignment", 0));
        }
        var ids = new Dictionary<string, int>();
        Table("INSERT INTO resources_prefix (id, version, prefix, first_key, last_key, length, parent_id, kind, holder, provider_id, region_code, allocated) VALUES ($id, $v, $p, $f, $l, $len, $parent, $k, $h, $prov, $r, '2021-01-01')", blocks.Count, (i, cmd) =>
        {
            var b = blocks[i];
            var p = IpPrefix.Parse(b.Prefix, out var problem) ?? throw new InvalidOperationException(b.Prefix + ": " + problem);
            ids[p.ToString()] = i + 1;
            cmd.Parameters.AddWithValue("$id", i + 1);
            cmd.Parameters.AddWithValue("$v", p.Family == System.Net.Sockets.AddressFamily.InterNetwork ? 4 : 6);
            cmd.Parameters.AddWithValue("$p", p.ToString());
            cmd.Parameters.AddWithValue("$f", p.FirstKey);
            cmd.Parameters.AddWithValue("$l", p.LastKey);
            cmd.Parameters.AddWithValue("$len", p.Length);
            cmd.Parameters.AddWithValue("$parent", b.Parent == "" ? DBNull.Value : ids[IpPrefix.Parse(b.Parent, out _)!.Value.ToString()]);
            cmd.Parameters.AddWithValue("$k", b.Kind);
            cmd.Parameters.AddWithValue("$h", b.Kind == "registry" ? "CNNIC" : b.Provider > 0 ? $"接入服务商{b.Provider}有限公司" : "某客户");
            cmd.Parameters.AddWithValue("$prov", b.Provider > 0 ? b.Provider : DBNull.Value);
            cmd.Parameters.AddWithValue("$r", b.Kind == "registry" ? "100000" : provinces[i % provinces.Length]);
        });

        // Domains: the first ones are the filed websites' (two per filing), registered to their subject; the rest to others.
        Table("INSERT INTO resources_domain (id, name, unicode_name, registrar, registrant_id, registrant_name, statuses, created, expires, updated) VALUES ($id, $n, $n, '示例注册服务机构', $rid, $rn, 'ok', '2020-01-01', $e, '2020-01-01')", domainCount, (i, cmd) =>
        {
            var filed = i < filings * 2;
            var subject = filed ? i / 2 % subjects + 1 : random.Next(subjects) + 1;
            cmd.Parameters.AddWithValue("$id", i + 1);
            cmd.Parameters.AddWithValue("$n", $"site{i}.cn");
            cmd.Parameters.AddWithValue("$rid", filed && i % 100 == 1 ? DBNull.Value : subject);
            cmd.Parameters.AddWithValue("$rn", filed && i % 100 == 1 ? "另一家公司" : $"示例主体{subject}科技有限公司");
            cmd.Parameters.AddWithValue("$e", filed && i % 100 == 3 ? "2026-01-01" : "2028-01-01");
        });
        Table("INSERT INTO resources_filing (id, kind, subject_id, region_code, provider_id, name, domains, addresses, responsible_name, responsible_id_masked, category, state, submitted, verified, deadline, decided, number) " +
              "VALUES ($id, 'website', $s, $r, $p, $n, $d, $a, '李四', '11***************X', '企业官网', 'approved', '2025-01-02', '2025-01-03', '2025-02-07', '2025-01-10', $num)", filings, (i, cmd) =>
        {
            var subject = i % subjects + 1;
            var region = provinces[(subject - 1) % provinces.Length];
            var provider = i % providers + 1;
            // An address inside one of the provider's IPv4 allocations (the allocation numbered provider-1), 1% elsewhere.
            var a = i % 100 == 5 ? (provider % v4Alloc) : provider - 1;
            cmd.Parameters.AddWithValue("$id", i + 1);
            cmd.Parameters.AddWithValue("$s", subject);
            cmd.Parameters.AddWithValue("$r", region);
            cmd.Parameters.AddWithValue("$p", provider);
            cmd.Parameters.AddWithValue("$n", $"网站{i + 1}");
            cmd.Parameters.AddWithValue("$d", i % 100 == 7 ? $"site{2 * i}.cn unregistered{i}.cn" : $"site{2 * i}.cn site{2 * i + 1}.cn");
            cmd.Parameters.AddWithValue("$a", $"{a % v4Alloc / 256 + 1}.{a % v4Alloc % 256}.{i % 256}.{1 + i % 250}");
            cmd.Parameters.AddWithValue("$num", $"{FilingNumber.Subject(region, (subject - 1) / provinces.Length + 1)}-{i / subjects + 1}");
        });
        // Sample names for the RDAP load test, spread over the registry.
        File.WriteAllLines(Path.Combine(dir, "sample-domains.txt"), Enumerable.Range(0, 2_000).Select(k => $"site{(long)k * domainCount / 2_000}.cn"));
        return rows;
    }
}

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

internal sealed class BenchActor : IActorAccessor
{
    public Actor Current { get; } = Actor.System("bench");
}
