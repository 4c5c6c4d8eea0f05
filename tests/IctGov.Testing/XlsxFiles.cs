using System.IO.Compression;
using System.Text;

namespace IctGov.Testing;

/// <summary>
/// Workbooks built part by part, so a test (or the hostile-upload benchmark) can write exactly the
/// XML a hostile or unusual file would hold: a dimension that claims the whole sheet, a cell at
/// column XFD, a sheet that deflates a thousandfold, a DTD. Sheets are streamed into the archive,
/// so a large one never sits in memory as text.
/// </summary>
public static class XlsxFiles
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A workbook whose first sheet's XML is written by <paramref name="sheet"/> (the whole part, declaration included).</summary>
    public static byte[] Build(Action<TextWriter> sheet, string? sharedStrings = null, string? styles = null, CompressionLevel level = CompressionLevel.Optimal)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", level, w => w.Write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"));
            Part(zip, "_rels/.rels", level, w => w.Write(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
            Part(zip, "xl/workbook.xml", level, w => w.Write(
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{Main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
            var rels = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>");
            if (sharedStrings is not null)
            {
                rels.Append("<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
                Part(zip, "xl/sharedStrings.xml", level, w => w.Write(sharedStrings));
            }
            if (styles is not null)
            {
                rels.Append("<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>");
                Part(zip, "xl/styles.xml", level, w => w.Write(styles));
            }
            rels.Append("</Relationships>");
            Part(zip, "xl/_rels/workbook.xml.rels", level, w => w.Write(rels.ToString()));
            Part(zip, "xl/worksheets/sheet1.xml", level, sheet);
        }
        return ms.ToArray();
    }

    /// <summary>A workbook whose first sheet is <paramref name="sheetData"/> (the content of <c>&lt;sheetData&gt;</c>) after an optional dimension.</summary>
    public static byte[] Sheet(string sheetData, string? dimension = null, string? sharedStrings = null, string? styles = null) =>
        Build(w => w.Write(SheetXml(sheetData, dimension)), sharedStrings, styles);

    /// <summary>A worksheet part around <paramref name="sheetData"/>.</summary>
    public static string SheetXml(string sheetData, string? dimension = null) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{Main}\">"
        + (dimension is null ? "" : $"<dimension ref=\"{dimension}\"/>")
        + $"<sheetData>{sheetData}</sheetData></worksheet>";

    /// <summary>One row of inline-string cells from column A.</summary>
    public static string Row(int row, params string[] values) =>
        $"<row r=\"{row}\">" + string.Concat(values.Select((v, i) => $"<c r=\"{Column(i)}{row}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(v)}</t></is></c>")) + "</row>";

    /// <summary>The letters of a column (0 = A, 16383 = XFD).</summary>
    public static string Column(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + (index - 1) % 26) + name;
        }
        return name;
    }

    private static void Part(ZipArchive zip, string name, CompressionLevel level, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, level).Open(), new UTF8Encoding(false), 1 << 16);
        write(writer);
    }
}
