using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace IctGov.Protocols.Handle;

/// <summary>One way to reach a server: service type, transport and port (RFC 3651 §3.2.3 "Interface").</summary>
public sealed record SiteInterface(InterfaceService Service, InterfaceProtocol Protocol, int Port);

/// <summary>One server of a site: id, 16-octet address (IPv4 mapped into the low 4 octets), public key, interfaces.</summary>
public sealed record SiteServer(int ServerId, IPAddress Address, byte[] PublicKey, IReadOnlyList<SiteInterface> Interfaces);

/// <summary>A name/value attribute of a site, e.g. <c>desc</c> or <c>domain</c>.</summary>
public sealed record SiteAttribute(string Name, string Value);

/// <summary>
/// HS_SITE data (RFC 3651 §3.2.3): format version, protocol version, serial number, primary/multi-primary flags,
/// hash option and filter, attributes and servers. Also the hashing that spreads handles over a site's servers.
/// </summary>
public sealed record SiteInfo
{
    public const byte PrimaryFlag = 0x80;
    public const byte MultiPrimaryFlag = 0x40;

    public ushort DataFormatVersion { get; init; } = 1;
    public byte MajorVersion { get; init; } = HandleProtocol.MajorVersion;
    public byte MinorVersion { get; init; } = HandleProtocol.MinorVersion;
    public ushort SerialNumber { get; init; } = 1;
    public bool IsPrimary { get; init; } = true;
    public bool IsMultiPrimary { get; init; }
    public SiteHashOption HashOption { get; init; } = SiteHashOption.ByWholeHandle;
    public byte[] HashFilter { get; init; } = [];
    public IReadOnlyList<SiteAttribute> Attributes { get; init; } = [];
    public IReadOnlyList<SiteServer> Servers { get; init; } = [];

    public byte[] Encode()
    {
        var w = new WireWriter(128);
        Write(w);
        return w.ToArray();
    }

    public void Write(WireWriter w)
    {
        w.WriteUInt16(DataFormatVersion);
        w.WriteByte(MajorVersion);
        w.WriteByte(MinorVersion);
        w.WriteUInt16(SerialNumber);
        w.WriteByte((byte)((IsPrimary ? PrimaryFlag : 0) | (IsMultiPrimary ? MultiPrimaryFlag : 0)));
        w.WriteByte((byte)HashOption);
        w.WriteByteArray(HashFilter);
        w.WriteInt32(Attributes.Count);
        foreach (var a in Attributes)
        {
            w.WriteString(a.Name);
            w.WriteString(a.Value);
        }
        w.WriteInt32(Servers.Count);
        Span<byte> address = stackalloc byte[16];
        foreach (var s in Servers)
        {
            w.WriteInt32(s.ServerId);
            address.Clear();
            var raw = s.Address.GetAddressBytes();
            // IPv4 sits right-aligned in the 16 octets, as the reference writes it.
            raw.CopyTo(address[(16 - raw.Length)..]);
            w.WriteRaw(address);
            w.WriteByteArray(s.PublicKey);
            w.WriteInt32(s.Interfaces.Count);
            foreach (var i in s.Interfaces)
            {
                w.WriteByte((byte)i.Service);
                w.WriteByte((byte)i.Protocol);
                w.WriteInt32(i.Port);
            }
        }
    }

    public static SiteInfo Decode(ReadOnlySpan<byte> data, int baseOffset = 0)
    {
        var r = new WireReader(data, baseOffset);
        var site = Read(ref r);
        r.ExpectEnd("the HS_SITE record");
        return site;
    }

