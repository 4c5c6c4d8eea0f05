using IctGov.Kernel;
using IctGov.NetworkQuality.Domain;
using IctGov.NetworkQuality.Features;

namespace IctGov.NetworkQuality.Pages.Netq;

/// <summary>One province's square on the tile map: where it stands, its figure and its colour class.</summary>
internal sealed record MapTile(string Code, string Name, int Column, int Row, double? Value, string ValueText, int Class);

/// <summary>
/// The tile-grid map of the ranking page, coloured by the chosen measure in five equal-interval
/// classes between the lowest and the highest province (all measures are better when higher).
/// </summary>
internal sealed class ProvinceMap
{
    /// <summary>Light to dark blue (ColorBrewer "Blues", five classes), readable with dark text on the first three.</summary>
    public static readonly string[] Palette = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];
    public const string NoDataColour = "#e6e6e6";

    public required string Measure { get; init; }
    public required string MeasureName { get; init; }
    public required IReadOnlyList<MapTile> Tiles { get; init; }

    /// <summary>The lower bound of each class, for the legend; empty when no province has the figure.</summary>
    public required IReadOnlyList<double> Breaks { get; init; }

    public required Func<string, string> DrillDown { get; init; }

    public static string MeasureTitle(string measure) => measure switch
    {
        "dl_p5" => Bilingual.T("边缘速率 p5", "Edge rate p5"),
        "share" => Bilingual.T("达标率", "Share meeting the bar"),
        "dl_mean" => Bilingual.T("平均下载速率", "Mean download rate"),
        _ => Bilingual.T("加权平均下载速率", "Weighted download rate"),
    };

    public string Format(double? v) => Format(Measure, v);

    public static string Format(string measure, double? v) => v is null ? Bilingual.T("无数据", "no data")
        : measure == "share" ? Kernel.Display.Format.Percent(v)
        : Kernel.Display.Format.Fixed(v, 1) + " Mbps";

    internal static ProvinceMap Build(IReadOnlyList<RollupRow> rows, RankSort sort, Func<string, string> drillDown)
    {
        var measure = sort.Name();
        var values = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (r.Keys.GetValueOrDefault("province") is string code) values[code] = sort.ValueOf(r);
        }
        var known = values.Values.OfType<double>().ToList();
        var breaks = new List<double>();
        if (known.Count > 0)
        {
            var (lo, hi) = (known.Min(), known.Max());
            for (var i = 0; i < Palette.Length; i++) breaks.Add(lo + ((hi - lo) * i / Palette.Length));
        }
        var tiles = Regions.Provinces.Select(p =>
        {
            var (col, row) = ProvinceTiles.Places[p.Code];
            var v = values.GetValueOrDefault(p.Code);
            var cls = v is { } x ? ClassOf(x, breaks) : -1;
            return new MapTile(p.Code, p.Name(Bilingual.IsEnglish), col, row, v, Format(measure, v), cls);
        }).ToList();
        return new ProvinceMap { Measure = measure, MeasureName = MeasureTitle(measure), Tiles = tiles, Breaks = breaks, DrillDown = drillDown };
    }

    /// <summary>The last class whose lower bound the value reaches; equal values all fall in the top class.</summary>
    public static int ClassOf(double value, IReadOnlyList<double> breaks)
    {
        if (breaks.Count == 0) return -1;
        if (breaks[^1] <= breaks[0]) return breaks.Count - 1;
        var c = 0;
        for (var i = 1; i < breaks.Count; i++)
        {
            if (value >= breaks[i]) c = i;
        }
        return c;
    }
}
