using System.Net;
using IctGov.Identifiers.Data;
using IctGov.Kernel.Results;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Registry;

/// <summary>
/// What the registry writes into a prefix handle <c>0.NA/P</c> so the prefix resolves over the Handle
/// protocol as Handle.Net does it: HS_ADMIN (the prefix's own key slot and the allocating parent's),
/// and where P is served — HS_SITE per registered node (plus HS_SITE.PREFIX, so derived prefixes that
/// have no node of their own are referred to the same node), HS_SERV for a node registered as
/// <c>hdl:&lt;service handle&gt;</c>, or this platform's own site when no node serves P and the
/// platform's node homes it.
/// </summary>
internal static class PrefixHandles
{
    /// <summary>Index of HS_ADMIN naming the prefix's own key slot (<c>0.NA/P:300</c>), as Handle.Net creates prefixes.</summary>
    public const int OwnAdminIndex = 100;

    /// <summary>Index of HS_ADMIN naming the allocating parent's key slot (<c>0.NA/parent:300</c>).</summary>
    public const int ParentAdminIndex = 101;

    /// <summary>Where the owner's HS_SECKEY/HS_PUBKEY goes.</summary>
    public const int KeyIndex = 300;

    public static readonly string[] ServiceTypes = [HandleValueTypes.Site, HandleValueTypes.SitePrefix, HandleValueTypes.Service, HandleValueTypes.ServicePrefix];

