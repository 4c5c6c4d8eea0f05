using IctGov.Identifiers.Statistics;

namespace IctGov.Identifiers.Nodes;

/// <summary>Stands in until the statistics register a real meter (AddHandleNode only adds it when none is registered).</summary>
internal sealed class NullResolutionMeter : IResolutionMeter
{
    public void Resolved(string prefix, bool found)
    {
    }
}
