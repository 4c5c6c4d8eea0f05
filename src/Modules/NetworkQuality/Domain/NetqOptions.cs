namespace IctGov.NetworkQuality.Domain;

/// <summary>The bar a technology is held to: a test meets it when both rates reach the minimums.</summary>
internal sealed record Bar(double DownMbps, double UpMbps);

/// <summary>
/// Settings of the network-quality statistics. The defaults are the platform's, documented in
/// docs/NETWORK-QUALITY.md; a deployment overrides them in the <c>NetworkQuality</c> configuration section.
/// </summary>
internal sealed class NetqOptions
{
    /// <summary>
    /// Bars per technology. The plan holds public 5G to 100 Mbps down and 5 Mbps up at the cell
    /// edge; other technologies have no bar unless configured (their share is then null).
    /// </summary>
    public Dictionary<string, Bar> Bars { get; init; } = new(StringComparer.Ordinal)
    {
        ["5g-sa"] = new(100, 5),
        ["5g-nsa"] = new(100, 5),
    };

    /// <summary>Local (Asia/Shanghai) hours counted as busy: 19:00–22:59 by default.</summary>
    public int[] BusyHours { get; set; } = [19, 20, 21, 22];

    /// <summary>Weight of the busy-hour mean in the busy/idle weighted rate; idle hours get the rest.</summary>
    public double BusyWeight { get; init; } = 0.6;

    /// <summary>Share by which a p5 may fall below its trailing four-week baseline before an alert.</summary>
    public double AlertDrop { get; init; } = 0.2;

    /// <summary>Tests a group needs (in the week and in the baseline) before it can raise an alert.</summary>
    public int AlertMinTests { get; init; } = 30;

    /// <summary>
    /// DuckDB's memory limit for the store (DuckDB syntax, e.g. "4GB"). Beyond it large imports and
    /// roll-up rebuilds spill to &lt;data&gt;/netq/tmp instead of taking most of the machine's memory.
    /// </summary>
    public string MemoryLimit { get; init; } = "4GB";

    /// <summary>Largest batch the probe push endpoint accepts in one request.</summary>
    public int MaxPushBatch { get; init; } = 50_000;

    /// <summary>
    /// Autonomous systems of the four operators, for M-Lab NDT rows (which carry the client's AS,
    /// not an operator). Rows of other networks are skipped with a reason.
    /// </summary>
    public Dictionary<long, string> OperatorAsns { get; init; } = new()
    {
        [4134] = "ct", [4809] = "ct", [4812] = "ct", [4816] = "ct", [23724] = "ct",
        [9808] = "cm", [56040] = "cm", [56041] = "cm", [56042] = "cm", [56044] = "cm", [56046] = "cm", [56047] = "cm", [56048] = "cm", [24400] = "cm",
        [4837] = "cu", [4808] = "cu", [9929] = "cu", [17621] = "cu", [17622] = "cu", [17623] = "cu", [17816] = "cu",
    };

    /// <summary>Checks the settings once at start-up, so a bad configuration fails loudly.</summary>
    public void Validate()
    {
        if (BusyHours.Any(h => h is < 0 or > 23) || BusyHours.Distinct().Count() != BusyHours.Length || BusyHours.Length is 0 or 24)
        {
            throw new InvalidOperationException("NetworkQuality:BusyHours must be distinct hours 0–23, at least one and not all 24");
        }
        if (BusyWeight is < 0 or > 1 || double.IsNaN(BusyWeight)) throw new InvalidOperationException("NetworkQuality:BusyWeight must be within 0–1");
        if (AlertDrop is <= 0 or >= 1 || double.IsNaN(AlertDrop)) throw new InvalidOperationException("NetworkQuality:AlertDrop must be within (0, 1)");
        foreach (var (tech, bar) in Bars)
        {
            if (!Codes.Technologies.Contains(tech)) throw new InvalidOperationException($"NetworkQuality:Bars: unknown technology '{tech}'");
            if (!(bar.DownMbps >= 0 && bar.UpMbps >= 0)) throw new InvalidOperationException($"NetworkQuality:Bars:{tech}: rates must be ≥ 0");
        }
    }
}
