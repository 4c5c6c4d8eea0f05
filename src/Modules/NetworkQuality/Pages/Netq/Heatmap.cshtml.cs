using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Domain;
using IctGov.NetworkQuality.Features;

namespace IctGov.NetworkQuality.Pages.Netq;

/// <summary>Hour of day × day: where and when rates sag.</summary>
internal sealed class HeatmapModel(Analytics analytics, NetqOptions options) : NetqPage(analytics, options)
{
    internal IReadOnlyList<RollupRow> Cells { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = Filter(errors);
        Problems = errors;
        if (errors.Count == 0) Cells = await Analytics.FromRollupsAsync(new NetqQuery([NetqDimension.Day, NetqDimension.Hour], filter), ct);
    }
}
