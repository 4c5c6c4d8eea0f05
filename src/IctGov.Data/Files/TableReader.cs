using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using CsvHelper.Configuration;
using IctGov.Kernel.Results;

namespace IctGov.Data.Files;

/// <summary>One data row of a file, its fields in the order of the expected columns.</summary>
/// <param name="Row">The row as a spreadsheet numbers it (the header is row 1).</param>
/// <param name="Fields">One text per expected column (empty where the cell is empty).</param>
public sealed record TableRow(long Row, IReadOnlyList<string> Fields)
{
    /// <summary>The field of the column at <paramref name="column"/> in the expected columns.</summary>
    public string this[int column] => Fields[column];
}

/// <summary>
/// Limits of one read; the defaults are the platform's. A file past any of them is refused whole
/// with an error that names the limit, so a hostile upload costs bounded memory and time.
/// </summary>
/// <param name="MaxRows">Data rows accepted in one file; a longer file is refused whole ("split the file").</param>
/// <param name="MaxErrors">Structural errors collected before reading stops.</param>
/// <param name="MaxColumns">Columns a row may use; a value further right is an error of its row.</param>
/// <param name="MaxCells">Cells (XLSX cell elements, empty ones included, and shared strings) read from a workbook.</param>
/// <param name="MaxUnpackedBytes">Bytes a workbook may decompress to, counted as they are read whatever the archive declares.</param>
/// <param name="MaxDuration">Time one read may take; null for no limit besides the caller's cancellation.</param>
public sealed record TableReaderOptions(
    int MaxRows = TableReader.DefaultMaxRows,
    int MaxErrors = TableReader.DefaultMaxErrors,
    int MaxColumns = TableReader.DefaultMaxColumns,
    long MaxCells = TableReader.DefaultMaxCells,
    long MaxUnpackedBytes = TableReader.DefaultMaxUnpackedBytes,
    TimeSpan? MaxDuration = null)
{
    /// <summary>The time limit in force: <see cref="MaxDuration"/> or the platform's default.</summary>
    public TimeSpan Duration => MaxDuration ?? TableReader.DefaultMaxDuration;
}

/// <summary>
/// The platform's one reader of uploaded tables, CSV (strict UTF-8, a byte-order mark allowed) or
/// XLSX (first sheet). Columns are matched by name whatever their order, case, spacing or BOM; blank
/// lines are skipped; rows are numbered as a spreadsheet numbers them (the header is row 1). Dates
/// in XLSX cells become ISO dates (yyyy-MM-dd) and numbers keep every digit ("R"), so a cell reads
/// the same as the CSV a user would have typed. Anything structurally wrong — unreadable bytes, a
/// missing or unknown column, a ragged row, too many rows — is a <see cref="RowError"/> in a refused
/// <see cref="Outcome{T}"/>; the reader never throws on bad input. What a field must contain is the
/// caller's rule.
/// </summary>
public static class TableReader
{
    /// <summary>At most a million data rows in one file.</summary>
    public const int DefaultMaxRows = 1_000_000;

    /// <summary>Reading stops after a thousand errors: more would not help a user correct the file.</summary>
    public const int DefaultMaxErrors = 1000;

    /// <summary>256 columns: every format of the platform has fewer than ten; a sheet's notes beside them fit.</summary>
    public const int DefaultMaxColumns = 256;

    /// <summary>Twenty million cells: a million rows of the widest format with room for empty cells.</summary>
    public const long DefaultMaxCells = 20_000_000;

    /// <summary>512 MiB of XML: a million rows of the widest format, where a zip bomb stops.</summary>
    public const long DefaultMaxUnpackedBytes = 512L * 1024 * 1024;

    /// <summary>Two minutes: a million-row file reads in well under half of it.</summary>
    public static readonly TimeSpan DefaultMaxDuration = TimeSpan.FromMinutes(2);

    private const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Whether an upload is a workbook (by its name or content type); anything else is read as CSV.</summary>
    public static bool IsXlsx(string? fileName, string? contentType) =>
        (fileName?.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ?? false) || contentType == XlsxContentType;

    /// <summary>Reads an upload as XLSX or CSV, chosen by <see cref="IsXlsx"/>.</summary>
    public static Outcome<IReadOnlyList<TableRow>> Read(Stream stream, string? fileName, string? contentType, IReadOnlyList<string> columns,
        TableReaderOptions? options = null, CancellationToken ct = default) =>
        IsXlsx(fileName, contentType) ? ReadXlsx(stream, columns, options, ct) : ReadCsv(stream, columns, options, ct);

