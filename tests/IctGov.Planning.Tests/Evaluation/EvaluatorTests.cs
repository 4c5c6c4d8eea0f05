using IctGov.Kernel;
using IctGov.Planning.Evaluation;

namespace IctGov.Planning.Tests.Evaluation;

public class EvaluatorTests
{
    private static SeriesPoint P(string period, double value) =>
        new(Period.Parse(period), value, "final", Period.Parse(period).End.AddDays(60), "test", "direct");

    private static readonly TargetSpec Revenue = new(2.64, 4.3, Comparison.AtLeast, 10, "plan");      // no. 1
    private static readonly TargetSpec Satisfaction = new(81.5, 82, Comparison.GreaterThan, null, "plan"); // no. 19
    private static readonly TargetSpec Pue = new(1.4, 1.3, Comparison.LessThan, null, "plan");         // no. 11
    private static readonly TargetSpec EnergyDecline = new(0, 15, Comparison.AtLeast, null, "plan");   // no. 10
    private static readonly TargetSpec Investment = new(2.5, 3.7, Comparison.AtLeast, null, "plan");   // no. 2

    private static IndicatorEvaluation Level(TargetSpec spec, ProjectionModel model, params SeriesPoint[] points) =>
        Evaluator.Evaluate(1, IndicatorKind.Level, Measure.Stock, model, spec, points, Region.NationalCode);

    [Fact]
    public void Evaluate_NothingAfterBaseYear_IsNoData()
    {
        var e = Level(Revenue, ProjectionModel.Growth, P("2020", 2.64));
        Assert.Equal(EvaluationStatus.NoData, e.Status);
        Assert.Null(e.LatestValue);
        Assert.Null(e.Projection);
    }

    [Fact]
    public void Evaluate_LevelAlreadyAtTarget_IsAchieved()
    {
        var e = Level(Revenue, ProjectionModel.Growth, P("2021", 3.2), P("2022", 3.9), P("2023", 4.31));
        Assert.Equal(EvaluationStatus.Achieved, e.Status);
        Assert.Equal(4.31, e.LatestValue);
        Assert.Equal("2023", e.LatestPeriod);
    }

    [Fact]
    public void Evaluate_LevelGrowingFasterThanPlanned_IsOnTrack()
    {
        var e = Level(Revenue, ProjectionModel.Growth, P("2021", 2.95), P("2022", 3.3), P("2023", 3.65));
        Assert.Equal(EvaluationStatus.OnTrack, e.Status);
        Assert.True(e.Projection!.Value >= 4.3);
        // 2023's growth (10.1%) was below 2022's (11.2%): the trend is damped, not held at its average
        Assert.Equal("damped-growth", e.Projection.Method);
        Assert.InRange(e.Projection.Damping, 0.5, 0.99);
        Assert.NotNull(e.Projection.Low);
        // progress is the share of the baseline→target distance covered
        Assert.Equal((3.65 - 2.64) / (4.3 - 2.64), e.Progress!.Value, 9);
        // actual compound growth since 2020 over three years, required over the remaining two
        Assert.Equal((Math.Pow(3.65 / 2.64, 1 / 3.0) - 1) * 100, e.Actual.CagrPct!.Value, 9);
        Assert.Equal((Math.Pow(4.3 / 3.65, 1 / 2.0) - 1) * 100, e.Required.CagrPct!.Value, 9);
        Assert.Equal(10, e.Planned.CagrPct);
    }

    [Fact]
    public void Evaluate_LevelNarrowlyShort_IsAtRisk()
    {
        var e = Level(Revenue, ProjectionModel.Growth, P("2021", 2.9), P("2022", 3.19), P("2023", 3.5));
        Assert.Equal(EvaluationStatus.AtRisk, e.Status);
        Assert.True(e.Projection!.Value < 4.3);
        Assert.True(e.ProjectedProgress >= 0.9 || e.Projection.High >= 4.3);
    }

    [Fact]
    public void Evaluate_LevelFarShort_IsOffTrack()
    {
        var e = Level(Revenue, ProjectionModel.Growth, P("2021", 2.70), P("2022", 2.74), P("2023", 2.80));
        Assert.Equal(EvaluationStatus.OffTrack, e.Status);
        Assert.True(e.Projection!.High < 4.3);
        Assert.True(e.ProjectedProgress < 0.9);
    }

