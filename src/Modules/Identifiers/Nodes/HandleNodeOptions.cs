using System.Net;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Nodes;

/// <summary>
/// Configuration of a Handle-protocol node (section <c>Identifiers:HandleNode</c>): where it listens, what it
/// says about itself in HS_SITE, which prefixes it answers for, who administers it and how hard clients may push.
/// </summary>
internal sealed class HandleNodeOptions
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

    /// <summary>
    /// Longest a TCP message may take to arrive once its first bytes have come, however steadily the rest trickles in
    /// (the idle timeout alone restarts with every byte). Handle.Net clients send a request in one write.
    /// </summary>
    public TimeSpan TcpMessageTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most TCP connections served at once; further connections are closed straight away.</summary>
    public int MaxTcpConnections { get; set; } = 1024;

    /// <summary>
    /// Most TCP connections one client address holds at once; its further connections are closed straight away, so one
    /// client cannot exhaust <see cref="MaxTcpConnections"/> for the others. Handle.Net clients open one per request, and
    /// a recursive node or mirror a few at a time.
    /// </summary>
    public int MaxTcpConnectionsPerClient { get; set; } = 64;

    /// <summary>
    /// Threads receiving on the UDP socket, each answering cached resolutions itself; 0 (the default) for one per core,
    /// at least two.
    /// </summary>
    public int UdpReceiveThreads { get; set; }

    /// <summary>Most multi-packet UDP requests being reassembled at once.</summary>
    public int MaxUdpReassemblies { get; set; } = 1024;

    /// <summary>How long the packets of a multi-packet UDP request may take to arrive.</summary>
    public TimeSpan UdpReassemblyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The node's place in the hierarchy; <see cref="HandleNodeRole.Recursive"/> answers resolutions by walking it (REC flag or not, as a Handle.Net caching server).</summary>
    public HandleNodeRole Role { get; set; } = HandleNodeRole.Enterprise;

    /// <summary>
    /// Prefixes homed here (same list as <see cref="ResponsiblePrefixes"/>). <c>0.NA</c> makes the node a prefix registry (root).
    /// Derived prefixes under a homed prefix are served here too unless a prefix handle held here delegates them.
    /// </summary>
    public IList<string> HomedPrefixes => ResponsiblePrefixes;

    /// <summary>This server's position (0-based) in its site; with <see cref="SiteServerCount"/> &gt; 1 it answers only handles that hash to it.</summary>
    public int SiteServerIndex { get; set; }

    /// <summary>Number of servers in the site (HS_SITE servers, in order).</summary>
    public int SiteServerCount { get; set; } = 1;

    /// <summary>How handles are spread over the site's servers (HS_SITE hash option).</summary>
    public SiteHashOption SiteHashOption { get; set; } = SiteHashOption.ByWholeHandle;

    /// <summary>Recursive role: file with the root site's HS_SITE data (binary, as GET_SITE_INFO returns it), like the reference client's root_info.</summary>
    public string? RootSiteInfoPath { get; set; }

    /// <summary>Handles per LIST_HANDLES message; a longer list is answered in several messages with the continuous flag.</summary>
    public int ListHandlesPerMessage { get; set; } = 1000;

    /// <summary>
    /// Most encoded answers kept for the UDP fast path (public resolutions of handles homed here); 0 switches it off.
    /// As many as the platform's store keeps handles in memory (200,000): an entry is only used while the store's
    /// memory holds its values, so a larger cache would not hit more.
    /// </summary>
    public int EncodedAnswerCacheCapacity { get; set; } = 200_000;

    /// <summary>
    /// An unauthenticated UDP request gets at most this many times its own size back (but always one packet); a longer
    /// answer is replaced by a one-packet "truncated, ask over TCP" answer, so the node cannot be used to amplify floods.
    /// </summary>
    public int UdpAmplificationFactor { get; set; } = 3;

    /// <summary>
    /// Bytes per second by which answers to one client network (an IPv4 /24 or IPv6 /56) may exceed the amplification
    /// limit. A client entitled to a long answer — a certified resolution of a handle with many values, say — gets it as
    /// numbered UDP packets, as from Handle.Net, while this budget lasts; past it, the "ask over TCP" answer. A forged
    /// source address can thus draw at most this rate of extra traffic onto its victim's network from this node (the
    /// idea of DNS response-rate limiting). 0 sends every answer over the limit to TCP.
    /// </summary>
    public int UdpExcessBytesPerSecond { get; set; } = 8 * 1024;

    /// <summary>Bytes of excess one client network may draw at once before the rate applies (see <see cref="UdpExcessBytesPerSecond"/>).</summary>
    public int UdpExcessBurstBytes { get; set; } = 64 * 1024;

    /// <summary>Recursive role: most answers kept in the cache.</summary>
    public int CacheCapacity { get; set; } = 100_000;

    /// <summary>Recursive role: how long a HANDLE_NOT_FOUND answer is remembered.</summary>
    public TimeSpan NegativeCacheTtl { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest TTL honoured for a positive answer, whatever its values say.</summary>
    public TimeSpan MaxCacheTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Recursive role: most referrals followed for one resolution, and highest recursion count accepted from a client.</summary>
    public int MaxRecursion { get; set; } = 16;

    /// <summary>
    /// How often the registry asks the nodes it has registered for their site information, to keep the server keys in
    /// the HS_SITE it publishes for them current (once at start, then at this interval); zero or less switches it off.
    /// </summary>
    public TimeSpan RegisteredNodeRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one other node may take to answer (recursive role, mirror, and the registry asking a node for its keys).</summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Mirror: TCP endpoints (<c>host:port</c>, comma-separated: every server of the primary site) this read-only mirror copies from. A mirror
    /// advertises itself as non-primary in HS_SITE and refuses administration.
    /// </summary>
    public string? MirrorOf { get; set; }

    /// <summary>Mirror: administrator the mirror authenticates as on the primary, <c>index:handle</c> (needs list and read permission there).</summary>
    public string? MirrorAdmin { get; set; }

    /// <summary>Mirror: that administrator's HS_SECKEY secret (put it in an environment variable or user secrets, not a committed file).</summary>
    public string? MirrorSecretKey { get; set; }

    /// <summary>Mirror: how often the primary is asked for changes.</summary>
    public TimeSpan MirrorPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    internal bool IsMirror => !string.IsNullOrWhiteSpace(MirrorOf);

    internal IPAddress BindIPAddress => IPAddress.Parse(BindAddress);
}

/// <summary>Roles of the identifier resolution hierarchy; one executable runs any of them from configuration.</summary>
internal enum HandleNodeRole
{
    /// <summary>Prefix registry: homes <c>0.NA</c> prefix handles of top-level prefixes and delegates derived prefixes.</summary>
    Root,

    /// <summary>National top-level node: homes a top-level prefix (e.g. 88) and delegates second-level prefixes.</summary>
    NationalTopLevel,

    /// <summary>Secondary node: homes second-level prefixes, serving them or delegating enterprise prefixes.</summary>
    Secondary,

    /// <summary>Enterprise node: serves the identifiers of its own prefix.</summary>
    Enterprise,

    /// <summary>Public recursive node: resolves any identifier by walking the hierarchy from the root, with a cache.</summary>
    Recursive,
}
