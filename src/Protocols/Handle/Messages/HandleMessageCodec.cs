using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace IctGov.Protocols.Handle.Messages;

/// <summary>
/// Encodes and decodes whole messages (header + body + credential section; the envelope is separate).
/// Decoding dispatches on response code and op code the way the reference implementation does.
/// </summary>
public static class HandleMessageCodec
{
    /// <summary>
    /// A writer kept per thread: encoding a message allocates only its result (or nothing, into a caller's buffer),
    /// not a growing scratch buffer and then a copy. Rented and returned, so a nested encode gets a writer of its own.
    /// </summary>
    [ThreadStatic]
    private static WireWriter? t_writer;

    /// <summary>Buffers beyond this (a long LIST_HANDLES answer) are not kept for the next message.</summary>
    private const int MaxKeptWriter = 64 * 1024;

    private static WireWriter Rent()
    {
        var w = t_writer ?? new WireWriter(1024);
        t_writer = null;
        return w;
    }

    private static void Return(WireWriter w)
    {
        if (w.Capacity <= MaxKeptWriter)
        {
            w.Reset();
            t_writer = w;
        }
    }

    /// <summary>Header + body + credential section, ready to follow an envelope.</summary>
    public static byte[] Encode(HandleMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var w = Rent();
        try
        {
            Write(message, w);
            return w.ToArray();
        }
        finally
        {
            Return(w);
        }
    }

    /// <summary>Header + body + credential section written to <paramref name="destination"/>; returns its length.</summary>
    public static int Encode(HandleMessage message, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(destination);
        var w = Rent();
        try
        {
            Write(message, w);
            destination.Write(w.WrittenSpan);
            return w.Length;
        }
        finally
        {
            Return(w);
        }
    }

    /// <summary>Envelope + message, as sent over TCP or HTTP (one envelope; no packet splitting).</summary>
    public static byte[] EncodeWithEnvelope(HandleMessage message, MessageEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(message);
        var w = Rent();
        try
        {
            Write(message, w);
            var bytes = new byte[HandleProtocol.EnvelopeSize + w.Length];
            Frame(envelope, w.WrittenSpan, bytes);
            return bytes;
        }
        finally
        {
            Return(w);
        }
    }

    /// <summary>Envelope + message written to <paramref name="destination"/> (a connection's reused buffer); returns the frame's length.</summary>
    public static int EncodeWithEnvelope(HandleMessage message, MessageEnvelope envelope, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(destination);
        var w = Rent();
        try
        {
            Write(message, w);
            var length = HandleProtocol.EnvelopeSize + w.Length;
            Frame(envelope, w.WrittenSpan, destination.GetSpan(length));
            destination.Advance(length);
            return length;
        }
        finally
        {
            Return(w);
        }
    }

    /// <summary>An envelope (its length set to the message's, sequence 0) and the encoded message behind it.</summary>
    public static void Frame(MessageEnvelope envelope, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        (envelope with { MessageLength = message.Length, SequenceNumber = 0 }).Write(destination);
        message.CopyTo(destination[HandleProtocol.EnvelopeSize..]);
    }

    private static void Write(HandleMessage message, WireWriter w)
    {
        w.WriteInt32((int)message.OpCode);
        w.WriteInt32((int)message.ResponseCode);
        var flags = message.Flags;
        if (message.IsResponse && message.RequestDigest is not null)
        {
            flags |= OpFlags.ReturnRequestDigest;
        }
        else if (message.IsResponse)
        {
            flags &= ~OpFlags.ReturnRequestDigest;
        }
        w.WriteUInt32((uint)flags);
        w.WriteUInt16(message.SiteInfoSerial);
        w.WriteByte(message.RecursionCount);
        w.WriteByte(0);
        w.WriteInt32(message.Expiration);
        var bodyLengthAt = w.Length;
        w.WriteInt32(0);
        if (message.IsResponse && message.RequestDigest is not null)
        {
            w.WriteByte((byte)message.RequestDigestAlgorithm);
            if (message.RequestDigestAlgorithm == DigestAlgorithm.Md5OldFormat)
            {
                w.WriteByteArray(message.RequestDigest);
            }
            else
            {
                w.WriteRaw(message.RequestDigest);
            }
        }
        message.WriteBody(w);
        w.PatchInt32(bodyLengthAt, w.Length - HandleProtocol.HeaderSize);
        w.WriteByteArray(message.Credential);
    }

