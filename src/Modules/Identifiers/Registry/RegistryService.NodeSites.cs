using System.Text.Json;
using IctGov.Identifiers.Data;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace IctGov.Identifiers.Registry;

// The keys of registered nodes (NodeSites): fetched at registration, given in the request, or refreshed later.
internal sealed partial class RegistryService
{
    /// <summary>
    /// The HS_SITE whose keys the registry publishes for a node being registered or changed: what the node answers now,
    /// else what the request gives, else what was known before.
    /// </summary>
    private async Task<byte[]?> NodeSiteAsync(NodeRequest r, byte[]? before, CancellationToken ct)
    {
        if (r.Prefix is null || r.Role == NodeRoles.PublicRecursive || r.Endpoints is not { Count: > 0 })
        {
            return before;
        }
        var fetched = await nodeSites.FetchAsync(r.Endpoints, ct);
        return fetched?.Encode() ?? NodeSites.Decode(r.SiteInfo)?.Encode() ?? before;
    }

    /// <summary>Asks every node that serves a prefix for its site information; rewrites, with an audit entry, those whose keys changed. Returns how many.</summary>
    public async Task<int> RefreshNodeSitesAsync(Actor actor, CancellationToken ct)
    {
        var changed = 0;
        foreach (var node in (await db.Nodes.AsNoTracking().ToListAsync(ct)).Where(PrefixHandles.Serves))
        {
            var fetched = (await nodeSites.FetchAsync(node.Endpoints.Split(' ', StringSplitOptions.RemoveEmptyEntries), ct))?.Encode();
            if (fetched is null || (node.SiteInfo is not null && fetched.AsSpan().SequenceEqual(node.SiteInfo)))
            {
                continue;
            }
            var after = new NodeRow
            {
                Id = node.Id, Name = node.Name, Role = node.Role, Industry = node.Industry, Province = node.Province, Prefix = node.Prefix,
                Endpoints = node.Endpoints, Demo = node.Demo, InServiceFrom = node.InServiceFrom, CreatedAt = node.CreatedAt, SiteInfo = fetched,
            };
            var nodes = await db.Nodes.AsNoTracking().Where(n => n.Id != node.Id).ToListAsync(ct);
            nodes.Add(after);
            var result = await WithNodePrefixesAsync(node.Prefix, node.Prefix, nodes, tx =>
            {
                tx.Nodes.Update(after);
                return Task.FromResult(Outcome.Ok());
            }, () => new AuditEntry(actor.Id, "identifiers.node.site", "identifier_node", node.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                JsonSerializer.Serialize(new { siteInfo = node.SiteInfo }), JsonSerializer.Serialize(new { siteInfo = fetched }), node.Province), actor, ct);
            changed += result.Succeeded ? 1 : 0;
        }
        return changed;
    }
}
