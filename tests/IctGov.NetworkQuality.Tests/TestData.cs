using System.Globalization;
using System.Text;
using IctGov.Kernel;
using IctGov.Kernel.Security;
using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Data;
using IctGov.NetworkQuality.Domain;
using IctGov.NetworkQuality.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.NetworkQuality.Tests;

/// <summary>One speed test as the tests generate it; the statistics are recomputed from these.</summary>
public sealed record M(string Id, DateTime TimeUtc, string Province, string City, string Operator, string Technology,
    string Segment, string Source, double? Dl, double? Ul, double? Latency, double? Jitter, double? Loss)
{
    // CST-TODAY: Beijing time as a fixed UTC+8 shift, the reference for the store's local_date/local_hour.
    public DateTime Local => TimeUtc.AddHours(8);
    public DateOnly LocalDate => DateOnly.FromDateTime(Local);
    public int LocalHour => Local.Hour;
}

/// <summary>A store in a fresh data directory, deleted afterwards.</summary>
internal sealed class TestStore : IDisposable
{
    public TestStore(NetqOptions? options = null, string? directory = null)
    {
        _owned = directory is null;
        Directory = directory ?? Path.Combine(Path.GetTempPath(), "netq-test-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Options = options ?? new NetqOptions();
        Store = new NetqStore(new StorageOptions(DatabaseProvider.Sqlite, Directory, "unused"), Options);
        Importer = new Importer(Store, Audit);
        Analytics = new Analytics(Store);
    }

    private readonly bool _owned;

    public static TestStore At(string directory, NetqOptions options) => new(options, directory);

    public string Directory { get; }
    public NetqOptions Options { get; }

    /// <summary>What the store's writes appended to the audit log.</summary>
    public TestAuditLog Audit { get; } = new();
    internal NetqStore Store { get; }
    internal Importer Importer { get; }
    internal Analytics Analytics { get; }

    public string File(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>The module's service over this store, acting as <paramref name="actor"/> (the command line's system actor by default).</summary>
    internal NetqService Service(Actor? actor = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IActorAccessor>(new FixedActor(actor ?? Actor.System("cli")));
        return new NetqService(Store, Importer, Analytics, Audit, services.BuildServiceProvider().GetRequiredService<IServiceScopeFactory>());
    }

    private sealed class FixedActor(Actor actor) : IActorAccessor
    {
        public Actor Current => actor;
    }

    /// <summary>Imports a file as the tests' system actor.</summary>
    internal Task<NetqImportReport> ImportFileAsync(string path, string? format, CancellationToken ct) => Importer.ImportFileAsync(path, format, Actor.System("test"), ct);

    public async Task ImportAsync(IEnumerable<M> rows)
    {
        var report = await ImportFileAsync(File($"{Guid.NewGuid():N}.csv", TestData.Csv(rows)), null, default);
        Assert.True(report.Succeeded, report.FileError + string.Join("; ", report.Problems));
    }

    /// <summary>The exact summary rows as the API would return them, read into dictionaries.</summary>
    internal async Task<List<Dictionary<string, object?>>> SummaryAsync(string groupBy, NetqFilterText? filter = null)
    {
        var query = TestData.Query(groupBy, filter);
        await using var c = await Store.OpenAsync(default);
        using var cmd = c.CreateCommand();
        cmd.CommandText = Analytics.SummarySql(query, cmd);
        using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await r.ReadAsync())
        {
            var d = new Dictionary<string, object?>();
            for (var i = 0; i < r.FieldCount; i++) d[r.GetName(i)] = r.IsDBNull(i) ? null : Analytics.KeyValue(r.GetValue(i));
            rows.Add(d);
        }
        return rows;
    }

