using IctGov.Kernel;

namespace IctGov.Planning.Evaluation;

/// <summary>The target an indicator is held to in one region, under one plan version.</summary>
/// <param name="Baseline">The 2020 value (for a cumulative sum: the previous five-year sum, informative only).</param>
/// <param name="Target">The 2025 target; null when the region has none.</param>
/// <param name="Comparison">How a value is compared with the target.</param>
/// <param name="AnnualGrowthPct">The planned average annual growth from 专栏1's 年均 column, if any.</param>
/// <param name="Source">Where the target came from: <c>plan</c>, <c>regional</c>, <c>national-benchmark</c>, <c>derived-share</c>.</param>
/// <param name="Bounds">What the indicator can physically reach in the region (a share ≤ 100%, subscribers ≤ population); projections stay inside.</param>
internal sealed record TargetSpec(double? Baseline, double? Target, Comparison Comparison, double? AnnualGrowthPct, string Source, Plausible? Bounds = null);

/// <summary>The range an indicator's value can take at all; null ends are open.</summary>
internal readonly record struct Plausible(double? Floor, double? Ceiling)
{
    public double Clamp(double v) => Math.Min(Ceiling ?? double.PositiveInfinity, Math.Max(Floor ?? double.NegativeInfinity, v));
}

/// <summary>One value in an indicator's series, as known at the evaluation date.</summary>
/// <param name="Origin"><c>direct</c> (observed), <c>derived</c> (from numerator/denominator elements) or <c>aggregated</c> (sum of the 31 provinces).</param>
internal sealed record SeriesPoint(Period Period, double Value, string Status, DateOnly Published, string Source, string Origin);

/// <summary>Tunable parts of the rules; defaults are documented in docs/EVALUATION.md.</summary>
internal sealed record EvaluationOptions
{
    public int BaseYear { get; init; } = 2020;
    public int TargetYear { get; init; } = 2025;
    /// <summary>Central coverage of the projection interval.</summary>
    public double IntervalLevel { get; init; } = 0.80;
    /// <summary>A projection that covers at least this share of the baseline→target distance is at risk, not off track.</summary>
    public double AtRiskProgress { get; init; } = 0.90;
}

/// <summary>Growth figures: absolute change per year and compound rate, either may be unknown.</summary>
internal sealed record Growth(double? AnnualChange, double? CagrPct);

/// <summary>The projected value at the end of the plan period.</summary>
/// <param name="Low">Lower end of the interval, null when fewer than three points support it.</param>
/// <param name="Method">How it was projected: linear, growth (each possibly damped-…), two-point, flat-mean (cumulative sums).</param>
/// <param name="Damping">φ, the share of each year's growth carried into the next (1 = undamped).</param>
/// <param name="Bounded">True when the projection or its interval was cut at a plausibility bound.</param>
internal sealed record Projection(double Value, double? Low, double? High, double Level, string Method, int Points, double Damping = 1, bool Bounded = false);

/// <summary>The evaluation of one indicator in one region as of one date.</summary>
internal sealed record IndicatorEvaluation(
    int No,
    string Region,
    EvaluationStatus Status,
    double? LatestValue,
    string? LatestPeriod,
    string? LatestOrigin,
    DateOnly? LatestPublished,
    double? Baseline,
    double? Target,
    Comparison Comparison,
    string TargetSource,
    double? Progress,
    double? ProjectedProgress,
    Growth Actual,
    Growth Required,
    Growth Planned,
    Projection? Projection,
    string? Note);

/// <summary>
/// The plan-progress rules of §四(四) 规划实施动态监测和评估, as pure functions of a series so that
/// every rule can be tested without a database. See docs/EVALUATION.md.
/// </summary>
internal static class Evaluator
{
    public static IndicatorEvaluation Evaluate(
        int no, IndicatorKind kind, Measure measure, ProjectionModel model,
        TargetSpec spec, IReadOnlyList<SeriesPoint> series, string region, EvaluationOptions? options = null)
    {
        options ??= new EvaluationOptions();
        var usable = Usable(series, kind, measure, options);
        return kind == IndicatorKind.CumulativeSum
            ? EvaluateSum(no, spec, usable, region, options)
            : EvaluateLevel(no, model, spec, usable, region, options);
    }

