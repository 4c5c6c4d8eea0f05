using System.Collections.Frozen;
using System.Text.Json;

namespace IctGov.Security.Domain.Cvss;

/// <summary>
/// A CVSS v4.0 vector and its score (CVSS-B, -BT, -BE or -BTE by the metrics given), by the FIRST
/// specification's section 8: the vector falls in one MacroVector (six equivalence classes), whose
/// score comes from the published table; the score then moves down towards the next lower
/// MacroVectors by how far the vector is from its MacroVector's highest-severity vectors.
/// Arithmetic, order of operations and rounding follow FIRST's reference calculator, so the
/// scores are the calculator's to the last decimal.
/// </summary>
internal sealed class Cvss40
{
    public const string Label = "CVSS:4.0";

    // Table 23 of the specification: base, threat, environmental, supplemental, in the fixed order.
    internal static readonly CvssMetric[] Metrics =
    [
        new("AV", ["N", "A", "L", "P"], true),
        new("AC", ["L", "H"], true),
        new("AT", ["N", "P"], true),
        new("PR", ["N", "L", "H"], true),
        new("UI", ["N", "P", "A"], true),
        new("VC", ["H", "L", "N"], true),
        new("VI", ["H", "L", "N"], true),
        new("VA", ["H", "L", "N"], true),
        new("SC", ["H", "L", "N"], true),
        new("SI", ["H", "L", "N"], true),
        new("SA", ["H", "L", "N"], true),
        new("E", ["X", "A", "P", "U"], false),
        new("CR", ["X", "H", "M", "L"], false),
        new("IR", ["X", "H", "M", "L"], false),
        new("AR", ["X", "H", "M", "L"], false),
        new("MAV", ["X", "N", "A", "L", "P"], false),
        new("MAC", ["X", "L", "H"], false),
        new("MAT", ["X", "N", "P"], false),
        new("MPR", ["X", "N", "L", "H"], false),
        new("MUI", ["X", "N", "P", "A"], false),
        new("MVC", ["X", "H", "L", "N"], false),
        new("MVI", ["X", "H", "L", "N"], false),
        new("MVA", ["X", "H", "L", "N"], false),
        new("MSC", ["X", "H", "L", "N"], false),
        new("MSI", ["X", "S", "H", "L", "N"], false),
        new("MSA", ["X", "S", "H", "L", "N"], false),
        new("S", ["X", "N", "P"], false),
        new("AU", ["X", "N", "Y"], false),
        new("R", ["X", "A", "U", "I"], false),
        new("V", ["X", "D", "C"], false),
        new("RE", ["X", "L", "M", "H"], false),
        new("U", ["X", "Clear", "Green", "Amber", "Red"], false),
    ];

    private static readonly string[] ThreatMetrics = ["E"];
    private static readonly string[] EnvironmentalMetrics = ["CR", "IR", "AR", "MAV", "MAC", "MAT", "MPR", "MUI", "MVC", "MVI", "MVA", "MSC", "MSI", "MSA"];

    /// <summary>The MacroVector scores (Domain/Cvss/cvss-v4.0-macrovectors.json, from FIRST's calculator).</summary>
    internal static readonly FrozenDictionary<string, double> MacroVectorScores = LoadMacroVectorScores();

    // The severity level of each value within its metric, in tenths (section 8.2's "severity distance").
    private static readonly FrozenDictionary<string, FrozenDictionary<string, double>> Levels = new Dictionary<string, FrozenDictionary<string, double>>
    {
        ["AV"] = Level(("N", 0.0), ("A", 0.1), ("L", 0.2), ("P", 0.3)),
        ["PR"] = Level(("N", 0.0), ("L", 0.1), ("H", 0.2)),
        ["UI"] = Level(("N", 0.0), ("P", 0.1), ("A", 0.2)),
        ["AC"] = Level(("L", 0.0), ("H", 0.1)),
        ["AT"] = Level(("N", 0.0), ("P", 0.1)),
        ["VC"] = Level(("H", 0.0), ("L", 0.1), ("N", 0.2)),
        ["VI"] = Level(("H", 0.0), ("L", 0.1), ("N", 0.2)),
        ["VA"] = Level(("H", 0.0), ("L", 0.1), ("N", 0.2)),
        ["SC"] = Level(("H", 0.1), ("L", 0.2), ("N", 0.3)),
        ["SI"] = Level(("S", 0.0), ("H", 0.1), ("L", 0.2), ("N", 0.3)),
        ["SA"] = Level(("S", 0.0), ("H", 0.1), ("L", 0.2), ("N", 0.3)),
        ["CR"] = Level(("H", 0.0), ("M", 0.1), ("L", 0.2)),
        ["IR"] = Level(("H", 0.0), ("M", 0.1), ("L", 0.2)),
        ["AR"] = Level(("H", 0.0), ("M", 0.1), ("L", 0.2)),
        ["E"] = Level(("U", 0.2), ("P", 0.1), ("A", 0.0)),
    }.ToFrozenDictionary();

