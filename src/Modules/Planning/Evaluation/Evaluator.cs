using IctGov.Kernel;

namespace IctGov.Planning.Evaluation;

/// <summary>The target an indicator is held to in one region, under one plan version.</summary>
/// <param name="Baseline">The 2020 value (for a cumulative sum: the previous five-year sum, informative only).</param>
/// <param name="Target">The 2025 target; null when the region has none.</param>
/// <param name="Comparison">How a value is compared with the target.</param>
/// <param name="AnnualGrowthPct">The planned average annual growth from 专栏1's 年均 column, if any.</param>
/// <param name="Source">Where the target came from: <c>plan</c>, <c>regional</c>, <c>national-benchmark</c>, <c>derived-share</c>.</param>
internal sealed record TargetSpec(double? Baseline, double? Target, Comparison Comparison, double? AnnualGrowthPct, string Source);

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
/// <param name="Method">How it was projected: linear, growth, two-point, flat-mean (cumulative sums).</param>
internal sealed record Projection(double Value, double? Low, double? High, double Level, string Method, int Points);

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
        var projection = Project(fitPoints, model, horizon, o.IntervalLevel);
        double? projectedProgress = projection is not null && b is { } b2 && target != b2 ? (projection.Value - b2) / (target - b2) : null;

        var status = Classify(spec.Comparison, target, v, latest.Period.End >= new DateOnly(o.TargetYear, 12, 31), projection, projectedProgress, o);
        return new IndicatorEvaluation(no, region, status, v, latest.Period.ToString(), latest.Origin, latest.Published,
            b, target, spec.Comparison, spec.Source, progress, projectedProgress, actual, required, planned, projection, null);
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
            return EvaluationStatus.OffTrack;
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
    /// Projects the value at <paramref name="horizon"/> years after the base. The growth model fits
    /// the logarithm, so its interval is asymmetric; it falls back to linear if any value is not
    /// positive. With one point there is no projection; with two, the line through them and no interval.
    /// </summary>
    internal static Projection? Project(IReadOnlyList<(double T, double Y)> points, ProjectionModel model, double horizon, double level)
    {
        var useLog = model == ProjectionModel.Growth && points.All(p => p.Y > 0);
        var fit = Statistics.FitLine(useLog ? points.Select(p => (p.T, Math.Log(p.Y))).ToList() : points);
        if (fit is not { } line)
        {
            return null;
        }
        var centre = line.At(horizon);
        var half = line.PredictionHalfWidth(horizon, level);
        var method = line.N == 2 ? "two-point" : useLog ? "growth" : "linear";
        return useLog
            ? new Projection(Math.Exp(centre), half is { } h ? Math.Exp(centre - h) : null, half is { } h2 ? Math.Exp(centre + h2) : null, level, method == "two-point" ? "two-point-growth" : method, line.N)
            : new Projection(centre, centre - half, centre + half, level, method, line.N);
    }

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
