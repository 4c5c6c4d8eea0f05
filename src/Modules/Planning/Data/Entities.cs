using IctGov.Kernel;
using IctGov.Planning.Evaluation;

namespace IctGov.Planning.Data;

/// <summary>A version of the plan's targets. The original is never edited: a mid-term revision is a new version.</summary>
internal sealed class PlanVersion
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    /// <summary>From this date the version is the one an evaluation uses by default.</summary>
    public DateOnly Effective { get; set; }
    public int? BasedOnId { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A headline indicator of 专栏1: what it is, not what it must reach (targets are versioned).</summary>
internal sealed class Indicator
{
    public int No { get; set; }
    public required string CategoryZh { get; set; }
    public required string CategoryEn { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public required string UnitZh { get; set; }
    public required string UnitEn { get; set; }
    public IndicatorKind Kind { get; set; }
    public Measure Measure { get; set; }
    public ProjectionModel Projection { get; set; }
    public bool Binding { get; set; }
    /// <summary>专栏1's 年均/累计 column exactly as printed (10%, 〔21〕, 〔>0.1〕).</summary>
    public required string ChangeText { get; set; }
    public string? FormulaNumerator { get; set; }
    public string? FormulaDenominator { get; set; }
    public double? FormulaScale { get; set; }
}

/// <summary>An indicator's target in one plan version, nationally or for one province.</summary>
internal sealed class IndicatorTarget
{
    public int Id { get; set; }
    public int PlanVersionId { get; set; }
    public int IndicatorNo { get; set; }
    public required string RegionCode { get; set; }
    public decimal? Baseline { get; set; }
    public decimal? Target { get; set; }
    public Comparison Comparison { get; set; }
    public decimal? AnnualGrowthPct { get; set; }
    public decimal? FiveYearChange { get; set; }
}

/// <summary>A component reported by operators and provinces, from which ratio indicators are derived.</summary>
internal sealed class DataElement
{
    public required string Key { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public required string UnitZh { get; set; }
    public required string UnitEn { get; set; }
    /// <summary>True when provincial values add up to the national value.</summary>
    public bool Additive { get; set; }
}

/// <summary>A quantitative target of a project box (专栏2–22).</summary>
internal sealed class ProjectTarget
{
    public required string Key { get; set; }
    public int Column { get; set; }
    public int Item { get; set; }
    public required string ColumnTitleZh { get; set; }
    public required string ColumnTitleEn { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public required string UnitZh { get; set; }
    public required string UnitEn { get; set; }
    public Comparison Comparison { get; set; }
    public decimal Target { get; set; }
    public int TargetYear { get; set; }
    public bool PerYear { get; set; }
    /// <summary>The plan's own words, verbatim.</summary>
    public required string Quote { get; set; }
}

/// <summary>What an observation is about.</summary>
internal enum SubjectKind
{
    Indicator = 1,
    DataElement = 2,
    ProjectTarget = 3,
}

/// <summary>
/// One published figure: a value of an indicator, data element or project target for a region and
/// period, as published on one date (its vintage). Revisions are new rows with a later publication
/// date, so an evaluation "as of" an earlier date still sees what was known then.
/// </summary>
internal sealed class Observation
{
    public long Id { get; set; }
    public SubjectKind SubjectKind { get; set; }
    /// <summary>The indicator number as text ("4"), the data element key or the project target key.</summary>
    public required string SubjectKey { get; set; }
    public required string RegionCode { get; set; }
    /// <summary>Canonical period text: 2023, 2023-Q3, 2023-07.</summary>
    public required string Period { get; set; }
    public PeriodKind PeriodKind { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public decimal Value { get; set; }
    public ObservationStatus Status { get; set; }
    public DateOnly Published { get; set; }
    public required string Source { get; set; }
    public Guid BatchId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>How final a published figure is.</summary>
internal enum ObservationStatus
{
    Provisional = 1,
    Final = 2,
    Estimated = 3,
    Revised = 4,
}

/// <summary>One accepted import: a file or API call whose rows were all valid.</summary>
internal sealed class ImportBatch
{
    public Guid Id { get; set; }
    public required string Origin { get; set; }
    public int Rows { get; set; }
    public int Skipped { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A frozen evaluation: the exact answer given on a date, kept for the record.</summary>
internal sealed class EvaluationSnapshot
{
    public long Id { get; set; }
    public DateOnly AsOf { get; set; }
    public required string RegionCode { get; set; }
    public required string PlanVersionCode { get; set; }
    public string? Label { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Json { get; set; }
}
