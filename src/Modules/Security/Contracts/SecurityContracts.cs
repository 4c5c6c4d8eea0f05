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

/// <summary>A network asset of the resource library (one system of one organisation).</summary>
/// <param name="OrganisationCode">The organisation's unified social credit code (GB 32100).</param>
/// <param name="OrganisationName">The organisation's name.</param>
/// <param name="System">The system's name, unique within its organisation.</param>
/// <param name="Region">The GB/T 2260 province code of the administration responsible for it.</param>
/// <param name="Criticality">critical, high, medium or low.</param>
/// <param name="IpPrefixes">Its address space, canonical CIDR prefixes.</param>
/// <param name="Domains">Its domain names, lowercase.</param>
/// <param name="Products">What it runs, as CPE 2.3 names.</param>
public sealed record AssetView(long Id, string OrganisationCode, string OrganisationName, string System, string Region, string Criticality,
    IReadOnlyList<string> IpPrefixes, IReadOnlyList<string> Domains, IReadOnlyList<string> Products);

/// <summary>A vulnerability of the national library with the scores the platform computed from its vectors.</summary>
/// <param name="CnvdId">The CNVD-style id, CNVD-yyyy-nnnnn.</param>
/// <param name="CveId">The CVE id when one is assigned.</param>
/// <param name="Title">What the vulnerability is.</param>
/// <param name="Cvss31">The CVSS v3.1 vector and score, when given.</param>
/// <param name="Cvss40">The CVSS v4.0 vector and score, when given.</param>
/// <param name="Severity">The rating of the v4.0 score when given, else of the v3.1 score.</param>
/// <param name="Exploited">Exploited in the wild.</param>
/// <param name="Affected">Affected products as CPE 2.3 names (ANY and wildcards allowed).</param>
/// <param name="Published">The date it was published.</param>
public sealed record VulnerabilityView(long Id, string CnvdId, string? CveId, string Title, CvssScore? Cvss31, CvssScore? Cvss40, string Severity,
    bool Exploited, IReadOnlyList<string> Affected, DateOnly? Published);

/// <summary>What an import did: rows added and rows that replaced an existing record (same key).</summary>
public sealed record ImportReceipt(int Added, int Replaced);

/// <summary>An asset a vulnerability affects, with the asset's product and the vulnerability's CPE name that matched it.</summary>
public sealed record AffectedAsset(AssetView Asset, string Product, string MatchedBy);
