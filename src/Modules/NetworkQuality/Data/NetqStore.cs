using System.Globalization;
using DuckDB.NET.Data;
using IctGov.Kernel;
using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Domain;

namespace IctGov.NetworkQuality.Data;

/// <summary>A set of roll-up tables at one grain: the hourly measures and the rate histogram.</summary>
internal sealed record RollupLevel(string Table, string HistTable, string[] Keys, string[] HistKeys)
{
    public bool Covers(IEnumerable<string> columns) => columns.All(Keys.Contains);
    public bool HistCovers(IEnumerable<string> columns) => columns.All(HistKeys.Contains);
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
    /// <remarks>
    /// Its histogram leaves out segment and source: histogram rows are a hundred bins per cell, and at
    /// the full grain nearly every test would get its own cell. Segment or source filters therefore
    /// get means and shares from the roll-ups but their percentiles only from the exact summary.
    /// </remarks>
    public static readonly RollupLevel Fine = new("rollup_hourly", "rollup_hourly_hist",
        ["local_date", "local_hour", "province", "city", "operator", "technology", "segment", "source"],
        ["local_date", "local_hour", "province", "city", "operator", "technology"]);

    /// <summary>A coarser grain for the province and operator dashboards: far fewer rows to add up.</summary>
    public static readonly RollupLevel Coarse = new("rollup_province", "rollup_province_hist",
        ["local_date", "local_hour", "province", "operator", "technology"],
        ["local_date", "local_hour", "province", "operator", "technology"]);

    public static readonly RollupLevel[] Levels = [Coarse, Fine];

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
            Execute(root, Schema);
            var fingerprint = BarFingerprint();
            var stored = Scalar(root, "SELECT value FROM netq_meta WHERE key = 'bars'") as string;
            if (stored != fingerprint)
            {
                // Bar-meeting counts in the roll-ups were computed with other bars: recompute them.
                Execute(root, RebuildSql());
                Execute(root, $"DELETE FROM netq_meta WHERE key = 'bars'; INSERT INTO netq_meta VALUES ('bars', {Literal(fingerprint)})");
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
        CREATE TABLE IF NOT EXISTS rollup_hourly_hist (
            local_date DATE NOT NULL, local_hour TINYINT NOT NULL, province VARCHAR NOT NULL, city VARCHAR NOT NULL,
            operator VARCHAR NOT NULL, technology VARCHAR NOT NULL,
            metric VARCHAR NOT NULL, bin SMALLINT NOT NULL, n BIGINT);
        CREATE TABLE IF NOT EXISTS rollup_province (
            local_date DATE NOT NULL, local_hour TINYINT NOT NULL, province VARCHAR NOT NULL,
            operator VARCHAR NOT NULL, technology VARCHAR NOT NULL,
            n BIGINT, dl_n BIGINT, dl_sum DOUBLE, ul_n BIGINT, ul_sum DOUBLE, lat_n BIGINT, lat_sum DOUBLE,
            loss_n BIGINT, loss_sum DOUBLE, judged_n BIGINT, meet_n BIGINT);
        CREATE TABLE IF NOT EXISTS rollup_province_hist (
            local_date DATE NOT NULL, local_hour TINYINT NOT NULL, province VARCHAR NOT NULL,
            operator VARCHAR NOT NULL, technology VARCHAR NOT NULL,
            metric VARCHAR NOT NULL, bin SMALLINT NOT NULL, n BIGINT);
        """;

    private string BarFingerprint() =>
        string.Join(";", Options.Bars.OrderBy(b => b.Key, StringComparer.Ordinal)
            .Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Key}={b.Value.DownMbps}/{b.Value.UpMbps}")));

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

    /// <summary>Appends the roll-ups of the rows in <paramref name="source"/> (a table with the measurement columns).</summary>
    public string RollupSql(string source)
    {
        var sql = new System.Text.StringBuilder();
        foreach (var level in Levels)
        {
            var keys = string.Join(", ", level.Keys.Select(k => "m." + k));
            var histKeys = string.Join(", ", level.HistKeys.Select(k => "m." + k));
            sql.Append(CultureInfo.InvariantCulture, $"""
                INSERT INTO {level.Table}
                SELECT {keys}, COUNT(*), COUNT(m.dl_mbps), COALESCE(SUM(m.dl_mbps), 0), COUNT(m.ul_mbps), COALESCE(SUM(m.ul_mbps), 0),
                    COUNT(m.latency_ms), COALESCE(SUM(m.latency_ms), 0), COUNT(m.loss_pct), COALESCE(SUM(m.loss_pct), 0),
                    SUM(CASE WHEN {Judged} THEN 1 ELSE 0 END), SUM(CASE WHEN {Meets} THEN 1 ELSE 0 END)
                FROM {source} m LEFT JOIN {BarRelation()} bar ON bar.technology = m.technology
                GROUP BY {keys};
                INSERT INTO {level.HistTable}
                SELECT {histKeys}, metric, bin, COUNT(*) FROM (
                    SELECT {histKeys}, 'dl' AS metric, {RateHistogram.SqlBin("m.dl_mbps")} AS bin FROM {source} m WHERE m.dl_mbps IS NOT NULL
                    UNION ALL
                    SELECT {histKeys}, 'ul' AS metric, {RateHistogram.SqlBin("m.ul_mbps")} AS bin FROM {source} m WHERE m.ul_mbps IS NOT NULL) m
                GROUP BY {histKeys}, metric, bin;

                """);
        }
        return sql.ToString();
    }

    public string RebuildSql() =>
        string.Concat(Levels.Select(l => $"DELETE FROM {l.Table}; DELETE FROM {l.HistTable};\n")) + RollupSql("measurement");

    /// <summary>A test is judged against a bar when its technology has one and both rates were measured.</summary>
    public const string Judged = "bar.technology IS NOT NULL AND m.dl_mbps IS NOT NULL AND m.ul_mbps IS NOT NULL";
    public const string Meets = "bar.technology IS NOT NULL AND m.dl_mbps >= bar.dl_min AND m.ul_mbps >= bar.ul_min";

    public async Task RebuildRollupsAsync(CancellationToken ct)
    {
        await WriteLock.WaitAsync(ct);
        try
        {
            await using var c = await OpenAsync(ct);
            using var tx = c.BeginTransaction();
            Execute(c, RebuildSql());
            tx.Commit();
        }
        finally
        {
            WriteLock.Release();
        }
    }

    public static string Literal(string s) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static void Execute(DuckDBConnection c, string sql)
    {
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
