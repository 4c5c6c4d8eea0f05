using System.Globalization;
using IctGov.Data.Files;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Planning.Data;

namespace IctGov.Planning.Features;

/// <summary>
/// One figure to record, typed: what a file row or another module's record becomes before the rules
/// check it against the catalogue. <see cref="Row"/> names it in errors (a file's spreadsheet row,
/// or a record's position).
/// </summary>
internal sealed record ObservationRow(long Row, string Subject, string Region, Period Period, decimal Value, ObservationStatus Status, DateOnly Published, string Source);

/// <summary>
/// The observation file format, <c>indicator,region,period,value,status,published,source</c>: turns
/// the rows of a CSV or XLSX file into <see cref="ObservationRow"/>s, naming every field that is not
/// of its type.
/// </summary>
internal static class ObservationFile
{
    public static readonly string[] Columns = ["indicator", "region", "period", "value", "status", "published", "source"];

    public static Outcome<IReadOnlyList<TableRow>> ReadCsv(Stream csv, CancellationToken ct = default) => TableReader.ReadCsv(csv, Columns, ct: ct);

    public static Outcome<IReadOnlyList<TableRow>> ReadXlsx(Stream xlsx, CancellationToken ct = default) => TableReader.ReadXlsx(xlsx, Columns, ct: ct);

    /// <summary>The row typed, or null with its problems added to <paramref name="errors"/> (names checked too, so every bad field is named at once).</summary>
    public static ObservationRow? ToRow(TableRow raw, ObservationRules rules, List<RowError> errors)
    {
        var before = errors.Count;
        var period = ParsePeriod(raw.Row, raw[2], errors);
        var value = ParseValue(raw.Row, raw[3], errors);
        var status = ParseStatus(raw.Row, raw[4], errors);
        var published = ParsePublished(raw.Row, raw[5], errors);
        if (errors.Count == before)
        {
            return new ObservationRow(raw.Row, raw[0].Trim(), raw[1], period!.Value, value!.Value, status!.Value, published!.Value, raw[6].Trim());
        }
        rules.CheckNames(raw.Row, raw[0], raw[1], raw[6], errors);
        SortRow(errors, before);
        return null;
    }

    public static Period? ParsePeriod(long row, string text, List<RowError> errors)
    {
        if (Period.TryParse(text, out var period))
        {
            return period;
        }
        errors.Add(new RowError(row, "period", $"'{Truncate(text, 20)}' is not a period: expected YYYY, YYYY-Qn or YYYY-MM"));
        return null;
    }

    public static ObservationStatus? ParseStatus(long row, string text, List<RowError> errors)
    {
        var status = text.Trim().ToLowerInvariant() switch
        {
            "provisional" or "初步" or "快报" or "初值" => ObservationStatus.Provisional,
            "final" or "最终" or "终值" or "正式" => ObservationStatus.Final,
            "estimated" or "estimate" or "估计" or "推算" => ObservationStatus.Estimated,
            "revised" or "修订" => ObservationStatus.Revised,
            _ => (ObservationStatus?)null,
        };
        if (status is null)
        {
            errors.Add(new RowError(row, "status", $"'{Truncate(text, 20)}' is not a status: expected provisional, final, estimated or revised"));
        }
        return status;
    }

    private static decimal? ParseValue(long row, string text, List<RowError> errors)
    {
        var trimmed = text.Trim();
        if (decimal.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        errors.Add(new RowError(row, "value", trimmed.Length == 0 ? "is empty: expected a number" : $"'{Truncate(trimmed, 30)}' is not a number: expected digits with '.' as the decimal point"));
        return null;
    }

    private static DateOnly? ParsePublished(long row, string text, List<RowError> errors)
    {
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var published))
        {
            return published;
        }
        errors.Add(new RowError(row, "published", $"'{Truncate(text, 20)}' is not a date: expected YYYY-MM-DD"));
        return null;
    }

    /// <summary>Orders one row's errors by column, as the file reads.</summary>
    public static void SortRow(List<RowError> errors, int from)
    {
        var sorted = errors.Skip(from).OrderBy(e => Array.IndexOf(Columns, e.Field) is var i and >= 0 ? i : Columns.Length).ToList();
        errors.RemoveRange(from, errors.Count - from);
        errors.AddRange(sorted);
    }

    public static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
