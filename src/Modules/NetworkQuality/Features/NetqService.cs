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

    public string? SummarySql(IReadOnlyDictionary<string, string?> query, out IReadOnlyDictionary<string, string[]> problems)
    {
        var q = NetqQuery.TryParse(query, out var found);
        problems = found;
        if (q is null) return null;
        using var cmd = new DuckDB.NET.Data.DuckDBCommand();
        var sql = analytics.SummarySql(q, cmd);
        // Longest names first, so that $to never replaces the start of a longer parameter name.
        foreach (var p in cmd.Parameters.Cast<DuckDB.NET.Data.DuckDBParameter>().OrderByDescending(p => p.ParameterName.Length))
        {
            var literal = p.Value is DateTime d ? $"DATE '{d:yyyy-MM-dd}'" : NetqStore.Literal(Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
            sql = sql.Replace("$" + p.ParameterName, literal, StringComparison.Ordinal);
        }
        return sql;
    }

    public Task RebuildRollupsAsync(CancellationToken ct = default) => store.RebuildRollupsAsync(ct);
}
