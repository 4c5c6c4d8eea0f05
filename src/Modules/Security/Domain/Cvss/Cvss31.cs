namespace IctGov.Security.Domain.Cvss;

/// <summary>
/// A CVSS v3.1 vector and its scores, by the FIRST specification's section 7 formulas (base,
/// temporal, environmental) with its Appendix A <c>Roundup</c>, which works in integers so that
/// floating-point error never moves a score by 0.1.
/// </summary>
internal sealed class Cvss31
{
    public const string Label = "CVSS:3.1";

    // Table 15 of the specification, in its preferred order; "X" is "Not Defined".
    internal static readonly CvssMetric[] Metrics =
    [
        new("AV", ["N", "A", "L", "P"], true),
        new("AC", ["L", "H"], true),
        new("PR", ["N", "L", "H"], true),
        new("UI", ["N", "R"], true),
        new("S", ["U", "C"], true),
        new("C", ["H", "L", "N"], true),
        new("I", ["H", "L", "N"], true),
        new("A", ["H", "L", "N"], true),
        new("E", ["X", "H", "F", "P", "U"], false),
        new("RL", ["X", "U", "W", "T", "O"], false),
        new("RC", ["X", "C", "R", "U"], false),
        new("CR", ["X", "H", "M", "L"], false),
        new("IR", ["X", "H", "M", "L"], false),
        new("AR", ["X", "H", "M", "L"], false),
        new("MAV", ["X", "N", "A", "L", "P"], false),
        new("MAC", ["X", "L", "H"], false),
        new("MPR", ["X", "N", "L", "H"], false),
        new("MUI", ["X", "N", "R"], false),
        new("MS", ["X", "U", "C"], false),
        new("MC", ["X", "N", "L", "H"], false),
        new("MI", ["X", "N", "L", "H"], false),
        new("MA", ["X", "N", "L", "H"], false),
    ];

    private readonly Dictionary<string, string> values;

    private Cvss31(Dictionary<string, string> values)
    {
        this.values = values;
        BaseScore = ComputeBase();
        TemporalScore = Roundup(BaseScore * Weight("E") * Weight("RL") * Weight("RC"));
        EnvironmentalScore = ComputeEnvironmental();
    }

    /// <summary>The vector as the specification writes it (metrics in Table 15's order, "not defined" left out).</summary>
    public string Vector => CvssVectorReader.Write(Label, Metrics, values);

    public double BaseScore { get; }

    /// <summary>The base score adjusted by the temporal metrics (equal to the base score when none is given).</summary>
    public double TemporalScore { get; }

    /// <summary>
    /// The score in the environment the environmental metrics describe. Its formula differs from the
    /// base formula when the scope changes (section 7.3's 0.9731 and exponent 13), so with no
    /// environmental metric it may exceed the base score; <see cref="Score"/> uses it only when
    /// an environmental metric is given.
    /// </summary>
    public double EnvironmentalScore { get; }

    /// <summary>The score of the metric groups the vector gives: environmental, else temporal (the base score when no temporal metric is given).</summary>
    public double Score => Metrics.Skip(11).Any(m => this[m.Key] != "X") ? EnvironmentalScore : TemporalScore;

    public CvssSeverity BaseSeverity => CvssVectorReader.Severity(BaseScore);

    /// <summary>A metric's value as given, "X" when the vector leaves it out.</summary>
    public string this[string metric] => values.GetValueOrDefault(metric, "X");

    public static Cvss31? Parse(string? text, out CvssProblem? problem)
    {
        var read = CvssVectorReader.Read(text, Label, Metrics, ordered: false, out problem);
        return read is null ? null : new Cvss31(read);
    }

    public override string ToString() => Vector;

    private double ComputeBase()
    {
        var changed = this["S"] == "C";
        var iss = 1 - (1 - Impact(this["C"])) * (1 - Impact(this["I"])) * (1 - Impact(this["A"]));
        var impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.Pow(iss - 0.02, 15) : 6.42 * iss;
        var exploitability = 8.22 * AttackVector(this["AV"]) * AttackComplexity(this["AC"]) * Privileges(this["PR"], changed) * UserInteraction(this["UI"]);
        if (impact <= 0) return 0;
        return changed ? Roundup(Math.Min(1.08 * (impact + exploitability), 10)) : Roundup(Math.Min(impact + exploitability, 10));
    }

    private double ComputeEnvironmental()
    {
        // A modified metric left "not defined" takes the base metric's value (section 4.2).
        string Modified(string metric) => this["M" + metric] is var m && m != "X" ? m : this[metric];
        var changed = Modified("S") == "C";
        var miss = Math.Min(1 - (1 - Weight("CR") * Impact(Modified("C"))) * (1 - Weight("IR") * Impact(Modified("I"))) * (1 - Weight("AR") * Impact(Modified("A"))), 0.915);
        var impact = changed ? 7.52 * (miss - 0.029) - 3.25 * Math.Pow(miss * 0.9731 - 0.02, 13) : 6.42 * miss;
        var exploitability = 8.22 * AttackVector(Modified("AV")) * AttackComplexity(Modified("AC")) * Privileges(Modified("PR"), changed) * UserInteraction(Modified("UI"));
        if (impact <= 0) return 0;
        var temporal = Weight("E") * Weight("RL") * Weight("RC");
        return changed
            ? Roundup(Roundup(Math.Min(1.08 * (impact + exploitability), 10)) * temporal)
            : Roundup(Roundup(Math.Min(impact + exploitability, 10)) * temporal);
    }

    /// <summary>
    /// Appendix A: the smallest number with one decimal that is at least the input, computed on
    /// the input scaled to an integer so that 4.000000000001 (a floating-point 4.0) stays 4.0.
    /// </summary>
    internal static double Roundup(double input)
    {
        var scaled = (long)Math.Round(input * 100_000, MidpointRounding.AwayFromZero);
        return scaled % 10_000 == 0 ? scaled / 100_000.0 : (Math.Floor(scaled / 10_000.0) + 1) / 10.0;
    }

    private static double Impact(string value) => value switch { "H" => 0.56, "L" => 0.22, _ => 0 };

    private static double AttackVector(string value) => value switch { "N" => 0.85, "A" => 0.62, "L" => 0.55, _ => 0.2 };

    private static double AttackComplexity(string value) => value == "L" ? 0.77 : 0.44;

    // Privileges weigh more when the scope changes (Table 16).
    private static double Privileges(string value, bool scopeChanged) => value switch
    {
        "N" => 0.85,
        "L" => scopeChanged ? 0.68 : 0.62,
        _ => scopeChanged ? 0.5 : 0.27,
    };

    private static double UserInteraction(string value) => value == "N" ? 0.85 : 0.62;

    private double Weight(string metric) => (metric, this[metric]) switch
    {
        ("E", "F") => 0.97,
        ("E", "P") => 0.94,
        ("E", "U") => 0.91,
        ("RL", "W") => 0.97,
        ("RL", "T") => 0.96,
        ("RL", "O") => 0.95,
        ("RC", "R") => 0.96,
        ("RC", "U") => 0.92,
        ("CR" or "IR" or "AR", "H") => 1.5,
        ("CR" or "IR" or "AR", "L") => 0.5,
        _ => 1,
    };
}