    /// <summary>
    /// Reads CSV in strict UTF-8 with a header naming <paramref name="columns"/>. Cancelling
    /// <paramref name="ct"/> (the request going away) stops the read with <see cref="OperationCanceledException"/>.
    /// </summary>
    public static Outcome<IReadOnlyList<TableRow>> ReadCsv(Stream csv, IReadOnlyList<string> columns, TableReaderOptions? options = null, CancellationToken ct = default)
    {
        var limits = options ?? new TableReaderOptions();
        var bytes = Buffer(csv);
        if (InvalidUtf8At(bytes) is { } offset)
        {
            return Outcome.Invalid<IReadOnlyList<TableRow>>([RowError.File($"not readable as UTF-8 CSV: byte {offset} (0x{bytes[(int)offset]:X2}) is not valid UTF-8; save the file as UTF-8")]);
        }
        var collector = new Collector(columns, limits);
        using var deadline = Deadline(limits, ct);
        try
        {
            using var reader = new StreamReader(new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                BadDataFound = null,
                MissingFieldFound = null,
                DetectColumnCountChanges = false,
                IgnoreBlankLines = false, // counted, so row numbers match the lines a user sees
            });
            while (parser.Read())
            {
                deadline.Token.ThrowIfCancellationRequested();
                // The parser has only found the fields' bounds; a row of millions of commas is refused before they become strings.
                var pastLimit = parser.Count > limits.MaxColumns;
                var cells = new string[Math.Min(parser.Count, limits.MaxColumns)];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = parser[i];
                }
                if (!collector.Add(parser.Row, cells, strictWidth: !pastLimit, pastLimit))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is CsvHelperException or DecoderFallbackException or IOException)
        {
            return Outcome.Invalid<IReadOnlyList<TableRow>>([RowError.File("not readable as CSV: " + e.Message)]);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return TookTooLong(limits);
        }
        return collector.Finish("the file is empty");
    }

    /// <summary>
    /// Reads the first sheet of an XLSX workbook with a header row naming <paramref name="columns"/>,
    /// streaming it: what the sheet's XML holds is read, within <paramref name="options"/>' limits,
    /// and what it claims (its dimension) is ignored. Cancelling <paramref name="ct"/> stops the read
    /// with <see cref="OperationCanceledException"/>.
    /// </summary>
    public static Outcome<IReadOnlyList<TableRow>> ReadXlsx(Stream xlsx, IReadOnlyList<string> columns, TableReaderOptions? options = null, CancellationToken ct = default)
    {
        var limits = options ?? new TableReaderOptions();
        var collector = new Collector(columns, limits);
        using var deadline = Deadline(limits, ct);
        try
        {
            // The archive's directory is at its end: a request body that cannot seek is held (it is within the upload limit).
            var stream = xlsx.CanSeek ? xlsx : new MemoryStream(Buffer(xlsx).ToArray(), writable: false);
            using var sheet = XlsxSheet.Open(stream, limits, deadline.Token);
            foreach (var (row, cells, pastLimit) in sheet.Rows())
            {
                if (!collector.Add(row, cells, strictWidth: false, pastLimit))
                {
                    break;
                }
            }
        }
        catch (XlsxRefusedException e)
        {
            return Outcome.Invalid<IReadOnlyList<TableRow>>([RowError.File((e.Limit ? "the workbook " : "not a readable XLSX workbook: ") + e.Message)]);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Xml.XmlException)
        {
            return Outcome.Invalid<IReadOnlyList<TableRow>>([RowError.File("not a readable XLSX workbook: " + e.Message)]);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return TookTooLong(limits);
        }
        return collector.Finish("the workbook's first sheet is empty");
    }

    /// <summary>The caller's cancellation and the read's time limit in one token.</summary>
    private static CancellationTokenSource Deadline(TableReaderOptions limits, CancellationToken ct)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // A limit of zero or less means no time at all: cancelled now, not by a timer that may fire later.
        if (limits.Duration <= TimeSpan.Zero)
        {
            deadline.Cancel();
        }
        else
        {
            deadline.CancelAfter(limits.Duration);
        }
        return deadline;
    }

    private static Outcome<IReadOnlyList<TableRow>> TookTooLong(TableReaderOptions limits) =>
        Outcome.Invalid<IReadOnlyList<TableRow>>([RowError.File($"reading the file took longer than {limits.Duration.TotalSeconds:0} s: split the file")]);

    private static ArraySegment<byte> Buffer(Stream stream)
    {
        if (stream is MemoryStream ms && ms.TryGetBuffer(out var segment))
        {
            return segment[(int)ms.Position..];
        }
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new ArraySegment<byte>(copy.GetBuffer(), 0, (int)copy.Length);
    }

    /// <summary>The offset of the first byte that is not UTF-8 (a BOM is fine), or null.</summary>
    private static long? InvalidUtf8At(ReadOnlySpan<byte> span)
    {
        var chars = ArrayPool<char>.Shared.Rent(16 * 1024);
        try
        {
            var at = 0;
            while (at < span.Length)
            {
                var status = Utf8.ToUtf16(span[at..], chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                if (status == OperationStatus.InvalidData)
                {
                    return at + read;
                }
                at += read;
                if (status == OperationStatus.Done)
                {
                    break;
                }
            }
            return null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Collects rows after the header, with the checks both formats share.</summary>
    private sealed class Collector(IReadOnlyList<string> columns, TableReaderOptions limits)
    {
        private readonly List<TableRow> _rows = [];
        private readonly List<RowError> _errors = [];
        private int[]? _map;
        private int _width;
        private bool _header;
        private bool _stopped;

        /// <summary>Adds one physical row (<paramref name="pastLimit"/>: it has a value past the column limit); false when reading should stop.</summary>
        public bool Add(long row, string[] cells, bool strictWidth, bool pastLimit = false)
        {
            if (!_header)
            {
                if (cells.All(string.IsNullOrWhiteSpace) && !pastLimit)
                {
                    return true; // blank lines before the header
                }
                _header = true;
                if (pastLimit)
                {
                    _errors.Add(new RowError(row, "header", $"more than {limits.MaxColumns} columns: expected the header {string.Join(',', columns)}"));
                    return false;
                }
                // A sheet's used range can run past the header; empty cells there are not columns.
                _width = strictWidth ? cells.Length : cells.Length - cells.Reverse().TakeWhile(string.IsNullOrWhiteSpace).Count();
                _map = MapHeader(row, cells[.._width]);
                return _map is not null;
            }
            if (pastLimit)
            {
                return Error(new RowError(row, "row", $"has values beyond column {limits.MaxColumns}, the most a row may have"));
            }
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                return true; // a blank line
            }
            if (_rows.Count >= limits.MaxRows)
            {
                _errors.Add(new RowError(row, "file", $"more than {limits.MaxRows.ToString("N0", CultureInfo.InvariantCulture)} rows: split the file"));
                _stopped = true;
                return false;
            }
            if (strictWidth && cells.Length != _width)
            {
                return Error(new RowError(row, "row", $"has {cells.Length} fields, expected {_width} as in the header"));
            }
            if (cells.Skip(_width).Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                return Error(new RowError(row, "row", $"has values beyond the {_width} columns of the header"));
            }
            _rows.Add(new TableRow(row, _map!.Select(i => i < cells.Length ? cells[i] : "").ToArray()));
            return true;
        }

        public Outcome<IReadOnlyList<TableRow>> Finish(string empty)
        {
            if (!_header)
            {
                _errors.Add(new RowError(1, "header", $"{empty}: expected the header {string.Join(',', columns)}"));
            }
            return _errors.Count > 0 ? Outcome.Invalid<IReadOnlyList<TableRow>>(_errors) : Outcome.Ok<IReadOnlyList<TableRow>>(_rows);
        }

        private bool Error(RowError error)
        {
            _errors.Add(error);
            if (_errors.Count >= limits.MaxErrors && !_stopped)
            {
                _errors.Add(new RowError(error.Row, "file", $"stopped after {limits.MaxErrors} errors"));
                _stopped = true;
                return false;
            }
            return true;
        }

        /// <summary>Maps each expected column to its position: every one must appear exactly once, and nothing else.</summary>
        private int[]? MapHeader(long row, string[] header)
        {
            var expected = columns.Select(Normalise).ToArray();
            var names = header.Select(Normalise).ToArray();
            var expectedText = string.Join(',', columns);
            if (!names.Any(expected.Contains))
            {
                // Nothing recognised: most likely another file altogether, so one error says so.
                _errors.Add(new RowError(row, "header", $"expected the header {expectedText}, found {string.Join(',', header.Select(h => h.Trim()))}"));
                return null;
            }
            var map = new int[expected.Length];
            for (var i = 0; i < expected.Length; i++)
            {
                map[i] = Array.IndexOf(names, expected[i]);
                if (map[i] < 0)
                {
                    _errors.Add(new RowError(row, columns[i], $"column '{columns[i]}' is missing: expected the header {expectedText}"));
                }
            }
            for (var i = 0; i < names.Length; i++)
            {
                if (names[i].Length == 0)
                {
                    _errors.Add(new RowError(row, "header", $"column {i + 1} has no name: expected the header {expectedText}"));
                }
                else if (!expected.Contains(names[i]))
                {
                    _errors.Add(new RowError(row, names[i], $"unexpected column '{header[i].Trim()}': expected the header {expectedText}"));
                }
                else if (Array.IndexOf(names, names[i]) != i)
                {
                    _errors.Add(new RowError(row, names[i], $"column '{names[i]}' appears twice"));
                }
            }
            return _errors.Count > 0 ? null : map;
        }

        private static string Normalise(string name) =>
            string.Concat(name.Where(c => c != '\uFEFF' && !char.IsWhiteSpace(c))).ToLowerInvariant();
    }
}
