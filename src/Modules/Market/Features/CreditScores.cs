using System.Globalization;
using IctGov.Kernel.Results;
using IctGov.Kernel.Time;
using IctGov.Market.Contracts;
using IctGov.Market.Data;
using IctGov.Market.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IctGov.Market.Features;

/// <summary>
/// Credit scores (信用记分) of every licence holder on any day, computed from the events on record — credit list
/// entries at their decision's date (a decision withdrawn stops counting from the day it was), and inspection
/// findings at the day recorded — under the
/// configured rule table. Nothing is stored: a score is always the rule table applied to the record.
/// </summary>
internal sealed class CreditScores(MarketDbContext db, ChinaCalendar calendar, IOptions<CreditOptions> options)
{
    private Dictionary<string, ScoreRule> Rules => options.Value.Rules;

    private Dictionary<string, int> Levels => options.Value.Levels;

    /// <summary>The rule table and levels, as published beside the scores.</summary>
    public object Table => new { rules = Rules, levels = Levels };

    /// <summary>Every holder with a licence issued by <paramref name="asOf"/>, with its points and level that day; <paramref name="level"/> narrows to one level.</summary>
    public async Task<Outcome<IReadOnlyList<CreditScoreView>>> AllAsync(DateOnly? asOf, string? level, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(level) && !Levels.ContainsKey(level))
        {
            return Outcome.Invalid<IReadOnlyList<CreditScoreView>>([new RowError(1, "level", "expected one of " + string.Join(", ", Levels.Keys)) { Value = level }]);
        }
        var day = asOf ?? calendar.Today;
        var holders = await HoldersAsync(null, day, ct);
        var events = await EventsAsync(null, day, ct);
        var scores = holders.Select(h => Score(h.Key, h.Value, day, events.TryGetValue(h.Key, out var e) ? e : [])).Where(s => string.IsNullOrEmpty(level) || s.Level == level);
        return Outcome.Ok<IReadOnlyList<CreditScoreView>>(scores.OrderByDescending(s => s.Points).ThenBy(s => s.HolderCode, StringComparer.Ordinal).ToList());
    }

    /// <summary>One holder's score on <paramref name="asOf"/> and every change of it.</summary>
    public async Task<Outcome<CreditScoreHistory>> HolderAsync(string code, DateOnly? asOf, CancellationToken ct)
    {
        var day = asOf ?? calendar.Today;
        var holder = (code ?? "").Trim().ToUpperInvariant();
        var names = await HoldersAsync(holder, DateOnly.MaxValue, ct);
        if (!names.TryGetValue(holder, out var name))
        {
            return Outcome.Refused<CreditScoreHistory>(OutcomeStatus.NotFound, $"no licence holder {holder} in the register");
        }
        var events = (await EventsAsync(holder, DateOnly.MaxValue, ct)).GetValueOrDefault(holder) ?? [];
        var history = CreditScoring.History(events, Rules, Levels).Select(h => new CreditScoreChange(h.Day, h.Points, h.Level)).ToList();
        return Outcome.Ok(new CreditScoreHistory(Score(holder, name, day, events), history));
    }

    /// <summary>The level of each holder on <paramref name="day"/> (holders without events are at the lowest threshold's level).</summary>
    public async Task<IReadOnlyDictionary<string, string>> LevelsAsync(DateOnly day, CancellationToken ct)
    {
        var holders = await HoldersAsync(null, day, ct);
        var events = await EventsAsync(null, day, ct);
        return holders.ToDictionary(h => h.Key, h => CreditScoring.Level(CreditScoring.Points(events.GetValueOrDefault(h.Key) ?? [], Rules, day), Levels));
    }

    private CreditScoreView Score(string code, string name, DateOnly day, IReadOnlyList<ScoredEvent> events)
    {
        var counted = CreditScoring.Counted(events, Rules, day)
            .Select(e => new CreditPointsView(e.Event, e.Occurred, Rules[e.Event].Points, e.Occurred.AddMonths(Rules[e.Event].Months).AddDays(-1), e.Source))
            .OrderBy(e => e.Occurred).ToList();
        var points = counted.Sum(c => c.Points);
        return new(code, name, day, points, CreditScoring.Level(points, Levels), counted);
    }

    private async Task<Dictionary<string, string>> HoldersAsync(string? code, DateOnly day, CancellationToken ct)
    {
        var q = db.Licences.AsNoTracking().Where(l => l.Issued <= day);
        if (code is not null)
        {
            q = q.Where(l => l.HolderCode == code);
        }
        var rows = await q.Select(l => new { l.HolderCode, l.HolderName, l.Issued, l.Id }).ToListAsync(ct);
        // The name on the newest licence is the holder's current name.
        return rows.GroupBy(r => r.HolderCode).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Issued).ThenByDescending(r => r.Id).First().HolderName);
    }

    /// <summary>The events on record up to <paramref name="day"/>, by holder.</summary>
    private async Task<Dictionary<string, List<ScoredEvent>>> EventsAsync(string? code, DateOnly day, CancellationToken ct)
    {
        var q = db.CreditListings.AsNoTracking().Where(e => e.DecisionDate <= day);
        if (code is not null)
        {
            q = q.Where(e => e.HolderCode == code);
        }
        var listings = await q.Select(e => new { e.Id, e.HolderCode, e.Ground, e.DecisionDate, e.Removed, e.RemovalReason }).ToListAsync(ct);
        var findings = db.InspectionResults.AsNoTracking().Where(r => r.Outcome == "finding" && r.Recorded <= day);
        if (code is not null)
        {
            findings = findings.Where(r => r.HolderCode == code);
        }
        var found = await findings.Select(r => new { r.PlanId, r.HolderCode, r.Recorded }).ToListAsync(ct);
        return listings
            .Select(e => (e.HolderCode, Event: new ScoredEvent(e.Ground, e.DecisionDate,
                e.RemovalReason != null && e.RemovalReason.StartsWith("decision_withdrawn", StringComparison.Ordinal) ? e.Removed : null,
                "credit_listing:" + e.Id.ToString(CultureInfo.InvariantCulture))))
            .Concat(found.Select(r => (r.HolderCode, Event: new ScoredEvent("inspection_finding", r.Recorded, null, "inspection:" + r.PlanId.ToString(CultureInfo.InvariantCulture)))))
            .GroupBy(x => x.HolderCode).ToDictionary(g => g.Key, g => g.Select(x => x.Event).ToList());
    }
}
