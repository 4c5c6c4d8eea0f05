using IctGov.Complaints.Data;
using IctGov.Complaints.Domain;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Complaints.Features;

/// <summary>What one complaint adds to the summary tables.</summary>
internal readonly record struct Contribution(CountCell Cell, RespondentCell? Respondent, string RespondentName, int? Rating, DueCell? Due)
{
    public static Contribution Of(ComplaintRow c) => Of(c.Kind, c.Region, c.RespondentId, c.RespondentName, c.Topic, c.State, c.Outcome, c.ReceivedOn, c.DecidedOn,
        c.AnswerDue, c.ClosedOn, c.RespondentDue, c.RespondentAnsweredOn, c.Rating);

    public static Contribution Of(string kind, string region, string respondentId, string respondentName, string topic, string state, string? outcome, DateOnly receivedOn,
        DateOnly? decidedOn, DateOnly? answerDue, DateOnly? closedOn, DateOnly? respondentDue, DateOnly? respondentAnsweredOn, int? rating) => new(
        Counts.Cell(kind, region, topic, state, outcome, receivedOn, decidedOn, answerDue, closedOn, respondentDue, respondentAnsweredOn),
        Counts.Respondent(kind, region, respondentId, state, outcome, receivedOn, answerDue, closedOn, respondentDue, respondentAnsweredOn),
        respondentName, rating,
        Counts.Due(kind, region, state, outcome, closedOn, respondentDue, respondentAnsweredOn));
}

/// <summary>A cell's totals: complaints, how many rated and the sum of their ratings (and, for a respondent's cell, its name).</summary>
internal sealed record CellTotals(string RespondentName, long Complaints, long Rated, long RatingSum)
{
    public CellTotals Add(string name, int sign, int? rating) =>
        new(name, Complaints + sign, Rated + (rating is null ? 0 : sign), RatingSum + sign * (rating ?? 0));

    public bool IsEmpty => Complaints == 0 && Rated == 0 && RatingSum == 0;
}

/// <summary>The three summary tables as dictionaries, for comparing a recount with what is stored.</summary>
internal sealed record SummaryCells(Dictionary<CountCell, CellTotals> Cells, Dictionary<RespondentCell, CellTotals> Respondents, Dictionary<DueCell, long> Due)
{
    public SummaryCells() : this([], [], [])
    {
    }

    public void Add(Contribution c, int sign)
    {
        Cells[c.Cell] = (Cells.GetValueOrDefault(c.Cell) ?? new CellTotals("", 0, 0, 0)).Add("", sign, c.Rating);
        if (c.Respondent is { } r)
        {
            Respondents[r] = (Respondents.GetValueOrDefault(r) ?? new CellTotals(c.RespondentName, 0, 0, 0)).Add(c.RespondentName, sign, c.Rating);
        }
        if (c.Due is { } d)
        {
            Due[d] = Due.GetValueOrDefault(d) + sign;
        }
    }
}