    // The highest-severity vectors of each EQ level (FIRST calculator max_composed.js; EQ3 and EQ6
    // are taken together, keyed by the EQ3 level then the EQ6 level).
    private static readonly string[][] Eq1Max = [["AV:N/PR:N/UI:N"], ["AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"], ["AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"]];
    private static readonly string[][] Eq2Max = [["AC:L/AT:N"], ["AC:H/AT:N", "AC:L/AT:P"]];
    private static readonly string[][][] Eq3Eq6Max =
    [
        [["VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"], ["VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"]],
        [["VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"], ["VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M"]],
        [[], ["VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"]],
    ];
    private static readonly string[][] Eq4Max = [["SC:H/SI:S/SA:S"], ["SC:H/SI:H/SA:H"], ["SC:L/SI:L/SA:L"]];
    private static readonly string[][] Eq5Max = [["E:A"], ["E:P"], ["E:U"]];

    // The depth of each EQ level in severity-distance steps, plus one (max_severity.js).
    private static readonly int[] Eq1Depth = [1, 4, 5];
    private static readonly int[] Eq2Depth = [1, 2];
    private static readonly int[][] Eq3Eq6Depth = [[7, 6], [8, 8], [0, 10]];
    private static readonly int[] Eq4Depth = [6, 5, 4];

    private readonly Dictionary<string, string> values;

    private Cvss40(Dictionary<string, string> values)
    {
        this.values = values;
        MacroVector = ComputeMacroVector();
        Score = ComputeScore();
    }

    public string Vector => CvssVectorReader.Write(Label, Metrics, values);

    /// <summary>The six EQ levels, e.g. <c>000200</c>.</summary>
    public string MacroVector { get; }

    public double Score { get; }

    public CvssSeverity Severity => CvssVectorReader.Severity(Score);

    /// <summary>CVSS-B, CVSS-BT, CVSS-BE or CVSS-BTE: which metric groups the score reflects (section 1.3).</summary>
    public string Nomenclature =>
        "CVSS-B" + (ThreatMetrics.Any(Given) ? "T" : "") + (EnvironmentalMetrics.Any(Given) ? "E" : "");

    public string this[string metric] => values.GetValueOrDefault(metric, "X");

    public static Cvss40? Parse(string? text, out CvssProblem? problem)
    {
        var read = CvssVectorReader.Read(text, Label, Metrics, ordered: true, out problem);
        return read is null ? null : new Cvss40(read);
    }

    public override string ToString() => Vector;

    private bool Given(string metric) => this[metric] != "X";

    /// <summary>
    /// The value the score uses: threat and requirement metrics not defined count as their worst
    /// case (E:A, CR/IR/AR:H); a modified base metric, when given, replaces the base metric.
    /// </summary>
    private string Effective(string metric)
    {
        var value = this[metric];
        if (value == "X")
        {
            switch (metric)
            {
                case "E": return "A";
                case "CR" or "IR" or "AR": return "H";
            }
        }
        return values.TryGetValue("M" + metric, out var modified) && modified != "X" ? modified : value;
    }

    private string ComputeMacroVector()
    {
        string av = Effective("AV"), pr = Effective("PR"), ui = Effective("UI");
        var eq1 = av == "N" && pr == "N" && ui == "N" ? 0 : (av == "N" || pr == "N" || ui == "N") && av != "P" ? 1 : 2;
        var eq2 = Effective("AC") == "L" && Effective("AT") == "N" ? 0 : 1;
        string vc = Effective("VC"), vi = Effective("VI"), va = Effective("VA");
        var eq3 = vc == "H" && vi == "H" ? 0 : vc == "H" || vi == "H" || va == "H" ? 1 : 2;
        var eq4 = Effective("MSI") == "S" || Effective("MSA") == "S" ? 0
            : Effective("SC") == "H" || Effective("SI") == "H" || Effective("SA") == "H" ? 1 : 2;
        var eq5 = Effective("E") switch { "A" => 0, "P" => 1, _ => 2 };
        var eq6 = (Effective("CR") == "H" && vc == "H") || (Effective("IR") == "H" && vi == "H") || (Effective("AR") == "H" && va == "H") ? 0 : 1;
        return $"{eq1}{eq2}{eq3}{eq4}{eq5}{eq6}";
    }

