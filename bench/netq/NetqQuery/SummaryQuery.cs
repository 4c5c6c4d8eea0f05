using System.Globalization;
using DuckDB.NET.Data;

/// <summary>
/// The summary query of GET /api/v1/netq/summary, built the way the module builds it
/// (src/Modules/NetworkQuality/Features/Analytics.cs, SummarySql, with the default bars of
/// NetqOptions): the same text and parameters, so both sides do the same computation. run.sh
/// checks that both answers agree value for value.
/// </summary>
internal static class SummaryQuery
{
    private static readonly Dictionary<string, string> Groupings = new(StringComparer.Ordinal)
    {
        ["province"] = "m.province",
        ["city"] = "m.city",
        ["operator"] = "m.operator",
        ["technology"] = "m.technology",
        ["segment"] = "m.segment",
        ["source"] = "m.source",
        ["hour"] = "m.local_hour",
        ["day"] = "m.local_date",
        ["week"] = "CAST(date_trunc('week', m.local_date) AS DATE)",
        ["month"] = "CAST(date_trunc('month', m.local_date) AS DATE)",
    };

    public static readonly string[] FilterKeys = ["province", "city", "operator", "technology", "segment", "source"];

    // NetqOptions.Bars defaults: 5G SA and NSA held to 100 Mbps down and 5 Mbps up.
    private const string BarRelation =
        "(SELECT * FROM (VALUES ('5g-sa', CAST(100 AS DOUBLE), CAST(5 AS DOUBLE)), ('5g-nsa', CAST(100 AS DOUBLE), CAST(5 AS DOUBLE))) AS v(technology, dl_min, ul_min))";

    private const string Judged = "bar.technology IS NOT NULL AND m.dl_mbps IS NOT NULL AND m.ul_mbps IS NOT NULL";
    private const string Meets = "bar.technology IS NOT NULL AND m.dl_mbps >= bar.dl_min AND m.ul_mbps >= bar.ul_min";

    /// <param name="from">first local (Beijing) date, YYYY-MM-DD, or null</param>
    /// <param name="to">last local date, inclusive, or null</param>
    public static string Sql(string groupBy, string? from, string? to, IReadOnlyDictionary<string, string> filters, DuckDBCommand command)
    {
        var groups = new List<string>();
        foreach (var g in groupBy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var key = g.ToLowerInvariant();
            if (!Groupings.ContainsKey(key))
            {
                throw new ArgumentException($"--group-by: '{g}' is not one of {string.Join(", ", Groupings.Keys)}", nameof(groupBy));
            }

            if (!groups.Contains(key))
            {
                groups.Add(key);
            }
        }

        var parts = new List<string>();
        if (from is not null)
        {
            parts.Add("m.local_date >= $from");
            command.Parameters.Add(new DuckDBParameter("from", Date(from)));
        }

        if (to is not null)
        {
            parts.Add("m.local_date <= $to");
            command.Parameters.Add(new DuckDBParameter("to", Date(to)));
        }

        foreach (var (k, v) in filters)
        {
            parts.Add($"m.{k} = ${k}");
            command.Parameters.Add(new DuckDBParameter(k, v));
        }

        var where = parts.Count == 0 ? "" : "WHERE " + string.Join(" AND ", parts);
        var keys = groups.Select(g => $"{Groupings[g]} AS \"{g}\"").ToList();
        var select = keys.Count > 0 ? string.Join(", ", keys) + ", " : "";
        var exprs = string.Join(", ", groups.Select(g => Groupings[g]));
        var group = groups.Count > 0 ? $"GROUP BY {exprs} ORDER BY {exprs}" : "";
        return $"""
            SELECT {select}COUNT(*) AS "count", AVG(m.dl_mbps) AS dl_mean,
                PERCENTILE_CONT(0.05) WITHIN GROUP (ORDER BY m.dl_mbps) AS dl_p5,
                PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY m.dl_mbps) AS dl_p50,
                PERCENTILE_CONT(0.05) WITHIN GROUP (ORDER BY m.ul_mbps) AS ul_p5,
                PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY m.ul_mbps) AS ul_p50,
                PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY m.latency_ms) AS latency_p50,
                PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY m.latency_ms) AS latency_p95,
                AVG(m.loss_pct) AS loss_mean,
                CAST(SUM(CASE WHEN {Meets} THEN 1 ELSE 0 END) AS DOUBLE) / NULLIF(SUM(CASE WHEN {Judged} THEN 1 ELSE 0 END), 0) AS share_meeting_bar
            FROM measurement m LEFT JOIN {BarRelation} bar ON bar.technology = m.technology
            {where}
            {group}
            """;
    }

    private static DateTime Date(string text) =>
        DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue);
}
