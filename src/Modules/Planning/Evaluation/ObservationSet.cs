using IctGov.Kernel;
using IctGov.Planning.Data;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Planning.Evaluation;

/// <summary>
/// Everything that was published by an evaluation date, reduced to the newest vintage of each
/// (subject, region, period). Built once per evaluation so the 20 indicators × 32 regions are
/// evaluated from memory.
/// </summary>
internal sealed class ObservationSet
{
    private readonly Dictionary<(SubjectKind Kind, string Key, string Region), List<SeriesPoint>> _series;
    private readonly Dictionary<string, DataElement> _elements;
    // An evaluation asks for the same series many times (targets, evaluation, national sums of
    // provinces); the set is immutable once loaded, so each series is built once.
    private readonly Dictionary<(int, string), List<SeriesPoint>> _indicatorCache = [];
    private readonly Dictionary<(string, string), List<SeriesPoint>> _elementCache = [];

    private ObservationSet(Dictionary<(SubjectKind, string, string), List<SeriesPoint>> series, Dictionary<string, DataElement> elements)
    {
        _series = series;
        _elements = elements;
    }

    public static async Task<ObservationSet> LoadAsync(PlanningDbContext db, DateOnly asOf, CancellationToken ct)
    {
        var rows = await db.Observations.AsNoTracking()
            .Where(o => o.Published <= asOf && o.SubjectKind != SubjectKind.ProjectTarget)
            .Select(o => new { o.SubjectKind, o.SubjectKey, o.RegionCode, o.Period, o.Value, o.Status, o.Published, o.Source })
            .ToListAsync(ct);
        var latest = new Dictionary<(SubjectKind, string, string, string), SeriesPoint>();
        foreach (var r in rows)
        {
            var key = (r.SubjectKind, r.SubjectKey, r.RegionCode, r.Period);
            if (!latest.TryGetValue(key, out var have) || have.Published < r.Published)
            {
                latest[key] = new SeriesPoint(Period.Parse(r.Period), (double)r.Value, r.Status.ToString().ToLowerInvariant(), r.Published, r.Source, "direct");
            }
        }
        var series = latest
            .GroupBy(kv => (kv.Key.Item1, kv.Key.Item2, kv.Key.Item3))
            .ToDictionary(g => g.Key, g => g.Select(kv => kv.Value).OrderBy(p => p.Period).ToList());
        var elements = await db.DataElements.AsNoTracking().ToDictionaryAsync(e => e.Key, ct);
        return new ObservationSet(series, elements);
    }

    /// <summary>
    /// An indicator's series in a region. A published figure wins; where a period has none, the
    /// value is derived from its numerator and denominator elements; nationally, where still
    /// nothing, it is the sum of the 31 provinces for additive indicators (only when all 31 have
    /// reported that period, so a partial sum is never taken for the national figure).
    /// </summary>
    public List<SeriesPoint> IndicatorSeries(Indicator indicator, string region)
    {
        if (!_indicatorCache.TryGetValue((indicator.No, region), out var series))
        {
            series = BuildIndicatorSeries(indicator, region);
            _indicatorCache[(indicator.No, region)] = series;
        }
        return series;
    }

    private List<SeriesPoint> BuildIndicatorSeries(Indicator indicator, string region)
    {
        var byPeriod = new Dictionary<Period, SeriesPoint>();
        foreach (var p in Get(SubjectKind.Indicator, indicator.No.ToString(System.Globalization.CultureInfo.InvariantCulture), region))
        {
            byPeriod[p.Period] = p;
        }
        if (indicator is { FormulaNumerator: { } num, FormulaDenominator: { } den })
        {
            var numerator = ElementSeries(num, region).ToDictionary(p => p.Period);
            foreach (var d in ElementSeries(den, region))
            {
                if (!byPeriod.ContainsKey(d.Period) && numerator.TryGetValue(d.Period, out var n) && d.Value != 0)
                {
                    var origin = n.Origin == "aggregated" || d.Origin == "aggregated" ? "aggregated" : "derived";
                    byPeriod[d.Period] = new SeriesPoint(d.Period, n.Value / d.Value * (indicator.FormulaScale ?? 1), Weakest(n.Status, d.Status),
                        n.Published > d.Published ? n.Published : d.Published, $"{num} ÷ {den}", origin);
                }
            }
        }
        else if (region == Region.NationalCode && indicator.Measure is Measure.Stock or Measure.Flow)
        {
            foreach (var p in SumOfProvinces(r => IndicatorSeries(indicator, r)))
            {
                byPeriod.TryAdd(p.Period, p);
            }
        }
        return byPeriod.Values.OrderBy(p => p.Period).ToList();
    }

    /// <summary>A data element's series; nationally, the provinces' sum fills periods with no national figure.</summary>
    public List<SeriesPoint> ElementSeries(string key, string region)
    {
        if (!_elementCache.TryGetValue((key, region), out var series))
        {
            series = BuildElementSeries(key, region);
            _elementCache[(key, region)] = series;
        }
        return series;
    }

    private List<SeriesPoint> BuildElementSeries(string key, string region)
    {
        var own = Get(SubjectKind.DataElement, key, region);
        if (region != Region.NationalCode || !_elements.TryGetValue(key, out var element) || !element.Additive)
        {
            return own;
        }
        var byPeriod = own.ToDictionary(p => p.Period);
        foreach (var p in SumOfProvinces(r => Get(SubjectKind.DataElement, key, r)))
        {
            byPeriod.TryAdd(p.Period, p);
        }
        return byPeriod.Values.OrderBy(p => p.Period).ToList();
    }

    private static IEnumerable<SeriesPoint> SumOfProvinces(Func<string, List<SeriesPoint>> seriesOf)
    {
        var perProvince = Regions.Provinces.Select(r => seriesOf(r.Code)).ToList();
        if (perProvince.Any(s => s.Count == 0))
        {
            return [];
        }
        var common = perProvince.Skip(1).Aggregate(perProvince[0].Select(p => p.Period).ToHashSet(), (set, s) =>
        {
            set.IntersectWith(s.Select(p => p.Period));
            return set;
        });
        return common.Select(period =>
        {
            var points = perProvince.Select(s => s.First(p => p.Period == period)).ToList();
            return new SeriesPoint(period, points.Sum(p => p.Value), points.Select(p => p.Status).Aggregate(Weakest),
                points.Max(p => p.Published), "sum of 31 provinces", "aggregated");
        });
    }

    private List<SeriesPoint> Get(SubjectKind kind, string key, string region) =>
        _series.TryGetValue((kind, key, region), out var s) ? s : [];

    /// <summary>A value computed from several figures is only as final as the least final of them.</summary>
    private static string Weakest(string a, string b)
    {
        static int Rank(string s) => s switch { "final" => 3, "revised" => 2, "provisional" => 1, _ => 0 };
        return Rank(a) <= Rank(b) ? a : b;
    }
}
