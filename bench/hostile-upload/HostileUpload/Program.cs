using System.Diagnostics;
using System.IO.Compression;
using IctGov.Data.Files;
using IctGov.Testing;
using MiniExcelLibs;

// make <dir>: writes the hostile workbooks. read <file> platform|miniexcel: reads one as an upload
// would be read (Collection's report header) and prints time, bytes allocated and peak working set.
string[] header = ["data_set", "unit", "region", "period", "element", "value", "unit_of_measure", "explanation"];
switch (args)
{
    case ["make", var dir]:
        Directory.CreateDirectory(dir);
        Write(Path.Combine(dir, "dimension.xlsx"), XlsxFiles.Sheet(
            XlsxFiles.Row(1, header) + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>x</t></is></c><c r=\"XFD2\"/></row>", dimension: "A1:XFD1048576"));
        // Deflated rows: 2 GiB of one row over and over, a few MiB zipped.
        Write(Path.Combine(dir, "rows-bomb.xlsx"), Rows(2L << 30));
        // Just under the unpacked limit (480 MiB): read to the end, so the row cap is what stops it.
        Write(Path.Combine(dir, "rows-480mib.xlsx"), Rows(480L << 20));
        // The 2 GiB bomb with its declared sizes rewritten to 1,000 bytes: only the counter stops it.
        Write(Path.Combine(dir, "lying-bomb.xlsx"), Lie(Rows(2L << 30)));
        // Wide rows: every row reaches column XFD, which a reader filling the used range expands to 16,384 cells.
        var wide = "<row><c t=\"inlineStr\"><is><t>a</t></is></c><c r=\"XFD1\"><v>1</v></c></row>";
        Write(Path.Combine(dir, "wide-bomb.xlsx"), XlsxFiles.Build(w =>
        {
            w.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{XlsxFiles.Main}\"><dimension ref=\"A1:XFD1048576\"/><sheetData>");
            w.Write(XlsxFiles.Row(1, header));
            for (var n = 0; n < 200_000; n++) w.Write(wide);
            w.Write("</sheetData></worksheet>");
        }, level: CompressionLevel.SmallestSize));
        return 0;
    case ["read", var file, var reader]:
        var bytes = File.ReadAllBytes(file);
        var allocated = GC.GetTotalAllocatedBytes(true);
        var clock = Stopwatch.StartNew();
        string outcome;
        if (reader == "platform")
        {
            var r = TableReader.ReadXlsx(new MemoryStream(bytes), header);
            outcome = r.Succeeded ? $"{r.Value!.Count} rows" : r.Errors[0].Message;
        }
        else
        {
            long rows = 0;
            foreach (IDictionary<string, object?> r in new MemoryStream(bytes).Query(useHeaderRow: false))
            {
                rows += r.Count > 0 ? 1 : 0;
            }
            outcome = $"{rows} rows";
        }
        clock.Stop();
        using (var self = Process.GetCurrentProcess())
        {
            Console.WriteLine($"{Path.GetFileName(file)}\t{bytes.Length / 1024.0:0.0} KiB\t{reader}\t{clock.Elapsed.TotalSeconds:0.00} s\t"
                + $"{(GC.GetTotalAllocatedBytes(true) - allocated) / 1048576.0:0} MiB allocated\t{self.PeakWorkingSet64 / 1048576.0:0} MiB peak\t{outcome}");
        }
        return 0;
    default:
        Console.Error.WriteLine("usage: HostileUpload make <dir> | read <file.xlsx> platform|miniexcel");
        return 2;
}

byte[] Rows(long size) => XlsxFiles.Build(w =>
{
    const string row = "<row><c t=\"inlineStr\"><is><t>a</t></is></c><c><v>1</v></c><c><v>2</v></c></row>";
    w.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{XlsxFiles.Main}\"><sheetData>");
    w.Write(XlsxFiles.Row(1, header));
    for (long n = 0; n < size / row.Length; n++) w.Write(row);
    w.Write("</sheetData></worksheet>");
}, level: CompressionLevel.SmallestSize);

// Rewrites the uncompressed size of every entry, in its local header (offset 22) and its central
// directory record (offset 24), to 1,000 bytes: the archive now claims to be small.
static byte[] Lie(byte[] zip)
{
    for (var i = 0; i + 46 < zip.Length; i++)
    {
        var signature = BitConverter.ToUInt32(zip, i);
        var at = signature == 0x04034b50 ? i + 22 : signature == 0x02014b50 ? i + 24 : -1;
        if (at > 0 && BitConverter.ToUInt32(zip, at) > 1000)
        {
            BitConverter.TryWriteBytes(zip.AsSpan(at, 4), 1000u);
        }
    }
    return zip;
}

static void Write(string path, byte[] bytes)
{
    File.WriteAllBytes(path, bytes);
    Console.WriteLine($"{path}: {bytes.Length:N0} bytes");
}
