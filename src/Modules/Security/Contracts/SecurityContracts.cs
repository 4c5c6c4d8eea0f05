namespace IctGov.Security.Contracts;

/// <summary>
/// A CVSS vector scored by the platform (FIRST CVSS v3.1 or v4.0): the canonical vector, the scores
/// the vector's metric groups allow, and the qualitative rating of the headline score.
/// </summary>
/// <param name="Version">"3.1" or "4.0".</param>
/// <param name="Vector">The vector as the specification writes it (metrics in its order, "not defined" left out).</param>
/// <param name="Score">The headline score: v3.1's environmental score when an environmental metric is given, else its temporal score (the base score when no temporal metric is given either), v4.0's score.</param>
/// <param name="Severity">None, Low, Medium, High or Critical for <paramref name="Score"/>.</param>
/// <param name="BaseScore">v3.1's base score; for v4.0 the score of the base metrics alone.</param>
/// <param name="TemporalScore">v3.1 only: the base score adjusted by the temporal metrics.</param>
/// <param name="Nomenclature">v4.0 only: CVSS-B, CVSS-BT, CVSS-BE or CVSS-BTE.</param>
/// <param name="MacroVector">v4.0 only: the six equivalence-class levels the score was looked up with.</param>
public sealed record CvssScore(
    string Version,
    string Vector,
    double Score,
    string Severity,
    double BaseScore,
    double? TemporalScore,
    string? Nomenclature,
    string? MacroVector);
