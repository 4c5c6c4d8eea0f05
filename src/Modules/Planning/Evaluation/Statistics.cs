using MathNet.Numerics.Distributions;

namespace IctGov.Planning.Evaluation;

/// <summary>A fitted straight line y = a + b·t with what is needed for a prediction interval.</summary>
internal readonly record struct LineFit(double Intercept, double Slope, int N, double ResidualStdError, double MeanT, double Sxx)
{
    public double At(double t) => Intercept + Slope * t;

    /// <summary>
    /// Half-width of the two-sided prediction interval for a new observation at <paramref name="t"/>:
    /// t(1−α/2, n−2) · s · √(1 + 1/n + (t − t̄)²/Sxx). Needs n ≥ 3, otherwise there is no residual
    /// variance to estimate and the answer is null rather than a made-up band.
    /// </summary>
    public double? PredictionHalfWidth(double t, double level)
    {
        if (N < 3 || Sxx <= 0)
        {
            return null;
        }
        var q = StudentT.InvCDF(0, 1, N - 2, 0.5 + level / 2);
        return q * ResidualStdError * Math.Sqrt(1 + 1.0 / N + (t - MeanT) * (t - MeanT) / Sxx);
    }
}

internal static class Statistics
{
    /// <summary>Ordinary least squares of y on t. Two points give the exact line through them.</summary>
    public static LineFit? FitLine(IReadOnlyList<(double T, double Y)> points)
    {
        var n = points.Count;
        if (n < 2)
        {
            return null;
        }
        double meanT = 0, meanY = 0;
        foreach (var (t, y) in points)
        {
            meanT += t;
            meanY += y;
        }
        meanT /= n;
        meanY /= n;
        double sxx = 0, sxy = 0;
        foreach (var (t, y) in points)
        {
            sxx += (t - meanT) * (t - meanT);
            sxy += (t - meanT) * (y - meanY);
        }
        if (sxx <= 0)
        {
            return null; // every point at the same time: no trend can be drawn
        }
        var slope = sxy / sxx;
        var intercept = meanY - slope * meanT;
        double sse = 0;
        foreach (var (t, y) in points)
        {
            var r = y - (intercept + slope * t);
            sse += r * r;
        }
        var s = n > 2 ? Math.Sqrt(sse / (n - 2)) : 0;
        return new LineFit(intercept, slope, n, s, meanT, sxx);
    }

    /// <summary>Two-sided Student t quantile for a central interval of <paramref name="level"/>.</summary>
    public static double TQuantile(int degreesOfFreedom, double level) =>
        StudentT.InvCDF(0, 1, degreesOfFreedom, 0.5 + level / 2);
}
