using System.Net;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Nodes;

/// <summary>
/// Configuration of a Handle-protocol node (section <c>Identifiers:HandleNode</c>): where it listens, what it
/// says about itself in HS_SITE, which prefixes it answers for, who administers it and how hard clients may push.
/// </summary>
public sealed class HandleNodeOptions
{
    /// <summary>Address the UDP and TCP listeners bind to; tests use 127.0.0.1.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>UDP port (2641 by default, 0 for an ephemeral port, negative to switch UDP off).</summary>
    public int UdpPort { get; set; } = HandleProtocol.DefaultPort;

    /// <summary>TCP port (2641 by default, 0 for an ephemeral port, negative to switch TCP off).</summary>
    public int TcpPort { get; set; } = HandleProtocol.DefaultPort;

    /// <summary>Path under which the platform's web host serves the HTTP interface (advertised as the site's <c>path</c> attribute).</summary>
    public string HttpPath { get; set; } = "/hdl";

    /// <summary>Port of the HTTP interface to advertise in HS_SITE (the web host's port); 0 to not advertise it.</summary>
    public int HttpPort { get; set; }

    /// <summary>Address advertised in HS_SITE; defaults to the bind address (or loopback when binding to any).</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>HS_SITE serial number; bump it when the site changes so clients refresh cached site information.</summary>
    public ushort SiteSerial { get; set; } = 1;

    /// <summary>Site description (HS_SITE attribute <c>desc</c>).</summary>
    public string Description { get; set; } = "IctGov identifier resolution node";

    /// <summary>Prefixes this node answers for (e.g. <c>88.100.1</c>); empty means every handle in its store.</summary>
    public IList<string> ResponsiblePrefixes { get; } = [];

    /// <summary>Server administrators as <c>index:handle</c> (e.g. <c>300:0.NA/88.100.1</c>): all permissions on every handle here.</summary>
    public IList<string> ServerAdmins { get; } = [];

    /// <summary>PEM file with the server's RSA private key (signs certified answers; its public key goes into HS_SITE). Without it a key is generated per start.</summary>
    public string? ServerPrivateKeyPath { get; set; }

    /// <summary>Requests per second each client address may send on average.</summary>
    public double RequestsPerSecond { get; set; } = 500;

    /// <summary>Burst a client may send before the per-second rate applies.</summary>
    public int Burst { get; set; } = 1000;

    /// <summary>How long a challenge waits for its answer.</summary>
    public TimeSpan ChallengeTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Most challenges outstanding at once (beyond it new administration requests get SERVER_TOO_BUSY).</summary>
    public int MaxPendingChallenges { get; set; } = 10_000;

    /// <summary>A TCP connection idle this long (or stalled mid-message) is closed.</summary>
    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most TCP connections served at once; further connections are closed straight away.</summary>
    public int MaxTcpConnections { get; set; } = 1024;

    /// <summary>Most multi-packet UDP requests being reassembled at once.</summary>
    public int MaxUdpReassemblies { get; set; } = 1024;

    /// <summary>How long the packets of a multi-packet UDP request may take to arrive.</summary>
    public TimeSpan UdpReassemblyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    internal IPAddress BindIPAddress => IPAddress.Parse(BindAddress);
}
