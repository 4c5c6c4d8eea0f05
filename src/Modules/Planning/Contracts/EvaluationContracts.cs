using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IctGov.Planning.Contracts;

/// <summary>A text in the plan's two languages.</summary>
/// <param name="Zh">Chinese, as the plan writes it.</param>
/// <param name="En">English.</param>
public sealed record BilingualText(string Zh, string En);

/// <summary>A region by its GB/T 2260 code and names.</summary>
/// <param name="Code">100000 for the nation, or a provincial code such as 440000.</param>
/// <param name="NameZh">The Chinese name (全国, 广东省).</param>
/// <param name="NameEn">The English name.</param>
public sealed record RegionName(string Code, string NameZh, string NameEn);

/// <summary>The plan version an evaluation applied (the original plan or a mid-term revision of its targets).</summary>
/// <param name="Code">The version's code, e.g. <c>2021-original</c>.</param>
/// <param name="NameZh">The Chinese name.</param>
/// <param name="NameEn">The English name.</param>
/// <param name="Effective">The date from which the version is in effect.</param>
public sealed record PlanVersionRef(string Code, string NameZh, string NameEn, DateOnly Effective);

/// <summary>The latest figure of an indicator known on the evaluation date.</summary>
/// <param name="Value">The figure, in the indicator's unit.</param>
/// <param name="Period">The period it measures (2023, 2023-Q3, 2023-07).</param>
/// <param name="Origin"><c>direct</c> (observed), <c>derived</c> (from data elements) or <c>aggregated</c> (sum of the provinces).</param>
/// <param name="Published">When it became public, where known.</param>
public sealed record LatestFigure(double Value, string Period, string Origin, DateOnly? Published);

/// <summary>A growth rate, as a change per year and a compound annual rate.</summary>
/// <param name="AnnualChange">Change per year in the indicator's unit.</param>
/// <param name="CagrPct">Compound annual growth rate in percent, where it applies.</param>
public sealed record GrowthRates(double? AnnualChange, double? CagrPct);

/// <summary>The value projected for 2025.</summary>
/// <param name="Value">The projected value.</param>
/// <param name="Low">The lower end of the prediction interval, where the series allows one.</param>
/// <param name="High">The upper end of the prediction interval.</param>
/// <param name="Level">The interval's confidence level (0.8 = 80%).</param>
/// <param name="Method"><c>linear</c>, <c>growth</c>, <c>two-point</c> or <c>flat-mean</c>.</param>
/// <param name="Points">How many observations the projection used.</param>
public sealed record ProjectedValue(double Value, double? Low, double? High, double Level, string Method, int Points);

/// <summary>Where one of the 20 headline indicators (专栏1) stands on the evaluation date.</summary>
/// <param name="No">The indicator's number in 专栏1 (1–20).</param>
/// <param name="Kind"><c>level</c>, <c>cumulativeChange</c> or <c>cumulativeSum</c>.</param>
/// <param name="Attribute"><c>binding</c> (约束性) or <c>expected</c> (预期性).</param>
/// <param name="ChangeText">The plan's figure for the five-year change, as written (〔〕).</param>
/// <param name="Status"><c>achieved</c>, <c>on_track</c>, <c>at_risk</c>, <c>off_track</c>, <c>missed</c>, <c>no_data</c> or <c>insufficient_data</c> (one figure, no baseline: nothing to project).</param>
/// <param name="Comparison">The comparison the value must satisfy against the target (≥, &gt;, ≤, &lt;).</param>
/// <param name="TargetSource">Where a region's target comes from (<c>plan</c>, <c>regional</c>, <c>national-benchmark</c>, <c>derived-share</c>).</param>
/// <param name="Progress">The share of the distance from baseline to target covered (1 = reached).</param>
/// <param name="ProjectedProgress">The same share for the projected 2025 value.</param>
/// <param name="Note">Why the evaluation is limited, where it is.</param>
public sealed record IndicatorStanding(
    int No, BilingualText Name, BilingualText Unit, BilingualText Category, string Kind, string Attribute, string ChangeText,
    string Status, LatestFigure? Latest, double? Baseline, double? Target, string Comparison, string TargetSource,
    double? Progress, double? ProjectedProgress, GrowthRates ActualGrowth, GrowthRates RequiredGrowth, GrowthRates PlannedGrowth,
    ProjectedValue? Projection, string? Note);

/// <summary>
/// The evaluation of the plan's 20 headline indicators for one region as of one date: the one
/// document that <c>GET /api/v1/evaluation</c>, <c>ictgov evaluate --format json</c> and frozen
/// snapshots all give, byte for byte (<see cref="ToJson"/>).
/// </summary>
/// <param name="AsOf">Only figures published by this date were used.</param>
/// <param name="BindingAlerts">The numbers of binding indicators projected or known to miss their target.</param>
/// <param name="PlanPeriodEnded">The evaluation date is after 2025-12-31, the end of the plan period.</param>
/// <param name="MissingFinalFigures">After the plan period: the indicators still without a figure for the end of 2025.</param>
public sealed record EvaluationDocument(DateOnly AsOf, RegionName Region, PlanVersionRef PlanVersion, IReadOnlyList<IndicatorStanding> Indicators, IReadOnlyList<int> BindingAlerts,
    bool PlanPeriodEnded, IReadOnlyList<int> MissingFinalFigures)
{
    /// <summary>The serializer settings of the document's one JSON form.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep Chinese readable in files and terminals
        WriteIndented = true,
    };

    /// <summary>The document as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

/// <summary>What an accepted import wrote.</summary>
/// <param name="BatchId">The import batch that ties the new rows (and the audit entry) together.</param>
/// <param name="Inserted">Rows written.</param>
/// <param name="Skipped">Rows already recorded with the same value (a file may be sent twice safely).</param>
public sealed record ImportSummary(Guid BatchId, int Inserted, int Skipped);
