using System.ComponentModel.DataAnnotations;
using System.Net;

namespace IctGov.Resources.Features;

/// <summary>
/// The WHOIS service (RFC 3912), configuration section <c>Resources:Whois</c>. Off unless a port is set
/// (<c>--Resources:Whois:Port=43</c>; 0 takes a free port): many platform processes (command-line runs,
/// tests, several servers on one host) must not contend for port 43, as with the Handle node's 2641.
/// </summary>
internal sealed class WhoisOptions
{
    /// <summary>TCP port; −1 (the default) for none, 0 for any free port, 43 for the well-known port.</summary>
    [Range(-1, 65535)]
    public int Port { get; set; } = -1;

    /// <summary>Address to listen on.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>The server's public host name, named in RDAP answers as <c>port43</c>.</summary>
    [MaxLength(253)]
    public string HostName { get; set; } = "whois.localhost";

    /// <summary>Longest query line accepted, in bytes (the CRLF included); a longer one is answered with an error and the connection closed.</summary>
    [Range(16, 4096)]
    public int MaxQueryBytes { get; set; } = 512;

    /// <summary>Queries one client address may make per second on average.</summary>
    [Range(0.01, 10_000)]
    public double RequestsPerSecond { get; set; } = 5;

    /// <summary>Queries one client address may make at once before the average applies.</summary>
    [Range(1, 10_000)]
    public int Burst { get; set; } = 20;

    /// <summary>Connections open at once, from everyone; more are refused.</summary>
    [Range(1, 100_000)]
    public int MaxConnections { get; set; } = 256;

    /// <summary>How long a client may take to send its query line.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IPAddress BindIPAddress => IPAddress.Parse(BindAddress);
}
