using IctGov.Complaints.Contracts;
using IctGov.Complaints.Data;
using IctGov.Complaints.Domain;
using IctGov.Kernel;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Complaints.Features;

/// <summary>A count under a name (a topic, a state).</summary>
internal sealed record CountRow(string Key, string NameZh, string NameEn, long Count);

/// <summary>
/// One line of a ranking: complaints received in the period, how many were handled (closed, or
/// answered by the company), how many of those in time, and the users' mean rating.
/// </summary>
/// <param name="OnTime">Telecom: closed by the 30-day answer deadline; Internet: answered by the company within 10 working days.</param>
internal sealed record RankingRow(string Key, string NameZh, string NameEn, long Received, long Handled, long OnTime, long Ratings, double? MeanRating)
{
    public double? OnTimeRate => Handled == 0 ? null : (double)OnTime / Handled;
}

/// <summary>The periodic complaint bulletin (申诉情况通告): what the public may know, aggregated.</summary>
internal sealed record BulletinFigures(Period Period, long Received, long Accepted, long Rejected, long Closed, long Withdrawn,
    IReadOnlyList<CountRow> ByTopic, IReadOnlyList<RankingRow> Operators, IReadOnlyList<RankingRow> Provinces, IReadOnlyList<RankingRow> Companies,
    IReadOnlyList<TimelinessFigure> Timeliness);

/// <summary>Counts and rankings of the complaints received in a period (Beijing dates), for the bulletin and the monitoring pages.</summary>
internal sealed class ComplaintStatistics(ComplaintsDbContext db, ComplaintIndicators indicators)
{
    private sealed record Slim(string Kind, string Region, string RespondentId, string RespondentName, string Topic, string State, string? Outcome,
        DateOnly? DecidedOn, DateOnly? AnswerDue, DateOnly? ClosedOn, DateOnly? RespondentDue, DateOnly? RespondentAnsweredOn, int? Rating);

    public async Task<BulletinFigures> BulletinAsync(Period period, CancellationToken ct = default)
    {
        var rows = await db.Complaints.AsNoTracking()
            .Where(c => c.ReceivedOn >= period.Start && c.ReceivedOn <= period.End && c.State != States.Duplicate)
            .Select(c => new Slim(c.Kind, c.Region, c.RespondentId, c.RespondentName, c.Topic, c.State, c.Outcome,
                c.DecidedOn, c.AnswerDue, c.ClosedOn, c.RespondentDue, c.RespondentAnsweredOn, c.Rating))
            .ToListAsync(ct);
        var byTopic = Topics.All.Select(t => new CountRow(t.Code, t.Zh, t.En, rows.Count(r => r.Topic == t.Code))).ToList();
        var telecom = rows.Where(r => r.Kind == ComplaintKinds.Telecom).ToList();
        var internet = rows.Where(r => r.Kind == ComplaintKinds.Internet).ToList();
        var operators = Rank(telecom.GroupBy(r => r.RespondentId), g => (g.First().RespondentName, g.Key));
        var provinces = Rank(rows.GroupBy(r => r.Region), g => Regions.TryGet(g.Key, out var region) ? (region.NameZh, region.NameEn) : (g.Key, g.Key));
        var companies = Rank(internet.GroupBy(r => r.RespondentId), g => (g.First().RespondentName, g.First().RespondentName)).Take(20).ToList();
        var timeliness = await indicators.TimelinessAsync(period.ToString(), null, ct);
        return new BulletinFigures(period, rows.Count, rows.Count(r => r.DecidedOn is not null && r.State != States.Rejected), rows.Count(r => r.State == States.Rejected),
            rows.Count(r => r.State == States.Closed), rows.Count(r => r.Outcome == Outcomes.Withdrawn), byTopic, operators, provinces, companies, timeliness);
    }

    private static List<RankingRow> Rank(IEnumerable<IGrouping<string, Slim>> groups, Func<IGrouping<string, Slim>, (string Zh, string En)> name) =>
        groups.Select(g =>
        {
            var (zh, en) = name(g);
            var handled = g.Where(Handled).ToList();
            var rated = g.Where(r => r.Rating is not null).ToList();
            return new RankingRow(g.Key, zh, en, g.LongCount(), handled.Count, handled.Count(OnTime), rated.Count,
                rated.Count == 0 ? null : rated.Average(r => (double)r.Rating!.Value));
        })
        .OrderByDescending(r => r.Received).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();

    /// <summary>Telecom: closed other than by withdrawal; Internet: answered by the company.</summary>
    private static bool Handled(Slim r) => r.Kind == ComplaintKinds.Telecom
        ? r.State == States.Closed && r.Outcome != Outcomes.Withdrawn
        : r.RespondentAnsweredOn is not null;

    private static bool OnTime(Slim r) => r.Kind == ComplaintKinds.Telecom
        ? r.ClosedOn is { } closed && r.AnswerDue is { } due && closed <= due
        : r.RespondentAnsweredOn is { } answered && r.RespondentDue is { } due2 && answered <= due2;
}
