using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Time;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Data;
using IctGov.NetworkQuality.Domain;

namespace IctGov.NetworkQuality.Features;

/// <summary>
/// Loads measurements through DuckDB itself: the file is read into a staging table of text columns,
/// every row is checked in one SQL pass, and only a clean batch is appended (ids already stored or
/// repeated in the batch are ignored) together with its roll-ups, in one transaction. Every
/// accepted batch is recorded in the platform's audit log (see <see cref="AuditAsync"/>).
/// </summary>
internal sealed class Importer(NetqStore store, IAuditLog audit)
{
    /// <summary>Beijing time's offset from UTC in whole hours, for the SQL that dates each test locally.</summary>
    private static readonly int ChinaHours = (int)ChinaCalendar.UtcOffset.TotalHours;

    /// <summary>The documented CSV header, also the JSON field names and the Parquet column names.</summary>
    public static readonly string[] Columns =
        ["id", "time_utc", "province", "city", "operator", "technology", "segment", "source",
         "dl_mbps", "ul_mbps", "latency_ms", "jitter_ms", "loss_pct", "device_hash", "test_server"];

    public static readonly string[] Formats = ["csv", "jsonl", "parquet", "ndt", "ndt-upload"];

    /// <summary>The M-Lab NDT unified export columns read (dotted names as BigQuery flattens them).</summary>
    public static readonly string[] NdtColumns =
        ["id", "a.TestTime", "a.MeanThroughputMbps", "a.MinRTT", "a.LossRate",
         "client.Geo.CountryCode", "client.Geo.Subdivision1ISOCode", "client.Network.ASNumber"];

    private const int ProblemsShown = 100;