    private double ComputeScore()
    {
        string[] impacts = ["VC", "VI", "VA", "SC", "SI", "SA"];
        if (impacts.All(m => Effective(m) == "N")) return 0;

        var eq = MacroVector.Select(c => c - '0').ToArray();
        var value = MacroVectorScores[MacroVector];

        // The score of the next lower MacroVector along each EQ; null where there is none.
        double? Lower(int index, int step = 1)
        {
            var next = (int[])eq.Clone();
            next[index] += step;
            return MacroVectorScores.TryGetValue(string.Concat(next), out var s) ? s : null;
        }
        double? lowerEq3Eq6;
        if (eq[2] == 0 && eq[5] == 0)
        {
            // 00 has two lower neighbours, 01 and 10; the higher of them counts (NaN in the
            // calculator when either is missing, which never happens in the table).
            var left = Lower(5);
            var right = Lower(2);
            lowerEq3Eq6 = left is null || right is null ? null : Math.Max(left.Value, right.Value);
        }
        else if (eq[2] == 1 && eq[5] == 0)
        {
            lowerEq3Eq6 = Lower(5);
        }
        else if (eq[2] == 2 && eq[5] == 1)
        {
            lowerEq3Eq6 = LowerBoth();
        }
        else
        {
            lowerEq3Eq6 = Lower(2);
        }
        double? LowerBoth()
        {
            var next = (int[])eq.Clone();
            next[2]++;
            next[5]++;
            return MacroVectorScores.TryGetValue(string.Concat(next), out var s) ? s : null;
        }

        // The highest-severity vector of this MacroVector that the vector does not exceed in any metric.
        Dictionary<string, double>? distances = null;
        foreach (var max in Combine(Eq1Max[eq[0]], Eq2Max[eq[1]], Eq3Eq6Max[eq[2]][eq[5]], Eq4Max[eq[3]], Eq5Max[eq[4]]))
        {
            distances = Distances(max);
            if (distances.Values.All(d => d >= 0)) break;
        }

        const double Step = 0.1;
        var current = new double?[]
        {
            distances!["AV"] + distances["PR"] + distances["UI"],
            distances["AC"] + distances["AT"],
            distances["VC"] + distances["VI"] + distances["VA"] + distances["CR"] + distances["IR"] + distances["AR"],
            distances["SC"] + distances["SI"] + distances["SA"],
            0,
        };
        var depth = new[]
        {
            Eq1Depth[eq[0]] * Step,
            Eq2Depth[eq[1]] * Step,
            Eq3Eq6Depth[eq[2]][eq[5]] * Step,
            Eq4Depth[eq[3]] * Step,
            1,
        };
        var lower = new[] { Lower(0), Lower(1), lowerEq3Eq6, Lower(3), Lower(4) };

        var existing = 0;
        var sum = 0.0;
        for (var i = 0; i < lower.Length; i++)
        {
            if (lower[i] is not { } next) continue;
            existing++;
            // EQ5 has no depth: its proportion is always 0 (the calculator's percent_to_next_eq5_severity).
            var proportion = i == 4 ? 0 : current[i]!.Value / depth[i];
            sum += (value - next) * proportion;
        }
        var mean = existing == 0 ? 0 : sum / existing;
        return RoundHalfUp(Math.Max(0, Math.Min(10, value - mean)));
    }

    private Dictionary<string, double> Distances(string maxVector)
    {
        var max = maxVector.Split('/').Select(p => p.Split(':')).ToDictionary(p => p[0], p => p[1]);
        return Levels.ToDictionary(l => l.Key, l => l.Value[Effective(l.Key)] - l.Value[max[l.Key]]);
    }

    private static IEnumerable<string> Combine(params string[][] parts)
    {
        IEnumerable<string> combined = [""];
        foreach (var part in parts)
        {
            combined = combined.SelectMany(prefix => part.Select(p => prefix.Length == 0 ? p : prefix + "/" + p)).ToList();
        }
        return combined;
    }

    /// <summary>
    /// One decimal, halves up, after adding 10⁻⁶ so that a value like 8.6 − 7.15 = 1.4499999999999993
    /// rounds as the 1.45 it stands for (the reference calculator's <c>roundToDecimalPlaces</c>).
    /// </summary>
    private static double RoundHalfUp(double value) => Math.Floor((value + 1e-6) * 10 + 0.5) / 10;

    private static FrozenDictionary<string, double> Level(params (string Value, double Level)[] levels) =>
        levels.ToFrozenDictionary(l => l.Value, l => l.Level);

    private static FrozenDictionary<string, double> LoadMacroVectorScores()
    {
        using var stream = typeof(Cvss40).Assembly.GetManifestResourceStream("cvss-v4.0-macrovectors.json")
            ?? throw new InvalidOperationException("the CVSS v4.0 MacroVector table is not embedded in the assembly");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("scores").EnumerateObject().ToFrozenDictionary(p => p.Name, p => p.Value.GetDouble());
    }
}
