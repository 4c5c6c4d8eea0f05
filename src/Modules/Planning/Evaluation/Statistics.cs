using MathNet.Numerics.Distributions;

namespace IctGov.Planning.Evaluation;

internal static class Statistics
{
    /// <summary>Two-sided Student t quantile for a central interval of <paramref name="level"/>.</summary>
    public static double TQuantile(int degreesOfFreedom, double level) =>
        StudentT.InvCDF(0, 1, degreesOfFreedom, 0.5 + level / 2);
}
