using System.Text;
using IctGov.Data.Files;
using IctGov.Kernel.Results;
using static IctGov.Testing.XlsxFiles;

namespace IctGov.Planning.Tests.Files;

/// <summary>
/// Files built to hurt the reader (issue 11, items 7 and 8): a workbook that claims the whole sheet,
/// cells at column XFD, zip bombs, entity expansion, markup without end; every one ends in rows or a
/// file error naming the limit, within the limits' memory and time.
/// </summary>
public class HostileTableTests
{
    private static readonly string[] Columns = ["name", "period", "value"];

    private static Outcome<IReadOnlyList<TableRow>> Xlsx(byte[] file, TableReaderOptions? options = null, CancellationToken ct = default) =>
        TableReader.ReadXlsx(new MemoryStream(file), Columns, options, ct);

    private static RowError FileError(Outcome<IReadOnlyList<TableRow>> r)
    {
        Assert.False(r.Succeeded);
        var e = Assert.Single(r.Errors);
        Assert.Equal((0L, "file"), (e.Row, e.Field));
        return e;
    }

    [Fact]
    public void Xlsx_DimensionClaimingTheWholeSheet_IsIgnored_OnlyItsCellsAreRead()
    {
        // The 1.7 KB file of the issue: two rows, a dimension of 16,384 columns × 1,048,576 rows,
        // and empty cells out at XFD that a reader filling the claimed range would expand.
        var file = Sheet(Row(1, "name", "period", "value") + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a</t></is></c><c r=\"B2\"><v>2024</v></c><c r=\"C2\"><v>1.5</v></c><c r=\"XFD2\"/></row>"
            + "<row r=\"1048576\"><c r=\"XFD1048576\"/></row>", dimension: "A1:XFD1048576");
        Assert.True(file.Length < 2048);
        // Sixteen thousand cells would be far over this limit: only the cells the XML holds are counted.
        var r = Xlsx(file, new TableReaderOptions(MaxCells: 10));
        Assert.True(r.Succeeded, r.Problem);
        Assert.Equal([(2L, "a", "2024", "1.5")], r.Value!.Select(x => (x.Row, x[0], x[1], x[2])));
    }

