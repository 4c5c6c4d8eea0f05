using IctGov.Market.Domain;

namespace IctGov.Market.Tests;

/// <summary>The score's arithmetic and the checks on a rule table.</summary>
public class CreditScoringTests
{
    private static readonly Dictionary<string, ScoreRule> Rules = new()
    {
        ["penalty"] = new() { Points = 10, Months = 36 },
        ["inspection_finding"] = new() { Points = 3, Months = 12 },
    };

    private static readonly Dictionary<string, int> Levels = new() { ["A"] = 0, ["B"] = 10, ["C"] = 30 };

    [Fact]
    public void Points_CountFromTheDayToTheEndOfTheirMonths_AndNotAfterWithdrawal()
    {
        ScoredEvent[] events =
        [
            new("penalty", new DateOnly(2024, 2, 29), null, "x:1"),
            new("inspection_finding", new DateOnly(2025, 1, 10), new DateOnly(2025, 3, 1), "x:2"),
            new("unknown_event", new DateOnly(2025, 1, 10), null, "x:3"),
        ];
        Assert.Equal(0, CreditScoring.Points(events, Rules, new DateOnly(2024, 2, 28)));
        Assert.Equal(10, CreditScoring.Points(events, Rules, new DateOnly(2024, 2, 29)));
        Assert.Equal(13, CreditScoring.Points(events, Rules, new DateOnly(2025, 2, 28)));
        Assert.Equal(10, CreditScoring.Points(events, Rules, new DateOnly(2025, 3, 1)));
        // 36 months from 29 February 2024 is 28 February 2027 (AddMonths clamps): the points stop that day.
        Assert.Equal(10, CreditScoring.Points(events, Rules, new DateOnly(2027, 2, 27)));
        Assert.Equal(0, CreditScoring.Points(events, Rules, new DateOnly(2027, 2, 28)));
        Assert.Equal(["A", "B", "B", "C", "C"], ((int[])[0, 10, 29, 30, 500]).Select(p => CreditScoring.Level(p, Levels)));
    }

    [Fact]
    public void History_ListsOnlyTheDaysTheScoreChanged()
    {
        ScoredEvent[] events =
        [
            new("penalty", new DateOnly(2025, 1, 1), null, "x:1"),
            new("penalty", new DateOnly(2025, 1, 1), null, "x:2"),
            new("inspection_finding", new DateOnly(2026, 6, 1), null, "x:3"),
        ];
        Assert.Equal(
            [(new DateOnly(2025, 1, 1), 20, "B"), (new DateOnly(2026, 6, 1), 23, "B"), (new DateOnly(2027, 6, 1), 20, "B"), (new DateOnly(2028, 1, 1), 0, "A")],
            CreditScoring.History(events, Rules, Levels));
    }

    [Fact]
    public void Problem_NamesTheBadRuleOrLevels()
    {
        Assert.Null(CreditScoring.Problem(Rules, Levels));
        Assert.Contains("penalty", CreditScoring.Problem(new Dictionary<string, ScoreRule> { ["penalty"] = new() { Points = -1, Months = 12 } }, Levels), StringComparison.Ordinal);
        Assert.Contains("fraud", CreditScoring.Problem(new Dictionary<string, ScoreRule> { ["fraud"] = new() { Points = 5, Months = 0 } }, Levels), StringComparison.Ordinal);
        Assert.NotNull(CreditScoring.Problem(Rules, new Dictionary<string, int> { ["B"] = 10 }));
    }
}
