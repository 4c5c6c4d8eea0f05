using System.Text;
using IctGov.Security.Domain.Cvss;

namespace IctGov.Security.Tests;

/// <summary>
/// The vector parsers fed thousands of broken vectors, built from valid ones by the mistakes people
/// and tools make (a part dropped, doubled or moved; a value from another metric or version; a
/// separator changed; stray characters, full-width forms, controls, surrogates): each gives a
/// vector or a problem naming a metric, never throws, and what it accepts is canonical (parsing
/// its own output gives the same vector and score).
/// </summary>
public class CvssFuzzTests
{
    private const int Rounds = 5000;

    private static readonly string[] Tricky = ["/", ":", "", " ", "\t", "\0", "\uFF1A", "\uFF0F", "\u200B", "\uD800", "😀", "X", "x", "H", "S", "Red", "CVSS:3.1", "CVSS:4.0", "AV", "M", "//", "::", "\r\n", "é"];

    [Fact]
    public void Cvss31_NeverThrows_NamesAMetric_AndRoundTrips() => Check(
        Cvss31.Metrics,
        ["CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "CVSS:3.1/AV:L/AC:H/PR:H/UI:N/S:U/C:H/I:N/A:L/E:P/RL:O/RC:C/CR:H/IR:M/AR:L/MAV:A/MAC:L/MPR:N/MUI:R/MS:C/MC:N/MI:L/MA:H"],
        31,
        text => Cvss31.Parse(text, out var problem) is { } v ? (v.Vector, v.Score, null) : (null, 0, problem));

    [Fact]
    public void Cvss40_NeverThrows_NamesAMetric_AndRoundTrips() => Check(
        Cvss40.Metrics,
        ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:A/VC:L/VI:N/VA:H/SC:H/SI:L/SA:N/E:P/CR:H/IR:M/AR:L/MAV:L/MAC:H/MAT:N/MPR:H/MUI:P/MVC:N/MVI:L/MVA:H/MSC:L/MSI:S/MSA:S/S:P/AU:Y/R:U/V:C/RE:M/U:Amber"],
        40,
        text => Cvss40.Parse(text, out var problem) is { } v ? (v.Vector, v.Score, null) : (null, 0, problem));

    private static void Check(CvssMetric[] versionMetrics, string[] seeds, int seed, Func<string, (string? Vector, double Score, CvssProblem? Problem)> parse)
    {
        var metrics = versionMetrics.Select(m => m.Key).Append("CVSS").ToHashSet();
        foreach (var text in Mutations(seeds, seed))
        {
            var (vector, score, problem) = parse(text);
            if (vector is null)
            {
                Assert.True(problem is not null && problem.Metric.Length > 0 && problem.Message.Length > 0, text);
                // The metric named is one of the version's, or the unknown key exactly as it was written.
                Assert.True(metrics.Contains(problem.Metric) || text.Contains(problem.Metric.TrimEnd('…'), StringComparison.Ordinal), $"{text} → {problem}");
            }
            else
            {
                Assert.InRange(score, 0, 10);
                var again = parse(vector);
                Assert.Equal((vector, score), (again.Vector, again.Score));
            }
        }
    }

    private static IEnumerable<string> Mutations(string[] seeds, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Rounds; i++)
        {
            var parts = seeds[random.Next(seeds.Length)].Split('/').ToList();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(parts.Count);
                switch (random.Next(7))
                {
                    case 0: // a part dropped
                        parts.RemoveAt(at);
                        break;
                    case 1: // a part doubled
                        parts.Insert(at, parts[random.Next(parts.Count)]);
                        break;
                    case 2: // a part moved
                        var moved = parts[at];
                        parts.RemoveAt(at);
                        parts.Insert(random.Next(parts.Count + 1), moved);
                        break;
                    case 3: // another metric's value
                        var other = parts[random.Next(parts.Count)];
                        parts[at] = parts[at].Split(':')[0] + ":" + (other.Contains(':') ? other.Split(':')[1] : other);
                        break;
                    case 4: // stray text inserted into a part
                        var text = new StringBuilder(parts[at]);
                        text.Insert(random.Next(text.Length + 1), Tricky[random.Next(Tricky.Length)]);
                        parts[at] = text.ToString();
                        break;
                    case 5: // a part cut short
                        parts[at] = parts[at][..random.Next(parts[at].Length + 1)];
                        break;
                    default: // the whole vector cut
                        parts = string.Join('/', parts)[..random.Next(string.Join('/', parts).Length + 1)].Split('/').ToList();
                        break;
                }
                if (parts.Count == 0) parts.Add("");
            }
            yield return string.Join('/', parts);
        }
    }
}
