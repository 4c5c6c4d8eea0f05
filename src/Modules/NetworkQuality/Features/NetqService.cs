using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Data;

namespace IctGov.NetworkQuality.Features;

/// <summary>The module's face to the command line (see <see cref="INetworkQualityService"/>).</summary>
internal sealed class NetqService(NetqStore store, Importer importer, Analytics analytics) : INetworkQualityService
{
    public Task<NetqImportReport> ImportFileAsync(string path, string? format, CancellationToken ct = default) =>
        importer.ImportFileAsync(path, format, ct);

    public async Task<IReadOnlyDictionary<string, string[]>?> WriteSummaryAsync(IReadOnlyDictionary<string, string?> query, Stream output, NetqOutputFormat format, CancellationToken ct = default)
    {
        if (NetqQuery.TryParse(query, out var problems) is not { } q) return problems;
        await using var c = await store.OpenAsync(ct);
        using var cmd = c.CreateCommand();
        cmd.CommandText = analytics.SummarySql(q, cmd);
        using var reader = await cmd.ExecuteReaderAsync(ct);
        await RowWriter.WriteAsync(reader, output, format, ct);
        return null;
    }

    public Task RebuildRollupsAsync(CancellationToken ct = default) => store.RebuildRollupsAsync(ct);
}
