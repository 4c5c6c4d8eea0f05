using System.Globalization;

namespace IctGov.NetworkQuality.Domain;

/// <summary>
/// The fixed rate histogram of the roll-ups: 128 bins per rate. Bin 0 holds [0, 1) Mbps; bins 1–126
/// split [1, 100,000) Mbps into equal steps of log10 (25.2 bins a decade, each 9.6 % wider than the
/// one below); bin 127 holds 100,000 Mbps and above. Fixed edges let partial roll-ups of separate
/// imports be added bin by bin, and bound the error of an approximate percentile by the width of a
/// bin: under 1 Mbps below 1 Mbps, under 9.6 % of the value above.
/// </summary>
internal static class RateHistogram
{
    public const int Bins = 128;
    public const int OpenBin = Bins - 1;
    public const double OpenFrom = 100_000;

    /// <summary>Bins per decade of the logarithmic part: 126 bins over the five decades 1–100,000.</summary>
    private const double PerDecade = 25.2;

    public static int Bin(double v)
    {
        if (v >= OpenFrom) return OpenBin;
        if (v < 1) return 0;
        return Math.Clamp(1 + (int)Math.Floor(Math.Log10(v) * PerDecade), 1, OpenBin - 1);
    }

    public static (double Lower, double Width) Range(int bin)
    {
        if (bin >= OpenBin) return (OpenFrom, 0);
        if (bin <= 0) return (0, 1);
        var lower = Math.Pow(10, (bin - 1) / PerDecade);
        return (lower, Math.Pow(10, bin / PerDecade) - lower);
    }

    /// <summary>The same binning as <see cref="Bin"/>, as a portable SQL expression over a column.</summary>
    public static string SqlBin(string column) => string.Create(CultureInfo.InvariantCulture,
        $"CASE WHEN {column} >= {OpenFrom} THEN {OpenBin} WHEN {column} < 1 THEN 0 ELSE LEAST(GREATEST(1 + CAST(FLOOR(LOG10({column}) * {PerDecade}) AS INTEGER), 1), {OpenBin - 1}) END");

    /// <summary>
    /// An approximate percentile from bin counts (ascending bins): the rank p·n falls in one bin and
    /// is placed linearly within it, so the answer is off by at most about that bin's width.
    /// </summary>
    public static double? Percentile(IReadOnlyList<(int Bin, long Count)> bins, double p)
    {
        long n = 0;
        foreach (var b in bins) n += b.Count;
        if (n == 0) return null;
        var rank = p * n;
        long before = 0;
        foreach (var (bin, count) in bins)
        {
            if (count > 0 && before + count >= rank)
            {
                var (lower, width) = Range(bin);
                return lower + (width * Math.Clamp((rank - before) / count, 0, 1));
            }
            before += count;
        }
        var last = Range(bins[^1].Bin);
        return last.Lower + last.Width;
    }

    /// <summary>A bin's lower edge, as a portable SQL expression (the same as <see cref="Range"/>).</summary>
    private static string SqlLower(string bin) => string.Create(CultureInfo.InvariantCulture,
        $"CASE WHEN {bin} >= {OpenBin} THEN {OpenFrom} WHEN {bin} <= 0 THEN 0 ELSE POWER(10, ({bin} - 1) / {PerDecade}) END");

    private static string SqlWidth(string bin) => string.Create(CultureInfo.InvariantCulture,
        $"CASE WHEN {bin} >= {OpenBin} THEN 0 WHEN {bin} <= 0 THEN 1 ELSE POWER(10, {bin} / {PerDecade}) - POWER(10, ({bin} - 1) / {PerDecade}) END");

    /// <summary>
    /// <see cref="Percentile"/> in portable SQL over <paramref name="bins"/> (a query with the
    /// <paramref name="keys"/> columns, metric, bin and n, one row per bin): running sums over the
    /// ascending bins find the first bin whose running count reaches p·n, and the rank is placed
    /// linearly within it. One row per group, the percentiles in the order asked, NULL where a
    /// group has no value of that metric.
    /// </summary>
    public static string PercentileSql(string bins, IReadOnlyList<string> keys, IReadOnlyList<(string Metric, double P)> wanted)
    {
        var k = keys.Count > 0 ? string.Join(", ", keys) + ", " : "";
        var part = string.Join(", ", keys.Append("metric"));
        var ps = string.Join(" UNION ALL ", wanted.Select((w, i) => string.Create(CultureInfo.InvariantCulture,
            $"SELECT {i} AS i, '{w.Metric}' AS metric, CAST({w.P:R} AS DOUBLE) AS p")));
        var cols = string.Join(", ", wanted.Select((_, i) => $"MAX(CASE WHEN i = {i} THEN v END)"));
        return $"""
            WITH h AS ({bins}),
            c AS (SELECT {k}metric, bin, n, SUM(n) OVER (PARTITION BY {part} ORDER BY bin ROWS UNBOUNDED PRECEDING) AS upto,
                SUM(n) OVER (PARTITION BY {part}) AS total FROM h WHERE n > 0),
            hit AS (SELECT c.*, ps.i, ps.p * c.total AS target FROM c JOIN ({ps}) ps ON ps.metric = c.metric WHERE c.upto >= ps.p * c.total),
            first AS (SELECT hit.*, ROW_NUMBER() OVER (PARTITION BY {string.Join(", ", keys.Append("i"))} ORDER BY bin) AS r FROM hit),
            v AS (SELECT {k}i, {SqlLower("bin")} + {SqlWidth("bin")} * LEAST(GREATEST((target - (upto - n)) / n, 0), 1) AS v FROM first WHERE r = 1)
            SELECT {k}{cols} FROM v {(keys.Count > 0 ? "GROUP BY " + string.Join(", ", keys) : "")}
            """;
    }
}
