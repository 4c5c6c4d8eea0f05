using System.Globalization;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Planning.Data;
using IctGov.Planning.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Planning.Features;

/// <summary>
/// What a figure must be to enter the plan's observations, whichever way it comes (a file, another
/// module): a known subject, a GB/T 2260 region, a plausible value for its unit, a publication date
/// neither in the future nor before the period, a named source, and no repeat within the batch.
/// </summary>
internal sealed class ObservationRules
{
    public const int MaxErrors = 1000;

    private readonly Dictionary<int, Indicator> _indicators;
    private readonly HashSet<string> _elements;
    private readonly HashSet<string> _projects;
    private readonly DateOnly _today;

    private ObservationRules(Dictionary<int, Indicator> indicators, HashSet<string> elements, HashSet<string> projects, DateOnly today)
    {
        _indicators = indicators;
        _elements = elements;
        _projects = projects;
        _today = today;
    }

    /// <summary>The rules with the catalogue as it stands; <paramref name="today"/> bounds publication dates.</summary>
    public static async Task<ObservationRules> LoadAsync(PlanningDbContext db, DateOnly today, CancellationToken ct) => new(
        await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.No, ct),
        (await db.DataElements.AsNoTracking().Select(e => e.Key).ToListAsync(ct)).ToHashSet(),
        (await db.ProjectTargets.AsNoTracking().Select(p => p.Key).ToListAsync(ct)).ToHashSet(),
        today);

    /// <summary>Checks every row; the observations to write, or every problem (capped at <see cref="MaxErrors"/>).</summary>
    public List<(long Row, Observation Observation)> Check(IReadOnlyList<ObservationRow> rows, List<RowError> errors)
    {
        var accepted = new List<(long, Observation)>();
        var seen = new Dictionary<(SubjectKind, string, string, string, DateOnly), long>();
        foreach (var row in rows)
        {
            if (Check(row, errors) is { } obs)
            {
                var key = (obs.SubjectKind, obs.SubjectKey, obs.RegionCode, obs.Period, obs.Published);
                if (seen.TryGetValue(key, out var first))
                {
                    errors.Add(new RowError(row.Row, "row", $"repeats row {first} (same indicator, region, period and published date)"));
                }
                else
                {
                    seen[key] = row.Row;
                    accepted.Add((row.Row, obs));
                }
            }
            if (errors.Count >= MaxErrors)
            {
                errors.Add(new RowError(row.Row, "file", $"stopped after {MaxErrors} errors"));
                break;
            }
        }
        return accepted;
    }

    /// <summary>The observation for one row, or null with its problems added to <paramref name="errors"/>.</summary>
    public Observation? Check(ObservationRow row, List<RowError> errors)
    {
        var before = errors.Count;
        var subject = CheckSubject(row.Row, row.Subject, errors);
        var region = CheckRegion(row.Row, row.Region, errors);
        if (subject is { Indicator: { } indicator } && RangeProblem(indicator, row.Value) is { } problem)
        {
            errors.Add(new RowError(row.Row, "value", problem));
        }
        else if (subject is { Indicator: null } && row.Value < 0)
        {
            errors.Add(new RowError(row.Row, "value", $"{F(row.Value)} is negative: counts and amounts cannot be"));
        }
        if (row.Published > _today)
        {
            errors.Add(new RowError(row.Row, "published", $"{row.Published:yyyy-MM-dd} is in the future: figures are imported once published"));
        }
        else if (errors.Count == before && row.Published < row.Period.Start)
        {
            errors.Add(new RowError(row.Row, "published", $"{row.Published:yyyy-MM-dd} is before the period {row.Period} begins"));
        }
        CheckSource(row.Row, row.Source, errors);
        ObservationFile.SortRow(errors, before);
        if (errors.Count != before)
        {
            return null;
        }
        return new Observation
        {
            SubjectKind = subject!.Value.Kind,
            SubjectKey = subject.Value.Key,
            RegionCode = region!.Code,
            Period = row.Period.ToString(),
            PeriodKind = row.Period.Kind,
            PeriodEnd = row.Period.End,
            Value = row.Value,
            Status = row.Status,
            Published = row.Published,
            Source = row.Source.Trim(),
        };
    }

    /// <summary>The checks that need no typed value, for a row whose other fields did not parse.</summary>
    public void CheckNames(long row, string subject, string region, string source, List<RowError> errors)
    {
        CheckSubject(row, subject, errors);
        CheckRegion(row, region, errors);
        CheckSource(row, source, errors);
    }

    private (SubjectKind Kind, string Key, Indicator? Indicator)? CheckSubject(long row, string text, List<RowError> errors)
    {
        var subject = text.Trim();
        if (int.TryParse(subject, NumberStyles.None, CultureInfo.InvariantCulture, out var no))
        {
            if (_indicators.TryGetValue(no, out var indicator))
            {
                return (SubjectKind.Indicator, no.ToString(CultureInfo.InvariantCulture), indicator);
            }
            errors.Add(new RowError(row, "indicator", $"'{subject}' is not an indicator of 专栏1: expected 1–20"));
            return null;
        }
        if (_elements.Contains(subject))
        {
            return (SubjectKind.DataElement, subject, null);
        }
        if (_projects.Contains(subject))
        {
            return (SubjectKind.ProjectTarget, subject, null);
        }
        errors.Add(new RowError(row, "indicator", subject.Length == 0
            ? "is empty: expected an indicator number 1–20 or a data-element key"
            : $"'{ObservationFile.Truncate(subject, 60)}' is neither an indicator number 1–20, a data-element key nor a project-target key"));
        return null;
    }

    private static Region? CheckRegion(long row, string code, List<RowError> errors)
    {
        if (Regions.TryGet(code, out var region))
        {
            return region;
        }
        errors.Add(new RowError(row, "region", $"'{ObservationFile.Truncate(code, 20)}' is not a GB/T 2260 code: expected 100000 for the nation or a provincial code such as 110000"));
        return null;
    }

    private static void CheckSource(long row, string text, List<RowError> errors)
    {
        var source = text.Trim();
        if (source.Length == 0)
        {
            errors.Add(new RowError(row, "source", "is empty: name the publication or reporting unit the figure comes from"));
        }
        else if (source.Length > 200)
        {
            errors.Add(new RowError(row, "source", $"is {source.Length} characters long: at most 200"));
        }
    }

    /// <summary>Plausibility by unit: shares are 0–100, a decline may be negative (consumption rose), PUE is at least 1.</summary>
    private static string? RangeProblem(Indicator indicator, decimal value)
    {
        if (indicator.Kind == IndicatorKind.CumulativeChange)
        {
            return value is < -100 or > 100 ? $"{F(value)} is outside −100…100 (a percentage change)" : null;
        }
        if (indicator.UnitEn == "%")
        {
            return value is < 0 or > 100 ? $"{F(value)} is outside 0…100 (a percentage)" : null;
        }
        if (indicator.Measure == Measure.Ratio && indicator.No == 11)
        {
            return value < 1 ? $"{F(value)} is below 1: PUE is total energy over IT energy" : null;
        }
        return value < 0 ? $"{F(value)} is negative: expected a value ≥ 0" : null;
    }

    private static string F(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
