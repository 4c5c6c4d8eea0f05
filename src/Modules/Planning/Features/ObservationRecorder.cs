using System.Globalization;
using IctGov.Planning.Contracts;
using IctGov.Planning.Data;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Planning.Features;

/// <summary>Records figures from other modules through the importer, so they meet exactly the file-import rules.</summary>
internal sealed class ObservationRecorder(ObservationImporter importer) : IObservationRecorder
{
    public async Task<RecordResult> RecordAsync(IReadOnlyList<ObservationRecord> records, string origin, CancellationToken ct = default)
    {
        var rows = records.Select((r, i) => new ObservationImporter.RawRow(i + 1,
            [r.Subject, r.Region, r.Period, r.Value.ToString(CultureInfo.InvariantCulture), r.Status, r.Published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Source])).ToList();
        var result = await importer.ImportRawAsync(rows, origin, ct);
        return new RecordResult(result.Inserted, result.Skipped, result.Errors.Select(e => $"record {e.Row}, {e.Field}: {e.Message}").ToList());
    }
}

/// <summary>The plan catalogue with the span of published figures per subject.</summary>
internal sealed class CatalogueReader(PlanningDbContext db) : ICatalogueReader
{
    public async Task<IReadOnlyList<CatalogueEntry>> ListAsync(CancellationToken ct = default)
    {
        var spans = (await db.Observations.AsNoTracking()
                .GroupBy(o => new { o.SubjectKind, o.SubjectKey })
                .Select(g => new { g.Key.SubjectKind, g.Key.SubjectKey, First = g.Min(o => o.PeriodEnd), Last = g.Max(o => o.PeriodEnd), Count = g.Count() })
                .ToListAsync(ct))
            .ToDictionary(s => (s.SubjectKind, s.SubjectKey));
        var periods = await db.Observations.AsNoTracking().Select(o => new { o.SubjectKind, o.SubjectKey, o.Period, o.PeriodEnd }).Distinct().ToListAsync(ct);
        string? PeriodAt(SubjectKind kind, string key, DateOnly end) =>
            periods.Where(p => p.SubjectKind == kind && p.SubjectKey == key && p.PeriodEnd == end).Select(p => p.Period).OrderBy(p => p.Length).FirstOrDefault();

        var entries = new List<CatalogueEntry>();
        foreach (var i in await db.Indicators.AsNoTracking().OrderBy(i => i.No).ToListAsync(ct))
        {
            var key = i.No.ToString(CultureInfo.InvariantCulture);
            spans.TryGetValue((SubjectKind.Indicator, key), out var s);
            entries.Add(new CatalogueEntry("indicator", key, i.NameZh, i.NameEn, i.UnitZh, i.UnitEn,
                i.FormulaNumerator is { } n ? string.Create(CultureInfo.InvariantCulture, $"{n} ÷ {i.FormulaDenominator} × {i.FormulaScale ?? 1}") : null,
                s is null ? null : PeriodAt(SubjectKind.Indicator, key, s.First), s is null ? null : PeriodAt(SubjectKind.Indicator, key, s.Last), s?.Count ?? 0));
        }
        foreach (var e in await db.DataElements.AsNoTracking().OrderBy(e => e.Key).ToListAsync(ct))
        {
            spans.TryGetValue((SubjectKind.DataElement, e.Key), out var s);
            entries.Add(new CatalogueEntry("element", e.Key, e.NameZh, e.NameEn, e.UnitZh, e.UnitEn, null,
                s is null ? null : PeriodAt(SubjectKind.DataElement, e.Key, s.First), s is null ? null : PeriodAt(SubjectKind.DataElement, e.Key, s.Last), s?.Count ?? 0));
        }
        return entries;
    }
}