    /// <summary>
    /// Points inside the plan period (after the base year, up to the end of the target year), one per
    /// end date: a year is preferred over its Q4 or December. Annual amounts (flows, sums) only
    /// count as whole years, because monthly figures for them are published year-to-date.
    /// </summary>
    internal static List<SeriesPoint> Usable(IReadOnlyList<SeriesPoint> series, IndicatorKind kind, Measure measure, EvaluationOptions o)
    {
        var yearsOnly = kind == IndicatorKind.CumulativeSum || measure == Measure.Flow;
        return series
            .Where(p => p.Period.Year > o.BaseYear && p.Period.Year <= o.TargetYear)
            .Where(p => !yearsOnly || p.Period.Kind == PeriodKind.Year)
            .Where(p => double.IsFinite(p.Value))
            .GroupBy(p => p.Period.End)
            .Select(g => g.OrderBy(p => p.Period.Kind).First())
            .OrderBy(p => p.Period)
            .ToList();
    }

    private static IndicatorEvaluation EvaluateLevel(int no, ProjectionModel model, TargetSpec spec, List<SeriesPoint> points, string region, EvaluationOptions o)
    {
        var horizon = (double)(o.TargetYear - o.BaseYear);
        var b = spec.Baseline;
        var planned = PlannedGrowth(spec, horizon, model);
        if (spec.Target is not { } target)
        {
            return Empty(no, region, spec, planned, "no target for this region");
        }
        if (points.Count == 0)
        {
            return Empty(no, region, spec, planned, null);
        }

        var latest = points[^1];
        var v = latest.Value;
        var tLatest = latest.Period.YearsAfter(o.BaseYear);
        var remaining = horizon - tLatest;
        double? progress = b is { } bb && target != bb ? (v - bb) / (target - bb) : null;

        var actual = new Growth(
            b is { } b0 && tLatest > 0 ? (v - b0) / tLatest : null,
            b is { } b1 && b1 > 0 && v > 0 && tLatest > 0 ? (Math.Pow(v / b1, 1 / tLatest) - 1) * 100 : null);
        var required = new Growth(
            remaining > 0 ? (target - v) / remaining : null,
            remaining > 0 && v > 0 && target > 0 ? (Math.Pow(target / v, 1 / remaining) - 1) * 100 : null);

        var fitPoints = new List<(double T, double Y)>();
        if (b is { } baseValue)
        {
            fitPoints.Add((0, baseValue));
        }
        fitPoints.AddRange(points.Select(p => (p.Period.YearsAfter(o.BaseYear), p.Value)));
        var projection = Project(fitPoints, model, horizon, o.IntervalLevel, spec.Bounds ?? default);
        double? projectedProgress = projection is not null && b is { } b2 && target != b2 ? (projection.Value - b2) / (target - b2) : null;

        var status = Classify(spec.Comparison, target, v, latest.Period.End >= new DateOnly(o.TargetYear, 12, 31), projection, projectedProgress, o);
        if (status == EvaluationStatus.Achieved)
        {
            required = new Growth(null, null); // nothing more is needed
        }
        var rate = model == ProjectionModel.Growth;
        return new IndicatorEvaluation(no, region, status, v, latest.Period.ToString(), latest.Origin, latest.Published,
            b, target, spec.Comparison, spec.Source, progress, projectedProgress, InUnit(actual, rate), InUnit(required, rate), InUnit(planned, rate), projection, null);
    }

    /// <summary>
    /// 2021–2025 sums (no. 2): the sum so far against the target; the years not yet reported are
    /// projected at the mean annual amount observed, with a prediction interval for a sum of m
    /// future years, t(n−1)·s·√(m + m²/n), once two years are in.
    /// </summary>
    private static IndicatorEvaluation EvaluateSum(int no, TargetSpec spec, List<SeriesPoint> years, string region, EvaluationOptions o)
    {
        var horizon = o.TargetYear - o.BaseYear;
        var planned = new Growth(spec.Target / horizon, null);
        if (spec.Target is not { } target)
        {
            return Empty(no, region, spec, planned, "no target for this region");
        }
        if (years.Count == 0)
        {
            return Empty(no, region, spec, planned, null);
        }
        var sum = years.Sum(p => p.Value);
        var n = years.Count;
        var m = horizon - n;
        var mean = sum / n;
        var latest = years[^1];
        var progress = target != 0 ? sum / target : (double?)null;

        Projection projection;
        if (m == 0)
        {
            projection = new Projection(sum, sum, sum, o.IntervalLevel, "complete", n);
        }
        else if (n >= 2)
        {
            var s = Math.Sqrt(years.Sum(p => (p.Value - mean) * (p.Value - mean)) / (n - 1));
            var half = Statistics.TQuantile(n - 1, o.IntervalLevel) * s * Math.Sqrt(m + (double)m * m / n);
            projection = new Projection(sum + m * mean, sum + m * mean - half, sum + m * mean + half, o.IntervalLevel, "flat-mean", n);
        }
        else
        {
            projection = new Projection(sum + m * mean, null, null, o.IntervalLevel, "flat-mean", n);
        }
        var projectedProgress = target != 0 ? projection.Value / target : (double?)null;
        var actual = new Growth(mean, null);
        var required = new Growth(m > 0 ? (target - sum) / m : null, null);
        var note = n < horizon && years[^1].Period.Year - o.BaseYear != n ? "some years are missing; they are projected at the mean" : null;
        var status = Classify(spec.Comparison, target, sum, m == 0, projection, projectedProgress, o);
        return new IndicatorEvaluation(no, region, status, sum, latest.Period.ToString(), latest.Origin, latest.Published,
            spec.Baseline, target, spec.Comparison, spec.Source, progress, projectedProgress, actual, required, planned, projection, note);
    }

