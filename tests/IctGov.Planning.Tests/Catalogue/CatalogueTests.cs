using System.Globalization;
using System.Text.RegularExpressions;
using IctGov.Planning.Catalogue;
using IctGov.Planning.Evaluation;

using IctGov.Testing;

namespace IctGov.Planning.Tests.Catalogue;

/// <summary>The catalogue must say exactly what the plan says: every number of 专栏1 is compared with the seed text.</summary>
public partial class CatalogueTests
{
    private static readonly string RepoRoot = Repository.Root;
    private static readonly string SeedText = File.ReadAllText(Path.Combine(RepoRoot, "plan/source/plan-2021.zh.txt"));
    private static readonly PlanCatalogue Catalogue = PlanCatalogue.LoadEmbedded();

    /// <summary>The 20 rows of 专栏1 as printed: number, name (with unit), 2020, 2025, 年均/累计, 属性.</summary>
    private static List<string[]> SeedRows()
    {
        var lines = SeedText.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("专栏 1", StringComparison.Ordinal));
        var rows = new List<string[]>();
        foreach (var line in lines.Skip(start + 1))
        {
            if (line.StartsWith("注：", StringComparison.Ordinal))
            {
                break;
            }
            var cells = line.TrimEnd('\r').Split('\t');
            if (cells.Length == 7 && int.TryParse(cells[1], out _))
            {
                rows.Add(cells[1..]);
            }
        }
        return rows;
    }

    [Fact]
    public void Catalogue_HasTheTwentyIndicatorsOfTheSeedTable()
    {
        var rows = SeedRows();
        Assert.Equal(20, rows.Count);
        Assert.Equal(Enumerable.Range(1, 20), Catalogue.Indicators.Select(i => i.No));
        Assert.Equal(rows.Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)), Catalogue.Indicators.Select(i => i.No));
    }

    [Fact]
    public void Catalogue_MatchesEveryFigureOfTheSeedTable()
    {
        foreach (var row in SeedRows())
        {
            var i = Catalogue.Indicators.Single(x => x.No == int.Parse(row[0], CultureInfo.InvariantCulture));
            var name = i.UnitZh.Length > 0 ? $"{i.NameZh}（{i.UnitZh}）" : i.NameZh;
            Assert.Equal(row[1], name);
            Assert.Equal(row[2], i.Seed.Baseline);
            Assert.Equal(row[3], i.Seed.Target);
            Assert.Equal(row[4], i.Seed.Change);
            Assert.Equal(row[5], i.Seed.Attribute);
            Assert.Equal(row[5] == "约束性" ? "binding" : "expected", i.Attribute);

            // The typed numbers are the printed ones, read independently here.
            if (i.Kind != IndicatorKind.CumulativeChange)
            {
                Assert.Equal(Number(row[2]), i.Baseline);
                Assert.Equal(Number(row[3]), i.Target);
                var expectedComparison = row[3].StartsWith('<') ? "<" : row[3].StartsWith('>') ? ">" : ">=";
                Assert.Equal(expectedComparison, i.Comparison);
            }
            if (row[4].EndsWith('%'))
            {
                Assert.Equal(Number(row[4].TrimEnd('%')), i.AnnualGrowthPct);
                Assert.Null(i.FiveYearChange);
                Assert.Equal(ProjectionModel.Growth, i.Projection);
            }
            else
            {
                var inner = row[4].Trim('〔', '〕');
                Assert.Equal(Number(inner), i.FiveYearChange);
                Assert.Equal(inner.StartsWith('>') ? ">" : "=", i.FiveYearChangeComparison);
                Assert.Null(i.AnnualGrowthPct);
            }
            // The starred rows (note ②) are five-year sums.
            Assert.Equal(row[2].EndsWith('*'), i.Kind == IndicatorKind.CumulativeSum);
        }
    }

    [Fact]
    public void Catalogue_FiveYearChangeIsTargetMinusBaseline_WhereBothAreGiven()
    {
        foreach (var i in Catalogue.Indicators.Where(i => i is { FiveYearChange: not null, Baseline: not null, Target: not null } && i.Kind == IndicatorKind.Level))
        {
            Assert.Equal(Math.Abs(i.Target!.Value - i.Baseline!.Value), i.FiveYearChange!.Value, 6);
        }
    }

    [Fact]
    public void Catalogue_IndicatorTen_IsAFifteenPercentCumulativeFall()
    {
        var i = Catalogue.Indicators.Single(x => x.No == 10);
        Assert.Equal(IndicatorKind.CumulativeChange, i.Kind);
        Assert.Equal("—", i.Seed.Baseline);
        Assert.Equal(15, i.Target);
        Assert.Equal(0, i.Baseline);
    }

    [Fact]
    public void Catalogue_FormulaElementsExist()
    {
        var keys = Catalogue.DataElements.Select(e => e.Key).ToHashSet();
        foreach (var f in Catalogue.Indicators.Select(i => i.Formula).OfType<CatalogueFormula>())
        {
            Assert.Contains(f.Numerator, keys);
            Assert.Contains(f.Denominator, keys);
        }
        Assert.Equal("5g_base_stations", Catalogue.Indicators.Single(i => i.No == 4).Formula!.Numerator);
        Assert.Equal("5g_terminal_connections", Catalogue.Indicators.Single(i => i.No == 13).Formula!.Numerator);
    }

    [Fact]
    public void ProjectTargets_QuoteThePlanVerbatim_WithTheirNumber()
    {
        Assert.True(Catalogue.ProjectTargets.Count >= 20);
        Assert.Equal(Catalogue.ProjectTargets.Count, Catalogue.ProjectTargets.Select(p => p.Key).Distinct().Count());
        var chineseNumerals = new Dictionary<double, string> { [2] = "两", [6] = "六", [10000] = "万" };
        foreach (var p in Catalogue.ProjectTargets)
        {
            Assert.Contains(p.Quote, SeedText);
            Assert.InRange(p.Column, 2, 22);
            var written = p.Target.ToString(CultureInfo.InvariantCulture);
            Assert.True(p.Quote.Contains(written, StringComparison.Ordinal)
                || (chineseNumerals.TryGetValue(p.Target, out var zh) && p.Quote.Contains(zh, StringComparison.Ordinal))
                || (p.Target == 2 && p.Quote.Contains("翻一番", StringComparison.Ordinal)),
                $"{p.Key}: quote '{p.Quote}' does not contain {written}");
            // and the quote sits inside its own box
            var box = SeedText.IndexOf($"专栏 {p.Column} ", StringComparison.Ordinal) is var a and >= 0 ? a : SeedText.IndexOf($"专栏{p.Column} ", StringComparison.Ordinal);
            Assert.True(box >= 0 && SeedText.IndexOf(p.Quote, box, StringComparison.Ordinal) >= 0);
        }
    }

    [Fact]
    public void ProjectTargets_IncludeTheNamedExamples()
    {
        var byKey = Catalogue.ProjectTargets.ToDictionary(p => p.Key);
        Assert.Equal(150, byKey["z9.2.secondary-nodes"].Target);
        Assert.Equal(500, byKey["z9.2.identifier-registrations"].Target);
        Assert.Equal(150, byKey["z9.1.intranet-upgrade-benchmarks"].Target);
        Assert.Equal(20, byKey["z9.1.5g-fully-connected-factory-industries"].Target);
        Assert.Equal(2, byKey["z7.3.cable-repair-ships"].Target);
        Assert.Equal(50, byKey["z19.1.cybersecurity-labs"].Target);
        Assert.Equal(3, byKey["z4.4.ipv6-single-stack-pilots"].Target);
        Assert.Equal(20, byKey["z5.1.mobile-iot-connections"].Target);
        Assert.Equal(80, byKey["z22.3.village-5g-coverage"].Target);
    }

    [Fact]
    public void SeedCopy_IsTheSharedSeed_WhenPresent()
    {
        // The repository carries a copy of the plan so tests run anywhere; where the shared seed
        // sits beside the clone (CI), the copy must be identical.
        var shared = Path.Combine(RepoRoot, "..", "shared", "seed", "000_ca9b6f1a687e5317.txt");
        if (File.Exists(shared))
        {
            Assert.Equal(File.ReadAllText(shared), SeedText);
        }
        Assert.Contains("专栏 1 “十四五”时期信息通信行业发展主要指标", SeedText);
    }

    private static double Number(string text) =>
        double.Parse(NumberPattern().Match(text).Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex NumberPattern();
}
