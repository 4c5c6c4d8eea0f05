using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using NetqGen;

// Generates a synthetic national network-quality dataset inside DuckDB and writes it with COPY.
//   dotnet run -c Release --project bench/netq/NetqGen -- --rows N --out FILE.parquet|FILE.csv [--seed S]
//       [--start 2026-01-05] [--days 56] [--threads T] [--memory 4GB] [--chunk 1000000] [--print-sql]
// Every value is a function of (row number, seed): the same arguments give the same rows.
var options = GenOptions.Parse(args);
if (options is null)
{
    return 2;
}

var sql = Generator.Script(options);
if (options.PrintSql)
{
    Console.WriteLine(string.Join(";\n", sql) + ";");
    return 0;
}

// NETQGEN_PROFILE=FILE writes DuckDB's operator profile of the generating query (for tuning).
var profile = Environment.GetEnvironmentVariable("NETQGEN_PROFILE");
if (!string.IsNullOrEmpty(profile))
{
    sql.Insert(sql.Count - 1, "PRAGMA enable_profiling = 'query_tree'");
    sql.Insert(sql.Count - 1, $"PRAGMA profiling_output = '{profile.Replace("'", "''", StringComparison.Ordinal)}'");
}

var clock = Stopwatch.StartNew();
if (options.Rows > options.Chunk)
{
    Directory.CreateDirectory(options.PartsDirectory);
}

using (var connection = new DuckDBConnection("Data Source=:memory:"))
{
    connection.Open();
    foreach (var statement in sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = statement;
        command.ExecuteNonQuery();
    }
}

if (Directory.Exists(options.PartsDirectory))
{
    Directory.Delete(options.PartsDirectory, recursive: true);
}

var size = new FileInfo(options.Out).Length;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"wrote {options.Rows:N0} rows to {options.Out} ({size / 1048576.0:F1} MiB) in {clock.Elapsed.TotalSeconds:F1} s"));
return 0;

internal sealed record GenOptions(long Rows, string Out, long Seed, DateOnly Start, int Days, int Threads, string Memory, bool PrintSql, long Chunk)
{
    public string PartsDirectory => Out + ".parts";

    public bool Csv => Out.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    public static GenOptions? Parse(string[] args)
    {
        long rows = 1_000_000;
        string? output = null;
        long seed = 1;
        var start = new DateOnly(2026, 1, 5);
        var days = 56;
        var threads = 0;
        var memory = "4GB";
        var printSql = false;
        long chunk = 1_000_000;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--rows": rows = long.Parse(Next().Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture); break;
                case "--out": output = Next(); break;
                case "--seed": seed = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--start": start = DateOnly.ParseExact(Next(), "yyyy-MM-dd", CultureInfo.InvariantCulture); break;
                case "--days": days = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--memory": memory = Next(); break;
                case "--print-sql": printSql = true; break;
                case "--chunk": chunk = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"unknown argument {args[i]}");
                    return null;
            }
        }

        if (output is null || rows < 1 || days < 1 || seed < 0 || chunk < 1)
        {
            Console.Error.WriteLine("usage: NetqGen --rows N (>= 1) --out FILE.parquet|FILE.csv [--seed S >= 0] [--start YYYY-MM-DD] [--days D] [--threads T] [--memory 4GB]");
            return null;
        }

        if (!output.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !output.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine($"--out {output}: expected a name ending in .parquet or .csv");
            return null;
        }

        return new GenOptions(rows, Path.GetFullPath(output), seed, start, days, threads, memory, printSql, chunk);
    }
}

internal static class Generator
{
    // Slots per weighted draw: a row picks hash % Slots and joins a small table in which each
    // item owns a share of slots proportional to its weight. An equi-join on a tiny table is far
    // cheaper over 100M rows than a range join on cumulative weights.
    private const int Slots = 4096;