    [Fact]
    public void Xlsx_ValueAtColumnXfd_IsAnErrorOfItsRow()
    {
        var r = Xlsx(Sheet(Row(1, "name", "period", "value") + Row(2, "a", "2024", "1")
            + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>b</t></is></c><c r=\"XFD3\"><v>7</v></c></row>"));
        var e = Assert.Single(r.Errors);
        Assert.Equal((3L, "row"), (e.Row, e.Field));
        Assert.Contains("beyond column 256", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_HeaderPastTheColumnLimit_IsRefused()
    {
        var r = Xlsx(Sheet($"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>name</t></is></c><c r=\"{Column(300)}1\"><v>1</v></c></row>"));
        Assert.Equal((1L, "header"), (r.Errors.Single().Row, r.Errors.Single().Field));
        Assert.Contains("more than 256 columns", r.Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_ZipBomb_StopsAtTheUnpackedLimit()
    {
        // 8 MiB of identical rows deflate to a few KiB; the reader stops at the limit whatever the archive declares.
        const string row = "<row><c><v>0</v></c></row>";
        var file = Build(w =>
        {
            w.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\"><sheetData>");
            for (var i = 0; i < 8 * 1024 * 1024 / row.Length; i++)
            {
                w.Write(row);
            }
            w.Write("</sheetData></worksheet>");
        });
        Assert.True(file.Length < 100_000, $"{file.Length} bytes");
        var e = FileError(Xlsx(file, new TableReaderOptions(MaxUnpackedBytes: 1024 * 1024)));
        Assert.Contains("unpacks to more than 1 MiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_MoreCellsThanTheLimit_IsRefused()
    {
        var rows = string.Concat(Enumerable.Range(2, 50).Select(i => Row(i, "a", "2024", "1")));
        var e = FileError(Xlsx(Sheet(Row(1, "name", "period", "value") + rows), new TableReaderOptions(MaxCells: 100)));
        Assert.Contains("more than 100 cells", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_SharedStringsPastTheCellLimit_AreRefused()
    {
        var strings = $"<sst xmlns=\"{Main}\">" + string.Concat(Enumerable.Repeat("<si><t>x</t></si>", 500)) + "</sst>";
        var e = FileError(Xlsx(Sheet(Row(1, "name", "period", "value"), sharedStrings: strings), new TableReaderOptions(MaxCells: 100)));
        Assert.Contains("shared strings", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_EntityExpansion_IsRefused()
    {
        var laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
            + $"<worksheet xmlns=\"{Main}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>";
        var e = FileError(Xlsx(Build(w => w.Write(laughs))));
        Assert.StartsWith("not a readable XLSX workbook", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_DeepNesting_IsRefused()
    {
        var deep = string.Concat(Enumerable.Repeat("<x>", 10_000)) + string.Concat(Enumerable.Repeat("</x>", 10_000));
        var e = FileError(Xlsx(Sheet($"<row r=\"1\"><c r=\"A1\">{deep}</c></row>")));
        Assert.Contains("nested", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_TextWithoutMarkup_IsRefusedBeforeItIsHeldWhole()
    {
        var e = FileError(Xlsx(Sheet($"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>{new string('a', 3 * 1024 * 1024)}</t></is></c></row>")));
        Assert.Contains("without markup", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_CellLongerThanExcelAllows_IsRefused()
    {
        var e = FileError(Xlsx(Sheet($"<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>{new string('a', 40_000)}</t></is></c></row>")));
        Assert.Contains("32,767 characters", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_RowOfMillionsOfCommas_IsAnErrorOfItsRow_NotMillionsOfFields()
    {
        var csv = "name,period,value\na,2024,1\nb" + new string(',', 1_000_000) + "\n";
        var r = TableReader.ReadCsv(new MemoryStream(Encoding.UTF8.GetBytes(csv)), Columns);
        var e = Assert.Single(r.Errors);
        Assert.Equal((3L, "row"), (e.Row, e.Field));
        Assert.Contains("beyond column 256", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyBadRows_StopAtTheErrorCap()
    {
        var rows = string.Concat(Enumerable.Range(2, 200).Select(i => $"<row r=\"{i}\"><c r=\"XFD{i}\"><v>1</v></c></row>"));
        var r = Xlsx(Sheet(Row(1, "name", "period", "value") + rows), new TableReaderOptions(MaxErrors: 20));
        Assert.Equal(21, r.Errors.Count);
        Assert.Contains("stopped after 20 errors", r.Errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CancelledRequest_StopsTheRead()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var xlsx = Sheet(Row(1, "name", "period", "value") + Row(2, "a", "2024", "1"));
        Assert.ThrowsAny<OperationCanceledException>(() => Xlsx(xlsx, ct: cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => TableReader.ReadCsv(new MemoryStream("name,period,value\na,1,1\n"u8.ToArray()), Columns, ct: cancelled.Token));
    }

    [Fact]
    public void TimeLimit_EndsTheReadWithAFileError()
    {
        var limits = new TableReaderOptions(MaxDuration: TimeSpan.Zero);
        var xlsx = Sheet(Row(1, "name", "period", "value") + Row(2, "a", "2024", "1"));
        Assert.Contains("took longer than 0 s", FileError(Xlsx(xlsx, limits)).Message, StringComparison.Ordinal);
        Assert.Contains("took longer than 0 s", FileError(TableReader.ReadCsv(new MemoryStream("name,period,value\na,1,1\n"u8.ToArray()), Columns, limits)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_CellKinds_ReadAsAUserTypedThem()
    {
        var strings = $"<sst xmlns=\"{Main}\"><si><t>name</t></si><si><r><t>中</t></r><r><t>文</t></r><rPh><t>ちゅう</t></rPh></si></sst>";
        var styles = $"<styleSheet xmlns=\"{Main}\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy/mm/dd;@\"/></numFmts>"
            + "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>";
        var file = Sheet(
            "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>period</t></is></c><c r=\"C1\" t=\"str\"><f>\"value\"</f><v>value</v></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" s=\"1\"><v>45596</v></c><c r=\"C2\"><v>0.30000000000000004</v></c></row>"
            + "<row r=\"3\"><c r=\"A3\" t=\"b\"><v>1</v></c><c r=\"B3\" s=\"2\"><v>45292</v></c><c r=\"C3\"><v>1E-3</v></c></row>"
            + "<row r=\"4\"><c r=\"A4\" t=\"e\"><v>#N/A</v></c><c r=\"B4\" t=\"d\"><v>2024-02-29T00:00:00</v></c><c r=\"C4\" s=\"1\"><v>-1E+300</v></c></row>",
            sharedStrings: strings, styles: styles);
        var r = Xlsx(file);
        Assert.True(r.Succeeded, r.Problem);
        Assert.Equal(
            [(2L, "中文", "2024-10-31", "0.30000000000000004"), (3L, "TRUE", "2024-01-01", "0.001"), (4L, "#N/A", "2024-02-29", "-1E+300")],
            r.Value!.Select(x => (x.Row, x[0], x[1], x[2])));
    }

    [Fact]
    public void Xlsx_MissingSharedString_NamesTheCell()
    {
        var e = FileError(Xlsx(Sheet(Row(1, "name", "period", "value") + "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>9</v></c></row>")));
        Assert.Contains("cell B2: shared string '9' does not exist", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Fuzzing the workbook's structure, not only its bytes: the sheet's XML is mutated where hostile
    /// files differ from honest ones (references, repeats, nesting, entities, numbers, sizes), zipped
    /// again and read with small limits. Every read ends in rows or errors (never an exception), the
    /// error list stays within its cap, and no read passes the limits.
    /// </summary>
    [Fact]
    public void Fuzzed_Workbooks_EndInRowsOrErrors_WithinTheLimits()
    {
        var rng = new Random(2011);
        var limits = new TableReaderOptions(MaxRows: 500, MaxErrors: 50, MaxColumns: 64, MaxCells: 20_000, MaxUnpackedBytes: 2 * 1024 * 1024);
        string[] pieces =
        [
            "<row r=\"1048576\"><c r=\"XFD1048576\"/></row>", "<c r=\"XFD3\"><v>1</v></c>", "<c r=\"AAAAAAA1\"><v>1</v></c>", "<row r=\"-1\">",
            "<row r=\"99999999999\"/>", "<c t=\"s\"><v>99</v></c>", "<c t=\"s\"><v>-1</v></c>", "<c s=\"999999\"><v>1</v></c>", "<c><v>1e999</v></c>",
            "<c t=\"d\"><v>not a date</v></c>", "<c t=\"inlineStr\"><is/></c>", "<c t=\"inlineStr\"><is><r><t>x</t></r><rPh/></is></c>", "<![CDATA[<row>]]>",
            "&amp;", "&bogus;", "<!-- c -->", "<x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x><x>",
            "</row>", "</sheetData>", "<row>", "<c r=\"A2\"><v>" + new string('9', 400) + "</v></c>", "\u0000", "<dimension ref=\"A1:XFD1048576\"/>",
        ];
        var seedRows = Row(1, "name", "period", "value") + string.Concat(Enumerable.Range(2, 20).Select(i => Row(i, "a" + i, "2024", i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        for (var i = 0; i < 300; i++)
        {
            var xml = new StringBuilder(SheetXml(seedRows));
            for (var m = rng.Next(1, 6); m > 0; m--)
            {
                var at = rng.Next(xml.Length);
                switch (rng.Next(4))
                {
                    case 0: xml.Insert(at, pieces[rng.Next(pieces.Length)]); break;
                    case 1: xml.Remove(at, Math.Min(rng.Next(1, 40), xml.Length - at)); break;
                    case 2: xml.Insert(at, string.Concat(Enumerable.Repeat(pieces[rng.Next(pieces.Length)], rng.Next(1, 2000)))); break;
                    default: xml.Insert(at, xml.ToString(rng.Next(xml.Length / 2), Math.Min(200, xml.Length / 2))); break;
                }
            }
            var text = xml.ToString();
            // A third of the files repeat their sheet until it is larger than the unpacked limit: a bomb of this shape.
            var repeat = i % 3 == 0 ? 1 + 3 * 1024 * 1024 / text.Length : 1;
            var file = Build(w =>
            {
                for (var k = 0; k < repeat; k++)
                {
                    w.Write(text);
                }
            });
            var r = Xlsx(file, limits);
            Assert.True(r.Succeeded || r.Errors.Count > 0);
            Assert.True(r.Errors.Count <= limits.MaxErrors + 1, $"{r.Errors.Count} errors");
            Assert.All(r.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
            Assert.True(!r.Succeeded || r.Value!.Count <= limits.MaxRows);
            Assert.True(repeat == 1 || !r.Succeeded, "a sheet past the unpacked limit was read whole");
        }
    }
}