    public void Dispose()
    {
        Store.Dispose();
        if (!_owned) return;
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}

internal static class TestData
{
    /// <summary>A query checked as the API checks it; a bad one fails the test.</summary>
    public static NetqQuery Query(string groupBy, NetqFilterText? filter = null)
    {
        var errors = new Dictionary<string, string[]>();
        var query = new NetqSummaryText
        {
            GroupBy = groupBy, From = filter?.From, To = filter?.To, Province = filter?.Province, City = filter?.City,
            Operator = filter?.Operator, Technology = filter?.Technology, Segment = filter?.Segment, Source = filter?.Source,
        }.ToQuery(errors);
        return query ?? throw new InvalidOperationException(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
    }

    public const string Header = "id,time_utc,province,city,operator,technology,segment,source,dl_mbps,ul_mbps,latency_ms,jitter_ms,loss_pct,device_hash,test_server";

    private static string N(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    public static string Line(M m) => string.Join(",", m.Id, m.TimeUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        m.Province, m.City, m.Operator, m.Technology, m.Segment, m.Source, N(m.Dl), N(m.Ul), N(m.Latency), N(m.Jitter), N(m.Loss), "dev" + m.Id, "srv1");

    public static string Csv(IEnumerable<M> rows)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var m in rows) sb.Append(Line(m)).Append('\n');
        return sb.ToString();
    }

    public static readonly string[] Provinces = ["110000", "310000", "440000"];
    public static readonly string[] Operators = ["ct", "cm", "cu"];

    /// <summary>Random but reproducible tests in March 2026, with rates rounded so that ties occur.</summary>
    public static List<M> Random(int n, int seed, DateTime? start = null, int days = 28)
    {
        var rng = new Random(seed);
        var t0 = start ?? new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var list = new List<M>(n);
        for (var i = 0; i < n; i++)
        {
            var p = Provinces[rng.Next(Provinces.Length)];
            var tech = Codes.Technologies[rng.Next(Codes.Technologies.Length)];
            list.Add(new M($"r{seed}-{i}", t0.AddMinutes(rng.Next(days * 24 * 60)), p, p[..2] + "0" + rng.Next(1, 4) + "00",
                Operators[rng.Next(Operators.Length)], tech, Codes.Segments[rng.Next(Codes.Segments.Length)], Codes.Sources[rng.Next(Codes.Sources.Length)],
                Math.Round(rng.NextDouble() * 400, 0), rng.Next(10) == 0 ? null : Math.Round(rng.NextDouble() * 40, 1),
                Math.Round(5 + (rng.NextDouble() * 80), 1), Math.Round(rng.NextDouble() * 10, 2), Math.Round(rng.NextDouble() * 2, 2)));
        }
        return list;
    }

    public static M One(string id, double? dl, double? ul, string technology = "5g-sa", string province = "440000", string op = "cm", DateTime? time = null, double? latency = 20) =>
        new(id, time ?? new DateTime(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc), province, province[..2] + "0100", op, technology, "access", "app", dl, ul, latency, 1, 0.1);
}

/// <summary>Independent computations of the platform's statistics, in plain C#.</summary>
internal static class Reference
{
    /// <summary>Hyndman–Fan type 7: position (n − 1)·p over the ascending values, linear between neighbours.</summary>
    public static double? PercentileCont(IEnumerable<double?> values, double p)
    {
        var v = values.Where(x => x.HasValue).Select(x => x!.Value).Order().ToArray();
        if (v.Length == 0) return null;
        var h = (v.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, v.Length - 1);
        return v[lo] + ((h - lo) * (v[hi] - v[lo]));
    }

    public static double? Mean(IEnumerable<double?> values)
    {
        var v = values.Where(x => x.HasValue).Select(x => x!.Value).ToArray();
        return v.Length == 0 ? null : v.Average();
    }

    public static double? Share(IEnumerable<M> rows, NetqOptions options)
    {
        var judged = rows.Where(m => options.Bars.ContainsKey(m.Technology) && m.Dl.HasValue && m.Ul.HasValue).ToList();
        if (judged.Count == 0) return null;
        return (double)judged.Count(m => m.Dl >= options.Bars[m.Technology].DownMbps && m.Ul >= options.Bars[m.Technology].UpMbps) / judged.Count;
    }
}
