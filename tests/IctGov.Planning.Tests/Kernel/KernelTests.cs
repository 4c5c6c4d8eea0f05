using IctGov.Kernel;

namespace IctGov.Planning.Tests.Kernel;

public class KernelTests
{
    [Theory]
    [InlineData("2023", PeriodKind.Year, "2023-01-01", "2023-12-31")]
    [InlineData("2023-Q3", PeriodKind.Quarter, "2023-07-01", "2023-09-30")]
    [InlineData("2024-q1", PeriodKind.Quarter, "2024-01-01", "2024-03-31")]
    [InlineData("2024-02", PeriodKind.Month, "2024-02-01", "2024-02-29")]
    public void Period_Parses_WithStartAndEnd(string text, PeriodKind kind, string start, string end)
    {
        var p = Period.Parse(text);
        Assert.Equal(kind, p.Kind);
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), p.Start);
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), p.End);
        Assert.Equal(text.ToUpperInvariant(), p.ToString().ToUpperInvariant());
    }

    [Theory]
    [InlineData("")]
    [InlineData("23")]
    [InlineData("2023-Q5")]
    [InlineData("2023-13")]
    [InlineData("2023-00")]
    [InlineData("2023/07")]
    [InlineData("1800")]
    [InlineData("２０２３")]
    [InlineData("2023-7")]
    public void Period_RejectsMalformedText(string text) => Assert.False(Period.TryParse(text, out _));

    [Fact]
    public void Period_YearsAfterBase_PlacesEndsOnTheAxis()
    {
        Assert.Equal(3.0, Period.Parse("2023").YearsAfter(2020), 9);
        Assert.Equal(3.0, Period.Parse("2023-12").YearsAfter(2020), 9);
        Assert.Equal(2 + 273 / 365.0, Period.Parse("2023-Q3").YearsAfter(2020), 9);
        Assert.True(Period.Parse("2023") < Period.Parse("2023-12")); // same end: the year sorts first
        Assert.True(Period.Parse("2023-11") < Period.Parse("2023"));
    }

    [Theory]
    [InlineData(PeriodKind.Month, "2024-01-15", "2024-01", "2023-12")]
    [InlineData(PeriodKind.Month, "2024-12-31", "2024-12", "2024-11")]
    [InlineData(PeriodKind.Quarter, "2024-01-01", "2024-Q1", "2023-Q4")]
    [InlineData(PeriodKind.Quarter, "2024-09-30", "2024-Q3", "2024-Q2")]
    [InlineData(PeriodKind.Quarter, "2024-10-01", "2024-Q4", "2024-Q3")]
    [InlineData(PeriodKind.Year, "2024-06-30", "2024", "2023")]
    public void Period_ContainingADate_AndTheOneBefore(PeriodKind kind, string date, string containing, string previous)
    {
        var p = Period.Containing(kind, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(containing, p.ToString());
        Assert.Equal(previous, p.Previous().ToString());
        Assert.True(p.Previous().End < p.Start);
    }

    [Fact]
    public void Regions_AreTheNationAndThirtyOneProvinces()
    {
        Assert.Equal(32, Regions.All.Count);
        Assert.Equal(31, Regions.Provinces.Select(r => r.Code).Distinct().Count());
        Assert.Equal("110000", Regions.Provinces[0].Code);
        Assert.Equal("650000", Regions.Provinces[^1].Code);
        Assert.All(Regions.Provinces, r => Assert.Matches("^[1-6][0-9]0000$", r.Code));
        Assert.False(Regions.TryGet("710000", out _)); // outside the plan's 31 provincial-level regions
    }

    [Fact]
    public void Storage_DefaultsToDataUnderWorkingDirectory_AndHonoursOverrides()
    {
        var none = StorageOptions.Resolve(null, null, null, _ => null);
        Assert.Equal(DatabaseProvider.Sqlite, none.Provider);
        Assert.Equal(Path.GetFullPath("data"), none.DataDirectory);
        Assert.Contains(Path.Combine(Path.GetFullPath("data"), "ictgov.db"), none.ConnectionString);

        var env = new Dictionary<string, string?> { ["ICTGOV_DATA"] = "/srv/ictgov" };
        Assert.Equal("/srv/ictgov", StorageOptions.Resolve(null, null, null, k => env.GetValueOrDefault(k)).DataDirectory);
        Assert.Equal("/opt/x", StorageOptions.Resolve("/opt/x", null, null, k => env.GetValueOrDefault(k)).DataDirectory); // --data wins

        Assert.Throws<ArgumentException>(() => StorageOptions.Resolve(null, "postgres", null, _ => null));
        Assert.Throws<ArgumentException>(() => StorageOptions.Resolve(null, "oracle", null, _ => null));
        Assert.Equal(DatabaseProvider.Postgres, StorageOptions.Resolve(null, "postgres", "Host=h", _ => null).Provider);
    }
}
