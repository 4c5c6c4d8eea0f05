using IctGov.Complaints.Contracts;
using IctGov.Complaints.Data;
using IctGov.Complaints.Domain;
using IctGov.Kernel;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Complaints.Features;

/// <summary>A count under a name (a topic, a state), split by kind.</summary>
internal sealed record CountRow(string Key, string NameZh, string NameEn, long Count, long Telecom = 0, long Internet = 0);

/// <summary>
/// One line of a ranking: complaints received in the period, how many were handled (closed, or
/// answered by the company), how many of those in time, the users' mean rating, and the complaints
/// per million users where the user base is known.
/// </summary>
/// <param name="OnTime">Telecom: closed by the 30-day answer deadline; Internet: answered by the company within 10 working days.</param>
/// <param name="Users">Users of the operator or province (<c>complaints_user_base</c>), if recorded.</param>
internal sealed record RankingRow(string Key, string NameZh, string NameEn, long Received, long Handled, long OnTime, long Ratings, double? MeanRating,
    UserBaseFigure? Users = null)
{
    public double? OnTimeRate => Handled == 0 ? null : (double)OnTime / Handled;

    /// <summary>Complaints received per million users, or null without a user figure.</summary>
    public double? PerMillionUsers => Users is { Users: > 0 } u ? Received * 1_000_000.0 / u.Users : null;
}

/// <summary>A user figure with its date and source.</summary>
internal sealed record UserBaseFigure(long Users, DateOnly AsOf, string Source);

/// <summary>The periodic complaint bulletin (申诉情况通告): what the public may know, aggregated.</summary>
internal sealed record BulletinFigures(Period Period, long Received, long Accepted, long Rejected, long Closed, long Withdrawn,
    IReadOnlyList<CountRow> ByTopic, IReadOnlyList<RankingRow> Operators, IReadOnlyList<RankingRow> Provinces, IReadOnlyList<RankingRow> Companies,
    IReadOnlyList<TimelinessFigure> Timeliness);

/// <summary>One month of the trend: complaints received by kind, handled and on time, and indicator 20 for the month.</summary>
internal sealed record MonthRow(DateOnly Month, long Telecom, long Internet, long Handled, long OnTime, TimelinessFigure? Indicator20);

/// <summary>The monitoring view of a period: the bulletin's figures, the months and the national user base.</summary>
internal sealed record MonitorFigures(BulletinFigures Bulletin, IReadOnlyList<MonthRow> Months, RankingRow Nation);

/// <summary>Sums of the summary's cells under one key.</summary>
internal sealed record CellSums(string Kind, string Key, string Name, long Complaints, long Handled, long OnTime, long Rated, long RatingSum);

/// <summary>
/// Counts and rankings of the complaints received in a period (Beijing dates), for the bulletin and
/// the monitoring pages: a few GROUP BY sums over the monitoring summary (<see cref="ComplaintCounts"/>),
/// never a scan of the complaints. The respondents' ranking reads its own table (without topic and
/// state), the rest the cells without respondent: each is a fraction of one table holding both.
/// </summary>
internal sealed class ComplaintStatistics(ComplaintsDbContext db, ComplaintIndicators indicators)
{
    public async Task<BulletinFigures> BulletinAsync(Period period, CancellationToken ct = default) =>
        await BulletinAsync(period, await UserBaseAsync(period, ct), await indicators.TimelinessAsync(period.ToString(), null, ct), ct);

    public async Task<MonitorFigures> MonitorAsync(Period period, CancellationToken ct = default)
    {
        var users = await UserBaseAsync(period, ct);
        var (whole, byMonth) = await indicators.TimelinessByMonthAsync(period, null, ct);
        var bulletin = await BulletinAsync(period, users, whole, ct);
        var months = await In(period).GroupBy(c => new { c.Month, c.Kind, c.Handled, c.OnTime })
            .Select(g => new { g.Key.Month, g.Key.Kind, g.Key.Handled, g.Key.OnTime, Complaints = g.Sum(c => c.Complaints) }).ToListAsync(ct);
        var trend = new List<MonthRow>();
        for (var m = Counts.MonthOf(period.Start); m <= period.End; m = m.AddMonths(1))
        {
            var month = m;
            var these = months.Where(x => x.Month == month).ToList();
            trend.Add(new MonthRow(m, these.Where(x => x.Kind == ComplaintKinds.Telecom).Sum(x => x.Complaints), these.Where(x => x.Kind == ComplaintKinds.Internet).Sum(x => x.Complaints),
                these.Where(x => x.Handled).Sum(x => x.Complaints), these.Where(x => x.Handled && x.OnTime).Sum(x => x.Complaints), byMonth.GetValueOrDefault(m)));
        }
        var p = bulletin.Provinces;
        var nation = new RankingRow(Region.NationalCode, "全国", "National", p.Sum(r => r.Received), p.Sum(r => r.Handled), p.Sum(r => r.OnTime), p.Sum(r => r.Ratings),
            p.Sum(r => r.Ratings) == 0 ? null : p.Sum(r => (r.MeanRating ?? 0) * r.Ratings) / p.Sum(r => r.Ratings), users.GetValueOrDefault((UserBase.Province, Region.NationalCode)));
        return new MonitorFigures(bulletin, trend, nation);
    }