    /// <summary>
    /// The status ladder. A value that meets the target is achieved; once the final period is in,
    /// anything else is missed; before that the projection decides: on track if it meets the
    /// target, at risk if it misses but its interval reaches the target or it covers at least
    /// <see cref="EvaluationOptions.AtRiskProgress"/> of the distance, off track otherwise.
    /// </summary>
    internal static EvaluationStatus Classify(Comparison cmp, double target, double latest, bool final, Projection? projection, double? projectedProgress, EvaluationOptions o)
    {
        if (cmp.Meets(latest, target))
        {
            return EvaluationStatus.Achieved;
        }
        if (final)
        {
            return EvaluationStatus.Missed;
        }
        if (projection is null)
        {
            return EvaluationStatus.InsufficientData; // one figure shows a level, not a direction
        }
        if (cmp.Meets(projection.Value, target))
        {
            return EvaluationStatus.OnTrack;
        }
        var favourable = cmp.LowerIsBetter() ? projection.Low : projection.High;
        if (favourable is { } f && cmp.Meets(f, target))
        {
            return EvaluationStatus.AtRisk;
        }
        return projectedProgress >= o.AtRiskProgress ? EvaluationStatus.AtRisk : EvaluationStatus.OffTrack;
    }

    /// <summary>
    /// Projects the value at <paramref name="horizon"/> years after the base by a damped trend
    /// (docs/EVALUATION.md, "Projection"): the yearly steps of the series (changes, or growth rates
    /// under the growth model) are averaged with the latest year weighing most; if the steps have
    /// been shrinking, the latest step goes on shrinking by φ a year; the result and its
    /// interval (the drift method's, from the steps' spread) stay inside <paramref name="bounds"/>.
    /// One point gives no projection; two give the straight extrapolation without an interval.
    /// </summary>
    internal static Projection? Project(IReadOnlyList<(double T, double Y)> points, ProjectionModel model, double horizon, double level, Plausible bounds = default)
    {
        var anchors = Anchors(points);
        if (anchors.Count < 2)
        {
            return null;
        }
        // One year's growth rate is not compounded over the years left (640 → 3,456 万户 is ×5.4): with
        // two points the projection is the straight line through them, under either model.
        var useLog = model == ProjectionModel.Growth && anchors.Count >= 3 && anchors.All(p => p.Y > 0);
        Func<double, double> to = useLog ? Math.Log : y => y;
        Func<double, double> from = useLog ? Math.Exp : y => y;

        var steps = new List<(double Rate, double Dt, double End)>();
        for (var i = 1; i < anchors.Count; i++)
        {
            var dt = anchors[i].T - anchors[i - 1].T;
            steps.Add(((to(anchors[i].Y) - to(anchors[i - 1].Y)) / dt, dt, anchors[i].T));
        }
        var last = anchors[^1];
        double weighted = 0, weights = 0;
        foreach (var (rate, dt, end) in steps)
        {
            var w = dt * Math.Pow(RecentWeight, last.T - end);
            weighted += w * rate;
            weights += w;
        }
        var phi = Damping(steps.Select(x => x.Rate).ToList());
        // Steps that have been shrinking year after year continue from the latest one; otherwise the
        // recent-weighted average evens out the noise of single years.
        var drift = phi < 1 ? steps[^1].Rate : weighted / weights;
        var h = Math.Max(0, horizon - last.T);
        var carried = phi >= 1 ? h : phi * (1 - Math.Pow(phi, h)) / (1 - phi);
        var centre = to(last.Y) + drift * carried;

        double? half = null;
        if (steps.Count >= 2)
        {
            // The drift method's h-step interval, σ·√(h·(1 + h/k)) (Hyndman & Athanasopoulos, FPP3 §5.5),
            // with σ the spread of the yearly steps and Student's t for k − 1 degrees of freedom.
            var k = steps.Count;
            var mean = steps.Average(x => x.Rate);
            var sd = Math.Sqrt(steps.Sum(x => (x.Rate - mean) * (x.Rate - mean)) / (k - 1));
            half = Statistics.TQuantile(k - 1, level) * sd * Math.Sqrt(h * (1 + h / k));
        }
        var method = steps.Count == 1 ? "two-point"
            : (phi < 1 ? "damped-" : "") + (useLog ? "growth" : "linear");
        var value = from(centre);
        double? low = half is { } l ? from(centre - l) : null;
        double? high = half is { } u ? from(centre + u) : null;
        var bounded = bounds.Clamp(value) != value || (low is { } lo && bounds.Clamp(lo) != lo) || (high is { } hi && bounds.Clamp(hi) != hi);
        return new Projection(bounds.Clamp(value), low is { } a ? bounds.Clamp(a) : null, high is { } z ? bounds.Clamp(z) : null,
            level, method, anchors.Count, phi, bounded);
    }

