using System.Net;
using System.Net.Sockets;
using IctGov.Identifiers.Nodes;
using IctGov.Kernel.Results;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;
using Microsoft.Extensions.Options;

namespace IctGov.Identifiers.Registry;

/// <summary>
/// The server keys of registered nodes. Handle.Net clients certify session setup and certified answers against the
/// public key in the HS_SITE that referred them, so the HS_SITE the registry publishes for a node must carry the
/// node's keys: the registry asks the node itself (GET_SITE_INFO, as <c>hdl-getsiteinfo</c> does) when it is
/// registered or changed, and again every <see cref="HandleNodeOptions.RegisteredNodeRefreshInterval"/>; a node the
/// registry cannot reach may be registered with its HS_SITE given in the request instead.
/// </summary>
internal sealed class NodeSites(IOptions<HandleNodeOptions> options)
{
    /// <summary>
    /// The keys the node's servers answered with: one server (address and key only) per distinct address of its udp://
    /// and tcp:// endpoints that answered GET_SITE_INFO within <see cref="HandleNodeOptions.UpstreamTimeout"/>; null when none did.
    /// </summary>
    public async Task<SiteInfo?> FetchAsync(IEnumerable<string> endpoints, CancellationToken ct)
    {
        var byAddress = new Dictionary<IPAddress, (IPEndPoint? Udp, IPEndPoint? Tcp)>();
        foreach (var e in endpoints)
        {
            if (!Uri.TryCreate(e, UriKind.Absolute, out var u) || u.Scheme is not ("udp" or "tcp") || !IPAddress.TryParse(u.Host.Trim('[', ']'), out var address))
            {
                continue;
            }
            var known = byAddress.GetValueOrDefault(address);
            var at = new IPEndPoint(address, u.Port);
            byAddress[address] = u.Scheme == "udp" ? (known.Udp ?? at, known.Tcp) : (known.Udp, known.Tcp ?? at);
        }
        var answers = await Task.WhenAll(byAddress.Select(kv => FetchServerAsync(kv.Key, kv.Value.Udp, kv.Value.Tcp, ct)));
        var servers = answers.OfType<SiteServer>().ToList();
        return servers.Count == 0 ? null : new SiteInfo { MinorVersion = HandleProtocol.SuggestedMinorVersion, Servers = servers };
    }

    private async Task<SiteServer?> FetchServerAsync(IPAddress address, IPEndPoint? udp, IPEndPoint? tcp, CancellationToken ct)
    {
        var timeout = options.Value.UpstreamTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            var client = new HandleClient(udp, tcp, null, timeout);
            if (await client.SendAsync(new GetSiteInfoRequest(), client.DefaultTransport, null, deadline.Token) is not GetSiteInfoResponse answer)
            {
                return null;
            }
            // The server at this address: the one its site lists there, or a one-server site's only server (a node behind
            // address translation may not know the address the registry reaches it at).
            var servers = answer.Site.Servers;
            var server = servers.FirstOrDefault(s => s.Address.Equals(address)) ?? (servers.Count == 1 ? servers[0] : null);
            return server is null || server.PublicKey.Length == 0 ? null : new SiteServer(server.ServerId, address, server.PublicKey, []);
        }
        catch (Exception e) when (e is TimeoutException or HandleClientException or SocketException or IOException
            || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // Not reachable now: the node is registered with the keys known so far, and the refresh asks again.
            return null;
        }
    }

    /// <summary>
    /// The public key to publish for the registry's server at <paramref name="address"/>: the known server at that address,
    /// or, when both the known site and the published one have a single server, that server's key (a site given in the
    /// request names the addresses the node itself knows); empty when unknown.
    /// </summary>
    public static byte[] KeyFor(byte[]? known, IPAddress address, int publishedServers)
    {
        if (known is null)
        {
            return [];
        }
        SiteInfo site;
        try
        {
            site = SiteInfo.Decode(known);
        }
        catch (HandleProtocolException)
        {
            return [];
        }
        var server = site.Servers.FirstOrDefault(s => s.Address.Equals(address)) ?? (site.Servers.Count == 1 && publishedServers == 1 ? site.Servers[0] : null);
        return server?.PublicKey ?? [];
    }

    /// <summary>Checks a node's HS_SITE given in a registration request: base64 of the binary HS_SITE (<c>hdl-getsiteinfo</c>'s file) with a server key.</summary>
    public static IEnumerable<RowError> Check(string? siteInfo)
    {
        if (siteInfo is null)
        {
            yield break;
        }
        var problem = Decode(siteInfo) switch
        {
            null => "not base64 of a binary HS_SITE record (the file hdl-getsiteinfo writes, base64-encoded)",
            { } site when !site.Servers.Any(s => s.PublicKey.Length > 0) => "the HS_SITE names no server with a public key",
            _ => null,
        };
        if (problem is not null)
        {
            yield return new RowError(0, "siteInfo", problem);
        }
    }

    /// <summary>The binary HS_SITE of a request's <c>siteInfo</c> (checked by <see cref="Check"/>), or null.</summary>
    public static SiteInfo? Decode(string? siteInfo)
    {
        if (siteInfo is null)
        {
            return null;
        }
        var bytes = new byte[siteInfo.Length];
        if (!Convert.TryFromBase64String(siteInfo.Trim(), bytes, out var length))
        {
            return null;
        }
        try
        {
            return SiteInfo.Decode(bytes.AsSpan(0, length));
        }
        catch (HandleProtocolException)
        {
            return null;
        }
    }
}
