using IctGov.Kernel;

namespace IctGov.Collection.Domain;

/// <summary>
/// A data element as a data set collects it: its unit, the values it may take, and how it relates
/// to the others. The rules here are what "same validation everywhere" (web form, CSV/XLSX, JSON)
/// checks.
/// </summary>
/// <param name="Key">The data element's key, shared with the plan catalogue (e.g. <c>5g_base_stations</c>).</param>
/// <param name="Unit">The unit the value must be reported in; an upload naming another unit is rejected.</param>
/// <param name="Min">Smallest allowed value (inclusive).</param>
/// <param name="Max">Largest allowed value (inclusive), e.g. 100 for a share.</param>
/// <param name="WholeNumber">Counts are whole numbers.</param>
/// <param name="ComponentOf">The key of the total this element is part of: it may never exceed it.</param>
/// <param name="Cumulative">A running total (registrations to date, year-to-date revenue): it never decreases from one period to the next within the series.</param>
/// <param name="Additive">Branches add up to the province and provinces to the nation: reconciled.</param>
internal sealed record ElementSpec(
    string Key, string NameZh, string NameEn, string Unit,
    decimal? Min = 0, decimal? Max = null, bool WholeNumber = false, string? ComponentOf = null, bool Cumulative = false, bool Additive = true);

/// <summary>A data set (报表): which elements, how often, who reports, and by when.</summary>
/// <param name="Code">Short code, e.g. <c>T-5G-M</c>.</param>
/// <param name="PeriodKind">Monthly, quarterly or yearly.</param>
/// <param name="ReporterKinds">Which kinds of organisation unit must report (e.g. operator branches).</param>
/// <param name="DeadlineDays">Days after the period ends by which a report is due (e.g. 10).</param>
/// <param name="JumpThreshold">A change against the previous period larger than this share (0.5 = 50%) needs a written explanation.</param>
/// <param name="Opens">First period the data set collects.</param>
/// <param name="Closes">Last period it collects; null while it runs.</param>
internal sealed record DataSet(
    string Code, string NameZh, string NameEn, PeriodKind PeriodKind, IReadOnlyList<ElementSpec> Elements,
    IReadOnlyList<string> ReporterKinds, int DeadlineDays, decimal JumpThreshold, Period Opens, Period? Closes)
{
    /// <summary>The date by which a report for <paramref name="period"/> is due.</summary>
    public DateOnly Deadline(Period period) => period.End.AddDays(DeadlineDays);

    /// <summary>Whether the data set collects <paramref name="period"/>.</summary>
    public bool Collects(Period period) =>
        period.Kind == PeriodKind && period >= Opens && (Closes is not { } c || period <= c);

    /// <summary>
    /// The period being reported on <paramref name="today"/>: the last one that has ended (in November,
    /// October's monthly report), within the periods the data set collects; null before its first ends.
    /// </summary>
    public Period? ReportingPeriod(DateOnly today)
    {
        var p = Period.Containing(PeriodKind, today).Previous();
        if (Closes is { } c && p > c)
        {
            p = c;
        }
        return p >= Opens ? p : null;
    }

    /// <summary>
    /// The periods a form offers: the reporting period and up to <paramref name="count"/> − 1 before it, newest
    /// first — plus <paramref name="asked"/> (a period given by a link: a returned report, an older correction)
    /// when the data set collects it.
    /// </summary>
    public IReadOnlyList<Period> PeriodChoices(DateOnly today, int count, string? asked = null)
    {
        var list = new List<Period>();
        for (var p = ReportingPeriod(today); p is { } x && x >= Opens && list.Count < count; p = x.Previous())
        {
            list.Add(x);
        }
        if (Period.TryParse(asked, out var a) && Collects(a) && !list.Contains(a))
        {
            list.Add(a);
        }
        return list;
    }

    /// <summary>The element with the key, or null.</summary>
    public ElementSpec? Element(string key) => Elements.FirstOrDefault(e => e.Key == key);
}
