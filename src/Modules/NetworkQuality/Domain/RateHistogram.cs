using System.Globalization;

namespace IctGov.NetworkQuality.Domain;

/// <summary>
/// The fixed rate histogram of the roll-ups: 1 Mbps bins below 10, 5 below 100, 25 below 1,000,
/// 250 below 10,000, and one open bin above. Fixed edges let partial roll-ups of separate imports
/// be added bin by bin, and bound the error of an approximate percentile by the bin's width.
/// </summary>
internal static class RateHistogram
{
    private static readonly (double From, double Width, int FirstBin)[] Bands =
        [(0, 1, 0), (10, 5, 10), (100, 25, 28), (1000, 250, 64)];

    public const int OpenBin = 100;
    public const double OpenFrom = 10_000;

    public static int Bin(double v)
    {
        if (v >= OpenFrom) return OpenBin;
        for (var i = Bands.Length - 1; i >= 0; i--)
        {
            if (v >= Bands[i].From) return Bands[i].FirstBin + (int)Math.Floor((v - Bands[i].From) / Bands[i].Width);
        }
        return 0;
    }

    public static (double Lower, double Width) Range(int bin)
    {
        if (bin >= OpenBin) return (OpenFrom, 0);
        var band = Bands.Last(b => bin >= b.FirstBin);
        return (band.From + ((bin - band.FirstBin) * band.Width), band.Width);
    }

    /// <summary>The same binning as <see cref="Bin"/>, as a portable SQL expression over a column.</summary>
    public static string SqlBin(string column)
    {
        var c = CultureInfo.InvariantCulture;
        var parts = string.Join(" ", Bands.Reverse().Select(b =>
            string.Create(c, $"WHEN {column} >= {b.From} THEN {b.FirstBin} + CAST(FLOOR(({column} - {b.From}) / {b.Width}) AS INTEGER)")));
        return string.Create(c, $"CASE WHEN {column} >= {OpenFrom} THEN {OpenBin} {parts} ELSE 0 END");
    }

    /// <summary>
    /// An approximate percentile from bin counts (ascending bins): the rank p·n falls in one bin and
    /// is placed linearly within it, so the answer is off by at most that bin's width.
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
}