    public static string? FormatOf(string path, string? format)
    {
        if (format is not null) return Formats.Contains(format.ToLowerInvariant()) ? format.ToLowerInvariant() : null;
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => "csv",
            ".jsonl" or ".ndjson" or ".json" => "jsonl",
            ".parquet" => "parquet",
            _ => null,
        };
    }

    /// <summary>
    /// A CSV file's first data row is row 2, as a spreadsheet shows it (the header is row 1: the
    /// platform's <see cref="IctGov.Kernel.Results.RowError"/> rule); JSON elements count from 1.
    /// </summary>
    private const int FirstCsvRow = 2;

    public async Task<NetqImportReport> ImportFileAsync(string path, string? format, Actor actor, CancellationToken ct)
    {
        if (FormatOf(path, format) is not { } fmt)
        {
            return Failed($"format '{format ?? Path.GetExtension(path)}' is not one of {string.Join(", ", Formats)}; pass --format");
        }
        if (!File.Exists(path)) return Failed($"file not found: {path}");
        var full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        // The file is named by its path, size and modification time rather than a digest: a digest
        // would read a file of tens of gigabytes once more only for the audit entry.
        var origin = new BatchOrigin(actor, "netq.import", full, info.Length, info.LastWriteTimeUtc, null);
        string stage;
        var typed = false;
        switch (fmt)
        {
            case "csv":
                var header = ReadCsvHeader(full);
                var missing = Columns.Except(header).ToList();
                var unknown = header.Except(Columns).ToList();
                if (missing.Count > 0 || unknown.Count > 0 || header.Length != header.Distinct().Count())
                {
                    return Failed($"line 1 (header): expected the columns {string.Join(",", Columns)}" +
                        (missing.Count > 0 ? $"; missing {string.Join(", ", missing)}" : "") +
                        (unknown.Count > 0 ? $"; unknown {string.Join(", ", unknown)}" : "") +
                        (header.Length != header.Distinct().Count() ? "; a column is repeated" : ""));
                }
                var columnsStruct = "{" + string.Join(", ", header.Select(h => $"{NetqStore.Literal(h)}: 'VARCHAR'")) + "}";
                stage = $"""
                    CREATE TEMP TABLE raw AS SELECT * FROM read_csv({NetqStore.Literal(full)}, header = true, auto_detect = false,
                        delim = ',', quote = '"', escape = '"', strict_mode = true, columns = {columnsStruct});
                    CREATE TEMP VIEW stage_text AS SELECT rowid + {FirstCsvRow} AS rn, {string.Join(", ", Columns)}, CAST(NULL AS VARCHAR) AS skip_reason FROM raw;
                    """;
                break;
            case "jsonl":
                stage = JsonStage($"read_ndjson_objects({NetqStore.Literal(full)})");
                break;
            case "parquet":
                (stage, typed) = ParquetStage(full);
                break;
            default:
                var isCsv = Path.GetExtension(full).Equals(".csv", StringComparison.OrdinalIgnoreCase);
                if (isCsv)
                {
                    var ndtHeader = ReadCsvHeader(full);
                    if (NdtColumns.Except(ndtHeader).ToList() is { Count: > 0 } absent)
                    {
                        return Failed($"line 1 (header): an M-Lab NDT export needs the columns {string.Join(",", NdtColumns)}; missing {string.Join(", ", absent)}");
                    }
                }
                stage = NdtStage(full, isCsv, upload: fmt == "ndt-upload", ndtHasSite: isCsv ? ReadCsvHeader(full).Contains("server.Site") : true);
                break;
        }
        return await ImportStagedAsync(stage, typed, allowUnknownTechnology: fmt.StartsWith("ndt", StringComparison.Ordinal), origin with { Format = fmt }, ct);
    }

    /// <summary>Probe push: a JSON array of measurement objects, staged like a JSON lines file.</summary>
    public async Task<NetqImportReport> ImportJsonArrayAsync(string path, BatchOrigin origin, CancellationToken ct) =>
        await ImportStagedAsync(JsonStage($"read_json_objects({NetqStore.Literal(path)}, format = 'array')"), typed: false, allowUnknownTechnology: false, origin, ct);

    private static string JsonStage(string reader) => $"""
        CREATE TEMP TABLE raw AS SELECT json FROM {reader};
        CREATE TEMP VIEW stage_text AS SELECT rowid + 1 AS rn,
            {string.Join(", ", Columns.Select(c => $"json ->> '$.{c}' AS {c}"))}, CAST(NULL AS VARCHAR) AS skip_reason FROM raw;
        """;

    private static readonly string[] IntegerTypes = ["TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"];
    private static readonly string[] RateColumns = ["dl_mbps", "ul_mbps", "latency_ms", "jitter_ms", "loss_pct"];

    /// <summary>
    /// A Parquet file is never copied into a staging table: it is read again by each pass (its
    /// columns are compressed and typed, so a pass costs little), which keeps a file of any size
    /// within the memory limit. When its columns already have the stored types (text codes,
    /// numeric rates, a UTC TIMESTAMP, an integer or text id) the values are checked as they
    /// are; otherwise every column is read as text and checked like a CSV file.
    /// </summary>
    private static (string Sql, bool Typed) ParquetStage(string path)
    {
        var reader = $"read_parquet({NetqStore.Literal(path)}, file_row_number = true)";
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var c = new DuckDBConnection("Data Source=:memory:");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"DESCRIBE SELECT * FROM read_parquet({NetqStore.Literal(path)})";
            using var r = cmd.ExecuteReader();
            while (r.Read()) types[r.GetString(0)] = r.GetString(1);
        }
        catch (DuckDBException)
        {
            // An unreadable file: the text path below reports DuckDB's own message.
        }
        static bool Numeric(string t) => t is "DOUBLE" or "FLOAT" || IntegerTypes.Contains(t) || t.StartsWith("DECIMAL", StringComparison.Ordinal);
        var typed = Columns.All(types.ContainsKey)
            && (types["id"] == "VARCHAR" || IntegerTypes.Contains(types["id"]))
            && types["time_utc"] is "TIMESTAMP" or "TIMESTAMP_NS" or "TIMESTAMP_MS" or "TIMESTAMP_S"
            && RateColumns.All(col => Numeric(types[col]))
            && Columns.Except(RateColumns).Except(["id", "time_utc"]).All(col => types[col] == "VARCHAR");
        if (!typed)
        {
            return ($"""
                CREATE TEMP VIEW stage_text AS SELECT file_row_number + 1 AS rn, {string.Join(", ", Columns.Select(c => $"CAST({c} AS VARCHAR) AS {c}"))},
                    CAST(NULL AS VARCHAR) AS skip_reason FROM {reader};
                """, false);
        }
        // An integer id is its own duplicate key (its text form is unique too), cheaper to group than text.
        var key = types["id"] == "VARCHAR" ? "trim(id)" : "id";
        return ($"""
            CREATE TEMP VIEW stage AS SELECT file_row_number + 1 AS rn, {key} AS key, CAST(id AS VARCHAR) AS id, CAST(time_utc AS TIMESTAMP) AS time_utc,
                province, city, operator, technology, segment, source,
                {string.Join(", ", RateColumns.Select(c => $"CAST({c} AS DOUBLE) AS {c}"))}, device_hash, test_server,
                CAST(NULL AS VARCHAR) AS skip_reason FROM {reader};
            """, true);
    }

    private string NdtStage(string path, bool csv, bool upload, bool ndtHasSite)
    {
        string Col(string dotted) => csv ? $"\"{dotted}\"" : $"json ->> '$.{dotted}'";
        var raw = csv
            ? $"CREATE TEMP TABLE raw AS SELECT * FROM read_csv({NetqStore.Literal(path)}, header = true, all_varchar = true);"
            : $"CREATE TEMP TABLE raw AS SELECT json FROM read_ndjson_objects({NetqStore.Literal(path)});";
        var subdivisions = string.Join(", ", Codes.IsoSubdivisions.Select(kv => $"('CN-{kv.Key.ToUpperInvariant()}', '{kv.Value}')"));
        var asns = store.Options.OperatorAsns.Count == 0
            ? "(SELECT CAST(NULL AS VARCHAR) AS asn, CAST(NULL AS VARCHAR) AS operator WHERE 1 = 0)"
            : $"(SELECT * FROM (VALUES {string.Join(", ", store.Options.OperatorAsns.Select(kv => string.Create(CultureInfo.InvariantCulture, $"('{kv.Key}', {NetqStore.Literal(kv.Value)})")))}) AS v(asn, operator))";
        var rate = Col("a.MeanThroughputMbps");
        var loss = Col("a.LossRate");
        return $"""
            {raw}
            CREATE TEMP VIEW stage_text AS
            SELECT r.rn, r.id, r.time_utc, sub.province, sub.province AS city, asn.operator, '{Codes.UnknownTechnology}' AS technology,
                'e2e' AS segment, 'app' AS source,
                {(upload ? "NULL" : "r.rate")} AS dl_mbps, {(upload ? "r.rate" : "NULL")} AS ul_mbps, r.latency_ms, CAST(NULL AS VARCHAR) AS jitter_ms,
                CASE WHEN TRY_CAST(r.loss AS DOUBLE) IS NULL THEN r.loss ELSE CAST(TRY_CAST(r.loss AS DOUBLE) * 100 AS VARCHAR) END AS loss_pct,
                CAST(NULL AS VARCHAR) AS device_hash, r.site AS test_server,
                CASE WHEN coalesce(upper(r.country), '') <> 'CN' THEN 'outside China (client.Geo.CountryCode = ' || coalesce(r.country, 'empty') || ')'
                     WHEN sub.province IS NULL THEN 'client.Geo.Subdivision1ISOCode ' || coalesce(r.subdivision, 'empty') || ' is not a mainland province'
                     WHEN asn.operator IS NULL THEN 'client.Network.ASNumber ' || coalesce(r.asn, 'empty') || ' is not a network of ct, cm, cu or cbn'
                END AS skip_reason
            FROM (SELECT rowid + {(csv ? FirstCsvRow : 1)} AS rn, {Col("id")} AS id, {Col("a.TestTime")} AS time_utc, {rate} AS rate, {Col("a.MinRTT")} AS latency_ms,
                    {loss} AS loss, {Col("client.Geo.CountryCode")} AS country, {Col("client.Geo.Subdivision1ISOCode")} AS subdivision,
                    regexp_replace(coalesce({Col("client.Network.ASNumber")}, ''), '^AS', '') AS asn, {(ndtHasSite ? Col("server.Site") : "NULL")} AS site FROM raw) r
            LEFT JOIN (SELECT * FROM (VALUES {subdivisions}) AS v(iso, province)) sub ON sub.iso = upper(r.subdivision)
            LEFT JOIN {asns} asn ON asn.asn = r.asn;
            """;
    }

    private static string[] ReadCsvHeader(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var line = reader.ReadLine() ?? "";
        return [.. line.Split(',').Select(h => h.Trim().Trim('"'))];
    }

    private static NetqImportReport Failed(string error) => new(0, 0, 0, 0, 0, [], [], error);

    /// <summary>Each check: the field, what was expected, and the SQL condition of a bad value over the staging row.</summary>
    private static (string Field, string Expected, string Bad)[] Checks(bool typed, bool allowUnknownTechnology)
    {
        static string In(string col, IEnumerable<string> values) => $"{col} IS NULL OR {col} NOT IN ({string.Join(", ", values.Select(NetqStore.Literal))})";
        // A typed rate is checked as it is (NaN and infinities fall outside the range); a text one must parse.
        string Number(string col, double max) => string.Create(CultureInfo.InvariantCulture,
            $"{col} IS NOT NULL AND NOT COALESCE({(typed ? col : $"TRY_CAST({col} AS DOUBLE)")} BETWEEN 0 AND {max}, false)");
        static string Text(string col) => $"{col} IS NOT NULL AND length({col}) > 256";
        string[] technologies = allowUnknownTechnology ? [.. Codes.Technologies, Codes.UnknownTechnology] : Codes.Technologies;
        return
        [
            ("id", "a non-empty identifier of at most 128 characters", "id IS NULL OR length(trim(id)) = 0 OR length(id) > 128"),
            ("time_utc", "an ISO 8601 UTC time, e.g. 2026-03-01T08:15:00Z",
                typed ? "time_utc IS NULL" : $"time_utc IS NULL OR NOT regexp_full_match(time_utc, '{TimePattern}') OR {TimeExpr} IS NULL"),
            ("province", "a GB/T 2260 province code, e.g. 440000", In("province", Codes.Provinces)),
            ("city", "a six-digit GB/T 2260 code in the province, e.g. 440300", "city IS NULL OR NOT regexp_full_match(city, '[0-9]{6}') OR substr(city, 1, 2) <> substr(coalesce(province, ''), 1, 2)"),
            ("operator", $"one of {string.Join(", ", Codes.Operators)}", In("operator", Codes.Operators)),
            ("technology", $"one of {string.Join(", ", technologies)}", In("technology", technologies)),
            ("segment", $"one of {string.Join(", ", Codes.Segments)}", In("segment", Codes.Segments)),
            ("source", $"one of {string.Join(", ", Codes.Sources)}", In("source", Codes.Sources)),
            ("dl_mbps", "a rate in Mbps, 0–100000, or empty", Number("dl_mbps", 100_000)),
            ("ul_mbps", "a rate in Mbps, 0–100000, or empty", Number("ul_mbps", 100_000)),
            ("dl_mbps", "at least one of dl_mbps and ul_mbps", "dl_mbps IS NULL AND ul_mbps IS NULL"),
            ("latency_ms", "milliseconds, 0–100000, or empty", Number("latency_ms", 100_000)),
            ("jitter_ms", "milliseconds, 0–100000, or empty", Number("jitter_ms", 100_000)),
            ("loss_pct", "a percentage, 0–100, or empty", Number("loss_pct", 100)),
            ("device_hash", "at most 256 characters", Text("device_hash")),
            ("test_server", "at most 256 characters", Text("test_server")),
        ];
    }

    /// <summary>ISO 8601 date and time; no offset, Z or +00:00 mean UTC, any other offset is refused.</summary>
    private const string TimePattern = @"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|\+00(:?00)?)?";
    private const string TimeExpr = @"TRY_CAST(regexp_replace(time_utc, '(Z|\+00(:?00)?)$', '') AS TIMESTAMP)";

    /// <summary>
    /// Checks and loads a staged batch (the view <c>stage</c>). Passes: count and check every row
    /// (the first failing check of each row names its field); find ids repeated in the batch and
    /// ids already stored (both small sets in practice, kept as row numbers to leave out); then,
    /// in one transaction, merge the batch's roll-ups and append its rows. No pass keeps the batch
    /// itself, so memory stays bounded by DuckDB's limit whatever the file's size.
    /// </summary>
    private async Task<NetqImportReport> ImportStagedAsync(string stageSql, bool typed, bool allowUnknownTechnology, BatchOrigin origin, CancellationToken ct)
    {
        await store.WriteLock.WaitAsync(ct);
        try
        {
            await using var c = await store.OpenAsync(ct);
            NetqStore.Execute(c, """
                DROP VIEW IF EXISTS fresh; DROP VIEW IF EXISTS stage; DROP VIEW IF EXISTS stage_text;
                DROP TABLE IF EXISTS raw; DROP TABLE IF EXISTS bad; DROP TABLE IF EXISTS dropped;
                """);
            NetqImportReport? outcome = null;
            try
            {
                NetqStore.Execute(c, stageSql);
                if (!typed) NetqStore.Execute(c, "CREATE TEMP VIEW stage AS SELECT *, trim(id) AS key FROM stage_text;");
                outcome = Load(c, typed, allowUnknownTechnology);
            }
            catch (DuckDBException e) when (outcome is null && !e.Message.Contains("Out of Memory", StringComparison.OrdinalIgnoreCase))
            {
                // A Parquet file is read by every pass, so a damaged page may only show up in one of them.
                return Failed("the file could not be read: " + FirstLines(e.Message));
            }
            finally
            {
                NetqStore.Execute(c, """
                    DROP VIEW IF EXISTS fresh; DROP VIEW IF EXISTS stage; DROP VIEW IF EXISTS stage_text;
                    DROP TABLE IF EXISTS raw; DROP TABLE IF EXISTS bad; DROP TABLE IF EXISTS dropped;
                    """);
            }
            // Still under the write lock, so the audit log lists batches in the order they were committed.
            if (outcome.Succeeded && outcome.Rows > 0) await AuditAsync(origin, outcome);
            return outcome;
        }
        finally
        {
            store.WriteLock.Release();
        }
    }

    private NetqImportReport Load(DuckDBConnection c, bool typed, bool allowUnknownTechnology)
    {
        long rows, skipped;
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT COUNT(*), COUNT(skip_reason) FROM stage";
            using var r = cmd.ExecuteReader();
            r.Read();
            rows = r.GetInt64(0);
            skipped = r.GetInt64(1);
        }
        var skippedRows = new List<RowError>();
        if (skipped > 0)
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT rn, skip_reason FROM stage WHERE skip_reason IS NOT NULL ORDER BY rn LIMIT {ProblemsShown}";
            using var r = cmd.ExecuteReader();
            while (r.Read()) skippedRows.Add(new(r.GetInt64(0), "row", "skipped: " + r.GetString(1)));
        }

        // One pass over the batch: the first failing check of each row names its field.
        var checks = Checks(typed, allowUnknownTechnology);
        var which = string.Join(" ", checks.Select((k, i) => $"WHEN {k.Bad} THEN {i}"));
        var value = string.Join(" ", checks.Select((k, i) => $"WHEN {i} THEN CAST({k.Field} AS VARCHAR)"));
        NetqStore.Execute(c, $"""
            CREATE TEMP TABLE bad AS SELECT rn, problem, CASE problem {value} END AS value
            FROM (SELECT rn, {string.Join(", ", Columns)}, CASE {which} END AS problem FROM stage WHERE skip_reason IS NULL) s
            WHERE problem IS NOT NULL;
            """);
        var rejected = Convert.ToInt64(NetqStore.Scalar(c, "SELECT COUNT(*) FROM bad"), CultureInfo.InvariantCulture);
        if (rejected > 0)
        {
            var problems = new List<RowError>();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT rn, problem, value FROM bad ORDER BY rn LIMIT {ProblemsShown}";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var check = checks[r.GetInt32(1)];
                problems.Add(new(r.GetInt64(0), check.Field, "expected " + check.Expected) { Value = r.IsDBNull(2) ? null : r.GetString(2) });
            }
            return new(rows, 0, 0, skipped, rejected, problems, skippedRows, null);
        }

        // Rows left out: every occurrence of an id but its first in the file, and ids already stored.
        // Both are found by grouping or joining on the id alone; the batch is not sorted or numbered.
        var stored = Convert.ToInt64(NetqStore.Scalar(c, "SELECT COUNT(*) FROM measurement"), CultureInfo.InvariantCulture) > 0;
        NetqStore.Execute(c, $"""
            CREATE TEMP TABLE dropped AS
            SELECT s.rn FROM stage s JOIN (SELECT key, MIN(rn) AS first FROM stage WHERE skip_reason IS NULL GROUP BY key HAVING COUNT(*) > 1) d
                ON d.key = s.key AND s.rn <> d.first
            WHERE s.skip_reason IS NULL
            {(stored ? "UNION SELECT s.rn FROM stage s WHERE s.skip_reason IS NULL AND trim(s.id) IN (SELECT id FROM measurement)" : "")};
            """);
        var dropped = Convert.ToInt64(NetqStore.Scalar(c, "SELECT COUNT(*) FROM dropped"), CultureInfo.InvariantCulture);
        var inserted = rows - skipped - dropped;
        var ts = typed ? "s.time_utc" : TimeExpr.Replace("time_utc", "s.time_utc", StringComparison.Ordinal);
        var num = typed ? (Func<string, string>)(col => col) : col => $"CAST({col} AS DOUBLE)";
        // Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so local time is a fixed shift:
        // the kernel calendar's offset, applied row by row in SQL (ChinaCalendar.ToChinaDate for one instant).
        NetqStore.Execute(c, $"""
            CREATE TEMP VIEW fresh AS
            SELECT tid AS id, ts AS time_utc, CAST(EXTRACT(HOUR FROM ts + INTERVAL '{ChinaHours}' HOUR) AS TINYINT) AS local_hour,
                CAST(ts + INTERVAL '{ChinaHours}' HOUR AS DATE) AS local_date, province, city, operator, technology, segment, source,
                {string.Join(", ", RateColumns.Select(col => $"{num(col)} AS {col}"))}, device_hash, test_server
            FROM (SELECT s.*, trim(s.id) AS tid, {ts} AS ts FROM stage s WHERE s.skip_reason IS NULL
                {(dropped > 0 ? "AND s.rn NOT IN (SELECT rn FROM dropped)" : "")}) s;
            """);
        if (inserted > 0)
        {
            using var tx = c.BeginTransaction();
            NetqStore.Execute(c, store.PartialRollupSql("fresh"));
            NetqStore.Execute(c, NetqStore.MergeRollupSql(NetqStore.PartialsOverlap(c)));
            NetqStore.Execute(c, $"""
                INSERT INTO measurement (id, time_utc, local_hour, local_date, province, city, operator, technology, segment, source,
                    dl_mbps, ul_mbps, latency_ms, jitter_ms, loss_pct, device_hash, test_server)
                SELECT id, time_utc, local_hour, local_date, province, city, operator, technology, segment, source,
                    dl_mbps, ul_mbps, latency_ms, jitter_ms, loss_pct, device_hash, test_server FROM fresh;
                """);
            tx.Commit();
        }
        return new(rows, inserted, rows - skipped - inserted, skipped, 0, [], skippedRows, null);
    }

    /// <summary>
    /// Records an accepted batch in the platform's audit log: who sent it, how (<c>netq.import</c>,
    /// <c>netq.push</c>), which file or request body, and its counts; the log stamps the time.
    /// </summary>
    /// <remarks>
    /// The audit log lives in the platform database and the measurements in the DuckDB file, so no
    /// transaction spans both; other modules append inside their own transaction, this one cannot.
    /// The entry is appended right after the DuckDB commit, never before it: appended first, a
    /// failed or killed DuckDB write would leave an entry for rows that do not exist, and the log
    /// is what an auditor trusts. The price is the other way round: a crash (or an unreachable
    /// platform database) between the commit and the append keeps the rows without their entry.
    /// The caller is then not told the batch was accepted (the process died, or the append's error
    /// becomes the answer), and a sender who sends it again finds every row a duplicate; that
    /// second, audited batch names the sender. The append ignores the request's cancellation, so a
    /// client that hangs up after the commit cannot cause the same gap.
    /// </remarks>
    private Task<long> AuditAsync(BatchOrigin origin, NetqImportReport report)
    {
        var batch = Guid.NewGuid().ToString("N");
        var after = JsonSerializer.Serialize(new
        {
            batch,
            source = origin.Source,
            format = origin.Format,
            bytes = origin.Bytes,
            modified = origin.Modified,
            sha256 = origin.Sha256,
            rows = report.Rows,
            inserted = report.Inserted,
            duplicates = report.Duplicates,
            skipped = report.Skipped,
        });
        return audit.AppendAsync(new AuditEntry(origin.Actor.Id, origin.Action, "netq_batch", batch, null, after), null, CancellationToken.None);
    }

    private static string FirstLines(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" ", lines.Take(3));
    }
}

/// <summary>Who sent a batch and what it is, for its audit entry.</summary>
/// <param name="Actor">Who sent it: the request's actor, or the local system for the command line.</param>
/// <param name="Action">The audit action: <c>netq.import</c> (a file) or <c>netq.push</c> (a probe's request).</param>
/// <param name="Source">The file's full path, or <c>POST /api/v1/netq/measurements</c>.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Modified">A file's last modification time (UTC).</param>
/// <param name="Sha256">The SHA-256 of a pushed request body, hex.</param>
internal sealed record BatchOrigin(Actor Actor, string Action, string Source, long Bytes, DateTime? Modified, string? Sha256)
{
    /// <summary>The format the batch was read as.</summary>
    public string Format { get; init; } = "json";
}
