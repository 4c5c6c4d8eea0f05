using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IctGov.Planning.Evaluation;

/// <summary>
/// The one JSON form of an evaluation, used by <c>GET /api/v1/evaluation</c>, <c>ictgov evaluate
/// --format json</c> and frozen snapshots alike, so that they give the same answer byte for byte.
/// </summary>
public static class EvaluationJson
{
    /// <summary>Serializer settings shared by the API and the CLI.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep Chinese readable in files and terminals
        WriteIndented = true,
    };

    public sealed record Text(string Zh, string En);
    public sealed record RegionDto(string Code, string NameZh, string NameEn);
    public sealed record LatestDto(double Value, string Period, string Origin, DateOnly? Published);
    public sealed record GrowthDto(double? AnnualChange, double? CagrPct);
    public sealed record ProjectionDto(double Value, double? Low, double? High, double Level, string Method, int Points);

    public sealed record IndicatorDto(
        int No, Text Name, Text Unit, Text Category, string Kind, string Attribute, string ChangeText,
        string Status, LatestDto? Latest, double? Baseline, double? Target, string Comparison, string TargetSource,
        double? Progress, double? ProjectedProgress, GrowthDto ActualGrowth, GrowthDto RequiredGrowth, GrowthDto PlannedGrowth,
        ProjectionDto? Projection, string? Note);

    public sealed record ReportDto(DateOnly AsOf, RegionDto Region, PlanVersionInfo PlanVersion, IReadOnlyList<IndicatorDto> Indicators, IReadOnlyList<int> BindingAlerts);

    public static ReportDto ToDto(EvaluationReport report) => new(
        report.AsOf,
        new RegionDto(report.Region.Code, report.Region.NameZh, report.Region.NameEn),
        report.PlanVersion,
        report.Indicators.Select(ToDto).ToList(),
        report.BindingAlerts.Select(i => i.No).ToList());

    public static IndicatorDto ToDto(EvaluatedIndicator i)
    {
        var e = i.Evaluation;
        return new IndicatorDto(
            i.No, new Text(i.NameZh, i.NameEn), new Text(i.UnitZh, i.UnitEn), new Text(i.CategoryZh, i.CategoryEn),
            KindName(i.Kind), i.Binding ? "binding" : "expected", i.ChangeText,
            e.Status.WireName(),
            e.LatestValue is { } v ? new LatestDto(R(v), e.LatestPeriod!, e.LatestOrigin!, e.LatestPublished) : null,
            R(e.Baseline), R(e.Target), e.Comparison.Symbol(), e.TargetSource,
            R(e.Progress, 4), R(e.ProjectedProgress, 4),
            G(e.Actual), G(e.Required), G(e.Planned),
            e.Projection is { } p ? new ProjectionDto(R(p.Value), R(p.Low), R(p.High), p.Level, p.Method, p.Points) : null,
            e.Note);
    }

    public static string KindName(IndicatorKind kind) => kind switch
    {
        IndicatorKind.CumulativeChange => "cumulativeChange",
        IndicatorKind.CumulativeSum => "cumulativeSum",
        _ => "level",
    };

    public static string Serialize(EvaluationReport report) => JsonSerializer.Serialize(ToDto(report), Options);

    private static GrowthDto G(Growth g) => new(R(g.AnnualChange), R(g.CagrPct, 4));

    /// <summary>Six decimals hide binary noise (0.30000000000000004) without losing any published digit.</summary>
    private static double R(double v) => Math.Round(v, 6);
    private static double? R(double? v, int digits = 6) => v is { } x ? Math.Round(x, digits) : null;
}