    [Fact]
    public void Evaluate_FinalYearInAndShort_IsMissed()
    {
        var e = Level(Revenue, ProjectionModel.Growth, P("2021", 3.0), P("2025", 4.29));
        Assert.Equal(EvaluationStatus.Missed, e.Status);
    }

    [Fact]
    public void Evaluate_FinalMonthInAndShort_IsMissed()
    {
        var e = Level(new TargetSpec(5, 26, Comparison.AtLeast, null, "plan"), ProjectionModel.Linear, P("2025-06", 20), P("2025-12", 25.9));
        Assert.Equal(EvaluationStatus.Missed, e.Status);
    }

    [Theory]
    [InlineData(82.0, false)] // > is strict: 82 does not exceed 82
    [InlineData(82.01, true)]
    public void Evaluate_StrictGreaterThan_IsStrict(double latest, bool achieved)
    {
        var e = Level(Satisfaction, ProjectionModel.Linear, P("2021", 81.0), P("2022", 80.5), P("2023", latest));
        Assert.Equal(achieved, e.Status == EvaluationStatus.Achieved);
    }

    [Fact]
    public void Evaluate_StrictTargetMetExactlyInFinalYear_IsMissed()
    {
        var e = Level(Satisfaction, ProjectionModel.Linear, P("2024", 81.9), P("2025", 82.0));
        Assert.Equal(EvaluationStatus.Missed, e.Status);
    }

    [Fact]
    public void Evaluate_LowerIsBetterPue_FallingFastEnough_IsOnTrack()
    {
        var e = Level(Pue, ProjectionModel.Linear, P("2021", 1.38), P("2022", 1.35), P("2023", 1.32));
        Assert.Equal(EvaluationStatus.OnTrack, e.Status);
        Assert.True(e.Projection!.Value < 1.3);
        Assert.Equal((1.32 - 1.4) / (1.3 - 1.4), e.Progress!.Value, 9); // 80% of the way down
        Assert.True(e.Required.AnnualChange < 0); // PUE must keep falling
    }

    [Theory]
    [InlineData(1.30, EvaluationStatus.Missed)]   // < is strict
    [InlineData(1.29, EvaluationStatus.Achieved)]
    public void Evaluate_LowerIsBetterPue_FinalValue(double final, object expected) // the evaluator's types are internal to the module
    {
        var e = Level(Pue, ProjectionModel.Linear, P("2023", 1.33), P("2025", final));
        Assert.Equal((EvaluationStatus)expected, e.Status);
    }

    [Fact]
    public void Evaluate_LowerIsBetterPue_NotFalling_IsOffTrack()
    {
        var e = Level(Pue, ProjectionModel.Linear, P("2021", 1.41), P("2022", 1.40), P("2023", 1.41));
        Assert.Equal(EvaluationStatus.OffTrack, e.Status);
    }

    [Fact]
    public void Evaluate_CumulativeChange_MeasuresDeclineFromZero()
    {
        var onTrack = Evaluator.Evaluate(10, IndicatorKind.CumulativeChange, Measure.Change, ProjectionModel.Linear, EnergyDecline,
            [P("2021", 3.0), P("2022", 6.5), P("2023", 9.5)], Region.NationalCode);
        Assert.Equal(EvaluationStatus.OnTrack, onTrack.Status);
        Assert.Equal(9.5 / 15, onTrack.Progress!.Value, 9);

        var slow = Evaluator.Evaluate(10, IndicatorKind.CumulativeChange, Measure.Change, ProjectionModel.Linear, EnergyDecline,
            [P("2021", 2.0), P("2022", 3.0), P("2023", 4.0)], Region.NationalCode);
        Assert.Equal(EvaluationStatus.OffTrack, slow.Status);

        var done = Evaluator.Evaluate(10, IndicatorKind.CumulativeChange, Measure.Change, ProjectionModel.Linear, EnergyDecline,
            [P("2024", 15.2)], Region.NationalCode);
        Assert.Equal(EvaluationStatus.Achieved, done.Status);
    }

