using IctGov.Emergency.Contracts;
using IctGov.Emergency.Data;

namespace IctGov.Emergency.Domain;

/// <summary>
/// The situation as a function of the reports (pure, no I/O): at any moment each operator's figures
/// in each province are those of its latest report at or before that moment, so a resend changes
/// nothing and a late report changes the past rounds it belongs to, not the present.
/// </summary>
internal static class Situation
{
    /// <summary>The latest report of each (operator, area) at or before <paramref name="at"/>.</summary>
    public static List<ReportRow> Latest(IEnumerable<ReportRow> reports, DateTimeOffset at) =>
        reports.Where(r => r.At <= at).GroupBy(r => (r.OperatorId, r.Area)).Select(g => g.MaxBy(r => r.At)!).ToList();

    public static Totals Sum(IEnumerable<ReportRow> reports) => reports.Aggregate(Totals.Zero, (t, r) => t.Add(Of(r)));

    private static Totals Of(ReportRow r) => new(r.StationsOut, r.StationsRestored, r.AffectedUsers, r.CableCuts, r.CoreNodesDown, r.Congested ? 1 : 0);

    /// <summary>Round n covers [opened + n·every, opened + (n+1)·every); its figures are the latest before its end.</summary>
    public static IReadOnlyList<RoundFigure> Rounds(DateTimeOffset opened, DateTimeOffset until, int everyMinutes, IReadOnlyList<ReportRow> reports)
    {
        var every = TimeSpan.FromMinutes(everyMinutes);
        var first = reports.Count > 0 && reports.Min(r => r.At) < opened ? reports.Min(r => r.At) : opened;
        var start = opened - every * Math.Ceiling((opened - first) / every);
        var rounds = new List<RoundFigure>();
        var sorted = reports.OrderBy(r => r.At).ToList();
        var latest = new Dictionary<(string, string), ReportRow>();
        var next = 0;
        for (var n = (int)Math.Round((start - opened) / every); start < until || rounds.Count == 0; n++, start += every)
        {
            var end = start + every;
            while (next < sorted.Count && sorted[next].At < end)
            {
                latest[(sorted[next].OperatorId, sorted[next].Area)] = sorted[next];
                next++;
            }
            var byOperator = latest.Values.GroupBy(r => r.OperatorId).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Sum(g));
            rounds.Add(new RoundFigure(n, start, end, byOperator, Sum(latest.Values)));
        }
        return rounds;
    }

    /// <summary>
    /// Restoration times: the peak of stations out (summed over the latest reports at each report
    /// time), then how long from the peak until out-of-service stations fell to half, a tenth and none
    /// of the peak (50%, 90%, 100% restored).
    /// </summary>
    public static Restoration Restore(IReadOnlyList<ReportRow> reports)
    {
        var latest = new Dictionary<(string, string), ReportRow>();
        var series = new List<(DateTimeOffset At, int Out)>();
        foreach (var group in reports.OrderBy(r => r.At).GroupBy(r => r.At))
        {
            foreach (var r in group)
            {
                latest[(r.OperatorId, r.Area)] = r;
            }
            series.Add((group.Key, latest.Values.Sum(r => r.StationsOut)));
        }
        if (series.Count == 0 || series.Max(s => s.Out) == 0)
        {
            return new Restoration(0, null, null, null, null);
        }
        var peak = series.First(s => s.Out == series.Max(x => x.Out));
        TimeSpan? Until(double share) =>
            series.Where(s => s.At > peak.At && s.Out <= peak.Out * (1 - share) + 1e-9).Select(s => (TimeSpan?)(s.At - peak.At)).FirstOrDefault();
        return new Restoration(peak.Out, peak.At, Until(0.5), Until(0.9), Until(1.0));
    }
}
