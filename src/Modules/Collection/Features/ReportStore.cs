using System.Text.Json;
using IctGov.Collection.Data;
using IctGov.Collection.Domain;
using IctGov.Kernel;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Collection.Features;

/// <summary>Loads and saves reports and data sets; the domain types never see rows.</summary>
internal sealed class ReportStore(CollectionDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public CollectionDbContext Db => db;

    public async Task<IReadOnlyList<DataSet>> DataSetsAsync(CancellationToken ct) =>
        (await db.DataSets.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct)).Select(ToDomain).ToList();

    public async Task<DataSet?> DataSetAsync(string code, CancellationToken ct) =>
        await db.DataSets.AsNoTracking().SingleOrDefaultAsync(d => d.Code == code, ct) is { } row ? ToDomain(row) : null;

    /// <summary>Adds a data set; false when the code is taken.</summary>
    public async Task<bool> AddAsync(DataSet d, CancellationToken ct)
    {
        if (await db.DataSets.AnyAsync(x => x.Code == d.Code, ct))
        {
            return false;
        }
        await SeedAsync([d], ct);
        return true;
    }

    public async Task SeedAsync(IEnumerable<DataSet> dataSets, CancellationToken ct)
    {
        var known = await db.DataSets.Select(d => d.Code).ToListAsync(ct);
        foreach (var d in dataSets.Where(d => !known.Contains(d.Code)))
        {
            db.DataSets.Add(new DataSetRow
            {
                Code = d.Code, NameZh = d.NameZh, NameEn = d.NameEn, PeriodKind = d.PeriodKind.ToString(), ReporterKinds = string.Join(',', d.ReporterKinds),
                DeadlineDays = d.DeadlineDays, JumpThreshold = d.JumpThreshold, Opens = d.Opens.ToString(), Closes = d.Closes?.ToString(),
                Owner = "ministry", ElementsJson = JsonSerializer.Serialize(d.Elements, Json),
            });
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task<Report?> FindAsync(string dataSet, string unit, string region, Period period, CancellationToken ct)
    {
        var p = period.ToString();
        var row = await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.DataSetCode == dataSet && r.UnitId == unit && r.RegionCode == region && r.Period == p, ct);
        return row is null ? null : await LoadAsync(row, ct);
    }

    public async Task<Report?> FindAsync(Guid id, CancellationToken ct) =>
        await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is { } row ? await LoadAsync(row, ct) : null;

    /// <summary>Reports of a data set and period, optionally only some statuses; history is not loaded for lists.</summary>
    public async Task<List<Report>> ListAsync(string dataSet, Period period, IReadOnlyCollection<ReportStatus>? statuses, CancellationToken ct)
    {
        var p = period.ToString();
        var names = statuses?.Select(s => s.ToString()).ToList();
        var rows = await db.Reports.AsNoTracking()
            .Where(r => r.DataSetCode == dataSet && r.Period == p && (names == null || names.Contains(r.Status)))
            .OrderBy(r => r.RegionCode).ThenBy(r => r.UnitId).ToListAsync(ct);
        return rows.Select(r => Restore(r, [], [])).ToList();
    }

    /// <summary>Reports in a status across data sets and periods, optionally of one region: a reviewer's queue.</summary>
    public async Task<List<Report>> ListInStatusAsync(ReportStatus status, string? region, CancellationToken ct)
    {
        var name = status.ToString();
        var rows = await db.Reports.AsNoTracking()
            .Where(r => r.Status == name && (region == null || r.RegionCode == region))
            .OrderBy(r => r.DataSetCode).ThenBy(r => r.Period).ThenBy(r => r.RegionCode).ThenBy(r => r.UnitId).ToListAsync(ct);
        return rows.Select(r => Restore(r, [], [])).ToList();
    }

    /// <summary>A unit's reports, newest period first (periods sort as text within a data set's kind).</summary>
    public async Task<List<Report>> ListOfUnitAsync(string unit, int take, CancellationToken ct)
    {
        var rows = await db.Reports.AsNoTracking().Where(r => r.UnitId == unit)
            .OrderByDescending(r => r.Period).ThenBy(r => r.DataSetCode).Take(take).ToListAsync(ct);
        return rows.Select(r => Restore(r, [], [])).ToList();
    }

    /// <summary>Saves a report's state, its new events and its new or changed vintages, guarding against a concurrent change.</summary>
    public async Task SaveAsync(Report report, CancellationToken ct)
    {
        var row = await db.Reports.SingleOrDefaultAsync(r => r.Id == report.Id, ct);
        if (row is null)
        {
            row = new ReportRow
            {
                Id = report.Id, DataSetCode = report.DataSetCode, UnitId = report.UnitId, RegionCode = report.RegionCode, Period = report.Period.ToString(),
                Status = "", ValuesJson = "{}", ExplanationsJson = "{}",
            };
            db.Reports.Add(row);
        }
        row.Version = report.Version;
        row.Status = report.Status.ToString();
        row.ValuesJson = JsonSerializer.Serialize(report.Values, Json);
        row.ExplanationsJson = JsonSerializer.Serialize(report.Explanations, Json);
        row.FirstSubmittedAt = report.FirstSubmittedAt;
        row.Late = report.Late;
        row.PublishedOn = report.PublishedOn;
        row.Revision++;

        var storedEvents = await db.ReportEvents.CountAsync(e => e.ReportId == report.Id, ct);
        foreach (var e in report.History.Skip(storedEvents))
        {
            db.ReportEvents.Add(new ReportEventRow { ReportId = report.Id, Version = e.Version, Action = e.Action, ActorId = e.ActorId, At = e.At, StatusAfter = e.StatusAfter.ToString(), Reason = e.Reason });
        }
        var storedVintages = await db.ReportVintages.Where(v => v.ReportId == report.Id).ToDictionaryAsync(v => v.Version, ct);
        foreach (var v in report.Vintages)
        {
            if (storedVintages.TryGetValue(v.Version, out var existing))
            {
                existing.PublishedOn = v.PublishedOn; // publication dates a vintage; its values never change
            }
            else
            {
                db.ReportVintages.Add(new ReportVintageRow { ReportId = report.Id, Version = v.Version, ValuesJson = JsonSerializer.Serialize(v.Values, Json), PublishedOn = v.PublishedOn });
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<Report> LoadAsync(ReportRow row, CancellationToken ct)
    {
        var events = await db.ReportEvents.AsNoTracking().Where(e => e.ReportId == row.Id).OrderBy(e => e.Id).ToListAsync(ct);
        var vintages = await db.ReportVintages.AsNoTracking().Where(v => v.ReportId == row.Id).OrderBy(v => v.Version).ToListAsync(ct);
        return Restore(row,
            events.Select(e => new ReportEvent(e.Version, e.Action, e.ActorId, e.At, Enum.Parse<ReportStatus>(e.StatusAfter), e.Reason)),
            vintages.Select(v => new ReportVintage(v.Version, Values(v.ValuesJson), v.PublishedOn)));
    }

    private static Report Restore(ReportRow row, IEnumerable<ReportEvent> events, IEnumerable<ReportVintage> vintages) =>
        Report.Restore(row.Id, row.DataSetCode, row.UnitId, row.RegionCode, Period.Parse(row.Period), row.Version, Enum.Parse<ReportStatus>(row.Status),
            Values(row.ValuesJson), JsonSerializer.Deserialize<Dictionary<string, string>>(row.ExplanationsJson, Json) ?? [],
            row.FirstSubmittedAt, row.Late, row.PublishedOn, events, vintages);

    private static Dictionary<string, decimal> Values(string json) => JsonSerializer.Deserialize<Dictionary<string, decimal>>(json, Json) ?? [];

    private static DataSet ToDomain(DataSetRow r) => new(
        r.Code, r.NameZh, r.NameEn, Enum.Parse<PeriodKind>(r.PeriodKind),
        JsonSerializer.Deserialize<List<ElementSpec>>(r.ElementsJson, Json) ?? [],
        r.ReporterKinds.Split(',', StringSplitOptions.RemoveEmptyEntries), r.DeadlineDays, r.JumpThreshold,
        Period.Parse(r.Opens), r.Closes is null ? null : Period.Parse(r.Closes));
}
