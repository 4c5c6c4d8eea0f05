using System.ComponentModel.DataAnnotations;
using System.Net;

namespace IctGov.Numbering.Enum;

/// <summary>
/// The ENUM service (RFC 6116), configuration section <c>Numbering:Enum</c>. Off unless a port is set
/// (<c>--Numbering:Enum:Port=53</c>; 0 takes a free port), so that command-line runs, tests and several
/// servers on one host do not contend for port 53. The same port serves UDP and TCP.
/// </summary>
internal sealed class EnumOptions
{
    /// <summary>UDP and TCP port; −1 (the default) for none, 0 for any free port.</summary>
    [Range(-1, 65535)]
    public int Port { get; set; } = -1;

    /// <summary>Address to listen on.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>The zone numbers are published under (reversed digits of the E.164 number, then this).</summary>
    [RegularExpression("^[a-z0-9-]+(\\.[a-z0-9-]+)*$")]
    public string Zone { get; set; } = "e164.arpa";

    /// <summary>Seconds a resolver may cache an answer; kept short so a port is seen soon after its hour.</summary>
    [Range(0, 3600)]
    public int Ttl { get; set; } = 60;

    public IPAddress BindIPAddress => IPAddress.Parse(BindAddress);
}
