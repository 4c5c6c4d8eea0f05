using System.Security.Cryptography;

namespace IctGov.Protocols.Handle;

/// <summary>
/// HS_PUBKEY data (Handle.Net key encoding): key type string (<c>RSA_PUB_KEY</c>, <c>DSA_PUB_KEY</c>), 2 reserved octets,
/// then the big integers as length-prefixed two's-complement bytes: RSA exponent, modulus; DSA q, p, g, y.
/// </summary>
public static class PublicKeyEncoding
{
    public const string RsaPublicKey = "RSA_PUB_KEY";
    public const string DsaPublicKey = "DSA_PUB_KEY";
    public const string DhPublicKey = "DH_PUB_KEY";

    /// <summary>A Diffie-Hellman public key (session setup): y, p, g as two's-complement integers.</summary>
    public static byte[] EncodeDh(ReadOnlySpan<byte> y, ReadOnlySpan<byte> p, ReadOnlySpan<byte> g)
    {
        var w = new WireWriter(64 + p.Length * 2);
        w.WriteString(DhPublicKey);
        w.WriteUInt16(0);
        w.WriteByteArray(Positive(y.ToArray()));
        w.WriteByteArray(Positive(p.ToArray()));
        w.WriteByteArray(Positive(g.ToArray()));
        return w.ToArray();
    }

    /// <summary>Reads a DH_PUB_KEY: unsigned big-endian y, p, g.</summary>
    public static (byte[] Y, byte[] P, byte[] G) DecodeDh(ReadOnlySpan<byte> data)
    {
        var r = new WireReader(data);
        var type = r.ReadString("the public key type");
        if (type != DhPublicKey)
        {
            throw new HandleProtocolException(0, $"key type {DhPublicKey}, not {type}");
        }
        r.ReadUInt16("the reserved flags");
        var y = Unsigned(r.ReadByteArraySpan("DH y"));
        var p = Unsigned(r.ReadByteArraySpan("DH p"));
        var g = Unsigned(r.ReadByteArraySpan("DH g"));
        return (y, p, g);
    }

    public static byte[] EncodeRsa(RSAParameters key)
    {
        var w = new WireWriter(32 + (key.Modulus?.Length ?? 0));
        w.WriteString(RsaPublicKey);
        w.WriteUInt16(0);
        w.WriteByteArray(Positive(key.Exponent!));
        w.WriteByteArray(Positive(key.Modulus!));
        return w.ToArray();
    }

    public static byte[] EncodeDsa(DSAParameters key)
    {
        var w = new WireWriter(64 + (key.P?.Length ?? 0) * 3);
        w.WriteString(DsaPublicKey);
        w.WriteUInt16(0);
        w.WriteByteArray(Positive(key.Q!));
        w.WriteByteArray(Positive(key.P!));
        w.WriteByteArray(Positive(key.G!));
        w.WriteByteArray(Positive(key.Y!));
        return w.ToArray();
    }

    /// <summary>The key type named at the start of HS_PUBKEY data.</summary>
    public static string KeyType(ReadOnlySpan<byte> data)
    {
        var r = new WireReader(data);
        return r.ReadString("the public key type");
    }

    public static RSAParameters DecodeRsa(ReadOnlySpan<byte> data)
    {
        var r = new WireReader(data);
        var type = r.ReadString("the public key type");
        if (type != RsaPublicKey)
        {
            throw new HandleProtocolException(0, $"key type {RsaPublicKey}, not {type}");
        }
        r.ReadUInt16("the reserved flags");
        var exponent = Unsigned(r.ReadByteArraySpan("the RSA exponent"));
        var modulus = Unsigned(r.ReadByteArraySpan("the RSA modulus"));
        return new RSAParameters { Exponent = exponent, Modulus = modulus };
    }

    public static DSAParameters DecodeDsa(ReadOnlySpan<byte> data)
    {
        var r = new WireReader(data);
        var type = r.ReadString("the public key type");
        if (type != DsaPublicKey)
        {
            throw new HandleProtocolException(0, $"key type {DsaPublicKey}, not {type}");
        }
        r.ReadUInt16("the reserved flags");
        var q = Unsigned(r.ReadByteArraySpan("DSA q"));
        var p = Unsigned(r.ReadByteArraySpan("DSA p"));
        var g = Unsigned(r.ReadByteArraySpan("DSA g"));
        var y = Unsigned(r.ReadByteArraySpan("DSA y"));
        // .NET wants g and y as long as p, and q at its natural length.
        return new DSAParameters { Q = q, P = p, G = PadLeft(g, p.Length), Y = PadLeft(y, p.Length) };
    }

    // Java's BigInteger.toByteArray is two's complement: a positive value with the top bit set gets a leading zero.
    private static byte[] Positive(byte[] unsigned)
    {
        var trimmed = Unsigned(unsigned);
        if (trimmed.Length > 0 && (trimmed[0] & 0x80) != 0)
        {
            var withSign = new byte[trimmed.Length + 1];
            trimmed.CopyTo(withSign, 1);
            return withSign;
        }
        return trimmed.Length == 0 ? [0] : trimmed;
    }

    private static byte[] Unsigned(ReadOnlySpan<byte> bytes)
    {
        var first = bytes.IndexOfAnyExcept((byte)0);
        return first < 0 ? [0] : bytes[first..].ToArray();
    }

    private static byte[] PadLeft(byte[] bytes, int length)
    {
        if (bytes.Length >= length)
        {
            return bytes;
        }
        var padded = new byte[length];
        bytes.CopyTo(padded, length - bytes.Length);
        return padded;
    }
}