    /// <summary>Each year further back weighs half as much in the drift: recent growth tells more about the next years.</summary>
    internal const double RecentWeight = 0.5;

    /// <summary>The slowest damping allowed: each year keeps at least half of the previous year's growth.</summary>
    internal const double MinDamping = 0.5;

    /// <summary>
    /// The points a trend is read from: year ends (annual figures, December, Q4 and the baseline)
    /// and the latest point, so monthly or quarterly figures do not turn seasonal swings into trend.
    /// </summary>
    private static List<(double T, double Y)> Anchors(IReadOnlyList<(double T, double Y)> points)
    {
        var ordered = points.OrderBy(p => p.T).ToList();
        var anchors = ordered.Where((p, i) => i == ordered.Count - 1 || Math.Abs(p.T - Math.Round(p.T)) < 0.02).ToList();
        return anchors.Where((p, i) => i == 0 || p.T - anchors[i - 1].T > 1e-9).ToList();
    }

    /// <summary>
    /// φ: when the last yearly steps all point the same way and have been shrinking, the geometric
    /// mean of their successive ratios (at most the last three), no lower than <see cref="MinDamping"/>;
    /// otherwise 1. A trend is never projected to speed up.
    /// </summary>
    internal static double Damping(IReadOnlyList<double> rates)
    {
        var recent = rates.Skip(Math.Max(0, rates.Count - 4)).ToList();
        if (recent.Count < 2 || recent.Any(r => r == 0 || Math.Sign(r) != Math.Sign(recent[^1])))
        {
            return 1;
        }
        var logRatio = 0.0;
        for (var i = 1; i < recent.Count; i++)
        {
            logRatio += Math.Log(recent[i] / recent[i - 1]);
        }
        var phi = Math.Exp(logRatio / (recent.Count - 1));
        return Math.Clamp(phi, MinDamping, 1);
    }

    /// <summary>Growth in the unit the model speaks: a compound rate for growth indicators, a change per year otherwise.</summary>
    private static Growth InUnit(Growth g, bool rate) => rate ? g with { AnnualChange = g.CagrPct is null ? g.AnnualChange : null } : g with { CagrPct = null };

    /// <summary>The path the plan needs, from the baseline to the target: geometric where 专栏1 gives a growth rate, straight otherwise.</summary>
    public static double? Trajectory(IndicatorKind kind, ProjectionModel model, TargetSpec spec, double yearsAfterBase, EvaluationOptions? options = null)
    {
        options ??= new EvaluationOptions();
        var horizon = options.TargetYear - options.BaseYear;
        if (spec.Target is not { } target)
        {
            return null;
        }
        if (kind == IndicatorKind.CumulativeSum)
        {
            return target * yearsAfterBase / horizon;
        }
        if (spec.Baseline is not { } b)
        {
            return null;
        }
        return model == ProjectionModel.Growth && b > 0 && target > 0
            ? b * Math.Pow(target / b, yearsAfterBase / horizon)
            : b + (target - b) * yearsAfterBase / horizon;
    }

    private static Growth PlannedGrowth(TargetSpec spec, double horizon, ProjectionModel model)
    {
        double? annual = spec is { Baseline: { } b, Target: { } t } ? (t - b) / horizon : null;
        double? cagr = spec.AnnualGrowthPct ??
            (model == ProjectionModel.Growth && spec is { Baseline: > 0, Target: > 0 } ? (Math.Pow(spec.Target.Value / spec.Baseline.Value, 1 / horizon) - 1) * 100 : null);
        return new Growth(annual, cagr);
    }

    private static IndicatorEvaluation Empty(int no, string region, TargetSpec spec, Growth planned, string? note) =>
        new(no, region, EvaluationStatus.NoData, null, null, null, null, spec.Baseline, spec.Target, spec.Comparison, spec.Source,
            null, null, new Growth(null, null), new Growth(null, null), planned, null, note);
}
