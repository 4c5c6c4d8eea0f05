using IctGov.Kernel.Results;

namespace IctGov.Planning.Contracts;

/// <summary>
/// What the host and its command line may ask of Planning. Every type it takes or gives is a
/// contract or a kernel type; other modules feed the plan's indicators through
/// <see cref="IObservationRecorder"/>.
/// </summary>
public interface IPlanningFacade
{
    /// <summary>Today in Beijing (China Standard Time) by the platform clock.</summary>
    DateOnly Today { get; }

    /// <summary>Imports observations from CSV; a file with any bad row writes nothing and every bad row is named.</summary>
    Task<Outcome<ImportSummary>> ImportCsvAsync(Stream csv, string origin, CancellationToken ct = default);

    /// <summary>Imports observations from an XLSX workbook (first sheet, same header as CSV).</summary>
    Task<Outcome<ImportSummary>> ImportXlsxAsync(Stream xlsx, string origin, CancellationToken ct = default);

    /// <summary>Evaluates the 20 indicators for one region as of a date.</summary>
    /// <exception cref="KeyNotFoundException">No plan version <paramref name="version"/>.</exception>
    Task<EvaluationDocument> EvaluateAsync(DateOnly asOf, string region, string? version = null, CancellationToken ct = default);

    /// <summary>Freezes an evaluation and returns the snapshot id.</summary>
    Task<long> FreezeAsync(DateOnly asOf, string region, string? version, string? label, CancellationToken ct = default);

    /// <summary>The evaluation as an XLSX workbook.</summary>
    Task<byte[]> ExportXlsxAsync(DateOnly asOf, string region, string? version = null, CancellationToken ct = default);

    /// <summary>A self-contained printable HTML report; <paramref name="echartsScript"/> is inlined so it needs no network.</summary>
    Task<string> RenderReportAsync(DateOnly asOf, string? version, string echartsScript, CancellationToken ct = default);
}
