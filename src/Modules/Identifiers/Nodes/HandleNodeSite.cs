using System.Net;
using System.Security.Cryptography;
using IctGov.Protocols.Handle;
using Microsoft.Extensions.Options;

namespace IctGov.Identifiers.Nodes;

/// <summary>
/// The node's HS_SITE as GET_SITE_INFO returns it. Built from the options and the ports the listeners actually
/// bound (port 0 in tests), so the advertised interfaces are always reachable.
/// </summary>
internal sealed class HandleNodeSite(IOptions<HandleNodeOptions> options) : IDisposable
{
    private readonly Lazy<RSA> _serverKey = new(() => LoadKey(options.Value.ServerPrivateKeyPath));
    private int _udpPort = -1;
    private int _tcpPort = -1;
    private SiteInfo? _site;

    public void UdpBound(int port)
    {
        _udpPort = port;
        _site = null;
    }

    public void TcpBound(int port)
    {
        _tcpPort = port;
        _site = null;
    }

    public int UdpPort => _udpPort;

    public int TcpPort => _tcpPort;

    public SiteInfo Current => _site ??= Build();

    /// <summary>The server's signing key: its public half is in HS_SITE, and answers to Certify requests are signed with it.</summary>
    public RSA ServerKey => _serverKey.Value;

    private static RSA LoadKey(string? path)
    {
        var rsa = RSA.Create(2048);
        if (path is not null)
        {
            // PKCS#8 or PKCS#1 PEM; without a configured key the node makes one per start (clients re-read HS_SITE).
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        return rsa;
    }

    public void Dispose()
    {
        if (_serverKey.IsValueCreated)
        {
            _serverKey.Value.Dispose();
        }
    }

    private SiteInfo Build()
    {
        var o = options.Value;
        var address = o.AdvertisedAddress is { } advertised ? IPAddress.Parse(advertised)
            : o.BindIPAddress.Equals(IPAddress.Any) || o.BindIPAddress.Equals(IPAddress.IPv6Any) ? IPAddress.Loopback : o.BindIPAddress;
        var interfaces = new List<SiteInterface>();
        if (_udpPort > 0)
        {
            interfaces.Add(new SiteInterface(InterfaceService.Resolution, InterfaceProtocol.Udp, _udpPort));
        }
        if (_tcpPort > 0)
        {
            interfaces.Add(new SiteInterface(InterfaceService.ResolutionAndAdministration, InterfaceProtocol.Tcp, _tcpPort));
        }
        if (o.HttpPort > 0)
        {
            interfaces.Add(new SiteInterface(InterfaceService.ResolutionAndAdministration, InterfaceProtocol.Http, o.HttpPort));
        }
        var attributes = new List<SiteAttribute> { new("desc", o.Description) };
        if (o.HttpPort > 0)
        {
            // The reference client prefixes its HTTP POST with the site's "path" attribute.
            attributes.Add(new SiteAttribute("path", o.HttpPath));
        }
        return new SiteInfo
        {
            SerialNumber = o.SiteSerial,
            // A mirror says it is not primary, so clients send administration to the primary site.
            IsPrimary = !o.IsMirror,
            HashOption = o.SiteHashOption,
            MinorVersion = HandleProtocol.SuggestedMinorVersion,
            Attributes = attributes,
            Servers = [new SiteServer(1, address, PublicKeyEncoding.EncodeRsa(ServerKey.ExportParameters(false)), interfaces)],
        };
    }
}