    public static bool IsServiceValue(HandleValue v) => ServiceTypes.Any(t => string.Equals(t, v.Type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The administrators of a freshly allocated prefix handle.</summary>
    public static List<HandleValue> Admins(string prefix, string? parent) =>
    [
        new AdminRecord(AdminPermissions.All, HandleName.PrefixHandle(prefix), KeyIndex).ToValue(OwnAdminIndex),
        new AdminRecord(AdminPermissions.All, HandleName.PrefixHandle(parent ?? HandleName.PrefixAuthority), KeyIndex).ToValue(ParentAdminIndex),
    ];

    /// <summary>Checks a node's endpoints: udp://, tcp://, http(s):// with an IP address, or hdl:&lt;service handle&gt;.</summary>
    public static IEnumerable<RowError> CheckEndpoints(IEnumerable<string> endpoints)
    {
        foreach (var e in endpoints)
        {
            if (e.StartsWith("hdl:", StringComparison.OrdinalIgnoreCase))
            {
                if (!HandleName.IsValid(e[4..]))
                {
                    yield return new RowError(0, "endpoints", $"'{e}' does not name a service handle (hdl:0.NA/88.100)");
                }
                continue;
            }
            if (!Uri.TryCreate(e, UriKind.Absolute, out var u) || u.Scheme is not ("udp" or "tcp" or "http" or "https"))
            {
                yield return new RowError(0, "endpoints", $"'{e}' is not a udp://, tcp://, http(s):// URI or hdl:<service handle>");
            }
            else if (!IPAddress.TryParse(u.Host.Trim('[', ']'), out _))
            {
                // HS_SITE carries addresses, not names: a name would have to be looked up once and frozen.
                yield return new RowError(0, "endpoints", $"'{e}' must name the server by IP address (HS_SITE carries addresses)");
            }
            else if (u.IsDefaultPort && u.Scheme is "udp" or "tcp")
            {
                yield return new RowError(0, "endpoints", $"'{e}' needs a port (2641 is Handle's default)");
            }
        }
    }

    /// <summary>
    /// The service values of <c>0.NA/P</c> (without indexes set): one HS_SITE and HS_SITE.PREFIX per serving node,
    /// HS_SERV/HS_SERV.PREFIX for <c>hdl:</c> endpoints; or the platform's own HS_SITE when <paramref name="ownSite"/> is given.
    /// </summary>
    public static List<HandleValue> Service(IEnumerable<NodeRow> servingNodes, SiteInfo? ownSite)
    {
        var values = new List<HandleValue>();
        foreach (var node in servingNodes.OrderBy(n => n.Id))
        {
            var endpoints = Split(node.Endpoints);
            foreach (var service in endpoints.Where(e => e.StartsWith("hdl:", StringComparison.OrdinalIgnoreCase)))
            {
                var data = System.Text.Encoding.UTF8.GetBytes(service[4..]);
                values.Add(new HandleValue { Index = 0, Type = HandleValueTypes.Service, Data = data });
                values.Add(new HandleValue { Index = 0, Type = HandleValueTypes.ServicePrefix, Data = data });
            }
            if (SiteOf(node, endpoints) is { } site)
            {
                values.Add(new HandleValue { Index = 0, Type = HandleValueTypes.Site, Data = site.Encode() });
                values.Add(new HandleValue { Index = 0, Type = HandleValueTypes.SitePrefix, Data = site.Encode() });
            }
        }
        if (values.Count == 0 && ownSite is not null)
        {
            values.Add(new HandleValue { Index = 0, Type = HandleValueTypes.Site, Data = ownSite.Encode() });
        }
        return values;
    }

    /// <summary>Whether a node's row names somewhere that serves its prefix (recursive nodes serve no prefix).</summary>
    public static bool Serves(NodeRow node) => node.Role != NodeRoles.PublicRecursive && node.Prefix is not null && Split(node.Endpoints).Length > 0;

    private static string[] Split(string endpoints) => endpoints.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// A node's endpoints as one HS_SITE of protocol 2.11: one server per distinct address, in the order given, each with
    /// the public key the node gave for it (<see cref="NodeSites"/>): Handle.Net clients referred here verify the node's
    /// session setup and certified answers against it.
    /// </summary>
    private static SiteInfo? SiteOf(NodeRow node, string[] endpoints)
    {
        var servers = new List<(IPAddress Address, List<SiteInterface> Interfaces)>();
        string? path = null;
        foreach (var e in endpoints)
        {
            if (!Uri.TryCreate(e, UriKind.Absolute, out var u) || !IPAddress.TryParse(u.Host.Trim('[', ']'), out var address))
            {
                continue;
            }
            var (protocol, service) = u.Scheme switch
            {
                "udp" => (InterfaceProtocol.Udp, InterfaceService.Resolution),
                "tcp" => (InterfaceProtocol.Tcp, InterfaceService.ResolutionAndAdministration),
                "http" => (InterfaceProtocol.Http, InterfaceService.ResolutionAndAdministration),
                "https" => (InterfaceProtocol.Https, InterfaceService.ResolutionAndAdministration),
                _ => ((InterfaceProtocol?)null, InterfaceService.OutOfService),
            };
            if (protocol is null)
            {
                continue;
            }
            if (u.Scheme is "http" or "https" && u.AbsolutePath.Length > 1)
            {
                path ??= u.AbsolutePath;
            }
            var server = servers.FirstOrDefault(s => s.Address.Equals(address));
            if (server.Interfaces is null)
            {
                server = (address, []);
                servers.Add(server);
            }
            server.Interfaces.Add(new SiteInterface(service, protocol.Value, u.Port));
        }
        if (servers.Count == 0)
        {
            return null;
        }
        var attributes = new List<SiteAttribute> { new("desc", node.Name) };
        if (path is not null)
        {
            attributes.Add(new SiteAttribute("path", path));
        }
        return new SiteInfo
        {
            MinorVersion = HandleProtocol.SuggestedMinorVersion,
            Attributes = attributes,
            Servers = [.. servers.Select((s, i) => new SiteServer(i + 1, s.Address, NodeSites.KeyFor(node.SiteInfo, s.Address, servers.Count), s.Interfaces))],
        };
    }

    /// <summary>
    /// Lays the desired service values onto the current values of the prefix handle: registry-made HS_ADMIN and any
    /// other value (keys the owner added) stay; old service values go; new ones take the lowest free indexes from 1.
    /// A site keeps its serial when unchanged and gets the next one when it changed, so clients refresh.
    /// Returns null when nothing would change.
    /// </summary>
    public static (List<HandleValue> Set, List<int> Remove)? Plan(IReadOnlyList<HandleValue> current, IReadOnlyList<HandleValue> desired)
    {
        var old = current.Where(IsServiceValue).ToList();
        if (old.Count == desired.Count && old.Zip(desired).All(p => string.Equals(p.First.Type, p.Second.Type, StringComparison.OrdinalIgnoreCase) && SameData(p.First, p.Second)))
        {
            return null;
        }
        var taken = current.Where(v => !IsServiceValue(v)).Select(v => v.Index).ToHashSet();
        var serial = Math.Min(ushort.MaxValue - 1, old.Select(v => (int)SerialOf(v)).DefaultIfEmpty(0).Max());
        var set = new List<HandleValue>();
        var next = 1;
        foreach (var v in desired)
        {
            while (taken.Contains(next))
            {
                next++;
            }
            var data = v.Data;
            if (IsSite(v))
            {
                data = (SiteInfo.Decode(data) with { SerialNumber = (ushort)(serial + 1) }).Encode();
            }
            set.Add(new HandleValue { Index = next, Type = v.Type, Data = data, Ttl = v.Ttl });
            taken.Add(next);
        }
        var remove = old.Select(v => v.Index).Where(i => !set.Any(s => s.Index == i)).ToList();
        return (set, remove);
    }

    /// <summary>Values for a prefix handle that does not exist yet.</summary>
    public static List<HandleValue> Initial(string prefix, string? parent, IReadOnlyList<HandleValue> desired) =>
        [.. Admins(prefix, parent), .. Plan([], desired)?.Set ?? []];

    private static bool IsSite(HandleValue v) =>
        string.Equals(v.Type, HandleValueTypes.Site, StringComparison.OrdinalIgnoreCase) || string.Equals(v.Type, HandleValueTypes.SitePrefix, StringComparison.OrdinalIgnoreCase);

    private static ushort SerialOf(HandleValue v)
    {
        if (!IsSite(v))
        {
            return 0;
        }
        try
        {
            return SiteInfo.Decode(v.Data).SerialNumber;
        }
        catch (HandleProtocolException)
        {
            return 0;
        }
    }

    private static bool SameData(HandleValue a, HandleValue b)
    {
        if (!IsSite(a))
        {
            return a.Data.AsSpan().SequenceEqual(b.Data);
        }
        try
        {
            // Sites compare without their serial numbers (the serial is bumped on change, not part of it).
            return (SiteInfo.Decode(a.Data) with { SerialNumber = 1 }).Encode().AsSpan().SequenceEqual((SiteInfo.Decode(b.Data) with { SerialNumber = 1 }).Encode());
        }
        catch (HandleProtocolException)
        {
            return false;
        }
    }
}
