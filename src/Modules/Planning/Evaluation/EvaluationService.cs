using IctGov.Kernel;
using IctGov.Planning.Data;
using Microsoft.EntityFrameworkCore;
using IctGov.Kernel.Time;

namespace IctGov.Planning.Evaluation;

/// <summary>One indicator's evaluation with the catalogue facts a reader needs beside it.</summary>
internal sealed record EvaluatedIndicator(
    int No, string CategoryZh, string CategoryEn, string NameZh, string NameEn, string UnitZh, string UnitEn,
    IndicatorKind Kind, bool Binding, string ChangeText, ProjectionModel ProjectionModel, IndicatorEvaluation Evaluation);

/// <summary>The plan version an evaluation used.</summary>
internal sealed record PlanVersionInfo(string Code, string NameZh, string NameEn, DateOnly Effective);

/// <summary>All 20 indicators for one region as of one date, under one plan version.</summary>
internal sealed record EvaluationReport(DateOnly AsOf, Region Region, PlanVersionInfo PlanVersion, IReadOnlyList<EvaluatedIndicator> Indicators)
{
    /// <summary>Binding (约束性) indicators projected or known to miss their target.</summary>
    public IEnumerable<EvaluatedIndicator> BindingAlerts => Indicators.Where(i => i.Binding && i.Evaluation.Status.ProjectedToMiss());

    /// <summary>The last day of the plan period (2021–2025).</summary>
    public static DateOnly PlanEnd { get; } = new(new EvaluationOptions().TargetYear, 12, 31);

    /// <summary>The evaluation date lies after the plan period: what remains is to close the record, not to project.</summary>
    public bool PlanPeriodEnded => AsOf > PlanEnd;

    /// <summary>Indicators without a figure for the end of the plan period (the 2025 annual figure or a December one).</summary>
    public IEnumerable<EvaluatedIndicator> MissingFinalFigures =>
        Indicators.Where(i => i.Evaluation.LatestPeriod is not { } period || Period.Parse(period).End < PlanEnd);
}

/// <summary>An indicator's series and evaluation for the detail page and the report's charts.</summary>
internal sealed record IndicatorDetail(EvaluatedIndicator Indicator, IReadOnlyList<SeriesPoint> Series,
    IReadOnlyList<(double YearsAfterBase, double Value)> Trajectory, IReadOnlyList<EvaluatedIndicator> Provinces);

/// <summary>A region's evaluation together with every indicator's detail, from one load.</summary>
internal sealed record EvaluationWithDetails(EvaluationReport Report, IReadOnlyList<IndicatorDetail> Details);

/// <summary>Evaluates the plan from the database as of a date: loads once, evaluates in memory.</summary>
internal sealed class EvaluationService(PlanningDbContext db, TimeProvider clock)
{
    public EvaluationOptions Options { get; } = new();

    /// <summary>"Today" in Beijing: the default as-of date of the API, the pages and the command line.</summary>
    public DateOnly Today => ChinaCalendar.ToChinaDate(clock.GetUtcNow());

