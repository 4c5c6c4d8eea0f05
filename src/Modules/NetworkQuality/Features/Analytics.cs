using System.Globalization;
using DuckDB.NET.Data;
using IctGov.Kernel;
using IctGov.Kernel.Display;
using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Data;
using IctGov.NetworkQuality.Domain;

namespace IctGov.NetworkQuality.Features;

/// <summary>How a <see cref="NetqQuery"/> becomes SQL over the measurement table or a roll-up (aliased m).</summary>
internal static class QuerySql
{
    /// <summary>The SQL that yields each grouping and the stored column it reads (dates are Asia/Shanghai calendar dates).</summary>
    private static readonly (string Expr, string Column)[] Groupings =
    [
        ("m.province", "province"),
        ("m.city", "city"),
        ("m.operator", "operator"),
        ("m.technology", "technology"),
        ("m.segment", "segment"),
        ("m.source", "source"),
        ("m.local_hour", "local_hour"),
        ("m.local_date", "local_date"),
        ("CAST(date_trunc('week', m.local_date) AS DATE)", "local_date"),
        ("CAST(date_trunc('month', m.local_date) AS DATE)", "local_date"),
    ];

    public static string Expr(this NetqDimension d) => Groupings[(int)d].Expr;

    public static string Column(this NetqDimension d) => Groupings[(int)d].Column;

    /// <summary>The base columns the query reads, to pick a roll-up that holds them.</summary>
    public static IEnumerable<string> Columns(this NetqQuery q) => q.DayColumns().Append("local_hour");

    /// <summary>The columns without the hour the busy/idle split always needs: what a day-grain histogram must hold.</summary>
    public static IEnumerable<string> DayColumns(this NetqQuery q) =>
        q.GroupBy.Select(Column).Concat(q.Filter.Codes().Select(f => f.Column)).Append("local_date");

    public static string Where(this NetqFilter filter, DuckDBCommand cmd)
    {
        var parts = new List<string>();
        if (filter.From is { } from)
        {
            parts.Add("m.local_date >= $from");
            cmd.Parameters.Add(new DuckDBParameter("from", from.ToDateTime(TimeOnly.MinValue)));
        }
        if (filter.To is { } to)
        {
            parts.Add("m.local_date <= $to");
            cmd.Parameters.Add(new DuckDBParameter("to", to.ToDateTime(TimeOnly.MinValue)));
        }
        foreach (var (k, v) in filter.Codes())
        {
            parts.Add($"m.{k} = ${k}");
            cmd.Parameters.Add(new DuckDBParameter(k, v));
        }
        return parts.Count == 0 ? "" : "WHERE " + string.Join(" AND ", parts);
    }

    /// <summary>The key columns of a SELECT (<c>expr AS "name", …, </c>), empty without a grouping.</summary>
    public static string KeySelect(this NetqQuery q) =>
        q.GroupBy.Count > 0 ? string.Join(", ", q.GroupBy.Select(g => $"{g.Expr()} AS \"{g.Name()}\"")) + ", " : "";

    public static string GroupExprs(this NetqQuery q) => string.Join(", ", q.GroupBy.Select(Expr));
}

/// <summary>How a ranking orders its groups (best first).</summary>
internal enum RankSort
{
    Weighted,
    DlP5,
    Share,
    DlMean,
}

internal static class RankSorts
{
    private static readonly string[] Names = ["weighted", "dl_p5", "share", "dl_mean"];

    public static IReadOnlyList<string> All => Names;

    public static bool TryParse(string? text, out RankSort sort)
    {
        var i = Array.IndexOf(Names, text?.ToLowerInvariant() ?? "weighted");
        sort = (RankSort)Math.Max(i, 0);
        return i >= 0;
    }

    public static string Name(this RankSort sort) => Names[(int)sort];

    public static double? ValueOf(this RankSort sort, RollupRow r) => sort switch
    {
        RankSort.DlP5 => r.DlP5,
        RankSort.Share => r.Share,
        RankSort.DlMean => r.DlMean,
        _ => r.DlWeighted,
    };
}

