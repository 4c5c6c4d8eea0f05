using System.Text.Json.Nodes;
using IctGov.Market.Contracts;

namespace IctGov.Market.Tests;

/// <summary>
/// The 双随机 draw: ratios per credit level, two inspectors per object, never one of the object's unit or its last
/// inspectors; the same inputs always give the same draw, one changed input another; the published document is
/// re-run exactly by the command line.
/// </summary>
public class InspectionDrawTests
{
    private static DrawInputs Inputs(string announced = "2026-06-05 上证综合指数收盘 3012.45")
    {
        // 20 holders at A, 8 at B, 2 at C; codes need not be valid here, the draw only compares them.
        var objects = Enumerable.Range(0, 30).Select(i => new DrawObject($"9111000000000{i:D5}", i < 20 ? "A" : i < 28 ? "B" : "C")).ToList();
        var inspectors = Enumerable.Range(1, 6).Select(i => new DrawInspector($"J110-{i:D3}", "110000", "110000")).ToList();
        // One inspector is seconded from the C-level holder 28; holder 29 was last checked by 001 and 002.
        inspectors[5] = new DrawInspector("J110-006", "911100000000000028", "110000");
        return new DrawInputs("2026-BJ-01", "110000", "2026年第一批增值电信业务双随机抽查", ["年报信息", "网络与信息安全责任落实"],
            new Dictionary<string, string> { ["A"] = "0.1", ["B"] = "0.25", ["C"] = "1" }, announced, objects, inspectors,
            new Dictionary<string, IReadOnlyList<string>> { ["911100000000000029"] = ["J110-001", "J110-002"] });
    }

    private static (JsonObject Document, IReadOnlyList<DrawPick> Picks) Run(DrawInputs inputs)
    {
        var json = InspectionDraw.ToJson(inputs);
        var seed = InspectionDraw.Seed(json);
        var (picks, problem) = InspectionDraw.Draw(inputs, seed);
        Assert.True(picks is not null, problem);
        return (InspectionDraw.Document(json, seed, picks), picks);
    }