    public static List<string> Script(GenOptions o)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = o.Seed.ToString(inv);
        var script = new List<string>
        {
            $"SET memory_limit = '{o.Memory.Replace("'", "", StringComparison.Ordinal)}'",
            "SET preserve_insertion_order = false",
        };
        if (o.Threads > 0)
        {
            script.Add($"SET threads = {o.Threads.ToString(inv)}");
        }

        // u(i, k): the k-th uniform draw of row i, in (0, 1); 53 bits of a seeded hash.
        script.Add($"CREATE MACRO u(i, k) AS ((hash(i, k, {s}::BIGINT) >> 11)::DOUBLE + 0.5) / 9007199254740992.0");
        script.Add($"CREATE MACRO slot(i, k) AS (hash(i, k, {s}::BIGINT) % {Slots})::BIGINT");

        script.Add("CREATE TABLE prov AS SELECT * FROM (VALUES " +
            Model.Values(Model.Provinces, p => [p.Code, p.Tier, p.PopulationM * Model.UsagePerHead(p.Tier), p.Quality]) +
            ") t(province, tier, weight, prov_q)");
        var capitals = Model.Cities.GroupBy(c => c.Province).Select(g => g.First().City).ToHashSet();
        script.Add("CREATE TABLE city AS SELECT * FROM (VALUES " +
            Model.Values(Model.Cities, c => [c.Province, c.City, c.PopulationM, capitals.Contains(c.City) ? 1.05 : 1.0]) +
            ") t(province, city, weight, city_q)");
        script.Add("CREATE TABLE tech AS SELECT * FROM (VALUES " +
            Model.Values(Model.Technologies, t => [t.Name, t.Access, t.DlMedian, t.SigmaLow, t.SigmaHigh, t.UlRatio, t.LatencyMedian, t.CapMbps]) +
            ") t(technology, access, dl_med, s_lo, s_hi, ul_ratio, lat_med, cap)");
        script.Add("CREATE TABLE tech_mix AS SELECT m.*, t.access FROM (VALUES " +
            Model.Values(Model.TechnologyMix, m => [m.Tier, m.Technology, m.Weight]) +
            ") m(tier, technology, weight) JOIN tech t USING (technology)");
        script.Add("CREATE TABLE ops AS SELECT * FROM (VALUES " +
            Model.Values(Model.Operators, p => [p.Access, p.Operator, p.Share, p.Quality]) +
            ") t(access, operator, weight, op_q)");
        script.Add("CREATE TABLE hours AS SELECT * FROM (VALUES " +
            Model.Values(Enumerable.Range(0, 24), h => ["mobile", h, Model.MobileHourWeight[h]]) + ", " +
            Model.Values(Enumerable.Range(0, 24), h => ["fixed", h, Model.FixedHourWeight[h]]) +
            ") t(access, hour, weight)");

        script.Add(SlotTable("prov", "0", "province"));
        script.Add(SlotTable("city", "province", "city"));
        script.Add(SlotTable("tech_mix", "tier, access", "technology"));
        script.Add(SlotTable("ops", "access", "operator"));
        script.Add(SlotTable("hours", "access", "hour"));