    /// <summary>The header and body of an encoded message: the part request digests and signatures cover.</summary>
    public static ReadOnlySpan<byte> HeaderAndBody(ReadOnlySpan<byte> message)
    {
        if (message.Length < HandleProtocol.HeaderSize)
        {
            throw new HandleProtocolException(message.Length, "a 24-byte message header");
        }
        var bodyLength = BinaryPrimitives.ReadInt32BigEndian(message[20..]);
        if (bodyLength < 0 || bodyLength > message.Length - HandleProtocol.HeaderSize)
        {
            throw new HandleProtocolException(20, $"a body length that fits the message ({bodyLength} given, {message.Length - HandleProtocol.HeaderSize} bytes follow the header)");
        }
        return message[..(HandleProtocol.HeaderSize + bodyLength)];
    }

    /// <summary>The request digest a response carries: SHA-256 from 2.7 on, SHA-1 before (the reference's choice).</summary>
    public static (DigestAlgorithm Algorithm, byte[] Digest) DigestRequest(ReadOnlySpan<byte> requestMessage, byte responseMajor, byte responseMinor)
    {
        var signed = HeaderAndBody(requestMessage);
        return HandleProtocol.AtLeast(responseMajor, responseMinor, 2, 7)
            ? (DigestAlgorithm.Sha256, SHA256.HashData(signed))
            : (DigestAlgorithm.Sha1, SHA1.HashData(signed));
    }

    /// <summary>A digest by its one-octet algorithm code (how a client checks the digest a challenge or response carries).</summary>
    public static byte[] Digest(DigestAlgorithm algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        DigestAlgorithm.Sha256 => SHA256.HashData(data),
        DigestAlgorithm.Sha1 => SHA1.HashData(data),
        DigestAlgorithm.Md5 or DigestAlgorithm.Md5OldFormat => MD5.HashData(data),
        _ => throw new HandleProtocolException(0, $"digest algorithm 0, 1, 2 or 3, not {(byte)algorithm}"),
    };

    /// <summary>The op code in a message header (so a server can name it in an error answer even when the body is bad).</summary>
    public static OpCode PeekOpCode(ReadOnlySpan<byte> message) =>
        message.Length >= 4 ? (OpCode)BinaryPrimitives.ReadInt32BigEndian(message) : OpCode.Reserved;

