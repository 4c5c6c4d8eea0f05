using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace IctGov.Kernel;

/// <summary>How long a reporting period is.</summary>
public enum PeriodKind
{
    /// <summary>A calendar year, written <c>2023</c>.</summary>
    Year = 1,
    /// <summary>A calendar quarter, written <c>2023-Q3</c>.</summary>
    Quarter = 2,
    /// <summary>A calendar month, written <c>2023-07</c>.</summary>
    Month = 3,
}

/// <summary>A statistical reporting period: a year, a quarter or a month.</summary>
public readonly record struct Period : IComparable<Period>
{
    private Period(PeriodKind kind, int year, int index)
    {
        Kind = kind;
        Year = year;
        Index = index;
    }

    /// <summary>Year, quarter or month.</summary>
    public PeriodKind Kind { get; }

    /// <summary>The calendar year.</summary>
    public int Year { get; }

    /// <summary>1 for a year, the quarter 1–4, or the month 1–12.</summary>
    public int Index { get; }

    /// <summary>The first day of the period.</summary>
    public DateOnly Start => Kind switch
    {
        PeriodKind.Year => new DateOnly(Year, 1, 1),
        PeriodKind.Quarter => new DateOnly(Year, (Index - 1) * 3 + 1, 1),
        _ => new DateOnly(Year, Index, 1),
    };

    /// <summary>The last day of the period.</summary>
    public DateOnly End => Kind switch
    {
        PeriodKind.Year => new DateOnly(Year, 12, 31),
        PeriodKind.Quarter => new DateOnly(Year, Index * 3, 1).AddMonths(1).AddDays(-1),
        _ => new DateOnly(Year, Index, 1).AddMonths(1).AddDays(-1),
    };

    /// <summary>
    /// Position of the period's end on a time axis measured in years after 31 December of
    /// <paramref name="baseYear"/>: 2023 is 3.0 after a 2020 base, 2023-Q3 about 2.75.
    /// Fractions count days so that months and quarters sit where they fall in the year.
    /// </summary>
    public double YearsAfter(int baseYear)
    {
        var end = End;
        var daysInYear = DateTime.IsLeapYear(end.Year) ? 366.0 : 365.0;
        return end.Year - baseYear - 1 + end.DayOfYear / daysInYear;
    }

    /// <summary>A calendar year.</summary>
    public static Period OfYear(int year) => new(PeriodKind.Year, CheckYear(year), 1);

    /// <summary>A calendar quarter.</summary>
    public static Period OfQuarter(int year, int quarter) =>
        quarter is >= 1 and <= 4 ? new(PeriodKind.Quarter, CheckYear(year), quarter) : throw new ArgumentOutOfRangeException(nameof(quarter));

    /// <summary>A calendar month.</summary>
    public static Period OfMonth(int year, int month) =>
        month is >= 1 and <= 12 ? new(PeriodKind.Month, CheckYear(year), month) : throw new ArgumentOutOfRangeException(nameof(month));

    /// <summary>The period of <paramref name="kind"/> that contains <paramref name="date"/>.</summary>
    public static Period Containing(PeriodKind kind, DateOnly date) => kind switch
    {
        PeriodKind.Year => OfYear(date.Year),
        PeriodKind.Quarter => OfQuarter(date.Year, (date.Month - 1) / 3 + 1),
        _ => OfMonth(date.Year, date.Month),
    };

    /// <summary>The period of the same kind just before this one (December before January, Q4 before Q1).</summary>
    public Period Previous() => Kind switch
    {
        PeriodKind.Month => Index == 1 ? OfMonth(Year - 1, 12) : OfMonth(Year, Index - 1),
        PeriodKind.Quarter => Index == 1 ? OfQuarter(Year - 1, 4) : OfQuarter(Year, Index - 1),
        _ => OfYear(Year - 1),
    };

    private static int CheckYear(int year) =>
        year is >= 1949 and <= 2100 ? year : throw new ArgumentOutOfRangeException(nameof(year), "year must be between 1949 and 2100");

    /// <summary>Parses <c>2023</c>, <c>2023-Q3</c> or <c>2023-07</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Period period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var s = text.Trim();
        if (s.Length == 4 && TryYear(s, out var y))
        {
            period = OfYear(y);
            return true;
        }
        if (s.Length == 7 && s[4] == '-' && TryYear(s[..4], out y))
        {
            if ((s[5] == 'Q' || s[5] == 'q') && s[6] is >= '1' and <= '4')
            {
                period = OfQuarter(y, s[6] - '0');
                return true;
            }
            if (int.TryParse(s.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12)
            {
                period = OfMonth(y, m);
                return true;
            }
        }
        return false;
    }

    /// <summary>Parses a period, throwing <see cref="FormatException"/> with the expected forms.</summary>
    public static Period Parse(string text) =>
        TryParse(text, out var p) ? p : throw new FormatException($"'{text}' is not a period: expected YYYY, YYYY-Qn or YYYY-MM");

    private static bool TryYear(string s, out int year) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= 1949 and <= 2100;

    /// <summary>Orders by end date, then longer periods first so a year precedes its December.</summary>
    public int CompareTo(Period other)
    {
        var c = End.CompareTo(other.End);
        return c != 0 ? c : Kind.CompareTo(other.Kind);
    }

    /// <summary>The canonical text form: <c>2023</c>, <c>2023-Q3</c>, <c>2023-07</c>.</summary>
    public override string ToString() => Kind switch
    {
        PeriodKind.Year => Year.ToString(CultureInfo.InvariantCulture),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{Index}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year}-{Index:00}"),
    };

    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;
    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;
    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;
}