    [Fact]
    public void Evaluate_CumulativeSum_UsesFiveYearSum()
    {
        var e = Evaluator.Evaluate(2, IndicatorKind.CumulativeSum, Measure.Flow, ProjectionModel.Linear, Investment,
            [P("2021", 0.8), P("2022", 0.8), P("2023", 0.8)], Region.NationalCode);
        Assert.Equal(2.4, e.LatestValue!.Value, 9);            // the 2021–2023 sum, not the last year
        Assert.Equal(2.4 / 3.7, e.Progress!.Value, 9);         // against 3.7, not the 2.5 of 2016–2020
        Assert.Equal(4.0, e.Projection!.Value, 9);             // two more years at the mean
        Assert.Equal((3.7 - 2.4) / 2, e.Required.AnnualChange!.Value, 9);
        Assert.Equal(EvaluationStatus.OnTrack, e.Status);
    }

    [Fact]
    public void Evaluate_CumulativeSum_ReachedEarly_IsAchieved_AndShortAtEnd_IsMissed()
    {
        var early = Evaluator.Evaluate(2, IndicatorKind.CumulativeSum, Measure.Flow, ProjectionModel.Linear, Investment,
            [P("2021", 1.3), P("2022", 1.3), P("2023", 1.2)], Region.NationalCode);
        Assert.Equal(EvaluationStatus.Achieved, early.Status);

        var all = Evaluator.Evaluate(2, IndicatorKind.CumulativeSum, Measure.Flow, ProjectionModel.Linear, Investment,
            [P("2021", 0.7), P("2022", 0.7), P("2023", 0.7), P("2024", 0.7), P("2025", 0.7)], Region.NationalCode);
        Assert.Equal(EvaluationStatus.Missed, all.Status);
        Assert.Equal("complete", all.Projection!.Method);
    }