    [Fact]
    public void Draw_TakesEachLevelsShare_TwoEligibleInspectorsEach_AndIsTheSameEveryTime()
    {
        var (doc, picks) = Run(Inputs());
        Assert.Equal([("A", 2), ("B", 2), ("C", 2)], picks.GroupBy(p => p.Level).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())));
        Assert.All(picks, p => Assert.Equal(2, p.Inspectors.Distinct().Count()));
        Assert.DoesNotContain("J110-006", picks.Single(p => p.Code == "911100000000000028").Inspectors);
        Assert.Empty(picks.Single(p => p.Code == "911100000000000029").Inspectors.Intersect(["J110-001", "J110-002"]));
        // The load is spread greedily (the fewest so far first): 12 assignments over 6 inspectors, everyone between one and three.
        var load = picks.SelectMany(p => p.Inspectors).GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(6, load.Count);
        Assert.All(load.Values, n => Assert.InRange(n, 1, 3));
        Assert.Equal(ElectronicLicence.Canonical(doc), ElectronicLicence.Canonical(Run(Inputs()).Document));
        Assert.Matches("^[0-9a-f]{64}$", (string)doc["seed"]!);
    }

    [Fact]
    public void OneChangedInput_ChangesTheSeedAndTheDraw()
    {
        var (doc, picks) = Run(Inputs());
        var (other, otherPicks) = Run(Inputs("2026-06-05 上证综合指数收盘 3012.46"));
        Assert.NotEqual((string)doc["seed"]!, (string)other["seed"]!);
        Assert.NotEqual(ElectronicLicence.Canonical(doc["result"]), ElectronicLicence.Canonical(other["result"]));
        Assert.NotEqual(picks.Select(p => p.Code), otherPicks.Select(p => p.Code));
    }

    [Fact]
    public void ImpossibleDraws_NameTheirCause()
    {
        var inputs = Inputs();
        var few = inputs with { Inspectors = inputs.Inspectors.Take(2).ToList() };
        var (picks, problem) = InspectionDraw.Draw(few, InspectionDraw.Seed(InspectionDraw.ToJson(few)));
        Assert.Null(picks);
        Assert.Contains("911100000000000029", problem, StringComparison.Ordinal);
        var badRatio = inputs with { Ratios = new Dictionary<string, string> { ["A"] = "1.5", ["B"] = "0.1", ["C"] = "1" } };
        Assert.Contains("ratios.A", InspectionDraw.Draw(badRatio, "00").Problem, StringComparison.Ordinal);
        Assert.Contains("level C", InspectionDraw.Draw(inputs with { Ratios = new Dictionary<string, string> { ["A"] = "1", ["B"] = "1" } }, "00").Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishedDraw_IsReproducedByTheCommandLine_AndAChangedOneIsNot()
    {
        var (doc, _) = Run(Inputs());
        Assert.True(InspectionDraw.Rerun(doc.ToJsonString()).Reproduced);
        var dir = Directory.CreateTempSubdirectory("market-draw-").FullName;
        try
        {
            var published = Path.Combine(dir, "draw.json");
            await File.WriteAllTextAsync(published, doc.ToJsonString());
            var ok = await CliRunner.RunAsync(dir, "inspection", "rerun", published);
            Assert.True(ok.Code == 0, ok.Stdout + ok.Stderr);
            Assert.StartsWith("reproduced:", ok.Stdout, StringComparison.Ordinal);

            // An input changed after publication: the seed no longer matches.
            var changedInput = JsonNode.Parse(doc.ToJsonString())!;
            changedInput["inputs"]!["announced"] = "2026-06-05 上证综合指数收盘 3012.46";
            await File.WriteAllTextAsync(Path.Combine(dir, "input.json"), changedInput.ToJsonString());
            var input = await CliRunner.RunAsync(dir, "inspection", "rerun", Path.Combine(dir, "input.json"));
            Assert.Equal(1, input.Code);
            Assert.Contains("inputs were changed", input.Stdout, StringComparison.Ordinal);

            // A result changed after publication: one inspector swapped.
            var changedResult = JsonNode.Parse(doc.ToJsonString())!;
            var first = changedResult["result"]![0]!["inspectors"]!.AsArray();
            first[0] = (string)first[0]! == "J110-003" ? "J110-004" : "J110-003";
            await File.WriteAllTextAsync(Path.Combine(dir, "result.json"), changedResult.ToJsonString());
            var result = await CliRunner.RunAsync(dir, "inspection", "rerun", Path.Combine(dir, "result.json"));
            Assert.Equal(1, result.Code);
            Assert.StartsWith("differs: the published result", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
    private const string Noise = "{}[],:0aJ x\"\\";

    /// <summary>Rerun reads files from anyone: mangled documents are answered, never thrown on, and only a document with the same content reproduces.</summary>
    [Fact]
    public void Rerun_Fuzzed_NeverThrows_AndReproducesOnlyTheSameContent()
    {
        var (doc, _) = Run(Inputs());
        var text = doc.ToJsonString();
        var original = ElectronicLicence.Canonical(doc);
        var random = new Random(20260605);
        for (var n = 0; n < 3000; n++)
        {
            var chars = text.ToCharArray().ToList();
            for (var k = random.Next(1, 4); k > 0; k--)
            {
                var at = random.Next(chars.Count);
                switch (random.Next(3))
                {
                    case 0: chars.RemoveAt(at); break;
                    case 1: chars.Insert(at, Noise[random.Next(Noise.Length)]); break;
                    default: chars[at] = (char)random.Next(32, 127); break;
                }
            }
            var mangled = new string([.. chars]);
            var (reproduced, message) = InspectionDraw.Rerun(mangled);
            Assert.False(string.IsNullOrEmpty(message));
            if (reproduced)
            {
                Assert.Equal(original, ElectronicLicence.Canonical(System.Text.Json.Nodes.JsonNode.Parse(mangled)));
            }
        }
    }
}
