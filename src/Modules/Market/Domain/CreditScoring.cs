namespace IctGov.Market.Domain;

/// <summary>What one kind of event costs a holder: its points, and the months they count from the day it happened.</summary>
internal sealed class ScoreRule
{
    public int Points { get; set; }
    public int Months { get; set; }
}

/// <summary>An event as the score reads it: what, when, and the day it was withdrawn (a decision revoked), if it was.</summary>
internal sealed record ScoredEvent(string Event, DateOnly Occurred, DateOnly? Withdrawn, string Source);

/// <summary>
/// 信用记分: a holder's points on a day are the sum of the points of its events still counting that day — happened on or
/// before it, not yet past their months, not withdrawn by then. The level is the highest whose threshold the points
/// reach. Points are looked up in the rule table when the score is computed, so a changed table re-reads the past by
/// the new rules (the table is published with the scores).
/// </summary>
internal static class CreditScoring
{
    public static bool Counts(ScoredEvent e, ScoreRule rule, DateOnly day) =>
        e.Occurred <= day && day < e.Occurred.AddMonths(rule.Months) && (e.Withdrawn is not { } w || day < w);

    public static IReadOnlyList<ScoredEvent> Counted(IEnumerable<ScoredEvent> events, IReadOnlyDictionary<string, ScoreRule> rules, DateOnly day) =>
        events.Where(e => rules.TryGetValue(e.Event, out var r) && Counts(e, r, day)).ToList();

    public static int Points(IEnumerable<ScoredEvent> events, IReadOnlyDictionary<string, ScoreRule> rules, DateOnly day) =>
        Counted(events, rules, day).Sum(e => rules[e.Event].Points);

    /// <summary>The level of <paramref name="points"/>: the level with the highest threshold not above them.</summary>
    public static string Level(int points, IReadOnlyDictionary<string, int> levels) =>
        levels.Where(l => l.Value <= points).OrderByDescending(l => l.Value).ThenBy(l => l.Key, StringComparer.Ordinal).First().Key;

    /// <summary>Every day the score changed (an event happened, ran out or was withdrawn), with the points and level from that day.</summary>
    public static IReadOnlyList<(DateOnly Day, int Points, string Level)> History(IReadOnlyList<ScoredEvent> events, IReadOnlyDictionary<string, ScoreRule> rules, IReadOnlyDictionary<string, int> levels)
    {
        var days = new SortedSet<DateOnly>();
        foreach (var e in events.Where(e => rules.ContainsKey(e.Event)))
        {
            days.Add(e.Occurred);
            days.Add(e.Occurred.AddMonths(rules[e.Event].Months));
            if (e.Withdrawn is { } w)
            {
                days.Add(w);
            }
        }
        var history = new List<(DateOnly, int, string)>();
        var last = -1;
        foreach (var day in days)
        {
            var points = Points(events, rules, day);
            if (points != last)
            {
                history.Add((day, points, Level(points, levels)));
                last = points;
            }
        }
        return history;
    }

    /// <summary>What is wrong with a rule table, or null: non-negative points, 1–120 months, a level from 0 points.</summary>
    public static string? Problem(IReadOnlyDictionary<string, ScoreRule> rules, IReadOnlyDictionary<string, int> levels)
    {
        if (rules.FirstOrDefault(r => r.Value.Points < 0 || r.Value.Months is < 1 or > 120) is { Key: { } bad })
        {
            return $"Market:Credit:Rules:{bad}: expected points of 0 or more and 1–120 months";
        }
        if (levels.Count == 0 || !levels.Values.Contains(0) || levels.Values.Any(v => v < 0))
        {
            return "Market:Credit:Levels: expected levels with thresholds of 0 or more points, one of them 0";
        }
        return null;
    }
}
