using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using CsvHelper.Configuration;
using IctGov.Kernel.Results;
using MiniExcelLibs;

namespace IctGov.Data.Files;

/// <summary>One data row of a file, its fields in the order of the expected columns.</summary>
/// <param name="Row">The row as a spreadsheet numbers it (the header is row 1).</param>
/// <param name="Fields">One text per expected column (empty where the cell is empty).</param>
public sealed record TableRow(long Row, IReadOnlyList<string> Fields)
{
    /// <summary>The field of the column at <paramref name="column"/> in the expected columns.</summary>
    public string this[int column] => Fields[column];
}

/// <summary>Limits of one read; the defaults are the platform's.</summary>
/// <param name="MaxRows">Data rows accepted in one file; a longer file is refused whole ("split the file").</param>
/// <param name="MaxErrors">Structural errors collected before reading stops.</param>
public sealed record TableReaderOptions(int MaxRows = TableReader.DefaultMaxRows, int MaxErrors = TableReader.DefaultMaxErrors);

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

    private const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Whether an upload is a workbook (by its name or content type); anything else is read as CSV.</summary>
    public static bool IsXlsx(string? fileName, string? contentType) =>
        (fileName?.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ?? false) || contentType == XlsxContentType;

    /// <summary>Reads an upload as XLSX or CSV, chosen by <see cref="IsXlsx"/>.</summary>
    public static Outcome<IReadOnlyList<TableRow>> Read(Stream stream, string? fileName, string? contentType, IReadOnlyList<string> columns, TableReaderOptions? options = null) =>
        IsXlsx(fileName, contentType) ? ReadXlsx(stream, columns, options) : ReadCsv(stream, columns, options);

    /// <summary>Reads CSV in strict UTF-8 with a header naming <paramref name="columns"/>.</summary>
    public static Outcome<IReadOnlyList<TableRow>> ReadCsv(Stream csv, IReadOnlyList<string> columns, TableReaderOptions? options = null)
    {
        var limits = options ?? new TableReaderOptions();
        var bytes = Buffer(csv);
        if (InvalidUtf8At(bytes) is { } offset)
        {
            return Outcome.Invalid<IReadOnlyList<TableRow>>([RowError.File($"not readable as UTF-8 CSV: byte {offset} (0x{bytes[(int)offset]:X2}) is not valid UTF-8; save the file as UTF-8")]);
        }
        var collector = new Collector(columns, limits);
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
            while (parser.Read() && collector.Add(parser.Row, parser.Record ?? [], strictWidth: true))
            {
            }
        }
        catch (Exception e) when (e is CsvHelperException or DecoderFallbackException or IOException)
        {
            return Outcome.Invalid<IReadOnlyList<TableRow>>([RowError.File("not readable as CSV: " + e.Message)]);
        }
        return collector.Finish("the file is empty");
    }

    /// <summary>Reads the first sheet of an XLSX workbook with a header row naming <paramref name="columns"/>.</summary>
    public static Outcome<IReadOnlyList<TableRow>> ReadXlsx(Stream xlsx, IReadOnlyList<string> columns, TableReaderOptions? options = null)
    {
        var collector = new Collector(columns, options ?? new TableReaderOptions());
        try
        {
            var stream = xlsx.CanSeek ? xlsx : new MemoryStream(Buffer(xlsx).ToArray(), writable: false);
            long row = 0;
            foreach (IDictionary<string, object?> r in stream.Query(useHeaderRow: false))
            {
                row++;
                if (!collector.Add(row, r.Values.Select(Cell).ToArray(), strictWidth: false))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (IsUnreadableWorkbook(e))
        {
            return Outcome.Invalid<IReadOnlyList<TableRow>>([RowError.File("not a readable XLSX workbook: " + e.Message)]);
        }
        return collector.Finish("the workbook's first sheet is empty");
    }

    // MiniExcel reports a damaged archive or sheet through whichever exception its parser met first.
    private static bool IsUnreadableWorkbook(Exception e) => e is InvalidDataException or IOException or InvalidOperationException or FormatException
        or System.Xml.XmlException or ArgumentException or IndexOutOfRangeException or KeyNotFoundException or OverflowException
        or NotSupportedException or NullReferenceException or InvalidCastException;

    /// <summary>A cell as the text a user would have typed: ISO dates, numbers that round-trip.</summary>
    internal static string Cell(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

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

        /// <summary>Adds one physical row; false when reading should stop.</summary>
        public bool Add(long row, string[] cells, bool strictWidth)
        {
            if (!_header)
            {
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    return true; // blank lines before the header
                }
                _header = true;
                // A sheet's used range can run past the header; empty cells there are not columns.
                _width = strictWidth ? cells.Length : cells.Length - cells.Reverse().TakeWhile(string.IsNullOrWhiteSpace).Count();
                _map = MapHeader(row, cells[.._width]);
                return _map is not null;
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
