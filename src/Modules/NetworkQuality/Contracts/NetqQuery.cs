using System.Globalization;

namespace IctGov.NetworkQuality.Contracts;

/// <summary>What the statistics can be grouped by. Dates and hours are Beijing time (Asia/Shanghai).</summary>
public enum NetqDimension
{
    /// <summary>GB/T 2260 province code.</summary>
    Province,
    /// <summary>GB/T 2260 city code.</summary>
    City,
    /// <summary>Operator code (ct, cm, cu, cbn).</summary>
    Operator,
    /// <summary>Access technology code.</summary>
    Technology,
    /// <summary>Network segment code.</summary>
    Segment,
    /// <summary>Source of the test (app, probe, counter).</summary>
    Source,
    /// <summary>Local hour of day, 0–23.</summary>
    Hour,
    /// <summary>Local date.</summary>
    Day,
    /// <summary>Local week, named by its Monday.</summary>
    Week,
    /// <summary>Local month, named by its first day.</summary>
    Month,
}

/// <summary>The names of <see cref="NetqDimension"/> as the API, the command line and result rows spell them.</summary>
public static class NetqDimensions
{
    private static readonly string[] Names = ["province", "city", "operator", "technology", "segment", "source", "hour", "day", "week", "month"];

    /// <summary>Every dimension's name, in order.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>The dimension's name: <c>province</c>, …, <c>month</c> (also the key of its column in result rows).</summary>
    public static string Name(this NetqDimension dimension) => Names[(int)dimension];

    /// <summary>The dimension called <paramref name="name"/> (any case).</summary>
    public static bool TryParse(string name, out NetqDimension dimension)
    {
        var i = Array.FindIndex(Names, n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
        dimension = (NetqDimension)Math.Max(i, 0);
        return i >= 0;
    }

    /// <summary>
    /// Reads a comma-separated list (<c>province,operator</c>); repeats are dropped. An unknown name
    /// is added to <paramref name="errors"/> under <paramref name="field"/>.
    /// </summary>
    public static IReadOnlyList<NetqDimension> Parse(string? text, string field, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var groups = new List<NetqDimension>();
        if (string.IsNullOrEmpty(text)) return groups;
        foreach (var g in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParse(g, out var d)) errors[field] = [$"'{g}' is not one of {string.Join(", ", Names)}"];
            else if (!groups.Contains(d)) groups.Add(d);
        }
        return groups;
    }
}

/// <summary>Which tests the statistics cover. Dates are local (Beijing) dates, inclusive; a null field does not filter.</summary>
public sealed record NetqFilter
{
    /// <summary>The first local date.</summary>
    public DateOnly? From { get; init; }
    /// <summary>The last local date.</summary>
    public DateOnly? To { get; init; }
    /// <summary>A GB/T 2260 province code.</summary>
    public string? Province { get; init; }
    /// <summary>A six-digit GB/T 2260 city code.</summary>
    public string? City { get; init; }
    /// <summary>An operator code.</summary>
    public string? Operator { get; init; }
    /// <summary>A technology code (or <c>unknown</c>, the technology of M-Lab NDT tests).</summary>
    public string? Technology { get; init; }
    /// <summary>A network segment code.</summary>
    public string? Segment { get; init; }
    /// <summary>A source code.</summary>
    public string? Source { get; init; }

    /// <summary>The code filters that are set, as (column, value), in a fixed order.</summary>
    internal IEnumerable<(string Column, string Value)> Codes()
    {
        (string, string?)[] all = [("province", Province), ("city", City), ("operator", Operator), ("technology", Technology), ("segment", Segment), ("source", Source)];
        foreach (var (column, value) in all)
        {
            if (value is not null) yield return (column, value);
        }
    }
}

/// <summary>A statistics request: the groups wanted and the tests they cover. Built only through validation.</summary>
/// <param name="GroupBy">The grouping, in the order of the result's key columns; empty for one overall row.</param>
/// <param name="Filter">The tests covered.</param>
public sealed record NetqQuery(IReadOnlyList<NetqDimension> GroupBy, NetqFilter Filter)
{
    /// <summary>Every test, in one row.</summary>
    public static NetqQuery All { get; } = new([], new NetqFilter());
}

/// <summary>
/// The filter as text, as a query string (<c>[AsParameters]</c>), a page's form or command-line
/// options give it; <see cref="ToFilter"/> checks it. Property names are the query keys.
/// </summary>
public class NetqFilterText
{
    /// <summary>First local date, YYYY-MM-DD.</summary>
    public string? From { get; set; }
    /// <summary>Last local date, YYYY-MM-DD.</summary>
    public string? To { get; set; }
    /// <summary>Province code.</summary>
    public string? Province { get; set; }
    /// <summary>City code.</summary>
    public string? City { get; set; }
    /// <summary>Operator code.</summary>
    public string? Operator { get; set; }
    /// <summary>Technology code.</summary>
    public string? Technology { get; set; }
    /// <summary>Segment code.</summary>
    public string? Segment { get; set; }
    /// <summary>Source code.</summary>
    public string? Source { get; set; }

    /// <summary>
    /// The checked filter; each bad field is added to <paramref name="errors"/> under its query key
    /// (<c>from</c>, <c>province</c>, …), and the filter is then not to be used.
    /// </summary>
    public NetqFilter ToFilter(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        DateOnly? Date(string field, string? text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            errors[field] = ["a date YYYY-MM-DD (Beijing time)"];
            return null;
        }
        string? Code(string field, string? text, Func<string, bool> valid)
        {
            if (string.IsNullOrEmpty(text)) return null;
            var v = text.Trim();
            if (valid(v)) return v;
            errors[field] = [$"'{v}' is not a {field} code"];
            return null;
        }
        var from = Date("from", From);
        var to = Date("to", To);
        if (from > to) errors["to"] = ["not before from"];
        return new NetqFilter
        {
            From = from,
            To = to,
            Province = Code("province", Province, Domain.Codes.Provinces.Contains),
            City = Code("city", City, v => v.Length == 6 && v.All(char.IsAsciiDigit)),
            Operator = Code("operator", Operator, Domain.Codes.Operators.Contains),
            Technology = Code("technology", Technology, v => Domain.Codes.Technologies.Contains(v) || v == Domain.Codes.UnknownTechnology),
            Segment = Code("segment", Segment, Domain.Codes.Segments.Contains),
            Source = Code("source", Source, Domain.Codes.Sources.Contains),
        };
    }
}

/// <summary>The exact summary's request as text: the grouping and the filter (<c>GET /api/v1/netq/summary</c>, <c>ictgov netq summary</c>).</summary>
public class NetqSummaryText : NetqFilterText
{
    /// <summary>Comma-separated <see cref="NetqDimension"/> names.</summary>
    public string? GroupBy { get; set; }

    /// <summary>The checked query, or null with <paramref name="errors"/> naming each bad field (<c>groupBy</c>, <c>from</c>, …).</summary>
    public NetqQuery? ToQuery(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var groups = NetqDimensions.Parse(GroupBy, "groupBy", errors);
        var filter = ToFilter(errors);
        return errors.Count > 0 ? null : new NetqQuery(groups, filter);
    }
}
