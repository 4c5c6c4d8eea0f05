using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace IctGov.Data.Files;

/// <summary>A workbook the reader refuses: damaged, or past one of the limits. The message names the part, cell or limit.</summary>
internal sealed class XlsxRefusedException(string message, bool limit = false) : Exception(message)
{
    /// <summary>True when the workbook is well formed but larger than the platform reads (a zip bomb, a huge sheet).</summary>
    public bool Limit { get; } = limit;
}

/// <summary>
/// Streams the first sheet of an XLSX workbook row by row, holding only the shared strings and the
/// current row. It reads what the sheet's XML contains, never what it claims: a
/// <c>&lt;dimension ref="A1:XFD1048576"/&gt;</c> is ignored, empty cells cost nothing, and every
/// part is decompressed through a counter that stops at <see cref="TableReaderOptions.MaxUnpackedBytes"/>
/// whatever the archive declares. Cells past <see cref="TableReaderOptions.MaxColumns"/>, more than
/// <see cref="TableReaderOptions.MaxCells"/> cells, markup nested or unbroken beyond reason, and a
/// DTD (entity expansion) are refused.
/// </summary>
internal sealed class XlsxSheet : IDisposable
{
    /// <summary>Excel's own limit on the text of one cell.</summary>
    public const int MaxCellChars = 32_767;

    /// <summary>Bytes of text or of one tag without a '&lt;' or '&gt;': far above any cell (32,767 characters, entities written out).</summary>
    private const int MaxRun = 1 << 20;

    /// <summary>SpreadsheetML nests cells about five deep; anything much deeper is not a workbook.</summary>
    private const int MaxDepth = 32;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private readonly ZipArchive _zip;
    private readonly TableReaderOptions _limits;
    private readonly CancellationToken _ct;
    private long _unpacked;
    private long _cells;
    private List<string> _sharedStrings = [];
    private bool[] _dateStyles = [];

    private XlsxSheet(ZipArchive zip, TableReaderOptions limits, CancellationToken ct)
    {
        _zip = zip;
        _limits = limits;
        _ct = ct;
    }

