using System.Text.Json;
using IctGov.Planning.Contracts;

namespace IctGov.Planning.Evaluation;

/// <summary>
/// Maps an evaluation to its one public form, <see cref="EvaluationDocument"/>, used by
/// <c>GET /api/v1/evaluation</c>, <c>ictgov evaluate --format json</c> and frozen snapshots alike,
/// so that they give the same answer byte for byte.
/// </summary>
internal static class EvaluationJson
{
    /// <summary>Serializer settings shared by the API and the CLI.</summary>
    public static JsonSerializerOptions Options => EvaluationDocument.JsonOptions;

    public static EvaluationDocument ToDto(EvaluationReport report) => new(
        report.AsOf,
        new RegionName(report.Region.Code, report.Region.NameZh, report.Region.NameEn),
        new PlanVersionRef(report.PlanVersion.Code, report.PlanVersion.NameZh, report.PlanVersion.NameEn, report.PlanVersion.Effective),
        report.Indicators.Select(ToDto).ToList(),
        report.BindingAlerts.Select(i => i.No).ToList(),
        report.PlanPeriodEnded,
        report.PlanPeriodEnded ? report.MissingFinalFigures.Select(i => i.No).ToList() : []);

    public static IndicatorStanding ToDto(EvaluatedIndicator i)
    {
        var e = i.Evaluation;
        return new IndicatorStanding(
            i.No, new BilingualText(i.NameZh, i.NameEn), new BilingualText(i.UnitZh, i.UnitEn), new BilingualText(i.CategoryZh, i.CategoryEn),
            KindName(i.Kind), i.Binding ? "binding" : "expected", i.ChangeText,
            e.Status.WireName(),
            e.LatestValue is { } v ? new LatestFigure(R(v), e.LatestPeriod!, e.LatestOrigin!, e.LatestPublished) : null,
            R(e.Baseline), R(e.Target), e.Comparison.Symbol(), e.TargetSource,
            R(e.Progress, 4), R(e.ProjectedProgress, 4),
            G(e.Actual), G(e.Required), G(e.Planned),
            e.Projection is { } p ? new ProjectedValue(R(p.Value), R(p.Low), R(p.High), p.Level, p.Method, p.Points) : null,
            e.Note);
    }

    public static string KindName(IndicatorKind kind) => kind switch
    {
        IndicatorKind.CumulativeChange => "cumulativeChange",
        IndicatorKind.CumulativeSum => "cumulativeSum",
        _ => "level",
    };

    public static string Serialize(EvaluationReport report) => ToDto(report).ToJson();

    private static GrowthRates G(Growth g) => new(R(g.AnnualChange), R(g.CagrPct, 4));

    /// <summary>Six decimals hide binary noise (0.30000000000000004) without losing any published digit.</summary>
    private static double R(double v) => Math.Round(v, 6);
    private static double? R(double? v, int digits = 6) => v is { } x ? Math.Round(x, digits) : null;
}
