using System.Globalization;
using IctGov.Kernel.Results;
using IctGov.Planning.Contracts;
using IctGov.Planning.Data;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Planning.Features;

/// <summary>
/// Records figures from other modules through the importer, so they meet exactly the file-import
/// rules; the values arrive typed and stay typed (only the contract's period and status texts are parsed).
/// </summary>
internal sealed class ObservationRecorder(ObservationImporter importer) : IObservationRecorder
{
    public async Task<Outcome<ImportSummary>> RecordAsync(IReadOnlyList<ObservationRecord> records, string origin, CancellationToken ct = default)
    {
        var rules = await importer.RulesAsync(ct);
        var errors = new List<RowError>();
        var rows = new List<ObservationRow>();
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            var before = errors.Count;
            var period = ObservationFile.ParsePeriod(i + 1, r.Period, errors);
            var status = ObservationFile.ParseStatus(i + 1, r.Status, errors);
            if (errors.Count == before)
            {
                rows.Add(new ObservationRow(i + 1, r.Subject, r.Region, period!.Value, r.Value, status!.Value, r.Published, r.Source));
            }
            else
            {
                rules.CheckNames(i + 1, r.Subject, r.Region, r.Source, errors);
                ObservationFile.SortRow(errors, before);
            }
        }
        return await importer.ImportAsync(rules, rows, errors, origin, ct);
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
