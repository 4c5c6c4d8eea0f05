using System.ComponentModel.DataAnnotations;

namespace IctGov.Numbering.Features;

/// <summary>The module's settings, from the configuration section <c>Numbering</c> (validated at start-up).</summary>
internal sealed class NumberingOptions
{
    /// <summary>Working days to accept or refuse to accept an application (码号办法 2003 art.16).</summary>
    [Range(1, 60)]
    public int AcknowledgeWorkingDays { get; set; } = 10;

    /// <summary>Working days to decide after acceptance (the current service guide: 20, extendable by 10).</summary>
    [Range(1, 60)]
    public int DecideWorkingDays { get; set; } = 20;

    /// <summary>Utilisation below which an allocation is flagged as low (a share, 0–1).</summary>
    [Range(0.0, 1.0)]
    public double LowUtilisation { get; set; } = 0.3;

    /// <summary>Each operator's routing number, the RFC 4694 <c>rn</c> a switch routes a ported number on.</summary>
    public Dictionary<string, string> RoutingNumbers { get; set; } = new()
    {
        ["ct"] = "1900", ["cm"] = "1901", ["cu"] = "1902", ["cbn"] = "1903",
    };
}