    public static HandleMessage Decode(ReadOnlySpan<byte> message)
    {
        var header = new WireReader(message);
        var opCode = (OpCode)header.ReadInt32("the op code");
        var responseCode = (ResponseCode)header.ReadInt32("the response code");
        var flags = (OpFlags)header.ReadUInt32("the op flags");
        var serial = header.ReadUInt16("the site info serial number");
        var recursion = header.ReadByte("the recursion count");
        header.ReadByte("the reserved octet");
        var expiration = header.ReadInt32("the expiration time");
        var bodyLengthAt = header.Offset;
        var bodyLength = header.ReadInt32("the body length");
        if (bodyLength < 0 || bodyLength > header.Remaining)
        {
            throw new HandleProtocolException(bodyLengthAt, $"a body length that fits the message ({bodyLength} given, {header.Remaining} bytes follow the header)");
        }
        var body = new WireReader(message.Slice(HandleProtocol.HeaderSize, bodyLength), HandleProtocol.HeaderSize);
        DigestAlgorithm digestAlgorithm = default;
        byte[]? digest = null;
        if (responseCode != ResponseCode.Reserved && (flags & OpFlags.ReturnRequestDigest) != 0)
        {
            digestAlgorithm = (DigestAlgorithm)body.ReadByte("the request digest algorithm");
            digest = digestAlgorithm switch
            {
                DigestAlgorithm.Sha256 => body.ReadFixed(32, "a SHA-256 request digest").ToArray(),
                DigestAlgorithm.Sha1 => body.ReadFixed(20, "a SHA-1 request digest").ToArray(),
                DigestAlgorithm.Md5 => body.ReadFixed(16, "an MD5 request digest").ToArray(),
                DigestAlgorithm.Md5OldFormat => ReadOldDigest(ref body),
                _ => throw new HandleProtocolException(body.Offset - 1, $"request digest algorithm 0, 1, 2 or 3, not {(byte)digestAlgorithm}"),
            };
        }

        HandleMessage decoded = responseCode switch
        {
            ResponseCode.Reserved => DecodeRequest(opCode, ref body, bodyLengthAt),
            ResponseCode.Success => DecodeSuccess(opCode, ref body),
            ResponseCode.ServiceReferral or ResponseCode.PrefixReferral => ReferralResponse.Read(ref body, opCode, responseCode),
            ResponseCode.AuthenticationNeeded => ChallengeResponse.Read(ref body, opCode),
            _ => ErrorResponse.Read(ref body, opCode, responseCode),
        };

        decoded.Flags = flags;
        decoded.SiteInfoSerial = serial;
        decoded.RecursionCount = recursion;
        decoded.Expiration = expiration;
        if (digest is not null)
        {
            decoded.RequestDigest = digest;
            decoded.RequestDigestAlgorithm = digestAlgorithm;
        }

        var trailer = new WireReader(message[(HandleProtocol.HeaderSize + bodyLength)..], HandleProtocol.HeaderSize + bodyLength);
        if (trailer.Remaining > 0)
        {
            decoded.Credential = trailer.ReadByteArray("the credential section");
        }
        return decoded;
    }

    private static byte[] ReadOldDigest(ref WireReader body)
    {
        // The old format has no algorithm octet: the "algorithm" 0 was the first octet of a 4-octet length.
        // Handle.Net only reads this from pre-2.1 peers; we accept lengths up to a SHA-256 digest.
        var rest = body.ReadFixed(3, "the rest of an old-format digest length");
        var length = (rest[0] << 16) | (rest[1] << 8) | rest[2];
        if (length > 32)
        {
            throw new HandleProtocolException(body.Offset - 4, $"an old-format request digest of at most 32 bytes ({length} given)");
        }
        return body.ReadFixed(length, "the old-format request digest").ToArray();
    }

    private static HandleRequest DecodeRequest(OpCode opCode, ref WireReader body, int bodyLengthAt)
    {
        _ = bodyLengthAt;
        return opCode switch
        {
            OpCode.Resolution => ResolutionRequest.Read(ref body),
            OpCode.GetSiteInfo => GetSiteInfoRequest.Read(ref body),
            OpCode.CreateHandle => CreateHandleRequest.Read(ref body),
            OpCode.DeleteHandle => DeleteHandleRequest.Read(ref body),
            OpCode.AddValue => AddValueRequest.Read(ref body),
            OpCode.RemoveValue => RemoveValueRequest.Read(ref body),
            OpCode.ModifyValue => ModifyValueRequest.Read(ref body),
            OpCode.ListHandles => ListHandlesRequest.Read(ref body),
            OpCode.ResponseToChallenge => ChallengeAnswerRequest.Read(ref body),
            OpCode.SessionSetup => SessionSetupRequest.Read(ref body),
            OpCode.SessionTerminate => SessionTerminateRequest.Read(ref body),
            _ => new UnsupportedRequest(opCode),
        };
    }

    private static HandleResponse DecodeSuccess(OpCode opCode, ref WireReader body) => opCode switch
    {
        OpCode.Resolution => ResolutionResponse.Read(ref body),
        OpCode.GetSiteInfo => GetSiteInfoResponse.Read(ref body),
        OpCode.ListHandles => ListHandlesResponse.Read(ref body),
        OpCode.CreateHandle => CreateHandleResponse.Read(ref body),
        OpCode.SessionSetup => SessionSetupResponse.Read(ref body),
        _ => new SuccessResponse(opCode),
    };
}
