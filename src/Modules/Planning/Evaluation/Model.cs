using System.Text.Json.Serialization;

namespace IctGov.Planning.Evaluation;

/// <summary>How an indicator's target is expressed in 专栏1.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IndicatorKind>))]
internal enum IndicatorKind
{
    /// <summary>A level to reach by 2025 (most indicators); the 〔〕 figure beside it is informative.</summary>
    [JsonStringEnumMemberName("level")] Level,
    /// <summary>Only a five-year change is given (no. 10: a 15% fall over 2021–2025, no level).</summary>
    [JsonStringEnumMemberName("cumulativeChange")] CumulativeChange,
    /// <summary>A sum over 2021–2025 (the * notes: no. 2 investment).</summary>
    [JsonStringEnumMemberName("cumulativeSum")] CumulativeSum,
}

/// <summary>What one observed value measures; decides which periods count and how regions add up.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Measure>))]
internal enum Measure
{
    /// <summary>An annual amount (revenue, investment): only whole-year periods are comparable with the target.</summary>
    [JsonStringEnumMemberName("flow")] Flow,
    /// <summary>A count at a point in time (ports, subscribers): any period's latest value counts; provinces add up.</summary>
    [JsonStringEnumMemberName("stock")] Stock,
    /// <summary>A ratio of two data elements; provinces do not add up, their components do.</summary>
    [JsonStringEnumMemberName("ratio")] Ratio,
    /// <summary>A survey index: neither additive nor derived.</summary>
    [JsonStringEnumMemberName("index")] Index,
    /// <summary>A change measured against 2020 (no. 10).</summary>
    [JsonStringEnumMemberName("change")] Change,
}

/// <summary>The comparison a value must satisfy against the target. Strict comparisons are strict.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Comparison>))]
internal enum Comparison
{
    [JsonStringEnumMemberName(">=")] AtLeast,
    [JsonStringEnumMemberName(">")] GreaterThan,
    [JsonStringEnumMemberName("<=")] AtMost,
    [JsonStringEnumMemberName("<")] LessThan,
}

/// <summary>How the 2025 value is projected from the series.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProjectionModel>))]
internal enum ProjectionModel
{
    /// <summary>Constant absolute change per year (ordinary least squares on the value).</summary>
    [JsonStringEnumMemberName("linear")] Linear,
    /// <summary>Constant growth rate (least squares on the logarithm); used where 专栏1 gives an annual growth rate.</summary>
    [JsonStringEnumMemberName("growth")] Growth,
}

/// <summary>The evaluation verdict for one indicator in one region.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EvaluationStatus>))]
internal enum EvaluationStatus
{
    /// <summary>The latest value already meets the target.</summary>
    [JsonStringEnumMemberName("achieved")] Achieved,
    /// <summary>The projected 2025 value meets the target.</summary>
    [JsonStringEnumMemberName("on_track")] OnTrack,
    /// <summary>The projection misses, but narrowly: the interval reaches the target or 90% of the distance is projected.</summary>
    [JsonStringEnumMemberName("at_risk")] AtRisk,
    /// <summary>The projection misses clearly.</summary>
    [JsonStringEnumMemberName("off_track")] OffTrack,
    /// <summary>The final-year value is in and does not meet the target.</summary>
    [JsonStringEnumMemberName("missed")] Missed,
    /// <summary>Nothing observed after the base year, or no target for this region.</summary>
    [JsonStringEnumMemberName("no_data")] NoData,
    /// <summary>A single figure (and no baseline): a level but no direction to project.</summary>
    [JsonStringEnumMemberName("insufficient_data")] InsufficientData,
}

/// <summary>Extensions for comparisons and statuses.</summary>
internal static class ComparisonExtensions
{
    /// <summary>Whether <paramref name="value"/> satisfies the comparison against <paramref name="target"/>.</summary>
    public static bool Meets(this Comparison comparison, double value, double target) => comparison switch
    {
        Comparison.AtLeast => value >= target,
        Comparison.GreaterThan => value > target,
        Comparison.AtMost => value <= target,
        Comparison.LessThan => value < target,
        _ => throw new ArgumentOutOfRangeException(nameof(comparison)),
    };

    /// <summary>True when a lower value is better (PUE).</summary>
    public static bool LowerIsBetter(this Comparison comparison) => comparison is Comparison.AtMost or Comparison.LessThan;

    /// <summary>The symbol as written in the plan.</summary>
    public static string Symbol(this Comparison comparison) => comparison switch
    {
        Comparison.AtLeast => "≥",
        Comparison.GreaterThan => ">",
        Comparison.AtMost => "≤",
        _ => "<",
    };

    /// <summary>Parses ">=", ">", "&lt;=", "&lt;" (and ≥ ≤).</summary>
    public static Comparison ParseComparison(string text) => text.Trim() switch
    {
        ">=" or "≥" => Comparison.AtLeast,
        ">" => Comparison.GreaterThan,
        "<=" or "≤" => Comparison.AtMost,
        "<" => Comparison.LessThan,
        _ => throw new FormatException($"'{text}' is not a comparison: expected >=, >, <= or <"),
    };

    /// <summary>The wire name of a status (on_track …).</summary>
    public static string WireName(this EvaluationStatus status) => status switch
    {
        EvaluationStatus.Achieved => "achieved",
        EvaluationStatus.OnTrack => "on_track",
        EvaluationStatus.AtRisk => "at_risk",
        EvaluationStatus.OffTrack => "off_track",
        EvaluationStatus.Missed => "missed",
        EvaluationStatus.InsufficientData => "insufficient_data",
        _ => "no_data",
    };

    /// <summary>True for statuses that mean the target is projected or known to be missed.</summary>
    public static bool ProjectedToMiss(this EvaluationStatus status) =>
        status is EvaluationStatus.AtRisk or EvaluationStatus.OffTrack or EvaluationStatus.Missed;
}
