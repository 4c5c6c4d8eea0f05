using IctGov.Kernel;

namespace IctGov.Planning.Evaluation;

/// <summary>
/// What each of 专栏1's indicators can reach at all, so that a projection from a few fast early
/// years never promises more gigabit subscribers than there are people, or a share above 100%.
/// Only bounds that follow from the indicator's definition are listed; a projection inside them
/// may still be optimistic, which the interval and the damping address.
/// </summary>
internal static class Plausibility
{
    /// <summary>
    /// The resident population of the mainland at the 2020 census, in 万人: 141,178 (国家统计局,
    /// 第七次全国人口普查公报（第二号）, 2021-05-11). Used where no population figure is recorded.
    /// </summary>
    public const double NationalPopulation2020 = 141_178;

    /// <summary>Proportions that cannot exceed 100%: nos. 8 (IPv6 share), 10 (energy fall), 17 (R&amp;D ratio), 18 (villages reached), 20 (complaints on time); and the 0–100 index no. 19.</summary>
    private static readonly HashSet<int> AtMostHundred = [8, 10, 17, 18, 19, 20];

    /// <summary>Counted per subscriber or household, so no more than the population: no. 14 (gigabit subscribers, 万户 against 万人).</summary>
    private static readonly HashSet<int> AtMostPopulation = [14];

    /// <summary>The bounds of indicator <paramref name="no"/> in a region whose latest population (万人) is <paramref name="population"/>.</summary>
    public static Plausible For(int no, Measure measure, string region, double? population)
    {
        // PUE is total energy over IT energy, never below 1; a fall (no. 10) may be negative (a rise).
        double? floor = no == 11 ? 1 : measure == Measure.Change ? null : 0;
        double? ceiling = AtMostHundred.Contains(no) ? 100
            : AtMostPopulation.Contains(no) ? population ?? (region == Region.NationalCode ? NationalPopulation2020 : null)
            : null;
        return new Plausible(floor, ceiling);
    }
}
