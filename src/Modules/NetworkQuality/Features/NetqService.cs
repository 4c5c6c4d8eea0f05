using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Security;
using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Data;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.NetworkQuality.Features;

/// <summary>The module's face to the command line (see <see cref="INetworkQualityService"/>).</summary>
// A singleton (the store is one per process), so the actor is read per call from a scope: in a
// request it is the request's actor, on the command line the local system (system:cli).
internal sealed class NetqService(NetqStore store, Importer importer, Analytics analytics, IAuditLog audit, IServiceScopeFactory scopes) : INetworkQualityService
{
    public Task<NetqImportReport> ImportFileAsync(string path, string? format, CancellationToken ct = default) =>
        importer.ImportFileAsync(path, format, CurrentActor(), ct);

    public async Task WriteSummaryAsync(NetqQuery query, Stream output, NetqOutputFormat format, CancellationToken ct = default)
    {
        await using var c = await store.OpenAsync(ct);
        using var cmd = c.CreateCommand();
        cmd.CommandText = analytics.SummarySql(query, cmd);
        using var reader = await cmd.ExecuteReaderAsync(ct);
        await RowWriter.WriteAsync(reader, output, format, ct);
    }

    public string SummarySql(NetqQuery query)
    {
        using var cmd = new DuckDBCommand();
        var sql = analytics.SummarySql(query, cmd);
        // Longest names first, so that $to never replaces the start of a longer parameter name.
        foreach (var p in cmd.Parameters.Cast<DuckDBParameter>().OrderByDescending(p => p.ParameterName.Length))
        {
            var literal = p.Value is DateTime d ? $"DATE '{d:yyyy-MM-dd}'" : NetqStore.Literal(Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "");
            sql = sql.Replace("$" + p.ParameterName, literal, StringComparison.Ordinal);
        }
        return sql;
    }

    /// <summary>Rebuilds the roll-ups and records it; appended after the DuckDB commit for the reason given on <see cref="Importer"/>.</summary>
    public async Task RebuildRollupsAsync(CancellationToken ct = default)
    {
        var rows = await store.RebuildRollupsAsync(ct);
        var after = JsonSerializer.Serialize(new { rows });
        await audit.AppendAsync(new AuditEntry(CurrentActor().Id, "netq.rebuild-rollups", "netq_rollups", "all", null, after), null, CancellationToken.None);
    }

    private Actor CurrentActor()
    {
        using var scope = scopes.CreateScope();
        // The Access module provides the accessor on the platform; the module on its own acts as itself.
        return scope.ServiceProvider.GetService<IActorAccessor>()?.Current ?? Actor.System("netq");
    }
}
