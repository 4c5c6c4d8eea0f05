using System.Globalization;
using DuckDB.NET.Data;
using IctGov.Kernel;
using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Domain;

namespace IctGov.NetworkQuality.Data;

/// <summary>A roll-up table of hourly measures (counts, sums, bar-meeting counts) at one grain.</summary>
internal sealed record RollupLevel(string Table, string[] Keys)
{
    public bool Covers(IEnumerable<string> columns) => columns.All(Keys.Contains);
}

/// <summary>
/// A rate histogram table: one row per (cell, metric, bin) with the count. Day grain except the
/// national day × hour table, so its size is bounded by days × groups × bins, not by the tests.
/// </summary>
internal sealed record HistLevel(string Table, string[] Keys)
{
    public bool Covers(IEnumerable<string> columns) => columns.All(Keys.Contains);
}

/// <summary>
/// The embedded columnar store, <c>&lt;data&gt;/netq/netq.duckdb</c>. DuckDB lets one process open
/// a file read-write; inside that process every operation opens its own connection on the shared
/// database. The file is opened on first use, not at start-up, so that commands which do not touch
/// network quality keep working while the web host holds it.
/// </summary>
internal sealed class NetqStore(StorageOptions storage, NetqOptions options) : IDisposable
{
    /// <summary>The grain the plan asks for: hour × province × city × operator × technology × segment × source.</summary>
    public static readonly RollupLevel Fine = new("rollup_hourly",
        ["local_date", "local_hour", "province", "city", "operator", "technology", "segment", "source"]);

    /// <summary>A coarser grain for the province and operator dashboards: far fewer rows to add up.</summary>
    public static readonly RollupLevel Coarse = new("rollup_province",
        ["local_date", "local_hour", "province", "operator", "technology"]);

    public static readonly RollupLevel[] Levels = [Coarse, Fine];

    /// <summary>The additive measures of <see cref="Levels"/>' tables, in column order.</summary>
    public static readonly string[] Measures = ["n", "dl_n", "dl_sum", "ul_n", "ul_sum", "lat_n", "lat_sum", "loss_n", "loss_sum", "judged_n", "meet_n"];

    /// <summary>
    /// Week-grain copies (Monday-start weeks of local dates) of the day-grain tables the rankings
    /// read: a query over whole weeks reads a seventh of the rows, and the days at the edges of
    /// its range come from the day tables. Added up from the day tables, never from the rows.
    /// </summary>
    public static readonly (string Table, string From, string[] Keys, string[] Measures)[] WeekTables =
    [
        ("rollup_week", "rollup_hourly", ["local_hour", "province", "city", "operator", "technology"], Measures),
        ("rollup_province_hist_week", "rollup_province_hist", ["province", "operator", "technology", "metric", "bin"], ["n"]),
        ("rollup_city_hist_week", "rollup_city_hist", ["province", "city", "operator", "technology", "metric", "bin"], ["n"]),
    ];

    /// <summary>The week (Monday) of a local date, in portable SQL.</summary>
    public static string WeekOf(string date) => $"CAST(date_trunc('week', {date}) AS DATE)";

    /// <summary>
    /// Histograms, smallest first: the national heatmap (day × hour), then province and city by day.
    /// Hour-of-day percentiles of one province or operator, and percentiles under a segment or
    /// source filter, are not kept: those come from the exact summary.
    /// </summary>
    public static readonly HistLevel[] HistLevels =
    [
        new("rollup_national_hist", ["local_date", "local_hour"]),
        new("rollup_province_hist", ["local_date", "province", "operator", "technology"]),
        new("rollup_city_hist", ["local_date", "province", "city", "operator", "technology"]),
    ];

    /// <summary>Bumped when the roll-up tables change shape; older ones are dropped and rebuilt from the rows.</summary>
    private const string RollupSchemaVersion = "2";

    private readonly Lock _gate = new();
    private DuckDBConnection? _root;

    public string FilePath { get; } = Path.Combine(storage.DataDirectory, "netq", "netq.duckdb");
    public NetqOptions Options { get; } = options;

    /// <summary>Serialises writers: duplicate detection by id relies on one import at a time.</summary>
    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    private string ConnectionString => $"Data Source={FilePath}";

    /// <summary>A new connection on the shared database; the caller disposes it.</summary>
    public async Task<DuckDBConnection> OpenAsync(CancellationToken ct)
    {
        EnsureCreated();
        var c = new DuckDBConnection(ConnectionString);
        await c.OpenAsync(ct);
        return c;
    }