    [Fact]
    public void Evaluate_CumulativeSum_IntervalIsPredictionForRemainingYears()
    {
        double[] flows = [0.70, 0.76, 0.73];
        var e = Evaluator.Evaluate(2, IndicatorKind.CumulativeSum, Measure.Flow, ProjectionModel.Linear, Investment,
            [P("2021", flows[0]), P("2022", flows[1]), P("2023", flows[2])], Region.NationalCode);
        var mean = flows.Average();
        var sd = MathNet.Numerics.Statistics.Statistics.StandardDeviation(flows);
        var half = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, 2, 0.9) * sd * Math.Sqrt(2 + 4.0 / 3);
        Assert.Equal(flows.Sum() + 2 * mean - half, e.Projection!.Low!.Value, 9);
        Assert.Equal(flows.Sum() + 2 * mean + half, e.Projection.High!.Value, 9);
        Assert.Equal(EvaluationStatus.AtRisk, e.Status); // 3.66 projected, 99% of 3.7, interval reaches it
    }

    [Fact]
    public void Evaluate_FlowIndicator_IgnoresYearToDateMonths()
    {
        // Monthly revenue is published year-to-date; it must not be read as the annual level.
        var e = Evaluator.Evaluate(1, IndicatorKind.Level, Measure.Flow, ProjectionModel.Growth, Revenue,
            [P("2022", 3.1), P("2023-03", 0.9)], Region.NationalCode);
        Assert.Equal("2022", e.LatestPeriod);
        Assert.Equal(3.1, e.LatestValue);
    }

    [Fact]
    public void Evaluate_StockIndicator_UsesLatestMonth_AndPrefersYearOverDecember()
    {
        var spec = new TargetSpec(5, 26, Comparison.AtLeast, null, "plan");
        var e = Level(spec, ProjectionModel.Linear, P("2022", 16), P("2022-12", 15.9), P("2023-06", 20));
        Assert.Equal("2023-06", e.LatestPeriod);
        Assert.Equal(3, e.Projection!.Points); // baseline + 2022 (year wins over 2022-12) + 2023-06
    }

    [Fact]
    public void Project_LinearModel_IsTheRecentWeightedDrift_WithTheDriftMethodsInterval()
    {
        (double T, double Y)[] points = [(0, 5), (1, 7.1), (2, 16.4), (3, 24.1)];
        var p = Evaluator.Project(points, ProjectionModel.Linear, 5, 0.8)!;
        // Yearly steps 2.1, 9.3, 7.7; weights halve for each year back (¼, ½, 1); no damping,
        // because the steps did not shrink year after year (9.3 after 2.1).
        double[] steps = [2.1, 9.3, 7.7];
        var drift = (0.25 * steps[0] + 0.5 * steps[1] + 1 * steps[2]) / 1.75;
        Assert.Equal(24.1 + 2 * drift, p.Value, 9);
        Assert.Equal(1, p.Damping);
        Assert.Equal("linear", p.Method);
        // Interval: t(0.9, k−1)·σ·√(h(1 + h/k)) with σ the steps' standard deviation, k = 3, h = 2.
        var mean = steps.Average();
        var sd = Math.Sqrt(steps.Sum(x => (x - mean) * (x - mean)) / 2);
        var half = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, 2, 0.9) * sd * Math.Sqrt(2 * (1 + 2 / 3.0));
        Assert.Equal(p.Value - half, p.Low!.Value, 9);
        Assert.Equal(p.Value + half, p.High!.Value, 9);
    }

    [Fact]
    public void Evaluate_DeceleratingGrowth_IsNotCalledOnTrack()
    {
        // 28% → 21% → 17% → 10% a year: the target needs 23% a year from now, more than twice the
        // latest year's growth. Projected at the average early growth (19%) it would look on track.
        var spec = new TargetSpec(100, 245, Comparison.AtLeast, null, "plan");
        var y2021 = 128.0; var y2022 = y2021 * 1.21; var y2023 = y2022 * 1.17; var y2024 = y2023 * 1.10;
        var e = Level(spec, ProjectionModel.Growth, P("2021", y2021), P("2022", y2022), P("2023", y2023), P("2024", y2024));
        Assert.True(e.Required.CagrPct > 2 * 10);
        Assert.True(e.Status.ProjectedToMiss(), e.Status.ToString());
        Assert.True(e.Projection!.Damping < 0.8);
        Assert.True(e.Projection.Value < y2024 * 1.10); // next year grows less than the last one did

        // A target the average growth since 2020 (18.8% a year) would reach, but the latest year's would not.
        var average = Level(spec with { Target = 235 }, ProjectionModel.Growth, P("2021", y2021), P("2022", y2022), P("2023", y2023), P("2024", y2024));
        Assert.True(Math.Pow(y2024 / 100, 1 / 4.0) * y2024 >= 235);
        Assert.NotEqual(EvaluationStatus.OnTrack, average.Status);
    }

    [Fact]
    public void Project_NeverLeavesThePlausibleRange()
    {
        // Gigabit subscribers (no. 14): 640 → 3,456 万户 in a year is 5.4×; four more such years
        // would be more subscribers than people. One year's rate is not compounded: the line through the two points.
        var bounds = Plausibility.For(14, Measure.Stock, Region.NationalCode, null);
        var two = Evaluator.Project([(0, 640), (1, 3456)], ProjectionModel.Growth, 5, 0.8, bounds)!;
        Assert.Equal(3456 + 4 * (3456 - 640), two.Value, 9);
        Assert.Equal("two-point", two.Method);
        // With a third year the growth model applies, and its interval is cut at the population.
        var p = Evaluator.Project([(0, 640), (1, 3456), (2, 9175)], ProjectionModel.Growth, 5, 0.8, bounds)!;
        Assert.Equal(Plausibility.NationalPopulation2020, p.High);
        Assert.True(p.Bounded);

        var share = Evaluator.Project([(0, 17.2), (1, 40), (2, 70)], ProjectionModel.Linear, 5, 0.8, Plausibility.For(8, Measure.Ratio, Region.NationalCode, null))!;
        Assert.Equal(100, share.Value);
        Assert.True(share.High <= 100);
        Assert.True(share.Low >= 0);

        var pue = Evaluator.Project([(0, 1.4), (1, 1.2), (2, 1.05)], ProjectionModel.Linear, 5, 0.8, Plausibility.For(11, Measure.Ratio, Region.NationalCode, null))!;
        Assert.True(pue.Value >= 1 && pue.Low >= 1); // total over IT energy is never below 1
    }

    [Fact]
    public void Evaluate_OneFigureWithoutBaseline_IsInsufficientData_NotOffTrack()
    {
        var e = Level(new TargetSpec(null, 26, Comparison.AtLeast, null, "plan"), ProjectionModel.Linear, P("2022", 10));
        Assert.Equal(EvaluationStatus.InsufficientData, e.Status);
        Assert.Equal("insufficient_data", e.Status.WireName());
        Assert.Null(e.Projection);
    }

    [Fact]
    public void Evaluate_Achieved_NeedsNoFurtherGrowth_AndGrowthIsInTheModelsUnit()
    {
        var achieved = Level(Revenue, ProjectionModel.Growth, P("2021", 3.2), P("2022", 4.4));
        Assert.Equal(EvaluationStatus.Achieved, achieved.Status);
        Assert.Equal(new Growth(null, null), achieved.Required);

        var growth = Level(Revenue, ProjectionModel.Growth, P("2021", 2.9), P("2022", 3.2));
        Assert.NotNull(growth.Required.CagrPct);
        Assert.Null(growth.Required.AnnualChange);
        Assert.NotNull(growth.Planned.CagrPct);
        Assert.Null(growth.Planned.AnnualChange);

        var linear = Level(Pue, ProjectionModel.Linear, P("2021", 1.38), P("2022", 1.36));
        Assert.NotNull(linear.Required.AnnualChange);
        Assert.Null(linear.Required.CagrPct);
        Assert.Null(linear.Planned.CagrPct);
    }

    [Fact]
    public void Project_GrowthModel_FitsLogarithm()
    {
        // exactly 10% a year from 2.64: the projection is 2.64·1.1⁵ with a zero-width interval
        (double T, double Y)[] points = [(0, 2.64), (1, 2.904), (2, 3.1944), (3, 3.51384)];
        var p = Evaluator.Project(points, ProjectionModel.Growth, 5, 0.8)!;
        Assert.Equal(2.64 * Math.Pow(1.1, 5), p.Value, 9);
        Assert.Equal(p.Value, p.Low!.Value, 9);
        Assert.Equal(p.Value, p.High!.Value, 9);
    }

    [Fact]
    public void Project_TwoPoints_HasNoInterval_AndOnePointNoProjection()
    {
        var two = Evaluator.Project([(0, 5), (1, 7)], ProjectionModel.Linear, 5, 0.8)!;
        Assert.Equal(15, two.Value, 9);
        Assert.Null(two.Low);
        Assert.Equal("two-point", two.Method);
        Assert.Null(Evaluator.Project([(1, 7)], ProjectionModel.Linear, 5, 0.8));
    }

    [Fact]
    public void Evaluate_NoTargetForRegion_IsNoDataWithNote()
    {
        var e = Level(new TargetSpec(null, null, Comparison.AtLeast, null, "derived-share"), ProjectionModel.Linear, P("2022", 10));
        Assert.Equal(EvaluationStatus.NoData, e.Status);
        Assert.Equal("no target for this region", e.Note);
    }

    [Theory]
    [InlineData(Comparison.AtLeast, 5, 5, true)]
    [InlineData(Comparison.GreaterThan, 5, 5, false)]
    [InlineData(Comparison.AtMost, 5, 5, true)]
    [InlineData(Comparison.LessThan, 5, 5, false)]
    [InlineData(Comparison.LessThan, 4.99, 5, true)]
    public void Meets_RespectsStrictness(object c, double value, double target, bool expected) =>
        Assert.Equal(expected, ((Comparison)c).Meets(value, target));

    [Fact]
    public void Trajectory_IsGeometricForGrowthAndStraightOtherwise()
    {
        Assert.Equal(2.64 * Math.Pow(4.3 / 2.64, 0.4), Evaluator.Trajectory(IndicatorKind.Level, ProjectionModel.Growth, Revenue, 2)!.Value, 9);
        Assert.Equal(1.4 - 0.1 * 0.4, Evaluator.Trajectory(IndicatorKind.Level, ProjectionModel.Linear, Pue, 2)!.Value, 9);
        Assert.Equal(3.7 * 0.4, Evaluator.Trajectory(IndicatorKind.CumulativeSum, ProjectionModel.Linear, Investment, 2)!.Value, 9);
    }
}
