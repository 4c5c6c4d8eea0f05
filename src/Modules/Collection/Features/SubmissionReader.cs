using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using IctGov.Collection.Domain;
using MiniExcelLibs;

namespace IctGov.Collection.Features;

/// <summary>
/// Reads a report from CSV or XLSX with the header <c>data_set,unit,region,period,element,value,unit_of_measure,explanation</c>:
/// one file is one report (one data set, unit, region and period), one row per element. Format
/// problems are reported per row and field like the rules themselves.
/// </summary>
internal static class SubmissionReader
{
    public static readonly string[] Header = ["data_set", "unit", "region", "period", "element", "value", "unit_of_measure", "explanation"];

    public sealed record Parsed(SubmitCommand? Command, IReadOnlyList<ValidationError> Errors);

    public static Parsed ReadCsv(Stream stream)
    {
        var rows = new List<(int Row, string[] Fields)>();
        try
        {
            using var reader = new StreamReader(stream, new System.Text.UTF8Encoding(false, true), true);
            using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null, DetectColumnCountChanges = false });
            while (parser.Read())
            {
                rows.Add((parser.Row, parser.Record ?? []));
            }
        }
        catch (Exception e) when (e is CsvHelperException or System.Text.DecoderFallbackException)
        {
            return new Parsed(null, [new ValidationError(0, "file", "format", "not readable as UTF-8 CSV: " + e.Message)]);
        }
        return Interpret(rows);
    }

    public static Parsed ReadXlsx(Stream stream)
    {
        var rows = new List<(int Row, string[] Fields)>();
        try
        {
            var n = 0;
            foreach (IDictionary<string, object?> r in stream.Query(useHeaderRow: false))
            {
                n++;
                rows.Add((n, r.Values.Select(v => v switch
                {
                    null => "",
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => v.ToString() ?? "",
                }).ToArray()));
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException or FormatException or System.Xml.XmlException)
        {
            return new Parsed(null, [new ValidationError(0, "file", "format", "not a readable XLSX workbook: " + e.Message)]);
        }
        return Interpret(rows);
    }

    private static Parsed Interpret(List<(int Row, string[] Fields)> rows)
    {
        if (rows.Count == 0)
        {
            return new Parsed(null, [new ValidationError(1, "header", "format", "the file is empty: expected the header " + string.Join(',', Header))]);
        }
        var header = rows[0].Fields.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        var width = header.Length - header.Reverse().TakeWhile(h => h.Length == 0).Count();
        if (!header.AsSpan(0, width).SequenceEqual(Header))
        {
            return new Parsed(null, [new ValidationError(1, "header", "format", $"expected the header {string.Join(',', Header)}, found {string.Join(',', header[..width])}")]);
        }
        var errors = new List<ValidationError>();
        var values = new List<ReportedValue>();
        var explanations = new Dictionary<string, string>();
        string[]? key = null;
        foreach (var (row, raw) in rows.Skip(1))
        {
            var f = raw.Length >= Header.Length ? raw : [.. raw, .. Enumerable.Repeat("", Header.Length - raw.Length)];
            if (f.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (raw.Skip(Header.Length).Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                errors.Add(new ValidationError(row, "row", "format", $"has values beyond the {Header.Length} columns of the header"));
                continue;
            }
            var thisKey = f[..4].Select(x => x.Trim()).ToArray();
            if (key is null)
            {
                key = thisKey;
            }
            else if (!key.SequenceEqual(thisKey))
            {
                errors.Add(new ValidationError(row, "data_set", "format", $"one file is one report: this row is for {string.Join('/', thisKey)}, the file for {string.Join('/', key)}"));
                continue;
            }
            if (!decimal.TryParse(f[5].Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                errors.Add(new ValidationError(row, "value", "type", $"'{f[5]}' is not a number: expected digits with '.' as the decimal point"));
                continue;
            }
            var element = f[4].Trim();
            values.Add(new ReportedValue(row, element, value, f[6].Trim()));
            if (!string.IsNullOrWhiteSpace(f[7]))
            {
                explanations[element] = f[7].Trim();
            }
        }
        if (key is null && errors.Count == 0)
        {
            errors.Add(new ValidationError(2, "row", "format", "the file has a header but no values"));
        }
        return errors.Count > 0 || key is null
            ? new Parsed(null, errors)
            : new Parsed(new SubmitCommand(key[0], key[1], key[2], key[3], values, explanations), []);
    }
}