    /// <summary>Opens the archive and reads the workbook's parts the rows need (the first sheet's name, shared strings, date styles).</summary>
    public static XlsxSheet Open(Stream xlsx, TableReaderOptions limits, CancellationToken ct)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new XlsxRefusedException("not a ZIP archive (" + e.Message + ")");
        }
        var sheet = new XlsxSheet(zip, limits, ct);
        try
        {
            sheet.Prepare();
            return sheet;
        }
        catch
        {
            sheet.Dispose();
            throw;
        }
    }

    /// <summary>The path of the first sheet's part.</summary>
    public string SheetPath { get; private set; } = "";

    /// <summary>
    /// The sheet's rows as (row number, cells, whether a value lies past the column limit). Cells are
    /// indexed by column (A = 0) up to the last non-empty one; rows without cells are not yielded.
    /// </summary>
    public IEnumerable<(long Row, string[] Cells, bool PastLimit)> Rows()
    {
        using var xml = OpenPart(SheetPath) ?? throw new XlsxRefusedException($"the workbook has no part {SheetPath} for its first sheet");
        var cells = new List<string>();
        long row = 0;
        while (Read(xml))
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row")
            {
                continue;
            }
            row = RowNumber(xml.GetAttribute("r"), row);
            cells.Clear();
            var pastLimit = false;
            if (!xml.IsEmptyElement)
            {
                pastLimit = ReadRow(xml, row, cells);
            }
            var last = cells.FindLastIndex(c => c.Length > 0);
            if (last >= 0 || pastLimit)
            {
                yield return (row, cells.GetRange(0, last + 1).ToArray(), pastLimit);
            }
        }
    }

    /// <summary>Reads the cells of one <c>&lt;row&gt;</c> into <paramref name="cells"/>; true when a value lies past the column limit.</summary>
    private bool ReadRow(XmlReader xml, long row, List<string> cells)
    {
        var depth = xml.Depth;
        var column = -1;
        var pastLimit = false;
        while (Read(xml) && xml.Depth > depth)
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "c")
            {
                continue;
            }
            if (++_cells > _limits.MaxCells)
            {
                throw new XlsxRefusedException($"more than {_limits.MaxCells.ToString("N0", CultureInfo.InvariantCulture)} cells: split the file", limit: true);
            }
            var reference = xml.GetAttribute("r");
            column = reference is null ? column + 1 : Column(reference, row);
            var type = xml.GetAttribute("t");
            var style = int.TryParse(xml.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            var value = xml.IsEmptyElement ? "" : CellValue(xml, type, style, reference ?? $"row {row}");
            if (value.Length == 0)
            {
                continue;
            }
            if (column >= _limits.MaxColumns)
            {
                pastLimit = true;
                continue;
            }
            while (cells.Count <= column)
            {
                cells.Add("");
            }
            cells[column] = value;
        }
        return pastLimit;
    }

    /// <summary>The text of a <c>&lt;c&gt;</c>: its value (<c>v</c>) or inline string (<c>is</c>), as a user would have typed it.</summary>
    private string CellValue(XmlReader xml, string? type, int style, string where)
    {
        var depth = xml.Depth;
        string? v = null;
        string? inline = null;
        while (Read(xml) && xml.Depth > depth)
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            if (xml.LocalName == "v")
            {
                v = Text(xml, where);
            }
            else if (xml.LocalName == "is")
            {
                inline = RichText(xml, where);
            }
        }
        switch (type)
        {
            case "inlineStr":
                return inline ?? "";
            case "s":
                if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= _sharedStrings.Count)
                {
                    throw new XlsxRefusedException($"cell {where}: shared string '{v}' does not exist (the workbook has {_sharedStrings.Count})");
                }
                return _sharedStrings[index];
            case "b":
                return v is null ? "" : v.Trim() == "1" ? "TRUE" : "FALSE";
            case "d":
                return v is not null && DateTime.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var iso)
                    ? iso.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : v ?? "";
            case "str" or "e":
                return v ?? "";
            default:
                return v is null ? "" : Number(v, style < _dateStyles.Length && _dateStyles[style]);
        }
    }

    /// <summary>A number cell: a date where its style is a date format, else every digit ("R"), as CSV would carry it.</summary>
    private static string Number(string v, bool date)
    {
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return v.Trim();
        }
        // Excel's serial dates run from 1900-01-00 to 9999-12-31; outside that the cell is a number after all.
        if (date && d is >= -657435.0 and < 2958466.0)
        {
            return DateTime.FromOADate(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return d.ToString("R", CultureInfo.InvariantCulture);
    }

    private void Prepare()
    {
        var workbook = Target("_rels/.rels", "", "/officeDocument") ?? "xl/workbook.xml";
        var folder = workbook.Contains('/', StringComparison.Ordinal) ? workbook[..(workbook.LastIndexOf('/') + 1)] : "";
        var rels = folder + "_rels/" + workbook[folder.Length..] + ".rels";
        var sheetId = FirstSheetRelationship(workbook);
        SheetPath = (sheetId is null ? null : TargetById(rels, folder, sheetId)) ?? folder + "worksheets/sheet1.xml";
        if (Target(rels, folder, "/sharedStrings") is { } shared)
        {
            _sharedStrings = ReadSharedStrings(shared);
        }
        if (Target(rels, folder, "/styles") is { } styles)
        {
            _dateStyles = ReadDateStyles(styles);
        }
    }

    /// <summary>The relationship id of the workbook's first <c>&lt;sheet&gt;</c>.</summary>
    private string? FirstSheetRelationship(string workbook)
    {
        using var xml = OpenPart(workbook) ?? throw new XlsxRefusedException($"the workbook has no part {workbook}");
        while (Read(xml))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "sheet")
            {
                while (xml.MoveToNextAttribute())
                {
                    if (xml.LocalName == "id" && xml.NamespaceURI.EndsWith("/relationships", StringComparison.Ordinal))
                    {
                        return xml.Value;
                    }
                }
                return null;
            }
        }
        throw new XlsxRefusedException($"{workbook} lists no sheet");
    }

    /// <summary>The target of the first relationship in <paramref name="rels"/> whose type ends with <paramref name="typeSuffix"/>.</summary>
    private string? Target(string rels, string folder, string typeSuffix) =>
        Relationship(rels, folder, (type, _) => type.EndsWith(typeSuffix, StringComparison.Ordinal));

    private string? TargetById(string rels, string folder, string id) =>
        Relationship(rels, folder, (_, rid) => rid == id);

    private string? Relationship(string rels, string folder, Func<string, string, bool> match)
    {
        using var xml = OpenPart(rels);
        if (xml is null)
        {
            return null;
        }
        while (Read(xml))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship"
                && match(xml.GetAttribute("Type") ?? "", xml.GetAttribute("Id") ?? "") && xml.GetAttribute("Target") is { Length: > 0 } target)
            {
                // Targets are relative to the part's folder, or absolute from the package root.
                return target.StartsWith('/') ? target[1..] : folder + target;
            }
        }
        return null;
    }

    private List<string> ReadSharedStrings(string path)
    {
        var strings = new List<string>();
        using var xml = OpenPart(path);
        if (xml is null)
        {
            return strings;
        }
        while (Read(xml))
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "si")
            {
                if (strings.Count >= _limits.MaxCells)
                {
                    throw new XlsxRefusedException($"more than {_limits.MaxCells.ToString("N0", CultureInfo.InvariantCulture)} shared strings: split the file", limit: true);
                }
                strings.Add(xml.IsEmptyElement ? "" : RichText(xml, $"shared string {strings.Count}"));
            }
        }
        return strings;
    }

    /// <summary>Which cell styles (<c>cellXfs</c>, by index) show a date.</summary>
    private bool[] ReadDateStyles(string path)
    {
        using var xml = OpenPart(path);
        if (xml is null)
        {
            return [];
        }
        var custom = new Dictionary<int, bool>();
        var styles = new List<bool>();
        var inCellXfs = false;
        while (Read(xml))
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "cellXfs")
            {
                inCellXfs = false;
            }
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            if (xml.LocalName == "numFmt" && int.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                custom[id] = IsDateFormat(xml.GetAttribute("formatCode") ?? "");
            }
            else if (xml.LocalName == "cellXfs")
            {
                inCellXfs = !xml.IsEmptyElement;
            }
            else if (xml.LocalName == "xf" && inCellXfs)
            {
                var fmt = int.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var f) ? f : 0;
                styles.Add(custom.TryGetValue(fmt, out var isDate) ? isDate : IsBuiltInDate(fmt));
            }
        }
        return [.. styles];
    }

    /// <summary>Excel's built-in date and time formats (ECMA-376 §18.8.30, with the East Asian ones).</summary>
    private static bool IsBuiltInDate(int id) => id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

    /// <summary>A custom format shows a date when, outside quoted text, escapes and [brackets], it has y, m, d, h or s.</summary>
    internal static bool IsDateFormat(string code)
    {
        var section = code.Split(';')[0];
        var quoted = false;
        var bracket = false;
        for (var i = 0; i < section.Length; i++)
        {
            var c = section[i];
            if (c == '"') quoted = !quoted;
            else if (quoted) continue;
            else if (c == '\\' || c == '_' || c == '*') i++;
            else if (c == '[') bracket = true;
            else if (c == ']') bracket = false;
            else if (!bracket && "ymdhsYMDHS".Contains(c, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>The text of an <c>si</c> or <c>is</c>: its <c>t</c> elements, rich-text runs included, phonetic guides (<c>rPh</c>) left out.</summary>
    private string RichText(XmlReader xml, string where)
    {
        var text = new CellText(where);
        if (xml.IsEmptyElement)
        {
            return "";
        }
        var depth = xml.Depth;
        while (Read(xml) && xml.Depth > depth)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "rPh")
            {
                Skip(xml);
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t")
            {
                text.Add(Text(xml, where));
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// The text content of the current element, at most <see cref="MaxCellChars"/> characters; leaves
    /// the reader on the element's end, as every loop here expects.
    /// </summary>
    private string Text(XmlReader xml, string where)
    {
        var text = new CellText(where);
        if (xml.IsEmptyElement)
        {
            return "";
        }
        var depth = xml.Depth;
        while (Read(xml) && xml.Depth > depth)
        {
            if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                text.Add(xml.Value);
            }
        }
        return text.ToString();
    }

    /// <summary>A cell's text from its pieces, refused past Excel's limit; one piece (the usual case) is kept without copying.</summary>
    private struct CellText(string where)
    {
        private string? _single;
        private StringBuilder? _many;

        public void Add(string piece)
        {
            if (_single is null && _many is null)
            {
                _single = piece;
            }
            else
            {
                _many ??= new StringBuilder(_single);
                _many.Append(piece);
            }
            if ((_many?.Length ?? _single!.Length) > MaxCellChars)
            {
                throw new XlsxRefusedException($"{where}: more than {MaxCellChars:N0} characters, Excel's limit for a cell", limit: true);
            }
        }

        public override readonly string ToString() => _many?.ToString() ?? _single ?? "";
    }

    /// <summary>Moves past the current element's content, to its end.</summary>
    private void Skip(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            return;
        }
        var depth = xml.Depth;
        while (Read(xml) && xml.Depth > depth)
        {
        }
    }

    /// <summary>Advances the reader, checking cancellation, nesting, and (through the part's stream) the unpacked bytes.</summary>
    private bool Read(XmlReader xml)
    {
        _ct.ThrowIfCancellationRequested();
        if (!xml.Read())
        {
            return false;
        }
        if (xml.Depth > MaxDepth)
        {
            throw new XlsxRefusedException($"markup nested more than {MaxDepth} deep: not a worksheet");
        }
        return true;
    }

    /// <summary>A part of the package, decompressed through the budget, or null when absent.</summary>
    private XmlReader? OpenPart(string path)
    {
        var entry = _zip.GetEntry(path);
        if (entry is null)
        {
            return null;
        }
        // The declared size can lie; the counter below does not. This only refuses an honest bomb early.
        if (entry.Length > _limits.MaxUnpackedBytes - _unpacked)
        {
            throw Bomb();
        }
        Stream part;
        try
        {
            part = entry.Open();
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            throw new XlsxRefusedException($"part {path} cannot be opened ({e.Message})");
        }
        return XmlReader.Create(new BudgetStream(part, this), Settings);
    }

    private XlsxRefusedException Bomb() => new(
        $"unpacks to more than {_limits.MaxUnpackedBytes / (1024 * 1024):N0} MiB: split the file", limit: true);

    public void Dispose() => _zip.Dispose();

    /// <summary>Column index (A = 0) of a cell reference such as <c>BC12</c>.</summary>
    private static int Column(string reference, long row)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++)
        {
            column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (column > 16_384)
            {
                break;
            }
        }
        if (i == 0 || column > 16_384)
        {
            throw new XlsxRefusedException($"row {row}: '{Clip(reference)}' is not a cell reference (A1 to XFD1048576)");
        }
        return column - 1;
    }

    private static long RowNumber(string? r, long previous)
    {
        if (r is null)
        {
            return previous + 1;
        }
        if (long.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 1_048_576)
        {
            return n;
        }
        throw new XlsxRefusedException($"after row {previous}: '{Clip(r)}' is not a row number (1 to 1048576)");
    }

    private static string Clip(string s) => s.Length <= 20 ? s : s[..20] + "…";

    /// <summary>
    /// A decompressed part, counted against the workbook's budget, and refused when text or one tag
    /// runs past <see cref="MaxRun"/> bytes: the XML parser would otherwise hold such a run whole.
    /// </summary>
    private sealed class BudgetStream(Stream inner, XlsxSheet owner) : Stream
    {
        private long _run;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n;
            try
            {
                n = inner.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw new XlsxRefusedException("damaged compressed data (" + e.Message + ")");
            }
            owner._unpacked += n;
            if (owner._unpacked > owner._limits.MaxUnpackedBytes)
            {
                throw owner.Bomb();
            }
            // The longest run so far is the one that ends at the first delimiter of this chunk (or
            // the whole chunk); XML parsers read a few KiB at a time, so runs inside one chunk are short.
            var read = buffer[..n];
            var first = read.IndexOfAny((byte)'<', (byte)'>');
            if (first < 0)
            {
                _run += n;
            }
            else
            {
                _run += first;
                if (_run <= MaxRun)
                {
                    _run = n - read.LastIndexOfAny((byte)'<', (byte)'>') - 1;
                }
            }
            if (_run > MaxRun)
            {
                throw new XlsxRefusedException($"more than {MaxRun / 1024:N0} KiB of text without markup: not a worksheet", limit: true);
            }
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
