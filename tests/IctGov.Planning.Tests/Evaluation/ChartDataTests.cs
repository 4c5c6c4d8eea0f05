using IctGov.Planning.Evaluation;

namespace IctGov.Planning.Tests.Evaluation;

public class ChartDataTests
{
    [Theory]
    [InlineData(new[] { 2.64, 4.3, 3.1 }, 2.5, 4.5)]
    [InlineData(new[] { 0.41, 1.25, 3.7, 2.083 }, 0.0, 4.0)]
    [InlineData(new[] { 1.4, 1.3, 1.32 }, 1.3, 1.42)]
    [InlineData(new[] { 80.8, 82.0 }, 80.5, 82.5)]
    public void Range_ContainsAllValues_OnACleanStep(double[] values, double min, double max)
    {
        var (lo, hi) = ChartData.Range([.. values]);
        Assert.Equal(min, lo!.Value, 9);
        Assert.Equal(max, hi!.Value, 9);
        Assert.All(values, v => Assert.InRange(v, lo.Value, hi.Value));
    }
}
