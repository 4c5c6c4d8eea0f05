namespace IctGov.Kernel.Results;

/// <summary>
/// A problem with one field of one row of an input: a file row, an element of a JSON array, a line
/// of a form. In a CSV or XLSX file rows count as a spreadsheet shows them (the header is row 1, the
/// first data row 2); in a sequence without a header (a JSON array, JSON lines, a list of records
/// handed over by another module) the element's position counts from 1. Row 0 is the input as a
/// whole (an unreadable file, an empty body, a request's own fields). Every module reports bad input with this one record, so a
/// user sees the same "row, field, what was expected" everywhere and an API client parses one shape.
/// </summary>
/// <param name="Row">The row (in a file with a header, 1 = header); 0 when the problem is with the input as a whole.</param>
/// <param name="Field">The column or field, or <c>file</c>/<c>header</c>/<c>row</c> for structural problems.</param>
/// <param name="Message">What is wrong and what was expected, in words a user can act on.</param>
public sealed record RowError(long Row, string Field, string Message)
{
    /// <summary>The rule that failed, where a module names its rules (e.g. Collection's <c>sum</c>, <c>range</c>).</summary>
    public string? Rule { get; init; }

    /// <summary>The offending value as read, where echoing it helps (trimmed to a readable length).</summary>
    public string? Value { get; init; }

    /// <summary>A problem with the input as a whole (row 0, field <c>file</c>).</summary>
    public static RowError File(string message) => new(0, "file", message);

    /// <summary>"row 3, value: …" ("row 3: …" for the row as a whole), the form used in logs and command-line output.</summary>
    public override string ToString() => Row > 0
        ? Field == "row" ? $"row {Row}: {Message}" : $"row {Row}, {Field}: {Message}"
        : $"{Field}: {Message}";
}