/// <summary>
/// Keeps the monitoring summary (<c>complaints_count</c>, <c>complaints_respondent_count</c>,
/// <c>complaints_due_count</c>) equal to a
/// recount of the complaints: every write of a complaint applies the difference between what it
/// contributed before and after, inside the write's own transaction, so the summary is never stale
/// and nothing acknowledged is lost in a crash. <see cref="RebuildAsync"/> recounts from scratch.
/// </summary>
internal sealed class ComplaintCounts(ComplaintsDbContext db)
{
    /// <summary>Applies the changes of complaints (null before: new; null after: gone) to the summary, in the caller's transaction.</summary>
    public async Task ApplyAsync(IEnumerable<(Contribution? Before, Contribution? After)> changes, CancellationToken ct)
    {
        var delta = new SummaryCells();
        foreach (var (before, after) in changes)
        {
            if (before is { } b) delta.Add(b, -1);
            if (after is { } a) delta.Add(a, +1);
        }
        // A stable order, so that two transactions touching the same cells lock them in the same order.
        foreach (var (k, v) in delta.Cells.Where(kv => !kv.Value.IsEmpty).OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO complaints_count (month, region, kind, topic, state, outcome, decided, handled, on_time, complaints, rated, rating_sum)
                VALUES ({k.Month}, {k.Region}, {k.Kind}, {k.Topic}, {k.State}, {k.Outcome}, {k.Decided}, {k.Handled}, {k.OnTime}, {v.Complaints}, {v.Rated}, {v.RatingSum})
                ON CONFLICT (month, region, kind, topic, state, outcome, decided, handled, on_time) DO UPDATE SET
                    complaints = complaints_count.complaints + excluded.complaints, rated = complaints_count.rated + excluded.rated,
                    rating_sum = complaints_count.rating_sum + excluded.rating_sum
                """, ct);
        }
        foreach (var (k, v) in delta.Respondents.Where(kv => !kv.Value.IsEmpty).OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO complaints_respondent_count (month, region, kind, respondent_id, handled, on_time, respondent_name, complaints, rated, rating_sum)
                VALUES ({k.Month}, {k.Region}, {k.Kind}, {k.RespondentId}, {k.Handled}, {k.OnTime}, {v.RespondentName}, {v.Complaints}, {v.Rated}, {v.RatingSum})
                ON CONFLICT (month, region, kind, respondent_id, handled, on_time) DO UPDATE SET
                    complaints = complaints_respondent_count.complaints + excluded.complaints, rated = complaints_respondent_count.rated + excluded.rated,
                    rating_sum = complaints_respondent_count.rating_sum + excluded.rating_sum, respondent_name = excluded.respondent_name
                """, ct);
        }
        foreach (var (k, n) in delta.Due.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal))
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO complaints_due_count (due, region, class, complaints) VALUES ({k.Due}, {k.Region}, {k.Class}, {n})
                ON CONFLICT (due, region, class) DO UPDATE SET complaints = complaints_due_count.complaints + excluded.complaints
                """, ct);
        }
    }

    /// <summary>The summary as a recount of every complaint would give it (cells with complaints only).</summary>
    public async Task<SummaryCells> RecountAsync(CancellationToken ct)
    {
        var summary = new SummaryCells();
        var rows = db.Complaints.AsNoTracking().Select(c => new
        {
            c.Kind, c.Region, c.RespondentId, c.RespondentName, c.Topic, c.State, c.Outcome, c.ReceivedOn, c.DecidedOn, c.AnswerDue, c.ClosedOn,
            c.RespondentDue, c.RespondentAnsweredOn, c.Rating,
        }).AsAsyncEnumerable();
        await foreach (var c in rows.WithCancellation(ct))
        {
            summary.Add(Contribution.Of(c.Kind, c.Region, c.RespondentId, c.RespondentName, c.Topic, c.State, c.Outcome, c.ReceivedOn, c.DecidedOn, c.AnswerDue, c.ClosedOn,
                c.RespondentDue, c.RespondentAnsweredOn, c.Rating), +1);
        }
        return summary;
    }

    /// <summary>The summary as stored (cells with complaints only).</summary>
    public async Task<SummaryCells> StoredAsync(CancellationToken ct)
    {
        var cells = (await db.CountCells.AsNoTracking().Where(x => x.Complaints != 0 || x.Rated != 0).ToListAsync(ct)).ToDictionary(
            x => new CountCell(x.Month, x.Region, x.Kind, x.Topic, x.State, x.Outcome, x.Decided, x.Handled, x.OnTime),
            x => new CellTotals("", x.Complaints, x.Rated, x.RatingSum));
        var respondents = (await db.RespondentCells.AsNoTracking().Where(x => x.Complaints != 0 || x.Rated != 0).ToListAsync(ct)).ToDictionary(
            x => new RespondentCell(x.Month, x.Region, x.Kind, x.RespondentId, x.Handled, x.OnTime),
            x => new CellTotals(x.RespondentName, x.Complaints, x.Rated, x.RatingSum));
        var due = (await db.DueCells.AsNoTracking().Where(x => x.Complaints != 0).ToListAsync(ct)).ToDictionary(x => new DueCell(x.Region, x.Due, x.Class), x => x.Complaints);
        return new SummaryCells(cells, respondents, due);
    }

    /// <summary>
    /// Replaces the summary by a recount of the complaints, in one transaction (after a restore from
    /// a backup taken between versions, or to check it). Returns the number of cells written.
    /// </summary>
    public async Task<(int Cells, int RespondentCells, int DueCells)> RebuildAsync(CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.CountCells.ExecuteDeleteAsync(ct);
            await db.RespondentCells.ExecuteDeleteAsync(ct);
            await db.DueCells.ExecuteDeleteAsync(ct);
            var (cells, respondents, due) = await RecountAsync(ct);
            db.CountCells.AddRange(cells.Select(kv => new ComplaintCountRow
            {
                Month = kv.Key.Month, Region = kv.Key.Region, Kind = kv.Key.Kind, Topic = kv.Key.Topic, State = kv.Key.State,
                Outcome = kv.Key.Outcome, Decided = kv.Key.Decided, Handled = kv.Key.Handled, OnTime = kv.Key.OnTime,
                Complaints = kv.Value.Complaints, Rated = kv.Value.Rated, RatingSum = kv.Value.RatingSum,
            }));
            db.RespondentCells.AddRange(respondents.Select(kv => new ComplaintRespondentCountRow
            {
                Month = kv.Key.Month, Region = kv.Key.Region, Kind = kv.Key.Kind, RespondentId = kv.Key.RespondentId, Handled = kv.Key.Handled, OnTime = kv.Key.OnTime,
                RespondentName = kv.Value.RespondentName, Complaints = kv.Value.Complaints, Rated = kv.Value.Rated, RatingSum = kv.Value.RatingSum,
            }));
            db.DueCells.AddRange(due.Select(kv => new ComplaintDueCountRow { Region = kv.Key.Region, Due = kv.Key.Due, Class = kv.Key.Class, Complaints = kv.Value }));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await tx.CommitAsync(ct);
            return (cells.Count, respondents.Count, due.Count);
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
