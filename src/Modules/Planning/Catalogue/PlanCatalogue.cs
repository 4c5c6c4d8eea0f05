using System.Text.Json;
using IctGov.Planning.Evaluation;

namespace IctGov.Planning.Catalogue;

/// <summary>The plan as transcribed in plan/plan-2021.json and plan/project-targets.json.</summary>
internal sealed record PlanCatalogue(PlanHeader Plan, CatalogueVersion Version, IReadOnlyList<CatalogueIndicator> Indicators,
    IReadOnlyList<CatalogueDataElement> DataElements, IReadOnlyList<CatalogueProjectTarget> ProjectTargets)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>Loads the catalogue embedded in this assembly.</summary>
    public static PlanCatalogue LoadEmbedded()
    {
        var asm = typeof(PlanCatalogue).Assembly;
        using var planStream = asm.GetManifestResourceStream("IctGov.Planning.plan-2021.json") ?? throw new InvalidOperationException("plan catalogue resource missing");
        using var projectStream = asm.GetManifestResourceStream("IctGov.Planning.project-targets.json") ?? throw new InvalidOperationException("project targets resource missing");
        return Load(planStream, projectStream);
    }

    public static PlanCatalogue Load(Stream plan, Stream projects)
    {
        var p = JsonSerializer.Deserialize<PlanFile>(plan, Json) ?? throw new InvalidDataException("empty plan catalogue");
        var t = JsonSerializer.Deserialize<ProjectFile>(projects, Json) ?? throw new InvalidDataException("empty project targets");
        return new PlanCatalogue(p.Plan, p.Version, p.Indicators, p.DataElements, t.ProjectTargets);
    }

    private sealed record PlanFile(PlanHeader Plan, CatalogueVersion Version, List<CatalogueIndicator> Indicators, List<CatalogueDataElement> DataElements);
    private sealed record ProjectFile(int Version, string Source, List<CatalogueProjectTarget> ProjectTargets);
}

internal sealed record PlanHeader(string Code, string TitleZh, string TitleEn, string IssuerZh, string IssuerEn, int BaseYear, int TargetYear, string Source);

internal sealed record CatalogueVersion(string Code, string NameZh, string NameEn, DateOnly Effective);

/// <summary>The seed's own text for the row, kept so a test can compare every figure with the plan.</summary>
internal sealed record SeedText(string Baseline, string Target, string Change, string Attribute);

internal sealed record CatalogueFormula(string Numerator, string Denominator, double Scale);

internal sealed record CatalogueIndicator(
    int No, string CategoryZh, string CategoryEn, string NameZh, string NameEn, string UnitZh, string UnitEn, SeedText Seed,
    double? Baseline, double? Target, string Comparison, double? AnnualGrowthPct, double? FiveYearChange, string? FiveYearChangeComparison,
    string Attribute, IndicatorKind Kind, Measure Measure, ProjectionModel Projection, CatalogueFormula? Formula);

internal sealed record CatalogueDataElement(string Key, string NameZh, string NameEn, string UnitZh, string UnitEn, bool Additive);

internal sealed record CatalogueProjectTarget(
    string Key, int Column, int Item, string ColumnTitleZh, string ColumnTitleEn, string NameZh, string NameEn, string UnitZh, string UnitEn,
    string Comparison, double Target, int TargetYear, bool PerYear, string Quote);
