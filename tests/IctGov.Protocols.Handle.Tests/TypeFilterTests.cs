namespace IctGov.Protocols.Handle.Tests;

/// <summary>The query-type rule of RFC 3651 §3.1 as Handle.Net's <c>Util.isParentTypeInArray</c> applies it.</summary>
public class TypeFilterTests
{
    [Theory]
    [InlineData("HS_SITE", "HS_SITE", true)]
    [InlineData("HS_SITE", "HS_SITE.6", false)]
    [InlineData("HS_SITE.", "HS_SITE.6", true)]
    [InlineData("HS_SITE.", "HS_SITE", true)]
    [InlineData("HS_SITE.", "HS_SITES", false)]
    [InlineData("URL.", "URL", true)]
    [InlineData("url.", "URL.us", true)]
    [InlineData("URL.", "URL.JP.TOKYO", true)]
    [InlineData("URL", "URL.US", false)]
    [InlineData("URL.JP", "URL", false)]
    [InlineData("url", "URL", true)]
    [InlineData("URL", "URLS", false)]
    [InlineData("标识", "标识", true)]
    [InlineData("ÉTAT", "état", false)]
    [InlineData("[", "{", false)]
    public void Matches_ExactTypeOrTheHierarchyOfATrailingPeriod_IgnoringAsciiCase(string filter, string type, bool expected) =>
        Assert.Equal(expected, TypeFilter.Matches(filter, type));

    [Fact]
    public void Selects_EveryValueWithoutLists_OtherwiseByIndexOrType()
    {
        var url = new HandleValue { Index = 1, Type = "URL", Data = [] };
        var site6 = new HandleValue { Index = 4, Type = "HS_SITE.6", Data = [] };
        Assert.True(TypeFilter.Selects([], [], site6));
        Assert.True(TypeFilter.Selects([4], ["URL"], site6));
        Assert.False(TypeFilter.Selects([], ["HS_SITE"], site6));
        Assert.True(TypeFilter.Selects([], ["HS_SITE."], site6));
        Assert.False(TypeFilter.Selects([4], [], url));
    }
}
