using IctGov.Kernel;

namespace IctGov.Collection.Domain;

/// <summary>A difference between a total and the sum of its parts, for review.</summary>
/// <param name="Level"><c>province</c> (operators' branches vs the province figure) or <c>national</c> (provinces vs the national figure).</param>
internal sealed record Discrepancy(string Level, string RegionCode, string Element, decimal Total, decimal SumOfParts, int Parts, decimal Difference, decimal RelativeDifference);

/// <summary>
/// Checks that additive figures add up: per province, the operators' branches against the
/// province's own figure; nationally, the 31 provinces against the national figure.
/// </summary>
internal static class Reconciliation
{
    /// <param name="reports">The period's reports of one data set (any status the caller chooses, typically accepted and later).</param>
    /// <param name="isProvinceTotal">Whether a unit reports a province's total (its communications administration).</param>
    /// <param name="isNationalTotal">Whether a unit reports the national total (the ministry).</param>
    /// <param name="tolerance">Relative difference tolerated (0.005 = 0.5%).</param>
    public static IReadOnlyList<Discrepancy> Check(DataSet dataSet, IReadOnlyList<Report> reports,
        Func<string, bool> isProvinceTotal, Func<string, bool> isNationalTotal, decimal tolerance)
    {
        var result = new List<Discrepancy>();
        foreach (var element in dataSet.Elements.Where(e => e.Additive))
        {
            foreach (var province in Regions.Provinces)
            {
                var inRegion = reports.Where(r => r.RegionCode == province.Code && r.Values.ContainsKey(element.Key)).ToList();
                var total = inRegion.FirstOrDefault(r => isProvinceTotal(r.UnitId));
                var parts = inRegion.Where(r => !isProvinceTotal(r.UnitId) && !isNationalTotal(r.UnitId)).ToList();
                if (total is not null && parts.Count > 0)
                {
                    Add(result, "province", province.Code, element.Key, total.Values[element.Key], parts.Sum(p => p.Values[element.Key]), parts.Count, tolerance);
                }
            }
            var national = reports.FirstOrDefault(r => r.RegionCode == Region.NationalCode && isNationalTotal(r.UnitId) && r.Values.ContainsKey(element.Key));
            var provinceTotals = reports.Where(r => r.RegionCode != Region.NationalCode && isProvinceTotal(r.UnitId) && r.Values.ContainsKey(element.Key)).ToList();
            if (national is not null && provinceTotals.Count > 0)
            {
                Add(result, "national", Region.NationalCode, element.Key, national.Values[element.Key], provinceTotals.Sum(p => p.Values[element.Key]), provinceTotals.Count, tolerance);
            }
        }
        return result;
    }

    private static void Add(List<Discrepancy> result, string level, string region, string element, decimal total, decimal sum, int parts, decimal tolerance)
    {
        var diff = total - sum;
        var relative = total == 0 ? (sum == 0 ? 0 : 1) : Math.Abs(diff) / Math.Abs(total);
        if (relative > tolerance)
        {
            result.Add(new Discrepancy(level, region, element, total, sum, parts, diff, relative));
        }
    }
}

/// <summary>Who was due to report a period, who did, and who was late.</summary>
internal sealed record TimelinessRow(string UnitId, string RegionCode, bool Reported, bool Late, DateTimeOffset? SubmittedAt, DateOnly Deadline)
{
    /// <summary>Not reported and the deadline has passed (a report due on the deadline day is on time that day).</summary>
    public bool Overdue(DateOnly today) => !Reported && Deadline < today;
}

/// <summary>Completeness and timeliness of a data set for one period.</summary>
internal static class Timeliness
{
    /// <param name="expected">The (unit, region) pairs that must report the data set.</param>
    public static IReadOnlyList<TimelinessRow> For(DataSet dataSet, Period period, IReadOnlyList<(string UnitId, string RegionCode)> expected, IReadOnlyList<Report> reports)
    {
        var deadline = dataSet.Deadline(period);
        return expected.Select(e =>
        {
            var r = reports.FirstOrDefault(x => x.UnitId == e.UnitId && x.RegionCode == e.RegionCode && x.Period == period && x.DataSetCode == dataSet.Code);
            return new TimelinessRow(e.UnitId, e.RegionCode, r?.FirstSubmittedAt is not null, r?.Late ?? false, r?.FirstSubmittedAt, deadline);
        }).ToList();
    }
}
