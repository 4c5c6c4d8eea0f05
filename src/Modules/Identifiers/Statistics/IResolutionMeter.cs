namespace IctGov.Identifiers.Statistics;

/// <summary>
/// Counts resolutions for the statistics (resolutions per day, by prefix). The protocol servers
/// and the REST API call it on every answered resolution, so it must not block or touch the
/// database on the hot path: implementations count in memory and flush periodically.
/// </summary>
internal interface IResolutionMeter
{
    /// <summary>One answered resolution of a handle under <paramref name="prefix"/>; <paramref name="found"/> false for "handle not found".</summary>
    void Resolved(string prefix, bool found);
}
