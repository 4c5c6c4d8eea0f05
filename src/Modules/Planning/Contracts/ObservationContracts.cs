using IctGov.Kernel.Results;

namespace IctGov.Planning.Contracts;

/// <summary>One figure another module hands to the plan's observations.</summary>
/// <param name="Subject">Indicator number 1–20 as text, a data-element key or a project-target key.</param>
/// <param name="Region">GB/T 2260 code.</param>
/// <param name="Period">2023, 2023-Q3 or 2023-07.</param>
/// <param name="Status">provisional, final, estimated or revised.</param>
/// <param name="Published">The date the figure became public: evaluations "as of" earlier dates do not see it.</param>
/// <param name="Source">Who the figure comes from, e.g. the reporting unit and data set.</param>
public sealed record ObservationRecord(string Subject, string Region, string Period, decimal Value, string Status, DateOnly Published, string Source);

/// <summary>
/// How other modules feed the plan's indicators (the collection workflow on publication, the
/// identifier system's node and registration counts). The same rules as a file import apply.
/// </summary>
public interface IObservationRecorder
{
    /// <summary>
    /// Records the figures in one transaction; any invalid figure refuses them all, and each
    /// <see cref="RowError.Row"/> is the figure's position in <paramref name="records"/> (1 = the first).
    /// Figures already recorded with the same value count as skipped.
    /// </summary>
    Task<Outcome<ImportSummary>> RecordAsync(IReadOnlyList<ObservationRecord> records, string origin, CancellationToken ct = default);
}

/// <summary>An entry of the plan's catalogue, for the data resource catalogue (行业数据资源目录).</summary>
/// <param name="Kind"><c>indicator</c> or <c>element</c>.</param>
/// <param name="Key">Indicator number as text, or the data-element key.</param>
/// <param name="Formula">How an indicator is derived from elements, if it is.</param>
/// <param name="FirstPeriod">The earliest period with a published figure, if any.</param>
public sealed record CatalogueEntry(string Kind, string Key, string NameZh, string NameEn, string UnitZh, string UnitEn, string? Formula, string? FirstPeriod, string? LastPeriod, int Observations);

/// <summary>Reads the plan's catalogue of indicators and data elements.</summary>
public interface ICatalogueReader
{
    /// <summary>Every indicator and data element with the span of its published figures.</summary>
    Task<IReadOnlyList<CatalogueEntry>> ListAsync(CancellationToken ct = default);
}