    public static SiteInfo Read(ref WireReader r)
    {
        var format = r.ReadUInt16("the site data format version");
        var major = r.ReadByte("the site protocol major version");
        var minor = r.ReadByte("the site protocol minor version");
        var serial = r.ReadUInt16("the site serial number");
        var flags = r.ReadByte("the primary flags");
        var hashOption = r.ReadByte("the hash option");
        if (hashOption > 2)
        {
            throw new HandleProtocolException(r.Offset - 1, $"hash option 0, 1 or 2, not {hashOption}");
        }
        var filter = r.ReadByteArray("the hash filter");
        var attributeCount = r.ReadCount(8, "site attributes");
        var attributes = new SiteAttribute[attributeCount];
        for (var i = 0; i < attributeCount; i++)
        {
            var name = r.ReadString("an attribute name");
            attributes[i] = new SiteAttribute(name, r.ReadString("an attribute value"));
        }
        var serverCount = r.ReadCount(28, "servers");
        var servers = new SiteServer[serverCount];
        for (var i = 0; i < serverCount; i++)
        {
            var id = r.ReadInt32("the server id");
            var address = r.ReadFixed(16, "a 16-octet server address");
            var publicKey = r.ReadByteArray("the server public key");
            var interfaceCount = r.ReadCount(6, "interfaces");
            var interfaces = new SiteInterface[interfaceCount];
            for (var j = 0; j < interfaceCount; j++)
            {
                var service = r.ReadByte("the interface type");
                var protocol = r.ReadByte("the interface protocol");
                interfaces[j] = new SiteInterface((InterfaceService)service, (InterfaceProtocol)protocol, r.ReadInt32("the interface port"));
            }
            servers[i] = new SiteServer(id, DecodeAddress(address), publicKey, interfaces);
        }
        return new SiteInfo
        {
            DataFormatVersion = format,
            MajorVersion = major,
            MinorVersion = minor,
            SerialNumber = serial,
            IsPrimary = (flags & PrimaryFlag) != 0,
            IsMultiPrimary = (flags & MultiPrimaryFlag) != 0,
            HashOption = (SiteHashOption)hashOption,
            HashFilter = filter,
            Attributes = attributes,
            Servers = servers,
        };
    }

    private static IPAddress DecodeAddress(ReadOnlySpan<byte> sixteen)
    {
        // Twelve leading zero octets mean an IPv4 address in the last four.
        return sixteen[..12].IndexOfAnyExcept((byte)0) < 0 ? new IPAddress(sixteen[12..]) : new IPAddress(sixteen);
    }

    /// <summary>
    /// The site hash of a handle: MD5 of the ASCII-upper-cased part chosen by <paramref name="option"/>
    /// (prefix, suffix or whole handle), last four digest octets as a big-endian int, absolute value
    /// (wrapping like Java's Math.abs for int.MinValue, to pick the same server as the reference).
    /// </summary>
    public static int HandleHash(string handle, SiteHashOption option)
    {
        var slash = handle.IndexOf('/', StringComparison.Ordinal);
        var part = option switch
        {
            SiteHashOption.ByPrefix => slash < 0 ? HandleName.PrefixAuthority : handle[..slash],
            SiteHashOption.BySuffix => slash < 0 ? handle : handle[(slash + 1)..],
            SiteHashOption.ByWholeHandle => handle,
            _ => throw new ArgumentOutOfRangeException(nameof(option)),
        };
        var bytes = Encoding.UTF8.GetBytes(part);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] is >= (byte)'a' and <= (byte)'z')
            {
                bytes[i] -= 32;
            }
        }
        var digest = MD5.HashData(bytes);
        var value = BinaryPrimitives.ReadInt32BigEndian(digest.AsSpan(12));
        return value == int.MinValue ? int.MinValue : Math.Abs(value);
    }

    /// <summary>Index of the server (in <see cref="Servers"/>) responsible for <paramref name="handle"/>.</summary>
    public int ServerIndexFor(string handle)
    {
        if (Servers.Count == 0)
        {
            throw new InvalidOperationException("The site lists no servers.");
        }
        return ServerIndex(handle, HashOption, Servers.Count);
    }

    /// <summary>Server number for a site of <paramref name="serverCount"/> servers (Java remainder semantics kept).</summary>
    public static int ServerIndex(string handle, SiteHashOption option, int serverCount)
    {
        var index = HandleHash(handle, option) % serverCount;
        // int.MinValue % n is negative in both languages; the reference would fail there, we fold it back in range.
        return index < 0 ? index + serverCount : index;
    }

    /// <summary>This site as an HS_SITE handle value.</summary>
    public HandleValue ToValue(int index, int timestamp = 0) => new()
    {
        Index = index,
        Type = HandleValueTypes.Site,
        Data = Encode(),
        Timestamp = timestamp,
    };
}
