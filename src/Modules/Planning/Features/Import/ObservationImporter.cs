using System.Globalization;
using System.Text.Json;
using IctGov.Data.Files;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Planning.Contracts;
using IctGov.Planning.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using IctGov.Kernel.Time;

namespace IctGov.Planning.Features;

/// <summary>
/// Records observations: from CSV or XLSX files with the header
/// <c>indicator,region,period,value,status,published,source</c>, or typed rows from other modules.
/// Every row is checked before anything is written; one bad row rejects the batch, and the answer
/// names every bad row, field and reason. Re-recording an identical row is a no-op, so a file can be
/// sent twice safely. Every accepted batch is audited in the transaction that writes it.
/// </summary>
internal sealed class ObservationImporter(PlanningDbContext db, TimeProvider clock, IAuditLog audit, IActorAccessor actors)
{
    public Task<Outcome<ImportSummary>> ImportCsvAsync(Stream csv, string origin, CancellationToken ct = default) =>
        ImportTableAsync(ObservationFile.ReadCsv(csv, ct), origin, ct);

    public Task<Outcome<ImportSummary>> ImportXlsxAsync(Stream xlsx, string origin, CancellationToken ct = default) =>
        ImportTableAsync(ObservationFile.ReadXlsx(xlsx, ct), origin, ct);

    /// <summary>The rules as of today, for callers that type their own rows (<see cref="ObservationRecorder"/>).</summary>
    public Task<ObservationRules> RulesAsync(CancellationToken ct) =>
        ObservationRules.LoadAsync(db, ChinaCalendar.ToChinaDate(clock.GetUtcNow()), ct); // the latest publication date accepted: today in Beijing

    private async Task<Outcome<ImportSummary>> ImportTableAsync(Outcome<IReadOnlyList<TableRow>> table, string origin, CancellationToken ct)
    {
        if (!table.Succeeded)
        {
            return table.Cast<ImportSummary>();
        }
        var rules = await RulesAsync(ct);
        var errors = new List<RowError>();
        var rows = new List<ObservationRow>();
        foreach (var raw in table.Value!)
        {
            if (ObservationFile.ToRow(raw, rules, errors) is { } row)
            {
                rows.Add(row);
            }
        }
        return await ImportAsync(rules, rows, errors, origin, ct);
    }

    /// <summary>
    /// Checks <paramref name="rows"/> and writes them all, or nothing when any row (or any of the
    /// <paramref name="errors"/> its caller already found) is wrong: the rows that break a rule are
    /// <see cref="OutcomeStatus.Unprocessable"/>, a clash with another import a <see cref="OutcomeStatus.Conflict"/>.
    /// </summary>
    public async Task<Outcome<ImportSummary>> ImportAsync(ObservationRules rules, IReadOnlyList<ObservationRow> rows, List<RowError> errors, string origin, CancellationToken ct)
    {
        var observations = rules.Check(rows, errors);
        if (errors.Count == 0)
        {
            var existing = await ExistingAsync(observations, ct);
            var toInsert = WithoutRepeats(observations, existing, errors, out var skipped);
            if (errors.Count == 0)
            {
                return await WriteAsync(toInsert, skipped, origin, ct);
            }
        }
        return Outcome.Refused<ImportSummary>(OutcomeStatus.Unprocessable, Summary(errors),
            errors.OrderBy(e => e.Row).Take(ObservationRules.MaxErrors + 1).ToList());
    }

    private static string Summary(List<RowError> errors) =>
        $"nothing was written: {errors.Count.ToString(CultureInfo.InvariantCulture)} problem(s), the first {errors.OrderBy(e => e.Row).First()}";

    /// <summary>What is already recorded for the subjects of the batch, by vintage.</summary>
    private async Task<Dictionary<(SubjectKind, string, string, string, DateOnly), decimal>> ExistingAsync(List<(long Row, Observation Observation)> observations, CancellationToken ct)
    {
        var existing = new Dictionary<(SubjectKind, string, string, string, DateOnly), decimal>();
        foreach (var chunk in observations.Select(o => o.Observation.SubjectKey).Distinct().Chunk(500))
        {
            var found = await db.Observations.AsNoTracking().Where(o => chunk.Contains(o.SubjectKey))
                .Select(o => new { o.SubjectKind, o.SubjectKey, o.RegionCode, o.Period, o.Published, o.Value }).ToListAsync(ct);
            foreach (var f in found)
            {
                existing[(f.SubjectKind, f.SubjectKey, f.RegionCode, f.Period, f.Published)] = f.Value;
            }
        }
        return existing;
    }

    /// <summary>
    /// The same vintage with the same value is a harmless repeat (skipped); the same vintage with
    /// another value is a conflict the sender must resolve with a later, revised vintage.
    /// </summary>
    private static List<Observation> WithoutRepeats(List<(long Row, Observation Observation)> observations,
        Dictionary<(SubjectKind, string, string, string, DateOnly), decimal> existing, List<RowError> errors, out int skipped)
    {
        var toInsert = new List<Observation>();
        skipped = 0;
        foreach (var (row, obs) in observations)
        {
            var key = (obs.SubjectKind, obs.SubjectKey, obs.RegionCode, obs.Period, obs.Published);
            if (!existing.TryGetValue(key, out var old))
            {
                toInsert.Add(obs);
            }
            else if (old == obs.Value)
            {
                skipped++;
            }
            else
            {
                errors.Add(new RowError(row, "value",
                    $"{obs.Value.ToString(CultureInfo.InvariantCulture)} conflicts with {old.ToString(CultureInfo.InvariantCulture)} already recorded for the same published date; a revision needs a later published date and status revised"));
            }
        }
        return toInsert;
    }

    /// <summary>One transaction for the batch record, every row and the audit entry: all or nothing, even if the process dies.</summary>
    private async Task<Outcome<ImportSummary>> WriteAsync(List<Observation> toInsert, int skipped, string origin, CancellationToken ct)
    {
        var batch = new ImportBatch { Id = Guid.NewGuid(), Origin = ObservationFile.Truncate(origin, 400), RecordedAt = clock.GetUtcNow(), Rows = toInsert.Count, Skipped = skipped };
        foreach (var obs in toInsert)
        {
            obs.BatchId = batch.Id;
            obs.RecordedAt = batch.RecordedAt;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(ct);
            await ObservationBulkWriter.WriteAsync(db, toInsert, ct);
            // The batch id ties the entry to its rows; the rows themselves stay in planning_observation.
            var summary = JsonSerializer.Serialize(new { batch = batch.Id, origin = batch.Origin, rows = batch.Rows, skipped = batch.Skipped,
                subjects = toInsert.Select(o => o.SubjectKey).Distinct().Order().ToList() });
            await audit.AppendAsync(new AuditEntry(actors.Current.Id, "observations.import", "import_batch", batch.Id.ToString(), null, summary), tx.GetDbTransaction(), ct);
            await tx.CommitAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } or Npgsql.PostgresException { SqlState: "23505" })
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Outcome.Refused<ImportSummary>(OutcomeStatus.Unprocessable, "another import wrote some of these rows at the same time",
                [RowError.File("another import wrote some of these rows at the same time; nothing was written, send the file again: " + e.GetBaseException().Message)]);
        }
        db.ChangeTracker.Clear();
        return Outcome.Ok(new ImportSummary(batch.Id, toInsert.Count, skipped));
    }
}
