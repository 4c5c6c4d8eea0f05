using System.Buffers.Binary;
using System.Security.Cryptography;

namespace IctGov.Protocols.Handle;

/// <summary>
/// The credential section of a signed message (HS_SIGNED, Handle.Net 2.6+): version 0, reserved, flags, an empty
/// signer, the session counter, the type, then the section (hash algorithm name, signature). From 2.6 the signature
/// also covers the envelope's versions (and suggested versions from 2.8), session id, request id and session counter,
/// followed by the message header and body. Servers sign answers to requests that set the Certify flag.
/// </summary>
public static class MessageSigning
{
    public const string SignedType = "HS_SIGNED";

    private static byte[] Prefix(byte major, byte minor, byte suggestedMajor, byte suggestedMinor, int sessionId, int requestId, int sessionCounter)
    {
        if (!HandleProtocol.AtLeast(major, minor, 2, 6))
        {
            return [];
        }
        var hasSuggestion = HandleProtocol.AtLeast(major, minor, 2, 8);
        var prefix = new byte[(hasSuggestion ? 4 : 2) + 12];
        var at = 0;
        prefix[at++] = major;
        prefix[at++] = minor;
        if (hasSuggestion)
        {
            prefix[at++] = suggestedMajor;
            prefix[at++] = suggestedMinor;
        }
        // 2.6 had a bug in the reference: its offsets overlapped. We only sign as 2.7+ does.
        BinaryPrimitives.WriteInt32BigEndian(prefix.AsSpan(at), sessionId);
        BinaryPrimitives.WriteInt32BigEndian(prefix.AsSpan(at + 4), requestId);
        BinaryPrimitives.WriteInt32BigEndian(prefix.AsSpan(at + 8), sessionCounter);
        return prefix;
    }

    /// <summary>Signs header+body of a message with RSA/SHA-256 and returns the credential section.</summary>
    public static byte[] SignRsa(RSA key, ReadOnlySpan<byte> headerAndBody, MessageEnvelope envelope, int sessionCounter = 0)
    {
        ArgumentNullException.ThrowIfNull(key);
        var prefix = Prefix(envelope.MajorVersion, envelope.MinorVersion, envelope.SuggestedMajorVersion, envelope.SuggestedMinorVersion, envelope.SessionId, envelope.RequestId, sessionCounter);
        var data = new byte[prefix.Length + headerAndBody.Length];
        prefix.CopyTo(data, 0);
        headerAndBody.CopyTo(data.AsSpan(prefix.Length));
        var signature = key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var w = new WireWriter(signature.Length + 64);
        w.WriteByte(0);
        w.WriteByte(0);
        w.WriteUInt16(0);
        w.WriteByteArray([]);
        w.WriteInt32(sessionCounter);
        w.WriteString(SignedType);
        const string hash = "SHA-256";
        w.WriteInt32(4 + hash.Length + 4 + signature.Length);
        w.WriteString(hash);
        w.WriteByteArray(signature);
        return w.ToArray();
    }

    /// <summary>Verifies an HS_SIGNED credential section against an RSA public key.</summary>
    public static bool VerifyRsa(RSA key, ReadOnlySpan<byte> headerAndBody, ReadOnlySpan<byte> credential, MessageEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(key);
        var r = new WireReader(credential);
        r.ReadByte("the credential version");
        r.ReadByte("the reserved octet");
        r.ReadUInt16("the credential flags");
        r.ReadByteArraySpan("the signer");
        var counter = r.ReadInt32("the session counter");
        var type = r.ReadString("the signature type");
        if (type != SignedType)
        {
            throw new HandleProtocolException(r.Offset, $"signature type {SignedType}, not {type}");
        }
        r.ReadInt32("the signature section length");
        var hash = r.ReadString("the hash algorithm");
        var signature = r.ReadByteArraySpan("the signature");
        var prefix = Prefix(envelope.MajorVersion, envelope.MinorVersion, envelope.SuggestedMajorVersion, envelope.SuggestedMinorVersion, envelope.SessionId, envelope.RequestId, counter);
        var data = new byte[prefix.Length + headerAndBody.Length];
        prefix.CopyTo(data, 0);
        headerAndBody.CopyTo(data.AsSpan(prefix.Length));
        var algorithm = hash.ToUpperInvariant() is "SHA1" or "SHA-1" ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
        return key.VerifyData(data, signature, algorithm, RSASignaturePadding.Pkcs1);
    }
}