    private void EnsureCreated()
    {
        lock (_gate)
        {
            if (_root is not null) return;
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var root = new DuckDBConnection(ConnectionString);
            try
            {
                root.Open();
            }
            catch (DuckDBException e) when (e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
            {
                root.Dispose();
                throw new NetqStoreBusyException(
                    $"the network-quality store {FilePath} is open in another process (is `ictgov serve` running on this data directory?). " +
                    "Stop it, or send the rows to the running server: POST /api/v1/netq/measurements", e);
            }
            ApplySettings(root);
            Execute(root, "CREATE TABLE IF NOT EXISTS netq_meta (key VARCHAR PRIMARY KEY, value VARCHAR);");
            var fingerprint = BarFingerprint();
            var stored = Scalar(root, "SELECT value FROM netq_meta WHERE key = 'bars'") as string;
            if (Scalar(root, "SELECT value FROM netq_meta WHERE key = 'rollups'") as string != RollupSchemaVersion)
            {
                // Histograms of an older shape (hour grain): drop them; they are rebuilt from the rows below.
                Execute(root, "DROP TABLE IF EXISTS rollup_hourly_hist; DROP TABLE IF EXISTS rollup_province_hist;");
                stored = null;
            }
            Execute(root, Schema);
            if (Convert.ToInt64(Scalar(root, "SELECT COUNT(*) FROM rollup_week"), CultureInfo.InvariantCulture) == 0
                && Convert.ToInt64(Scalar(root, "SELECT COUNT(*) FROM rollup_province"), CultureInfo.InvariantCulture) > 0)
            {
                // A store from before the week tables: add them up from the day tables.
                Execute(root, $"CREATE OR REPLACE TEMP TABLE part_dates AS SELECT DISTINCT local_date FROM rollup_province;\n{WeekSql()}DROP TABLE part_dates;");
            }
            if (stored != fingerprint)
            {
                // Bar-meeting counts in the roll-ups were computed with other bars (or are missing): recompute them.
                Execute(root, RebuildSql());
                Execute(root, $"""
                    DELETE FROM netq_meta WHERE key IN ('bars', 'rollups');
                    INSERT INTO netq_meta VALUES ('bars', {Literal(fingerprint)}), ('rollups', '{RollupSchemaVersion}');
                    """);
            }
            _root = root;
        }
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS measurement (
            id VARCHAR NOT NULL, time_utc TIMESTAMP NOT NULL, local_hour TINYINT NOT NULL, local_date DATE NOT NULL,
            province VARCHAR NOT NULL, city VARCHAR NOT NULL, operator VARCHAR NOT NULL, technology VARCHAR NOT NULL,
            segment VARCHAR NOT NULL, source VARCHAR NOT NULL,
            dl_mbps DOUBLE, ul_mbps DOUBLE, latency_ms DOUBLE, jitter_ms DOUBLE, loss_pct DOUBLE,
            device_hash VARCHAR, test_server VARCHAR);
        CREATE TABLE IF NOT EXISTS netq_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
        CREATE TABLE IF NOT EXISTS rollup_hourly (
            local_date DATE NOT NULL, local_hour TINYINT NOT NULL, province VARCHAR NOT NULL, city VARCHAR NOT NULL,
            operator VARCHAR NOT NULL, technology VARCHAR NOT NULL, segment VARCHAR NOT NULL, source VARCHAR NOT NULL,
            n BIGINT, dl_n BIGINT, dl_sum DOUBLE, ul_n BIGINT, ul_sum DOUBLE, lat_n BIGINT, lat_sum DOUBLE,
            loss_n BIGINT, loss_sum DOUBLE, judged_n BIGINT, meet_n BIGINT);
        CREATE TABLE IF NOT EXISTS rollup_province (
            local_date DATE NOT NULL, local_hour TINYINT NOT NULL, province VARCHAR NOT NULL,
            operator VARCHAR NOT NULL, technology VARCHAR NOT NULL,
            n BIGINT, dl_n BIGINT, dl_sum DOUBLE, ul_n BIGINT, ul_sum DOUBLE, lat_n BIGINT, lat_sum DOUBLE,
            loss_n BIGINT, loss_sum DOUBLE, judged_n BIGINT, meet_n BIGINT);
        CREATE TABLE IF NOT EXISTS rollup_national_hist (
            local_date DATE NOT NULL, local_hour TINYINT NOT NULL, metric VARCHAR NOT NULL, bin SMALLINT NOT NULL, n BIGINT);
        CREATE TABLE IF NOT EXISTS rollup_province_hist (
            local_date DATE NOT NULL, province VARCHAR NOT NULL, operator VARCHAR NOT NULL, technology VARCHAR NOT NULL,
            metric VARCHAR NOT NULL, bin SMALLINT NOT NULL, n BIGINT);
        CREATE TABLE IF NOT EXISTS rollup_city_hist (
            local_date DATE NOT NULL, province VARCHAR NOT NULL, city VARCHAR NOT NULL, operator VARCHAR NOT NULL, technology VARCHAR NOT NULL,
            metric VARCHAR NOT NULL, bin SMALLINT NOT NULL, n BIGINT);
        CREATE TABLE IF NOT EXISTS rollup_week (
            local_week DATE NOT NULL, local_hour TINYINT NOT NULL, province VARCHAR NOT NULL, city VARCHAR NOT NULL,
            operator VARCHAR NOT NULL, technology VARCHAR NOT NULL,
            n BIGINT, dl_n BIGINT, dl_sum DOUBLE, ul_n BIGINT, ul_sum DOUBLE, lat_n BIGINT, lat_sum DOUBLE,
            loss_n BIGINT, loss_sum DOUBLE, judged_n BIGINT, meet_n BIGINT);
        CREATE TABLE IF NOT EXISTS rollup_province_hist_week (
            local_week DATE NOT NULL, province VARCHAR NOT NULL, operator VARCHAR NOT NULL, technology VARCHAR NOT NULL,
            metric VARCHAR NOT NULL, bin SMALLINT NOT NULL, n BIGINT);
        CREATE TABLE IF NOT EXISTS rollup_city_hist_week (
            local_week DATE NOT NULL, province VARCHAR NOT NULL, city VARCHAR NOT NULL, operator VARCHAR NOT NULL, technology VARCHAR NOT NULL,
            metric VARCHAR NOT NULL, bin SMALLINT NOT NULL, n BIGINT);
        """;

    private string BarFingerprint() =>
        string.Join(";", Options.Bars.OrderBy(b => b.Key, StringComparer.Ordinal)
            .Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Key}={b.Value.DownMbps}/{b.Value.UpMbps}")));

    /// <summary>
    /// Bounds DuckDB's memory and gives it a spill directory under the data directory, so a large
    /// import spills to disk instead of growing towards DuckDB's default limit of 80 % of RAM.
    /// Insertion order is not kept: nothing reads rows in file order, and keeping it costs memory.
    /// </summary>
    private void ApplySettings(DuckDBConnection root)
    {
        var temp = Path.Combine(Path.GetDirectoryName(FilePath)!, "tmp");
        Directory.CreateDirectory(temp);
        Execute(root, $"""
            SET memory_limit = {Literal(Options.MemoryLimit)};
            SET temp_directory = {Literal(temp)};
            SET preserve_insertion_order = false;
            """);
    }

    /// <summary>The bars as a relation (technology, dl_min, ul_min) to join measurements with.</summary>
    public string BarRelation()
    {
        if (Options.Bars.Count == 0)
        {
            return "(SELECT CAST(NULL AS VARCHAR) AS technology, CAST(NULL AS DOUBLE) AS dl_min, CAST(NULL AS DOUBLE) AS ul_min WHERE 1 = 0)";
        }
        var rows = string.Join(", ", Options.Bars.Select(b =>
            string.Create(CultureInfo.InvariantCulture, $"({Literal(b.Key)}, CAST({b.Value.DownMbps:R} AS DOUBLE), CAST({b.Value.UpMbps:R} AS DOUBLE))")));
        return $"(SELECT * FROM (VALUES {rows}) AS v(technology, dl_min, ul_min))";
    }

    /// <summary>
    /// The roll-ups of the rows in <paramref name="source"/> (a table or view with the measurement
    /// columns) as temporary tables part_&lt;table&gt;, for <see cref="MergeRollupSql"/> to write.
    /// </summary>
    /// <remarks>
    /// The batch is read twice: for the finest hourly grain (the coarse one is added up from it)
    /// and for the three histograms.
    /// </remarks>
    public string PartialRollupSql(string source)
    {
        var sql = new System.Text.StringBuilder();
        var fineKeys = string.Join(", ", Fine.Keys.Select(k => "m." + k));
        sql.Append(CultureInfo.InvariantCulture, $"""
            CREATE OR REPLACE TEMP TABLE part_{Fine.Table} AS
            SELECT {fineKeys}, COUNT(*) AS n, COUNT(m.dl_mbps) AS dl_n, COALESCE(SUM(m.dl_mbps), 0) AS dl_sum,
                COUNT(m.ul_mbps) AS ul_n, COALESCE(SUM(m.ul_mbps), 0) AS ul_sum,
                COUNT(m.latency_ms) AS lat_n, COALESCE(SUM(m.latency_ms), 0) AS lat_sum, COUNT(m.loss_pct) AS loss_n, COALESCE(SUM(m.loss_pct), 0) AS loss_sum,
                SUM(CASE WHEN {Judged} THEN 1 ELSE 0 END) AS judged_n, SUM(CASE WHEN {Meets} THEN 1 ELSE 0 END) AS meet_n
            FROM {source} m LEFT JOIN {BarRelation()} bar ON bar.technology = m.technology
            GROUP BY {fineKeys};
            CREATE OR REPLACE TEMP TABLE part_{Coarse.Table} AS
            SELECT {string.Join(", ", Coarse.Keys)}, {string.Join(", ", Measures.Select(x => $"SUM({x}) AS {x}"))}
            FROM part_{Fine.Table} GROUP BY {string.Join(", ", Coarse.Keys)};

            """);
        // One pass over the batch for all three histograms: each rate becomes a (metric, bin) row
        // and grouping sets count the city, province and national cells together. The keys are
        // never NULL in the batch, so a NULL key marks a grouping set that left it out.
        var (national, province, city) = (HistLevels[0], HistLevels[1], HistLevels[2]);
        var histKeys = new[] { "local_date", "local_hour", "province", "city", "operator", "technology" };
        string Set(HistLevel h) => "(" + string.Join(", ", h.Keys.Append("metric").Append("bin")) + ")";
        string Part(HistLevel h, string where) =>
            $"CREATE OR REPLACE TEMP TABLE part_{h.Table} AS SELECT {string.Join(", ", h.Keys)}, metric, bin, n FROM part_hist WHERE {where};\n";
        sql.Append(CultureInfo.InvariantCulture, $"""
            CREATE OR REPLACE TEMP TABLE part_hist AS
            SELECT {string.Join(", ", histKeys)}, metric, bin, COUNT(*) AS n FROM (
                SELECT {string.Join(", ", histKeys.Select(k => "m." + k))}, x.metric, CAST({RateHistogram.SqlBin("CASE x.metric WHEN 'dl' THEN m.dl_mbps ELSE m.ul_mbps END")} AS SMALLINT) AS bin
                FROM {source} m CROSS JOIN (SELECT 'dl' AS metric UNION ALL SELECT 'ul') x
                WHERE CASE x.metric WHEN 'dl' THEN m.dl_mbps ELSE m.ul_mbps END IS NOT NULL) m
            GROUP BY GROUPING SETS ({Set(city)}, {Set(province)}, {Set(national)});
            {Part(city, "city IS NOT NULL")}{Part(province, "province IS NOT NULL AND city IS NULL")}{Part(national, "local_hour IS NOT NULL")}DROP TABLE part_hist;
            CREATE OR REPLACE TEMP TABLE part_dates AS SELECT DISTINCT local_date FROM part_{Coarse.Table};

            """);
        return sql.ToString();
    }

    /// <summary>Whether stored cells fall on the dates of the partial roll-ups (after <see cref="PartialRollupSql"/>).</summary>
    /// <remarks>The coarse table stands for all: every import writes all the tables for the same dates.</remarks>
    public static bool PartialsOverlap(DuckDBConnection c) => Convert.ToInt64(
        Scalar(c, $"SELECT COUNT(*) FROM {Coarse.Table} WHERE local_date IN (SELECT local_date FROM part_dates)"), CultureInfo.InvariantCulture) > 0;

    /// <summary>
    /// Writes the partial roll-ups into the tables. When no stored cell falls on their dates (new
    /// days, the usual case) they are the new cells as they are; otherwise each table's cells of
    /// those dates are summed with them, deleted and written back, so a cell stays one row.
    /// </summary>
    public static string MergeRollupSql(bool overlap)
    {
        var sql = new System.Text.StringBuilder();
        void Merge(string table, IEnumerable<string> keys, IEnumerable<string> measures)
        {
            var k = string.Join(", ", keys);
            var all = string.Join(", ", keys.Concat(measures));
            sql.Append(overlap ? $"""
                CREATE OR REPLACE TEMP TABLE merged AS
                SELECT {k}, {string.Join(", ", measures.Select(x => $"SUM({x}) AS {x}"))} FROM (
                    SELECT {all} FROM {table} WHERE local_date IN (SELECT local_date FROM part_dates)
                    UNION ALL SELECT {all} FROM part_{table}) u
                GROUP BY {k};
                DELETE FROM {table} WHERE local_date IN (SELECT local_date FROM part_dates);
                INSERT INTO {table} ({all}) SELECT {all} FROM merged;
                DROP TABLE merged; DROP TABLE part_{table};

                """ : $"""
                INSERT INTO {table} ({all}) SELECT {all} FROM part_{table};
                DROP TABLE part_{table};

                """);
        }
        foreach (var level in Levels) Merge(level.Table, level.Keys, Measures);
        foreach (var h in HistLevels) Merge(h.Table, [.. h.Keys, "metric", "bin"], ["n"]);
        sql.Append(WeekSql());
        sql.Append("DROP TABLE part_dates;\n");
        return sql.ToString();
    }

    /// <summary>Recomputes the week tables' cells of the weeks holding the dates in part_dates, from the day tables.</summary>
    private static string WeekSql()
    {
        var sql = new System.Text.StringBuilder(
            $"CREATE OR REPLACE TEMP TABLE part_weeks AS SELECT DISTINCT {WeekOf("local_date")} AS local_week FROM part_dates;\n");
        foreach (var (table, from, keys, measures) in WeekTables)
        {
            var k = string.Join(", ", keys);
            sql.Append(CultureInfo.InvariantCulture, $"""
                DELETE FROM {table} WHERE local_week IN (SELECT local_week FROM part_weeks);
                INSERT INTO {table} (local_week, {k}, {string.Join(", ", measures)})
                SELECT {WeekOf("local_date")}, {k}, {string.Join(", ", measures.Select(x => $"SUM({x})"))} FROM {from}
                WHERE {WeekOf("local_date")} IN (SELECT local_week FROM part_weeks)
                GROUP BY {WeekOf("local_date")}, {k};

                """);
        }
        return sql.Append("DROP TABLE part_weeks;\n").ToString();
    }

    public string RebuildSql() =>
        string.Concat(Levels.Select(l => $"DELETE FROM {l.Table};\n")) + string.Concat(HistLevels.Select(h => $"DELETE FROM {h.Table};\n"))
        + string.Concat(WeekTables.Select(w => $"DELETE FROM {w.Table};\n"))
        + PartialRollupSql("measurement") + MergeRollupSql(overlap: false);

    /// <summary>A test is judged against a bar when its technology has one and both rates were measured.</summary>
    public const string Judged = "bar.technology IS NOT NULL AND m.dl_mbps IS NOT NULL AND m.ul_mbps IS NOT NULL";
    public const string Meets = "bar.technology IS NOT NULL AND m.dl_mbps >= bar.dl_min AND m.ul_mbps >= bar.ul_min";

    /// <summary>Recomputes every roll-up from the rows in one transaction; returns the number of rows summarised.</summary>
    public async Task<long> RebuildRollupsAsync(CancellationToken ct)
    {
        await WriteLock.WaitAsync(ct);
        try
        {
            await using var c = await OpenAsync(ct);
            using var tx = c.BeginTransaction();
            Execute(c, RebuildSql());
            var rows = Convert.ToInt64(Scalar(c, "SELECT COUNT(*) FROM measurement"), CultureInfo.InvariantCulture);
            tx.Commit();
            return rows;
        }
        finally
        {
            WriteLock.Release();
        }
    }

    public static string Literal(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// With ICTGOV_NETQ_TRACE=1 each statement runs on its own and its wall and process CPU time
    /// go to standard error: how bench/netq/README.md profiles an import.
    /// </summary>
    private static readonly bool Trace = Environment.GetEnvironmentVariable("ICTGOV_NETQ_TRACE") == "1";

    public static void Execute(DuckDBConnection c, string sql)
    {
        if (Trace)
        {
            foreach (var statement in System.Text.RegularExpressions.Regex.Split(sql, @";\s*\n").Where(x => x.Trim().Length > 0))
            {
                var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                using var one = c.CreateCommand();
                one.CommandText = statement;
                one.ExecuteNonQuery();
                var used = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
                var text = System.Text.RegularExpressions.Regex.Replace(statement.Trim(), @"\s+", " ");
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"netq trace: {clock.Elapsed.TotalMilliseconds,9:F0} ms wall {used.TotalMilliseconds,9:F0} ms cpu  {text[..Math.Min(110, text.Length)]}"));
            }
            return;
        }
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public static object? Scalar(DuckDBConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        var v = cmd.ExecuteScalar();
        return v is DBNull ? null : v;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _root?.Dispose();
            _root = null;
        }
        WriteLock.Dispose();
    }
}