    private async Task<BulletinFigures> BulletinAsync(Period period, IReadOnlyDictionary<(string, string), UserBaseFigure> users, IReadOnlyList<TimelinessFigure> timeliness,
        CancellationToken ct)
    {
        var cells = In(period);
        var topics = await cells.GroupBy(c => new { c.Topic, c.Kind }).Select(g => new { g.Key.Topic, g.Key.Kind, Complaints = g.Sum(c => c.Complaints) }).ToListAsync(ct);
        var byTopic = Topics.All.Select(t => new CountRow(t.Code, t.Zh, t.En, topics.Where(x => x.Topic == t.Code).Sum(x => x.Complaints),
            topics.Where(x => x.Topic == t.Code && x.Kind == ComplaintKinds.Telecom).Sum(x => x.Complaints),
            topics.Where(x => x.Topic == t.Code && x.Kind == ComplaintKinds.Internet).Sum(x => x.Complaints))).ToList();
        var states = await cells.GroupBy(c => new { c.State, c.Outcome, c.Decided }).Select(g => new { g.Key.State, g.Key.Outcome, g.Key.Decided, Complaints = g.Sum(c => c.Complaints) })
            .ToListAsync(ct);
        var respondents = await db.RespondentCells.AsNoTracking().Where(c => c.Month >= period.Start && c.Month <= period.End)
            .GroupBy(c => new { c.Kind, c.RespondentId })
            .Select(g => new CellSums(g.Key.Kind, g.Key.RespondentId, g.Max(c => c.RespondentName)!, g.Sum(c => c.Complaints), g.Sum(c => c.Handled ? c.Complaints : 0),
                g.Sum(c => c.Handled && c.OnTime ? c.Complaints : 0), g.Sum(c => c.Rated), g.Sum(c => c.RatingSum)))
            .ToListAsync(ct);
        var regions = await cells.GroupBy(c => c.Region)
            .Select(g => new CellSums("", g.Key, "", g.Sum(c => c.Complaints), g.Sum(c => c.Handled ? c.Complaints : 0),
                g.Sum(c => c.Handled && c.OnTime ? c.Complaints : 0), g.Sum(c => c.Rated), g.Sum(c => c.RatingSum)))
            .ToListAsync(ct);
        var operators = Rank(respondents.Where(r => r.Kind == ComplaintKinds.Telecom), r => (r.Name, r.Key), users, UserBase.Operator);
        var provinces = Rank(regions, r => Regions.TryGet(r.Key, out var region) ? (region.NameZh, region.NameEn) : (r.Key, r.Key), users, UserBase.Province);
        var companies = Rank(respondents.Where(r => r.Kind == ComplaintKinds.Internet), r => (r.Name, r.Name), users).Take(20).ToList();
        return new BulletinFigures(period, states.Sum(x => x.Complaints), states.Where(x => x.Decided && x.State != States.Rejected).Sum(x => x.Complaints),
            states.Where(x => x.State == States.Rejected).Sum(x => x.Complaints), states.Where(x => x.State == States.Closed).Sum(x => x.Complaints),
            states.Where(x => x.Outcome == Outcomes.Withdrawn).Sum(x => x.Complaints), byTopic, operators, provinces, companies, timeliness);
    }

    /// <summary>The summary's cells of complaints received in the period, duplicates left out (the original counts).</summary>
    private IQueryable<ComplaintCountRow> In(Period period) =>
        db.CountCells.AsNoTracking().Where(c => c.Month >= period.Start && c.Month <= period.End && c.State != States.Duplicate);

    /// <summary>For each operator and province, the latest user figure recorded on or before the period's end.</summary>
    private async Task<IReadOnlyDictionary<(string Scope, string Key), UserBaseFigure>> UserBaseAsync(Period period, CancellationToken ct) =>
        (await db.UserBase.AsNoTracking().Where(u => u.AsOf <= period.End).ToListAsync(ct))
            .GroupBy(u => (u.Scope, u.Key))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(u => u.AsOf).Select(u => new UserBaseFigure(u.Users, u.AsOf, u.Source)).First());

    private static List<RankingRow> Rank(IEnumerable<CellSums> rows, Func<CellSums, (string Zh, string En)> name,
        IReadOnlyDictionary<(string, string), UserBaseFigure> users, string? scope = null) =>
        rows.Where(r => r.Complaints != 0).Select(r =>
        {
            var (zh, en) = name(r);
            return new RankingRow(r.Key, zh, en, r.Complaints, r.Handled, r.OnTime, r.Rated, r.Rated == 0 ? null : (double)r.RatingSum / r.Rated,
                scope is null ? null : users.GetValueOrDefault((scope, r.Key)));
        })
        .OrderByDescending(r => r.Received).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
}
