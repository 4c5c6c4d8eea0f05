using System.Globalization;
using IctGov.Collection.Domain;
using IctGov.Data.Files;
using IctGov.Kernel.Results;

namespace IctGov.Collection.Features;

/// <summary>
/// Reads a report from CSV or XLSX with the header <c>data_set,unit,region,period,element,value,unit_of_measure,explanation</c>:
/// one file is one report (one data set, unit, region and period), one row per element. The file is
/// read by the platform's <see cref="TableReader"/>; format problems are reported per row and field
/// like the rules themselves (rule <c>format</c> or <c>type</c>).
/// </summary>
internal static class SubmissionReader
{
    public static readonly string[] Header = ["data_set", "unit", "region", "period", "element", "value", "unit_of_measure", "explanation"];

    public static Outcome<SubmitCommand> ReadCsv(Stream stream) => Interpret(TableReader.ReadCsv(stream, Header));

    public static Outcome<SubmitCommand> ReadXlsx(Stream stream) => Interpret(TableReader.ReadXlsx(stream, Header));

    public static Outcome<SubmitCommand> Read(Stream stream, string? fileName, string? contentType, CancellationToken ct = default) =>
        Interpret(TableReader.Read(stream, fileName, contentType, Header, ct: ct));

    private static Outcome<SubmitCommand> Interpret(Outcome<IReadOnlyList<TableRow>> table)
    {
        if (!table.Succeeded)
        {
            return Outcome.Invalid<SubmitCommand>(table.Errors.Select(e => e with { Rule = "format" }).ToList(), table.Problem);
        }
        var errors = new List<RowError>();
        var values = new List<ReportedValue>();
        var explanations = new Dictionary<string, string>();
        string[]? key = null;
        foreach (var f in table.Value!)
        {
            var thisKey = f.Fields.Take(4).Select(x => x.Trim()).ToArray();
            if (key is null)
            {
                key = thisKey;
            }
            else if (!key.SequenceEqual(thisKey))
            {
                errors.Add(new RowError(f.Row, "data_set", $"one file is one report: this row is for {string.Join('/', thisKey)}, the file for {string.Join('/', key)}") { Rule = "format" });
                continue;
            }
            if (!decimal.TryParse(f[5].Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                errors.Add(new RowError(f.Row, "value", $"'{f[5]}' is not a number: expected digits with '.' as the decimal point") { Rule = "type", Value = f[5] });
                continue;
            }
            var element = f[4].Trim();
            values.Add(new ReportedValue(f.Row, element, value, f[6].Trim()));
            if (!string.IsNullOrWhiteSpace(f[7]))
            {
                explanations[element] = f[7].Trim();
            }
        }
        if (key is null && errors.Count == 0)
        {
            errors.Add(new RowError(2, "row", "the file has a header but no values") { Rule = "format" });
        }
        return errors.Count > 0 || key is null
            ? Outcome.Invalid<SubmitCommand>(errors)
            : Outcome.Ok(new SubmitCommand(key[0], key[1], key[2], key[3], values, explanations));
    }
}
