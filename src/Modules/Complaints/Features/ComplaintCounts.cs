using IctGov.Complaints.Data;
using IctGov.Complaints.Domain;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Complaints.Features;

/// <summary>What one complaint adds to the summary tables.</summary>
internal readonly record struct Contribution(CountCell Cell, string RespondentName, int? Rating, DueCell? Due)
{
    public static Contribution Of(ComplaintRow c) => new(
        Counts.Cell(c.Kind, c.Region, c.RespondentId, c.Topic, c.State, c.Outcome, c.ReceivedOn, c.DecidedOn, c.AnswerDue, c.ClosedOn, c.RespondentDue, c.RespondentAnsweredOn),
        c.RespondentName, c.Rating,
        Counts.Due(c.Kind, c.Region, c.State, c.Outcome, c.ClosedOn, c.RespondentDue, c.RespondentAnsweredOn));
}

/// <summary>A cell's totals: complaints, how many rated and the sum of their ratings.</summary>
internal sealed record CellTotals(string RespondentName, long Complaints, long Rated, long RatingSum);

/// <summary>
/// Keeps the monitoring summary (<c>complaints_count</c>, <c>complaints_due_count</c>) equal to a
/// recount of the complaints: every write of a complaint applies the difference between what it
/// contributed before and after, inside the write's own transaction, so the summary is never stale
/// and nothing acknowledged is lost in a crash. <see cref="RebuildAsync"/> recounts from scratch.
/// </summary>
internal sealed class ComplaintCounts(ComplaintsDbContext db)
{
    /// <summary>Applies the changes of complaints (null before: new; null after: gone) to the summary, in the caller's transaction.</summary>
    public async Task ApplyAsync(IEnumerable<(Contribution? Before, Contribution? After)> changes, CancellationToken ct)
    {
        var cells = new Dictionary<CountCell, (string Name, long Complaints, long Rated, long Sum)>();
        var due = new Dictionary<DueCell, long>();
        void Add(Contribution c, int sign)
        {
            var (_, complaints, rated, sum) = cells.GetValueOrDefault(c.Cell);
            cells[c.Cell] = (c.RespondentName, complaints + sign, rated + (c.Rating is null ? 0 : sign), sum + sign * (c.Rating ?? 0));
            if (c.Due is { } d)
            {
                due[d] = due.GetValueOrDefault(d) + sign;
            }
        }
        foreach (var (before, after) in changes)
        {
            if (before is { } b) Add(b, -1);
            if (after is { } a) Add(a, +1);
        }
        // A stable order, so that two transactions touching the same cells lock them in the same order.
        foreach (var (k, v) in cells.Where(kv => kv.Value is not (_, 0, 0, 0)).OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO complaints_count (month, region, respondent_id, kind, topic, state, outcome, decided, handled, on_time, respondent_name, complaints, rated, rating_sum)
                VALUES ({k.Month}, {k.Region}, {k.RespondentId}, {k.Kind}, {k.Topic}, {k.State}, {k.Outcome}, {k.Decided}, {k.Handled}, {k.OnTime}, {v.Name}, {v.Complaints}, {v.Rated}, {v.Sum})
                ON CONFLICT (month, region, respondent_id, kind, topic, state, outcome, decided, handled, on_time) DO UPDATE SET
                    complaints = complaints_count.complaints + excluded.complaints, rated = complaints_count.rated + excluded.rated,
                    rating_sum = complaints_count.rating_sum + excluded.rating_sum, respondent_name = excluded.respondent_name
                """, ct);
        }
        foreach (var (k, n) in due.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO complaints_due_count (due, region, class, complaints) VALUES ({k.Due}, {k.Region}, {k.Class}, {n})
                ON CONFLICT (due, region, class) DO UPDATE SET complaints = complaints_due_count.complaints + excluded.complaints
                """, ct);
        }
    }

    /// <summary>The summary as a recount of every complaint would give it (cells with complaints only).</summary>
    public async Task<(Dictionary<CountCell, CellTotals> Cells, Dictionary<DueCell, long> Due)> RecountAsync(CancellationToken ct)
    {
        var cells = new Dictionary<CountCell, CellTotals>();
        var due = new Dictionary<DueCell, long>();
        var rows = db.Complaints.AsNoTracking().Select(c => new
        {
            c.Kind, c.Region, c.RespondentId, c.RespondentName, c.Topic, c.State, c.Outcome, c.ReceivedOn, c.DecidedOn, c.AnswerDue, c.ClosedOn,
            c.RespondentDue, c.RespondentAnsweredOn, c.Rating,
        }).AsAsyncEnumerable();
        await foreach (var c in rows.WithCancellation(ct))
        {
            var cell = Counts.Cell(c.Kind, c.Region, c.RespondentId, c.Topic, c.State, c.Outcome, c.ReceivedOn, c.DecidedOn, c.AnswerDue, c.ClosedOn, c.RespondentDue, c.RespondentAnsweredOn);
            var t = cells.GetValueOrDefault(cell);
            cells[cell] = new CellTotals(c.RespondentName, (t?.Complaints ?? 0) + 1, (t?.Rated ?? 0) + (c.Rating is null ? 0 : 1), (t?.RatingSum ?? 0) + (c.Rating ?? 0));
            if (Counts.Due(c.Kind, c.Region, c.State, c.Outcome, c.ClosedOn, c.RespondentDue, c.RespondentAnsweredOn) is { } d)
            {
                due[d] = due.GetValueOrDefault(d) + 1;
            }
        }
        return (cells, due);
    }

    /// <summary>The summary as stored (cells with complaints only).</summary>
    public async Task<(Dictionary<CountCell, CellTotals> Cells, Dictionary<DueCell, long> Due)> StoredAsync(CancellationToken ct)
    {
        var cells = (await db.CountCells.AsNoTracking().Where(x => x.Complaints != 0 || x.Rated != 0).ToListAsync(ct)).ToDictionary(
            x => new CountCell(x.Month, x.Region, x.RespondentId, x.Kind, x.Topic, x.State, x.Outcome, x.Decided, x.Handled, x.OnTime),
            x => new CellTotals(x.RespondentName, x.Complaints, x.Rated, x.RatingSum));
        var due = (await db.DueCells.AsNoTracking().Where(x => x.Complaints != 0).ToListAsync(ct)).ToDictionary(x => new DueCell(x.Region, x.Due, x.Class), x => x.Complaints);
        return (cells, due);
    }

    /// <summary>
    /// Replaces the summary by a recount of the complaints, in one transaction (after a restore from
    /// a backup taken between versions, or to check it). Returns the number of cells written.
    /// </summary>
    public async Task<(int Cells, int DueCells)> RebuildAsync(CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.CountCells.ExecuteDeleteAsync(ct);
            await db.DueCells.ExecuteDeleteAsync(ct);
            var (cells, due) = await RecountAsync(ct);
            db.CountCells.AddRange(cells.Select(kv => new ComplaintCountRow
            {
                Month = kv.Key.Month, Region = kv.Key.Region, RespondentId = kv.Key.RespondentId, Kind = kv.Key.Kind, Topic = kv.Key.Topic, State = kv.Key.State,
                Outcome = kv.Key.Outcome, Decided = kv.Key.Decided, Handled = kv.Key.Handled, OnTime = kv.Key.OnTime, RespondentName = kv.Value.RespondentName,
                Complaints = kv.Value.Complaints, Rated = kv.Value.Rated, RatingSum = kv.Value.RatingSum,
            }));
            db.DueCells.AddRange(due.Select(kv => new ComplaintDueCountRow { Region = kv.Key.Region, Due = kv.Key.Due, Class = kv.Key.Class, Complaints = kv.Value }));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await tx.CommitAsync(ct);
            return (cells.Count, due.Count);
        });
    }

    /// <summary>At start-up: a database whose complaints predate the summary gets it built once.</summary>
    public async Task EnsureBuiltAsync(CancellationToken ct)
    {
        if (!await db.CountCells.AnyAsync(ct) && await db.Complaints.AnyAsync(ct))
        {
            await RebuildAsync(ct);
        }
    }
}
