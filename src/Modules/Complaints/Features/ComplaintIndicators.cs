using System.Text.Json;
using IctGov.Complaints.Contracts;
using IctGov.Complaints.Data;
using IctGov.Complaints.Domain;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using IctGov.Planning.Contracts;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Complaints.Features;

/// <summary>What publishing indicator 20 for a year sent to the plan.</summary>
internal sealed record PublishedIndicator(string Period, string Status, IReadOnlyList<ObservationRecord> Observations);

/// <summary>
/// Indicator 20 computed from the module's own records, and its publication as the plan's
/// observation (national and provincial rate, with the numerator and denominator data elements).
/// </summary>
internal sealed class ComplaintIndicators(ComplaintsDbContext db, ChinaCalendar calendar, IObservationRecorder recorder, IAuditLog audit) : IComplaintIndicators
{
    public const string Source = "互联网信息服务投诉 (Complaints module)";

    public async Task<IReadOnlyList<TimelinessFigure>> TimelinessAsync(string period, DateOnly? asOf = null, CancellationToken ct = default)
    {
        var p = Period.Parse(period);
        var on = asOf ?? calendar.Today;
        // From the summary: each cell (province, deadline, class) stands for its complaints under the same rule.
        var cells = await db.DueCells.AsNoTracking().Where(x => x.Due >= p.Start && x.Due <= p.End && x.Complaints != 0).ToListAsync(ct);
        var counts = Timeliness.Compute(cells.Select(x => (Counts.Representative(new DueCell(x.Region, x.Due, x.Class)), x.Complaints)), p.Start, p.End, on);
        return Figures(p, on, counts);
    }

    /// <summary>Indicator 20 for the period and for each of its months (national figure), from one read of the summary.</summary>
    public async Task<(IReadOnlyList<TimelinessFigure> Whole, IReadOnlyDictionary<DateOnly, TimelinessFigure> Months)> TimelinessByMonthAsync(Period p, DateOnly? asOf,
        CancellationToken ct)
    {
        var on = asOf ?? calendar.Today;
        var cells = (await db.DueCells.AsNoTracking().Where(x => x.Due >= p.Start && x.Due <= p.End && x.Complaints != 0).ToListAsync(ct))
            .Select(x => (Case: Counts.Representative(new DueCell(x.Region, x.Due, x.Class)), Count: x.Complaints)).ToList();
        var months = new Dictionary<DateOnly, TimelinessFigure>();
        for (var m = Counts.MonthOf(p.Start); m <= p.End; m = m.AddMonths(1))
        {
            var month = Period.OfMonth(m.Year, m.Month);
            months[m] = Figures(month, on, Timeliness.Compute(cells, month.Start, month.End, on))[0];
        }
        return (Figures(p, on, Timeliness.Compute(cells, p.Start, p.End, on)), months);
    }

    public async Task<SummaryCellCounts> RebuildSummaryAsync(string actorId, CancellationToken ct = default)
    {
        var (cells, respondentCells, due) = await new ComplaintCounts(db).RebuildAsync(ct);
        var written = new SummaryCellCounts(cells, respondentCells, due);
        await audit.AppendAsync(new AuditEntry(actorId, "complaints.summary.rebuild", "complaints_count", "all", null, JsonSerializer.Serialize(written)), null, ct);
        return written;
    }

    public async Task<SummaryCellCounts> CheckSummaryAsync(CancellationToken ct = default)
    {
        var counts = new ComplaintCounts(db);
        var (stored, recount) = (await counts.StoredAsync(ct), await counts.RecountAsync(ct));
        return new SummaryCellCounts(Differing(stored.Cells, recount.Cells), Differing(stored.Respondents, recount.Respondents), Differing(stored.Due, recount.Due));
    }

    private static int Differing<TKey, TValue>(Dictionary<TKey, TValue> a, Dictionary<TKey, TValue> b) where TKey : notnull =>
        a.Keys.Union(b.Keys).Count(k => !(a.TryGetValue(k, out var x) && b.TryGetValue(k, out var y) && EqualityComparer<TValue>.Default.Equals(x, y)));

