using IctGov.Kernel.Identity;

namespace IctGov.Kernel.Tests;

/// <summary>The unified social credit code (GB 32100-2015), checked against the standard's own algorithm and published examples.</summary>
public class CreditCodeTests
{
    [Theory]
    [InlineData("914403001922038216")] // a registered company's code, as printed on its business licence
    [InlineData("91110000MA01ABCD52")] // computed by an independent script from the standard's formula
    public void CreditCode_AcceptsCodesWhoseCheckCharactersHold(string code) => Assert.Null(CreditCode.Problem(code));

    [Fact]
    public void CreditCode_NamesWhatIsWrong()
    {
        Assert.Contains("expected '6'", CreditCode.Problem("914403001922038217"), StringComparison.Ordinal);
        Assert.Contains("GB 11714", CreditCode.Problem("914403001922038316"), StringComparison.Ordinal); // organisation code's own check
        Assert.Contains("character 5 'I'", CreditCode.Problem("9144I3001922038216"), StringComparison.Ordinal);
        Assert.Contains("18 characters", CreditCode.Problem("91440300192203821"), StringComparison.Ordinal);
        Assert.Contains("region code", CreditCode.Problem("91A403001922038216"), StringComparison.Ordinal);
    }
}