        var n = o.Rows.ToString(inv);
        var days = o.Days.ToString(inv);
        var devices = Math.Max(1000, o.Rows / 25).ToString(inv);
        var start = o.Start.ToString("yyyy-MM-dd", inv);
        // The hash joins below keep the order of the range only per chunk, which is enough: day is
        // a function of the row number, so the file is in time order at the scale of row groups
        // (DuckDB's min/max zone maps work) without sorting 100M rows.
        string Select(long lo, long hi) => $"""
            WITH r AS (
                SELECT i,
                    slot(i, 1) AS ps, slot(i, 2) AS cs, u(i, 3) AS u_src, u(i, 4) AS u_acc,
                    slot(i, 5) AS ts, slot(i, 6) AS os, slot(i, 7) AS hs, u(i, 8) AS u_seg,
                    (i * {days}) // {n} AS day, hash(i, 9, {s}::BIGINT) % 3600 AS sec,
                    sqrt(-2 * ln(u(i, 10))) AS ra, 2 * pi() * u(i, 11) AS ta,
                    sqrt(-2 * ln(u(i, 12))) AS rb, 2 * pi() * u(i, 13) AS tb,
                    u(i, 14) AS u_loss, hash(i, 15, {s}::BIGINT) % {devices} AS dev
                FROM range({lo.ToString(inv)}, {hi.ToString(inv)}) t(i)
            ), a AS (
                SELECT r.*, p.province, p.tier, p.prov_q,
                    CASE WHEN u_src < 0.72 THEN 'app' WHEN u_src < 0.90 THEN 'probe' ELSE 'counter' END AS source,
                    ra * cos(ta) AS z1, ra * sin(ta) AS z2, rb * cos(tb) AS z3, rb * sin(tb) AS z4
                FROM r JOIN prov_slot p ON p.slot = r.ps
            ), b AS (
                SELECT a.*,
                    CASE WHEN u_acc < CASE source WHEN 'app' THEN 0.62 WHEN 'probe' THEN 0.30 ELSE 0.50 END
                        THEN 'mobile' ELSE 'fixed' END AS access,
                    CASE WHEN source = 'app' THEN 'e2e'
                         WHEN source = 'probe' THEN CASE WHEN u_seg < 0.35 THEN 'access' WHEN u_seg < 0.55 THEN 'metro' WHEN u_seg < 0.75 THEN 'backbone' ELSE 'idc' END
                         ELSE CASE WHEN u_seg < 0.50 THEN 'access' WHEN u_seg < 0.80 THEN 'metro' ELSE 'backbone' END END AS segment
                FROM a
            ), c AS (
                SELECT b.*, c.city, c.city_q, m.technology, t.dl_med, t.s_lo, t.s_hi, t.ul_ratio, t.lat_med, t.cap,
                    o.operator, o.op_q, h.hour,
                    -- province x operator interaction (about +-8%), so national ranks are not the same everywhere
                    1 + 0.16 * ((hash(b.province, o.operator, {s}::BIGINT) % 1000) / 1000.0 - 0.5) AS po_q,
                    b.day >= {days} - 7 AND b.province = '450000' AND o.operator = 'cu' AND b.access = 'mobile' AS incident
                FROM b
                JOIN city_slot c ON c.province = b.province AND c.slot = b.cs
                JOIN tech_mix_slot m ON m.tier = b.tier AND m.access = b.access AND m.slot = b.ts
                JOIN tech t ON t.technology = m.technology
                JOIN ops_slot o ON o.access = b.access AND o.slot = b.os
                JOIN hours_slot h ON h.access = b.access AND h.slot = b.hs
            ), f AS (
                SELECT c.*,
                    prov_q * city_q * op_q * po_q
                        * CASE WHEN hour BETWEEN 19 AND 23 THEN CASE access WHEN 'mobile' THEN 0.72 ELSE 0.82 END
                               WHEN hour BETWEEN 0 AND 6 THEN 1.10 ELSE 1.0 END
                        * CASE WHEN incident THEN 0.55 ELSE 1.0 END AS f,
                    CASE segment WHEN 'access' THEN 0.35 WHEN 'metro' THEN 0.55 WHEN 'backbone' THEN 0.80 WHEN 'idc' THEN 0.60 ELSE 1.0 END
                        * CASE tier WHEN 1 THEN 0.90 WHEN 2 THEN 1.0 ELSE 1.25 END / prov_q
                        * CASE WHEN hour BETWEEN 19 AND 23 THEN 1.20 ELSE 1.0 END
                        * CASE WHEN incident THEN 1.5 ELSE 1.0 END AS lat_f
                FROM c
            ), m AS (
                SELECT f.*,
                    least(cap, dl_med * f * exp(z1 * CASE WHEN z1 < 0 THEN s_lo ELSE s_hi END)) AS dl,
                    least(cap * 0.6, dl_med * ul_ratio * pow(f, 0.8) * exp(0.5 * (s_lo + s_hi) * (0.6 * z1 + 0.8 * z2))) AS ul,
                    greatest(0.5, lat_med * lat_f * exp(0.45 * (-0.5 * z1 + 0.866 * z3))) AS lat,
                    0.015 + CASE WHEN z1 < -1.5 THEN 0.12 ELSE 0 END + CASE WHEN incident THEN 0.08 ELSE 0 END AS p_loss
                FROM f
            )
            SELECT
                i + 1 AS id,
                (DATE '{start}' + day::INTEGER + to_hours(hour::BIGINT) + to_seconds(sec::BIGINT) - INTERVAL 8 HOUR)::TIMESTAMP AS time_utc,
                province, city, operator, technology, segment, source,
                round(dl, 2) AS dl_mbps,
                round(ul, 2) AS ul_mbps,
                round(lat, 1) AS latency_ms,
                round(lat * 0.12 * exp(0.6 * z4 - 0.2 * z1), 2) AS jitter_ms,
                CASE WHEN u_loss < p_loss THEN least(100.0, greatest(0.01, round(exp(-0.7 + 0.9 * z4), 2))) ELSE 0.0 END AS loss_pct,
                lpad(lower(hex(hash(dev, 99, {s}::BIGINT))), 16, '0') AS device_hash,
                CASE source WHEN 'app' THEN 'st-' || city || '-' || operator
                            WHEN 'probe' THEN 'pr-' || province || '-' || segment
                            ELSE 'nms-' || province || '-' || operator END AS test_server
            FROM m
            """;