    /// <summary>The named version, or the newest version in effect on <paramref name="asOf"/>.</summary>
    public async Task<PlanVersion> ResolveVersionAsync(string? code, DateOnly asOf, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(code))
        {
            return await db.PlanVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Code == code, ct)
                ?? throw new KeyNotFoundException($"no plan version '{code}'");
        }
        var versions = await db.PlanVersions.AsNoTracking().ToListAsync(ct);
        return versions.Where(v => v.Effective <= asOf).OrderByDescending(v => v.Effective).ThenByDescending(v => v.Id).FirstOrDefault()
            ?? versions.OrderBy(v => v.Effective).First();
    }

    public async Task<EvaluationReport> EvaluateAsync(DateOnly asOf, string regionCode, string? versionCode, CancellationToken ct)
    {
        var ctx = await LoadAsync(asOf, versionCode, ct);
        return ctx.Report(Regions.Get(regionCode));
    }

    /// <summary>Every region at once, for rankings: one load, 32 evaluations.</summary>
    public async Task<IReadOnlyList<EvaluationReport>> EvaluateAllAsync(DateOnly asOf, string? versionCode, CancellationToken ct)
    {
        var ctx = await LoadAsync(asOf, versionCode, ct);
        return Regions.All.Select(ctx.Report).ToList();
    }

    public async Task<IndicatorDetail?> DetailAsync(int no, DateOnly asOf, string regionCode, string? versionCode, CancellationToken ct)
    {
        var ctx = await LoadAsync(asOf, versionCode, ct);
        var indicator = ctx.Indicators.FirstOrDefault(i => i.No == no);
        return indicator is null ? null : Detail(ctx, indicator, Regions.Get(regionCode));
    }

    /// <summary>All 20 details from one load: the dashboard's sparklines and the report's charts.</summary>
    public async Task<EvaluationWithDetails> DetailsAsync(DateOnly asOf, string regionCode, string? versionCode, CancellationToken ct)
    {
        var ctx = await LoadAsync(asOf, versionCode, ct);
        var region = Regions.Get(regionCode);
        var details = ctx.Indicators.Select(i => Detail(ctx, i, region)).ToList();
        var report = new EvaluationReport(ctx.AsOf, region, ctx.VersionInfo, details.Select(d => d.Indicator).ToList());
        return new EvaluationWithDetails(report, details);
    }

    private IndicatorDetail Detail(Context ctx, Indicator indicator, Region region)
    {
        var evaluated = ctx.EvaluateOne(indicator, region.Code);
        var spec = ctx.Target(indicator, region.Code);
        var horizon = Options.TargetYear - Options.BaseYear;
        var trajectory = Enumerable.Range(0, horizon + 1)
            .Select(t => (YearsAfterBase: (double)t, Value: Evaluator.Trajectory(indicator.Kind, indicator.Projection, spec, t, Options)))
            .Where(p => p.Value is not null).Select(p => (p.YearsAfterBase, p.Value!.Value)).ToList();
        var provinces = Regions.Provinces.Select(r => ctx.EvaluateOne(indicator, r.Code)).ToList();
        return new IndicatorDetail(evaluated, ctx.Observations.IndicatorSeries(indicator, region.Code), trajectory, provinces);
    }

    private async Task<Context> LoadAsync(DateOnly asOf, string? versionCode, CancellationToken ct)
    {
        var version = await ResolveVersionAsync(versionCode, asOf, ct);
        var indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.No).ToListAsync(ct);
        var targets = await db.IndicatorTargets.AsNoTracking().Where(t => t.PlanVersionId == version.Id).ToListAsync(ct);
        var observations = await ObservationSet.LoadAsync(db, asOf, ct);
        return new Context(asOf, version, indicators, targets.ToDictionary(t => (t.IndicatorNo, t.RegionCode)), observations, Options);
    }

    private sealed class Context(DateOnly asOf, PlanVersion version, List<Indicator> indicators,
        Dictionary<(int, string), IndicatorTarget> targets, ObservationSet observations, EvaluationOptions options)
    {
        public List<Indicator> Indicators => indicators;
        public DateOnly AsOf => asOf;
        public PlanVersionInfo VersionInfo { get; } = new(version.Code, version.NameZh, version.NameEn, version.Effective);
        public ObservationSet Observations => observations;

        public EvaluationReport Report(Region region) => new(asOf, region, VersionInfo, indicators.Select(i => EvaluateOne(i, region.Code)).ToList());

        public EvaluatedIndicator EvaluateOne(Indicator i, string region)
        {
            var evaluation = Evaluator.Evaluate(i.No, i.Kind, i.Measure, i.Projection, Target(i, region), observations.IndicatorSeries(i, region), region, options);
            return new EvaluatedIndicator(i.No, i.CategoryZh, i.CategoryEn, i.NameZh, i.NameEn, i.UnitZh, i.UnitEn, i.Kind, i.Binding, i.ChangeText, i.Projection, evaluation);
        }

        /// <summary>
        /// The target for a region. A target recorded for the region in the plan version wins.
        /// Otherwise a province is held to the national target for intensive indicators (ratios,
        /// indexes, the energy decline), with its own 2020 value as baseline; for extensive ones
        /// (counts, amounts) to the national target scaled by its 2020 share of the nation,
        /// which needs its 2020 value — without it the province has no target. The bounds a
        /// projection must stay inside come with it (<see cref="Plausibility"/>).
        /// </summary>
        public TargetSpec Target(Indicator i, string region)
        {
            var population = observations.ElementSeries("population", region).Select(p => (double?)p.Value).LastOrDefault();
            return TargetWithoutBounds(i, region) with { Bounds = Plausibility.For(i.No, i.Measure, region, population) };
        }

        private TargetSpec TargetWithoutBounds(Indicator i, string region)
        {
            var national = targets[(i.No, Region.NationalCode)];
            if (targets.TryGetValue((i.No, region), out var own))
            {
                return Spec(own, own.Baseline is { } ob ? (double)ob : null, own.Target is { } ot ? (double)ot : null, region == Region.NationalCode ? "plan" : "regional");
            }
            var natBaseline = national.Baseline is { } nb ? (double)nb : (double?)null;
            var natTarget = national.Target is { } nt ? (double)nt : (double?)null;
            var base2020 = Value2020(i, region);
            switch (i.Measure)
            {
                case Measure.Ratio or Measure.Index:
                    return Spec(national, base2020, natTarget, "national-benchmark");
                case Measure.Change:
                    return Spec(national, 0, natTarget, "national-benchmark");
                case Measure.Stock or Measure.Flow when i.Kind == Evaluation.IndicatorKind.CumulativeSum:
                    var nation2020 = Value2020(i, Region.NationalCode);
                    return Spec(national, null, base2020 is { } r && nation2020 is > 0 ? natTarget * r / nation2020 : null, "derived-share");
                default:
                    return Spec(national, base2020, base2020 is { } b && natBaseline is > 0 ? natTarget * b / natBaseline : null, "derived-share");
            }
        }

        private static TargetSpec Spec(IndicatorTarget t, double? baseline, double? target, string source) =>
            new(baseline, target, t.Comparison, t.AnnualGrowthPct is { } g ? (double)g : null, source);

        /// <summary>The region's own value for the base year: the annual figure, else the last figure published for a period in it.</summary>
        private double? Value2020(Indicator i, string region) =>
            observations.IndicatorSeries(i, region).Where(p => p.Period.Year == options.BaseYear)
                .OrderBy(p => p.Period.Kind).ThenByDescending(p => p.Period).Select(p => (double?)p.Value).FirstOrDefault();
    }
}