/// <summary>A group's figures answered from the roll-ups; percentiles here are approximate (histogram).</summary>
internal sealed class RollupRow
{
    public required IReadOnlyDictionary<string, object?> Keys { get; init; }
    public long Count { get; set; }
    public double? DlMean { get; set; }
    public double? UlMean { get; set; }
    public double? LatencyMean { get; set; }
    public double? LossMean { get; set; }
    public double? DlBusyMean { get; set; }
    public double? DlIdleMean { get; set; }
    public double? DlWeighted { get; set; }
    public double? Share { get; set; }
    public double? DlP5 { get; set; }
    public double? DlP50 { get; set; }
    public double? UlP5 { get; set; }
    public int Rank { get; set; }

    public Dictionary<string, object?> ToDictionary()
    {
        var d = new Dictionary<string, object?>();
        if (Rank > 0) d["rank"] = Rank;
        foreach (var (k, v) in Keys) d[k] = v;
        d["count"] = Count;
        d["dl_mean"] = DlMean;
        d["dl_weighted"] = DlWeighted;
        d["dl_busy_mean"] = DlBusyMean;
        d["dl_idle_mean"] = DlIdleMean;
        d["dl_p5_approx"] = DlP5;
        d["dl_p50_approx"] = DlP50;
        d["ul_mean"] = UlMean;
        d["ul_p5_approx"] = UlP5;
        d["latency_mean"] = LatencyMean;
        d["loss_mean"] = LossMean;
        d["share_meeting_bar"] = Share;
        return d;
    }
}

/// <summary>A group whose edge rate fell below its trailing four-week baseline.</summary>
internal sealed record Degradation(IReadOnlyDictionary<string, object?> Keys, DateOnly Week, long Count, double P5, long BaselineCount, double BaselineP5, double Drop);

/// <summary>
/// The statistics, in portable SQL (standard aggregates, PERCENTILE_CONT … WITHIN GROUP, CASE,
/// date_trunc), so the same text runs on a distributed columnar engine (docs/SCALING.md).
/// </summary>
internal sealed class Analytics(NetqStore store)
{
    /// <summary>
    /// Exact summary from the raw rows. Percentiles are PERCENTILE_CONT: linear interpolation
    /// between the closest ranks, position (n − 1)·p over the ascending values (Hyndman–Fan type 7).
    /// </summary>
    public string SummarySql(NetqQuery q, DuckDBCommand cmd)
    {
        var select = q.KeySelect();
        var group = q.GroupBy.Count > 0 ? $"GROUP BY {q.GroupExprs()} ORDER BY {q.GroupExprs()}" : "";
        return $"""
            SELECT {select}COUNT(*) AS "count", AVG(m.dl_mbps) AS dl_mean,
                PERCENTILE_CONT(0.05) WITHIN GROUP (ORDER BY m.dl_mbps) AS dl_p5,
                PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY m.dl_mbps) AS dl_p50,
                PERCENTILE_CONT(0.05) WITHIN GROUP (ORDER BY m.ul_mbps) AS ul_p5,
                PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY m.ul_mbps) AS ul_p50,
                PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY m.latency_ms) AS latency_p50,
                PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY m.latency_ms) AS latency_p95,
                AVG(m.loss_pct) AS loss_mean,
                CAST(SUM(CASE WHEN {NetqStore.Meets} THEN 1 ELSE 0 END) AS DOUBLE) / NULLIF(SUM(CASE WHEN {NetqStore.Judged} THEN 1 ELSE 0 END), 0) AS share_meeting_bar
            FROM measurement m LEFT JOIN {store.BarRelation()} bar ON bar.technology = m.technology
            {q.Filter.Where(cmd)}
            {group}
            """;
    }

