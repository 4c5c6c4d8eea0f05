using IctGov.NetworkQuality.Features;

namespace IctGov.NetworkQuality.Pages.Netq;

/// <summary>Hour of day × day: where and when rates sag.</summary>
public sealed class HeatmapModel : NetqPage
{
    internal IReadOnlyList<RollupRow> Cells { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (NetqQuery.TryParse(Query("day,hour"), out var problems) is { } q) Cells = await Analytics.FromRollupsAsync(q, ct);
        Problems = problems;
    }
}
