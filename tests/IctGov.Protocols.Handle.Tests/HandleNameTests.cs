namespace IctGov.Protocols.Handle.Tests;

public class HandleNameTests
{
    [Theory]
    [InlineData("88.100.1/abc", "88.100.1", "abc")]
    [InlineData("0.NA/88.100.1", "0.NA", "88.100.1")]
    [InlineData("88.100.1/a/b", "88.100.1", "a/b")]
    public void PrefixAndSuffix_SplitAtTheFirstSlash(string handle, string prefix, string suffix)
    {
        Assert.Equal(prefix, HandleName.Prefix(handle));
        Assert.Equal(suffix, HandleName.Suffix(handle));
        Assert.True(HandleName.IsValid(handle));
    }

    [Fact]
    public void Normalize_UpperCasesAsciiOnly()
    {
        Assert.Equal("88.100.1/ABC-标识", HandleName.Normalize("88.100.1/abc-标识"));
        Assert.True(HandleName.IsPrefixHandle("0.na/88.100"));
        Assert.False(HandleName.IsValid("no-slash"));
    }

    [Theory]
    [InlineData("88.100.1/abc", "88.100.1")]
    [InlineData("0.NA/88.100.1", "88.100.1")]
    [InlineData("0.na/88.100", "88.100")]
    public void Authority_IsTheOwnPrefix_OrThePrefixAPrefixHandleNames(string handle, string authority) =>
        Assert.Equal(authority, HandleName.Authority(handle));
}