        // Written in chunks, then concatenated by a plain scan: one query over all rows holds
        // memory in proportion to the row count (the joins' out-of-order batches), chunks do not.
        var parts = new List<string>();
        for (long lo = 0; lo < o.Rows; lo += o.Chunk)
        {
            var hi = Math.Min(o.Rows, lo + o.Chunk);
            var part = o.Rows <= o.Chunk ? o.Out : Path.Combine(o.PartsDirectory, $"part-{parts.Count:D5}.parquet");
            parts.Add(part);
            script.Add(o.Csv && o.Rows <= o.Chunk
                ? $"COPY (SELECT * REPLACE (strftime(time_utc, '%Y-%m-%dT%H:%M:%SZ') AS time_utc) FROM ({Select(lo, hi)})) TO {Quote(part)} (FORMAT csv, HEADER true)"
                : $"COPY ({Select(lo, hi)}) TO {Quote(part)} (FORMAT parquet, COMPRESSION zstd)");
        }

        if (parts.Count > 1)
        {
            script.Add("SET preserve_insertion_order = true");
            var all = $"read_parquet([{string.Join(", ", parts.Select(Quote))}])";
            script.Add(o.Csv
                ? $"COPY (SELECT * REPLACE (strftime(time_utc, '%Y-%m-%dT%H:%M:%SZ') AS time_utc) FROM {all}) TO {Quote(o.Out)} (FORMAT csv, HEADER true)"
                : $"COPY (SELECT * FROM {all}) TO {Quote(o.Out)} (FORMAT parquet, COMPRESSION zstd)");
        }

        return script;
    }

    private static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Assigns Slots slots per partition, each item owning a share proportional to its weight.</summary>
    private static string SlotTable(string table, string partition, string order) => $"""
        CREATE TABLE {table}_slot AS
        WITH w AS (
            SELECT *,
                sum(weight) OVER (PARTITION BY {partition} ORDER BY {order} ROWS UNBOUNDED PRECEDING) AS hi,
                sum(weight) OVER (PARTITION BY {partition}) AS tot
            FROM {table})
        SELECT s.slot AS slot, w.* EXCLUDE (weight, hi, tot)
        FROM w, range({Slots}) s(slot)
        WHERE (s.slot + 0.5) / {Slots} * w.tot < w.hi AND (s.slot + 0.5) / {Slots} * w.tot >= w.hi - w.weight
        """;
}
