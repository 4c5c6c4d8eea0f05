using DuckDB.NET.Data;

/// <summary>The summary query. Provisional until the module's own SQL is available.</summary>
internal static class SummaryQuery
{
    private static readonly HashSet<string> Dimensions =
        ["province", "city", "operator", "technology", "segment", "source", "local_hour", "local_date"];

    public static string Sql(string groupBy, string? from, string? to, string? technology, DuckDBCommand command)
    {
        var keys = groupBy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var key in keys)
        {
            if (!Dimensions.Contains(key))
            {
                throw new ArgumentException($"--group-by: unknown dimension '{key}'", nameof(groupBy));
            }
        }

        var where = new List<string>();
        if (from is not null)
        {
            where.Add("time_utc >= $from");
            command.Parameters.Add(new DuckDBParameter("from", DateTime.Parse(from, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal)));
        }

        if (to is not null)
        {
            where.Add("time_utc < $to");
            command.Parameters.Add(new DuckDBParameter("to", DateTime.Parse(to, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal)));
        }

        if (technology is not null)
        {
            where.Add("technology = $technology");
            command.Parameters.Add(new DuckDBParameter("technology", technology));
        }

        var select = keys.Length == 0 ? "" : string.Join(", ", keys) + ", ";
        return $"""
            SELECT {select}count(*) AS count,
                quantile_cont(dl_mbps, 0.05) AS dl_p5, quantile_cont(dl_mbps, 0.5) AS dl_p50,
                quantile_cont(ul_mbps, 0.05) AS ul_p5, quantile_cont(ul_mbps, 0.5) AS ul_p50,
                quantile_cont(latency_ms, 0.5) AS latency_p50
            FROM measurement
            {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
            {(keys.Length == 0 ? "" : "GROUP BY ALL ORDER BY ALL")}
            """;
    }
}