    /// <summary>
    /// The same figures from the complaints themselves, each classified by the rule: the check on the
    /// summary (tests, bench), never used to answer a page.
    /// </summary>
    public async Task<IReadOnlyList<TimelinessFigure>> TimelinessFromComplaintsAsync(string period, DateOnly? asOf = null, CancellationToken ct = default)
    {
        var p = Period.Parse(period);
        var on = asOf ?? calendar.Today;
        return Figures(p, on, Timeliness.Compute(await CasesAsync(p.Start, p.End, ct), p.Start, p.End, on));
    }

    private static List<TimelinessFigure> Figures(Period p, DateOnly on, IReadOnlyList<TimelinessCount> counts) =>
        counts.Select(c => new TimelinessFigure(c.Region, p.ToString(), on, c.Due, c.OnTime, c.Pending, c.Withdrawn, c.Duplicates, c.Rate)).ToList();


    /// <summary>
    /// Records the year's rate nationally and for every province with complaints due, as of today:
    /// provisional while any deadline of the year is still to pass, final after.
    /// </summary>
    public async Task<Outcome<PublishedIndicator>> PublishAsync(Actor actor, string period, CancellationToken ct = default)
    {
        if (actor.Role != Role.MinistryAdmin)
        {
            return Outcome.Refused<PublishedIndicator>(actor.Refusal, "the ministry publishes the plan's indicators");
        }
        if (!Period.TryParse(period, out var p) || p.Kind != PeriodKind.Year)
        {
            return Outcome.Invalid<PublishedIndicator>([new RowError(0, "period", "expected a year such as 2026") { Value = period }]);
        }
        var today = calendar.Today;
        if (p.Start > today)
        {
            return Outcome.Refused<PublishedIndicator>(OutcomeStatus.Unprocessable, $"period {period} has not begun");
        }
        var figures = await TimelinessAsync(p.ToString(), today, ct);
        var status = figures[0].Pending == 0 && today > p.End ? "final" : "provisional";
        var records = new List<ObservationRecord>();
        foreach (var f in figures.Where(f => f.Due > 0))
        {
            records.Add(new ObservationRecord("20", f.Region, p.ToString(), f.Rate!.Value, status, today, Source));
            records.Add(new ObservationRecord("complaints_handled_on_time", f.Region, p.ToString(), f.OnTime, status, today, Source));
            records.Add(new ObservationRecord("complaints_handled", f.Region, p.ToString(), f.Due, status, today, Source));
        }
        if (records.Count == 0)
        {
            return Outcome.Refused<PublishedIndicator>(OutcomeStatus.Unprocessable, $"no Internet complaint was due in {period} by {today:yyyy-MM-dd}: nothing to publish");
        }
        var recorded = await recorder.RecordAsync(records, "complaints:" + p, ct);
        if (!recorded.Succeeded)
        {
            return recorded.Cast<PublishedIndicator>();
        }
        await audit.AppendAsync(new AuditEntry(actor.Id, "complaints.indicator.publish", "plan_indicator", "20:" + p, null,
            JsonSerializer.Serialize(new { period = p.ToString(), status, national = figures[0].Rate, due = figures[0].Due, onTime = figures[0].OnTime })), null, ct);
        return Outcome.Ok(new PublishedIndicator(p.ToString(), status, records));
    }

    /// <summary>The Internet complaints whose company deadline falls in [start, end], reduced to what the rule reads.</summary>
    private async Task<List<TimelinessCase>> CasesAsync(DateOnly start, DateOnly end, CancellationToken ct) =>
        (await db.Complaints.AsNoTracking()
            .Where(c => c.Kind == ComplaintKinds.Internet && c.RespondentDue >= start && c.RespondentDue <= end)
            .Select(c => new { c.Region, c.RespondentDue, c.RespondentAnsweredOn, c.Outcome, c.ClosedOn, c.State })
            .ToListAsync(ct))
        .Select(c => new TimelinessCase(c.Region, c.RespondentDue, c.RespondentAnsweredOn, c.Outcome == Outcomes.Withdrawn ? c.ClosedOn : null, c.State == States.Duplicate))
        .ToList();
}
