using IctGov.Planning.Evaluation;
using IctGov.Planning.Features;

namespace IctGov.Planning.Contracts;

/// <summary>
/// What the host, the command line and other modules may ask of Planning. Other modules feed the
/// plan's indicators through <see cref="ImportCsvAsync"/> (e.g. the identifier system's node and
/// registration counts for indicators 7 and 15) rather than by touching Planning's tables.
/// </summary>
public interface IPlanningFacade
{
    /// <summary>Today by the platform clock (UTC date).</summary>
    DateOnly Today { get; }

    /// <summary>Imports observations from CSV; a file with any bad row writes nothing.</summary>
    Task<ImportResult> ImportCsvAsync(Stream csv, string origin, CancellationToken ct = default);

    /// <summary>Imports observations from an XLSX workbook (first sheet, same header as CSV).</summary>
    Task<ImportResult> ImportXlsxAsync(Stream xlsx, string origin, CancellationToken ct = default);

    /// <summary>Evaluates the 20 indicators for one region as of a date.</summary>
    Task<EvaluationReport> EvaluateAsync(DateOnly asOf, string region, string? version = null, CancellationToken ct = default);

    /// <summary>Evaluates the nation and every province as of a date.</summary>
    Task<IReadOnlyList<EvaluationReport>> EvaluateAllAsync(DateOnly asOf, string? version = null, CancellationToken ct = default);

    /// <summary>One indicator's series, trajectory, evaluation and provinces; null for an unknown number.</summary>
    Task<IndicatorDetail?> DetailAsync(int no, DateOnly asOf, string region, string? version = null, CancellationToken ct = default);

    /// <summary>A region's evaluation and every indicator's detail, from a single load of the observations.</summary>
    Task<EvaluationWithDetails> DetailsAsync(DateOnly asOf, string region, string? version = null, CancellationToken ct = default);

    /// <summary>Freezes an evaluation and returns the snapshot id.</summary>
    Task<long> FreezeAsync(DateOnly asOf, string region, string? version, string? label, CancellationToken ct = default);

    /// <summary>The evaluation as an XLSX workbook.</summary>
    Task<byte[]> ExportXlsxAsync(DateOnly asOf, string region, string? version = null, CancellationToken ct = default);

    /// <summary>A self-contained printable HTML report; <paramref name="echartsScript"/> is inlined so it needs no network.</summary>
    Task<string> RenderReportAsync(DateOnly asOf, string? version, string echartsScript, CancellationToken ct = default);

    /// <summary>Whether the database answers.</summary>
    Task<bool> CanConnectAsync(CancellationToken ct = default);
}
