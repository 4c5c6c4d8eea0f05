namespace IctGov.Testing;

/// <summary>Settings every harness starts with, so each test decides what its database holds.</summary>
public static class TestSettings
{
    /// <summary>
    /// A new installation loads the published 2021–2025 record (plan/published-2021-2025.csv); tests start
    /// from an empty record, and a test of the shipped record sets this key to <c>true</c>.
    /// </summary>
    public static readonly KeyValuePair<string, string?> NoPublishedRecord = new("Planning:PublishedRecord:Load", "false");
}
