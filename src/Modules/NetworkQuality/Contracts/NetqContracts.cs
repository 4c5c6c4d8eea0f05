using IctGov.Kernel.Results;

namespace IctGov.NetworkQuality.Contracts;

/// <summary>
/// The outcome of one import. A file with any rejected row writes nothing (the platform's rule: a
/// bad batch writes nothing); rows whose id is already stored, or repeated in the file, are counted
/// as duplicates and ignored; M-Lab NDT rows outside China or of other networks are skipped.
/// Rows of <see cref="Problems"/> and <see cref="SkippedRows"/> follow <see cref="RowError"/>: in a CSV
/// file the row as a spreadsheet shows it (the header is row 1, the first data row 2); in a JSON array,
/// JSON lines or Parquet, the element or record counted from 1;
/// a problem's message says what was expected (<c>expected …</c>) and its value is the one found.
/// </summary>
public sealed record NetqImportReport(long Rows, long Inserted, long Duplicates, long Skipped, long Rejected,
    IReadOnlyList<RowError> Problems, IReadOnlyList<RowError> SkippedRows, string? FileError)
{
    /// <summary>True when the batch was written (possibly with duplicates and skipped rows).</summary>
    public bool Succeeded => FileError is null && Rejected == 0;
}

/// <summary>How rows are printed or returned.</summary>
public enum NetqOutputFormat
{
    /// <summary>A JSON array of objects.</summary>
    Json,
    /// <summary>RFC 4180 CSV with a header line.</summary>
    Csv,
    /// <summary>Aligned text columns for a terminal.</summary>
    Table,
}

/// <summary>The network-quality store as the command line and other hosts use it.</summary>
public interface INetworkQualityService
{
    /// <summary>Imports a file, as the current actor (the command line's is the local system) and audited: <c>csv</c>, <c>jsonl</c>, <c>parquet</c>, <c>ndt</c> (M-Lab NDT downloads) or <c>ndt-upload</c>; null picks by extension.</summary>
    Task<NetqImportReport> ImportFileAsync(string path, string? format, CancellationToken ct = default);

    /// <summary>
    /// Writes the exact summary (the same rows as <c>GET /api/v1/netq/summary</c>); build the
    /// query with <see cref="NetqSummaryText.ToQuery"/>.
    /// </summary>
    Task WriteSummaryAsync(NetqQuery query, Stream output, NetqOutputFormat format, CancellationToken ct = default);

    /// <summary>
    /// The exact summary's SQL with its parameters written in as literals, to run the same query
    /// directly in DuckDB (the benchmark compares the API against it).
    /// </summary>
    string SummarySql(NetqQuery query);

    /// <summary>Recomputes the roll-ups from the stored measurements (after changing the bars, or to compact them); audited.</summary>
    Task RebuildRollupsAsync(CancellationToken ct = default);
}

/// <summary>
/// The store is a DuckDB file that one process at a time may open: raised when another process
/// (usually <c>ictgov serve</c>) holds it.
/// </summary>
public sealed class NetqStoreBusyException(string message, Exception inner) : Exception(message, inner);
