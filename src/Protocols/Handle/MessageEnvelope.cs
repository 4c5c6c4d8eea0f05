using System.Buffers.Binary;

namespace IctGov.Protocols.Handle;

/// <summary>
/// The 20-octet message envelope (RFC 3652 §2.2.1): version, suggested version and flags, session id,
/// request id, sequence number (the packet number of a multi-packet UDP message) and message length.
/// </summary>
public readonly record struct MessageEnvelope(
    byte MajorVersion,
    byte MinorVersion,
    byte SuggestedMajorVersion,
    byte SuggestedMinorVersion,
    EnvelopeFlags Flags,
    int SessionId,
    int RequestId,
    int SequenceNumber,
    int MessageLength)
{
    /// <summary>An envelope as our client and servers originate it: 2.10, suggesting 2.11.</summary>
    public static MessageEnvelope Create(int requestId, int messageLength, int sessionId = 0) =>
        new(HandleProtocol.MajorVersion, HandleProtocol.MinorVersion, HandleProtocol.MajorVersion, HandleProtocol.SuggestedMinorVersion,
            EnvelopeFlags.None, sessionId, requestId, 0, messageLength);

    public bool Truncated => (Flags & EnvelopeFlags.Truncated) != 0;

    public void Write(Span<byte> destination)
    {
        if (destination.Length < HandleProtocol.EnvelopeSize)
        {
            throw new ArgumentException("An envelope needs 20 bytes.", nameof(destination));
        }
        destination[0] = MajorVersion;
        destination[1] = MinorVersion;
        // The suggested major version shares octet 2 with the flags (its low two bits).
        destination[2] = (byte)((byte)Flags | (SuggestedMajorVersion & 0x03));
        destination[3] = SuggestedMinorVersion;
        BinaryPrimitives.WriteInt32BigEndian(destination[4..], SessionId);
        BinaryPrimitives.WriteInt32BigEndian(destination[8..], RequestId);
        BinaryPrimitives.WriteInt32BigEndian(destination[12..], SequenceNumber);
        BinaryPrimitives.WriteInt32BigEndian(destination[16..], MessageLength);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[HandleProtocol.EnvelopeSize];
        Write(bytes);
        return bytes;
    }

    /// <summary>Reads an envelope; a message length outside 0..<see cref="HandleProtocol.MaxMessageLength"/> is an error.</summary>
    public static MessageEnvelope Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < HandleProtocol.EnvelopeSize)
        {
            throw new HandleProtocolException(source.Length, $"a 20-byte message envelope ({source.Length} bytes given)");
        }
        var flags = (EnvelopeFlags)(source[2] & 0xE0);
        var suggestedMajor = (byte)(source[2] & 0x03);
        var suggestedMinor = source[3];
        if (suggestedMajor == 0)
        {
            // Senders older than 2.8 leave the suggestion empty: it is the version itself.
            suggestedMajor = source[0];
            suggestedMinor = source[1];
        }
        var length = BinaryPrimitives.ReadInt32BigEndian(source[16..]);
        if (length < 0 || length > HandleProtocol.MaxMessageLength)
        {
            throw new HandleProtocolException(16, $"a message length between 0 and {HandleProtocol.MaxMessageLength} ({length} given)");
        }
        return new MessageEnvelope(source[0], source[1], suggestedMajor, suggestedMinor, flags,
            BinaryPrimitives.ReadInt32BigEndian(source[4..]),
            BinaryPrimitives.ReadInt32BigEndian(source[8..]),
            BinaryPrimitives.ReadInt32BigEndian(source[12..]),
            length);
    }
}
