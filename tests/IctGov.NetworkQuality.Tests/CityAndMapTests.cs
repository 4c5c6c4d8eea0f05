using System.Text.RegularExpressions;
using IctGov.Kernel;
using IctGov.NetworkQuality.Domain;
using IctGov.NetworkQuality.Pages.Netq;

namespace IctGov.NetworkQuality.Tests;

public partial class CityAndMapTests
{
    /// <summary>The (province, city) pairs the benchmark generator draws from, read from its source so the two cannot drift apart.</summary>
    private static List<(string Province, string City)> GeneratorCities()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "bench", "netq", "NetqGen", "Model.cs"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var source = File.ReadAllText(Path.Combine(dir.FullName, "bench", "netq", "NetqGen", "Model.cs"));
        return [.. CityTuple().Matches(source).Select(m => (m.Groups[1].Value, m.Groups[2].Value))];
    }

    [GeneratedRegex("""\("(\d{6})", "(\d{6})", [\d.]+\)""")]
    private static partial Regex CityTuple();

    [Fact]
    public void Cities_NameEveryCityTheGeneratorDraws()
    {
        var cities = GeneratorCities();
        Assert.True(cities.Count >= 150, $"only {cities.Count} cities read from the generator");
        foreach (var (province, city) in cities)
        {
            Assert.True(Cities.IsKnown(city), city);
            Assert.StartsWith(province[..2], city, StringComparison.Ordinal);
            Assert.NotEqual(city, Cities.Name(city, english: false));
            Assert.NotEqual(city, Cities.Name(city, english: true));
        }
    }

    [Fact]
    public void Cities_EachCodeBelongsToOneOfThe31Provinces_AndNamesAreUniqueWithinIt()
    {
        var provinces = Regions.Provinces.Select(p => p.Code[..2]).ToHashSet();
        // 333 prefecture-level divisions, plus the municipalities' district (and Chongqing's county)
        // codes and the four provinces' county-level divisions directly under the province.
        Assert.InRange(Cities.Names.Count, 333, 360);
        foreach (var (code, (zh, en)) in Cities.Names)
        {
            Assert.Matches("^[0-9]{4}00$", code);
            Assert.Contains(code[..2], provinces);
            Assert.False(string.IsNullOrWhiteSpace(zh), code);
            Assert.Matches("^[A-Z][A-Za-z' ()\u00fc-]+$", en);
        }
        foreach (var province in Regions.Provinces)
        {
            var names = Cities.Names.Where(c => c.Key.StartsWith(province.Code[..2], StringComparison.Ordinal)).Select(c => c.Value.Zh).ToList();
            Assert.NotEmpty(names);
            Assert.Equal(names.Count, names.Distinct().Count());
        }
        Assert.Equal(("深圳市", "Shenzhen"), Cities.Names["440300"]);
        Assert.Equal("440399", Cities.Name("440399", english: false));
    }

    /// <summary>Approximate longitude and latitude of each provincial capital.</summary>
    private static readonly Dictionary<string, (double Lon, double Lat)> Capitals = new()
    {
        ["110000"] = (116.4, 39.9), ["120000"] = (117.2, 39.1), ["130000"] = (114.5, 38.0), ["140000"] = (112.5, 37.9),
        ["150000"] = (111.7, 40.8), ["210000"] = (123.4, 41.8), ["220000"] = (125.3, 43.9), ["230000"] = (126.6, 45.8),
        ["310000"] = (121.5, 31.2), ["320000"] = (118.8, 32.1), ["330000"] = (120.2, 30.3), ["340000"] = (117.3, 31.9),
        ["350000"] = (119.3, 26.1), ["360000"] = (115.9, 28.7), ["370000"] = (117.0, 36.7), ["410000"] = (113.6, 34.8),
        ["420000"] = (114.3, 30.6), ["430000"] = (113.0, 28.2), ["440000"] = (113.3, 23.1), ["450000"] = (108.3, 22.8),
        ["460000"] = (110.3, 20.0), ["500000"] = (106.5, 29.6), ["510000"] = (104.1, 30.7), ["520000"] = (106.7, 26.6),
        ["530000"] = (102.7, 25.0), ["540000"] = (91.1, 29.7), ["610000"] = (108.9, 34.3), ["620000"] = (103.8, 36.1),
        ["630000"] = (101.8, 36.6), ["640000"] = (106.3, 38.5), ["650000"] = (87.6, 43.8),
    };

    [Fact]
    public void TileMap_PlacesEveryProvinceOnItsOwnSquare_InGeographicOrder()
    {
        Assert.Equal(Regions.Provinces.Select(p => p.Code).Order(), ProvinceTiles.Places.Keys.Order());
        Assert.Equal(31, ProvinceTiles.Places.Values.Distinct().Count());
        Assert.All(ProvinceTiles.Places.Values, p =>
        {
            Assert.InRange(p.Column, 0, ProvinceTiles.Columns - 1);
            Assert.InRange(p.Row, 0, ProvinceTiles.Rows - 1);
        });
        // Whenever two capitals lie clearly apart east–west (8°) or north–south (7.5°; Xizang and Shandong share latitudes), the squares keep that order.
        foreach (var (a, pa) in Capitals)
        {
            foreach (var (b, pb) in Capitals)
            {
                var (ta, tb) = (ProvinceTiles.Places[a], ProvinceTiles.Places[b]);
                if (pa.Lon < pb.Lon - 8) Assert.True(ta.Column < tb.Column, $"{a} should be west of {b}");
                if (pa.Lat > pb.Lat + 7.5) Assert.True(ta.Row < tb.Row, $"{a} should be north of {b}");
            }
        }
    }

    [Fact]
    public void TileMap_ClassesSplitTheRangeIntoFiveEqualIntervals()
    {
        var rng = new Random(5);
        for (var n = 0; n < 200; n++)
        {
            var values = Enumerable.Range(0, 1 + rng.Next(31)).Select(_ => Math.Round(rng.NextDouble() * 300, rng.Next(3))).ToList();
            var (lo, hi) = (values.Min(), values.Max());
            var breaks = Enumerable.Range(0, 5).Select(i => lo + ((hi - lo) * i / 5)).ToList();
            foreach (var v in values)
            {
                var expected = hi == lo ? 4 : Math.Min(4, (int)Math.Floor((v - lo) / (hi - lo) * 5 + 1e-9));
                Assert.Equal(expected, ProvinceMap.ClassOf(v, breaks));
            }
            Assert.Equal(4, ProvinceMap.ClassOf(hi, breaks));
            if (hi > lo) Assert.Equal(0, ProvinceMap.ClassOf(lo, breaks));
        }
        Assert.Equal(-1, ProvinceMap.ClassOf(1, []));
    }
}
