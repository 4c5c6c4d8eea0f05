using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IctGov.Resources.Domain;

/// <summary>
/// An IPv4 or IPv6 prefix (CIDR block) as a range of integers: <see cref="First"/>–<see cref="Last"/>
/// within its family. Parsing accepts only the canonical network address (host bits zero) so a typo
/// such as 10.1.2.3/16 is refused with the network it probably meant, rather than silently widened.
/// </summary>
internal readonly record struct IpPrefix(AddressFamily Family, UInt128 First, int Length)
{
    public int Bits => Family == AddressFamily.InterNetwork ? 32 : 128;

    public UInt128 Last => First | HostMask(Bits, Length);

    public int Version => Family == AddressFamily.InterNetwork ? 4 : 6;

    /// <summary>Fixed-width lower-case hex of <see cref="First"/>: string order is numeric order, so the database can range-compare it.</summary>
    public string FirstKey => Key(First);

    public string LastKey => Key(Last);

    public static string Key(UInt128 value) => value.ToString("x32", CultureInfo.InvariantCulture);

    public bool Contains(IpPrefix other) => Family == other.Family && First <= other.First && other.Last <= Last;

    public bool Overlaps(IpPrefix other) => Family == other.Family && First <= other.Last && other.First <= Last;

    public IPAddress Start => ToAddress(Family, First);

    public IPAddress End => ToAddress(Family, Last);

    public override string ToString() => $"{Start}/{Length}";

    /// <summary>Parses "a.b.c.d/n" or "x::/n" (a bare address is its own /32 or /128); null with <paramref name="problem"/> otherwise.</summary>
    public static IpPrefix? Parse(string? input, out string? problem)
    {
        problem = null;
        var text = input?.Trim() ?? "";
        if (text.Length is 0 or > 64)
        {
            problem = "expected an IP prefix such as 203.0.113.0/24 or 2001:db8::/32";
            return null;
        }
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (addressText.Contains('%') || !IPAddress.TryParse(addressText, out var address) || !LooksLikeAddress(addressText, address))
        {
            problem = $"'{addressText}' is not an IPv4 or IPv6 address";
            return null;
        }
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var length = bits;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > bits))
        {
            problem = $"prefix length must be 0–{bits}";
            return null;
        }
        var value = ToInteger(address);
        var prefix = new IpPrefix(address.AddressFamily, value & ~HostMask(bits, length), length);
        if (prefix.First != value)
        {
            problem = $"host bits are set: the network is {prefix}";
            return null;
        }
        return prefix;
    }

    /// <summary>An address as a /32 or /128.</summary>
    public static IpPrefix? ParseAddress(string? input, out string? problem)
    {
        if (input is null || input.Contains('/'))
        {
            problem = "expected an IPv4 or IPv6 address";
            return null;
        }
        return Parse(input, out problem);
    }

    // IPAddress.TryParse accepts "1", "1.2" and "0x1.2.3.4" (inet_aton forms); addresses here are dotted quads or IPv6 text.
    private static bool LooksLikeAddress(string text, IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6
            ? text.Contains(':')
            : text.Split('.') is { Length: 4 } parts && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && (p.Length == 1 || p[0] != '0'));

    public static UInt128 ToInteger(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    public static IPAddress ToAddress(AddressFamily family, UInt128 value)
    {
        if (family == AddressFamily.InterNetwork)
        {
            var b4 = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(b4, (uint)value);
            return new IPAddress(b4);
        }
        var b16 = new byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(b16, value);
        return new IPAddress(b16);
    }

    private static UInt128 HostMask(int bits, int length) =>
        length >= bits ? UInt128.Zero : (bits == 128 && length == 0 ? UInt128.MaxValue : (UInt128.One << (bits - length)) - 1);
}