    /// <summary>Figures per group from the smallest roll-up that holds the needed columns.</summary>
    public async Task<List<RollupRow>> FromRollupsAsync(NetqQuery q, CancellationToken ct)
    {
        var level = NetqStore.Levels.First(l => l.Covers(q.Columns()));
        var busy = string.Join(", ", store.Options.BusyHours.Order().Select(h => h.ToString(CultureInfo.InvariantCulture)));
        var keySel = q.KeySelect();
        var groupBy = q.GroupBy.Count > 0 ? "GROUP BY " + q.GroupExprs() : "";
        await using var c = await store.OpenAsync(ct);
        var rows = new Dictionary<string, RollupRow>(StringComparer.Ordinal);
        var order = new List<RollupRow>();
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = $"""
                SELECT {keySel}CAST(SUM(n) AS BIGINT), SUM(dl_sum) / NULLIF(SUM(dl_n), 0), SUM(ul_sum) / NULLIF(SUM(ul_n), 0),
                    SUM(lat_sum) / NULLIF(SUM(lat_n), 0), SUM(loss_sum) / NULLIF(SUM(loss_n), 0),
                    SUM(CASE WHEN local_hour IN ({busy}) THEN dl_sum END) / NULLIF(SUM(CASE WHEN local_hour IN ({busy}) THEN dl_n END), 0),
                    SUM(CASE WHEN local_hour NOT IN ({busy}) THEN dl_sum END) / NULLIF(SUM(CASE WHEN local_hour NOT IN ({busy}) THEN dl_n END), 0),
                    CAST(SUM(meet_n) AS DOUBLE) / NULLIF(SUM(judged_n), 0)
                FROM {Source(level.Table, "rollup_week", [.. GroupColumns(q), "local_hour", .. NetqStore.Measures], q, cmd)} {groupBy}
                """;
            using var r = await cmd.ExecuteReaderAsync(ct);
            var k = q.GroupBy.Count;
            while (await r.ReadAsync(ct))
            {
                var keys = new Dictionary<string, object?>();
                for (var i = 0; i < k; i++) keys[q.GroupBy[i].Name()] = KeyValue(r.GetValue(i));
                double? D(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
                var row = new RollupRow
                {
                    Keys = keys,
                    Count = r.IsDBNull(k) ? 0 : Convert.ToInt64(r.GetValue(k), CultureInfo.InvariantCulture),
                    DlMean = D(k + 1), UlMean = D(k + 2), LatencyMean = D(k + 3), LossMean = D(k + 4),
                    DlBusyMean = D(k + 5), DlIdleMean = D(k + 6), Share = D(k + 7),
                };
                row.DlWeighted = Weighted(row.DlBusyMean, row.DlIdleMean, store.Options.BusyWeight);
                if (row.Count == 0 && k == 0) continue;
                rows[KeyString(keys)] = row;
                order.Add(row);
            }
        }
        if (NetqStore.HistLevels.FirstOrDefault(h => h.Covers(q.DayColumns())) is not { } hist) return order;
        using (var cmd = c.CreateCommand())
        {
            // The percentiles are computed where the bins are, so only one row per group comes back.
            var week = NetqStore.WeekTables.Select(w => w.Table).FirstOrDefault(w => w == hist.Table + "_week");
            var from = Source(hist.Table, week, [.. GroupColumns(q), "metric", "bin", "n"], q, cmd);
            cmd.CommandText = RateHistogram.PercentileSql(
                $"SELECT {keySel}metric, bin, SUM(n) AS n FROM {from} {(q.GroupBy.Count > 0 ? groupBy + ", metric, bin" : "GROUP BY metric, bin")}",
                [.. q.GroupBy.Select(g => $"\"{g.Name()}\"")], [("dl", 0.05), ("dl", 0.5), ("ul", 0.05)]);
            using var r = await cmd.ExecuteReaderAsync(ct);
            var k = q.GroupBy.Count;
            while (await r.ReadAsync(ct))
            {
                var keys = new Dictionary<string, object?>();
                for (var i = 0; i < k; i++) keys[q.GroupBy[i].Name()] = KeyValue(r.GetValue(i));
                if (!rows.TryGetValue(KeyString(keys), out var row)) continue;
                double? D(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
                row.DlP5 = D(k);
                row.DlP50 = D(k + 1);
                row.UlP5 = D(k + 2);
            }
        }
        return order;
    }

    /// <summary>
    /// Ranks the groups of <paramref name="by"/> best first by <paramref name="sort"/>; groups without
    /// the figure come last, ties by their key. The ranking API and the ranking page both show this.
    /// </summary>
    public async Task<List<RollupRow>> RankAsync(NetqDimension by, NetqFilter filter, RankSort sort, CancellationToken ct)
    {
        var rows = await FromRollupsAsync(new NetqQuery([by], filter), ct);
        var ranked = rows.OrderByDescending(r => sort.ValueOf(r).HasValue).ThenByDescending(r => sort.ValueOf(r) ?? 0)
            .ThenBy(r => Convert.ToString(r.Keys.Values.FirstOrDefault(), CultureInfo.InvariantCulture), StringComparer.Ordinal).ToList();
        for (var i = 0; i < ranked.Count; i++) ranked[i].Rank = i + 1;
        return ranked;
    }

    private static IEnumerable<string> GroupColumns(NetqQuery q) => q.GroupBy.Select(QuerySql.Column).Distinct();

    private static readonly string[] WeekKeys = ["local_hour", "province", "city", "operator", "technology"];

    /// <summary>
    /// The roll-up rows a query adds up, as a FROM item named m with <paramref name="columns"/>.
    /// Without a day, week or month grouping, and with filters the week tables hold, whole weeks
    /// of the range come from <paramref name="weekTable"/> (a seventh of the rows) and only the
    /// days of partial weeks at its edges from <paramref name="dayTable"/>.
    /// </summary>
    private static string Source(string dayTable, string? weekTable, string[] columns, NetqQuery q, DuckDBCommand cmd)
    {
        var where = q.Filter.Where(cmd);
        if (weekTable is null || q.GroupBy.Any(g => g is NetqDimension.Day or NetqDimension.Week or NetqDimension.Month)
            || !q.Columns().Where(col => col != "local_date").All(WeekKeys.Contains))
        {
            return $"{dayTable} m {where}";
        }
        string Whole(string week) => string.Join(" AND ", new[]
        {
            q.Filter.From is null ? null : $"{week} >= $from",
            q.Filter.To is null ? null : $"{week} + INTERVAL '6' DAY <= $to",
        }.OfType<string>().DefaultIfEmpty("1 = 1"));
        var cols = string.Join(", ", columns.Select(col => "m." + col));
        var weekWhere = string.Join(" AND ", q.Filter.Codes().Select(f => $"m.{f.Column} = ${f.Column}").Prepend(Whole("m.local_week")));
        var sql = $"SELECT {cols} FROM {weekTable} m WHERE {weekWhere}";
        if (q.Filter.From is not null || q.Filter.To is not null)
        {
            sql += $" UNION ALL SELECT {cols} FROM {dayTable} m {where} AND NOT ({Whole(NetqStore.WeekOf("m.local_date"))})";
        }
        return $"({sql}) m";
    }

    /// <summary>
    /// 忙闲时加权平均可用下载速率: the busy-hour mean and the idle-hour mean weighted; when one part
    /// has no tests the other stands alone.
    /// </summary>
    public static double? Weighted(double? busy, double? idle, double busyWeight) => (busy, idle) switch
    {
        ({ } b, { } i) => (busyWeight * b) + ((1 - busyWeight) * i),
        ({ } b, null) => b,
        (null, { } i) => i,
        _ => null,
    };

    /// <summary>
    /// Groups whose exact download p5 in the week starting <paramref name="week"/> is more than
    /// <paramref name="drop"/> below the p5 of all their tests in the four weeks before it.
    /// </summary>
    public async Task<List<Degradation>> DegradationsAsync(NetqQuery q, DateOnly week, double drop, int minTests, CancellationToken ct)
    {
        var names = q.GroupBy.Select(g => $"\"{g.Name()}\"").ToList();
        await using var c = await store.OpenAsync(ct);
        using var cmd = c.CreateCommand();
        var where = (q.Filter with { From = null, To = null }).Where(cmd);
        string Window(string from, string to) => $"""
            SELECT {q.KeySelect()}COUNT(m.dl_mbps) AS n, PERCENTILE_CONT(0.05) WITHIN GROUP (ORDER BY m.dl_mbps) AS p5
            FROM measurement m {(where.Length > 0 ? where + " AND" : "WHERE")} m.local_date >= ${from} AND m.local_date < ${to}
            GROUP BY {q.GroupExprs()}
            """;
        cmd.Parameters.Add(new DuckDBParameter("w0", week.ToDateTime(TimeOnly.MinValue)));
        cmd.Parameters.Add(new DuckDBParameter("w1", week.AddDays(7).ToDateTime(TimeOnly.MinValue)));
        cmd.Parameters.Add(new DuckDBParameter("b0", week.AddDays(-28).ToDateTime(TimeOnly.MinValue)));
        cmd.Parameters.Add(new DuckDBParameter("minTests", minTests));
        cmd.Parameters.Add(new DuckDBParameter("keep", 1 - drop));
        cmd.CommandText = $"""
            WITH cur AS ({Window("w0", "w1")}), base AS ({Window("b0", "w0")})
            SELECT {string.Join(", ", names.Select(n => "cur." + n))}, cur.n, cur.p5, base.n, base.p5, 1 - cur.p5 / base.p5 AS fall
            FROM cur JOIN base ON {string.Join(" AND ", names.Select(n => $"cur.{n} = base.{n}"))}
            WHERE cur.n >= $minTests AND base.n >= $minTests AND base.p5 > 0 AND cur.p5 < $keep * base.p5
            ORDER BY fall DESC
            """;
        var list = new List<Degradation>();
        using var r = await cmd.ExecuteReaderAsync(ct);
        var k = q.GroupBy.Count;
        while (await r.ReadAsync(ct))
        {
            var kv = new Dictionary<string, object?>();
            for (var i = 0; i < k; i++) kv[q.GroupBy[i].Name()] = KeyValue(r.GetValue(i));
            list.Add(new(kv, week, r.GetInt64(k), r.GetDouble(k + 1), r.GetInt64(k + 2), r.GetDouble(k + 3), r.GetDouble(k + 4)));
        }
        return list;
    }

    public static object? KeyValue(object v) => v switch
    {
        DBNull => null,
        DateOnly d => Format.Date(d),
        DateTime t => Format.Date(DateOnly.FromDateTime(t)),
        sbyte or byte or short or int => Convert.ToInt32(v, CultureInfo.InvariantCulture),
        _ => v,
    };

    private static string KeyString(Dictionary<string, object?> keys) =>
        string.Join("\u001f", keys.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));

    /// <summary>The Monday on or before <paramref name="day"/>: the first day of its week.</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The latest local date with data, to default the alert week.</summary>
    public async Task<DateOnly?> LatestDateAsync(CancellationToken ct)
    {
        await using var c = await store.OpenAsync(ct);
        return NetqStore.Scalar(c, "SELECT MAX(local_date) FROM measurement") switch
        {
            DateOnly d => d,
            DateTime t => DateOnly.FromDateTime(t),
            _ => null,
        };
    }

    /// <summary>Province names for display.</summary>
    public static string DisplayName(string group, object? key) => (group, key) switch
    {
        ("province", string p) => Codes.ProvinceName(p, Bilingual.IsEnglish),
        ("operator", string o) => Codes.OperatorName(o, Bilingual.IsEnglish),
        ("technology", string t) => Codes.TechnologyName(t, Bilingual.IsEnglish),
        ("city", string c) => Cities.Name(c),
        _ => Convert.ToString(key, CultureInfo.InvariantCulture) ?? "",
    };
}
