namespace IctGov.Protocols.Handle;

/// <summary>
/// Multi-packet UDP messages (RFC 3652 §2.2.1, as the reference implements them): a message longer than
/// <see cref="HandleProtocol.MaxUdpDataSize"/> octets is cut into numbered packets, each with its own envelope
/// carrying the full message length, the packet number as sequence number and the Truncated flag.
/// </summary>
public static class UdpPackets
{
    public static IReadOnlyList<byte[]> Split(MessageEnvelope envelope, ReadOnlySpan<byte> message, int maxData = HandleProtocol.MaxUdpDataSize)
    {
        var count = Math.Max(1, (message.Length + maxData - 1) / maxData);
        var flags = count > 1 ? envelope.Flags | EnvelopeFlags.Truncated : envelope.Flags & ~EnvelopeFlags.Truncated;
        var packets = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var part = message.Slice(i * maxData, Math.Min(maxData, message.Length - i * maxData));
            var packet = new byte[HandleProtocol.EnvelopeSize + part.Length];
            (envelope with { Flags = flags, SequenceNumber = i, MessageLength = message.Length }).Write(packet);
            part.CopyTo(packet.AsSpan(HandleProtocol.EnvelopeSize));
            packets[i] = packet;
        }
        return packets;
    }

    /// <summary>Number of packets a message of <paramref name="messageLength"/> octets arrives in.</summary>
    public static int PacketCount(int messageLength, int maxData = HandleProtocol.MaxUdpDataSize) =>
        Math.Max(1, (messageLength + maxData - 1) / maxData);
}

/// <summary>Collects the packets of one multi-packet UDP message; rejects packets that contradict the first.</summary>
public sealed class UdpReassembly
{
    private readonly byte[] _message;
    private readonly bool[] _received;
    private readonly int _maxData;
    private int _missing;

    public UdpReassembly(MessageEnvelope first, int maxData = HandleProtocol.MaxUdpDataSize)
    {
        Envelope = first;
        _maxData = maxData;
        _message = new byte[first.MessageLength];
        _received = new bool[UdpPackets.PacketCount(first.MessageLength, maxData)];
        _missing = _received.Length;
    }

    public MessageEnvelope Envelope { get; }

    public bool IsComplete => _missing == 0;

    public byte[] Message => IsComplete ? _message : throw new InvalidOperationException("Packets are missing.");

    /// <summary>Adds one packet (envelope included); returns true when the message is complete.</summary>
    public bool Add(ReadOnlySpan<byte> packet)
    {
        var envelope = MessageEnvelope.Read(packet);
        var data = packet[HandleProtocol.EnvelopeSize..];
        var n = envelope.SequenceNumber;
        if (envelope.RequestId != Envelope.RequestId || envelope.MessageLength != Envelope.MessageLength)
        {
            throw new HandleProtocolException(8, "a packet of the same message (request id and length as its first packet)");
        }
        if (n < 0 || n >= _received.Length)
        {
            throw new HandleProtocolException(12, $"a packet number below {_received.Length} ({n} given)");
        }
        var expectedLength = Math.Min(_maxData, Envelope.MessageLength - n * _maxData);
        if (data.Length != expectedLength)
        {
            throw new HandleProtocolException(HandleProtocol.EnvelopeSize, $"{expectedLength} data bytes in packet {n} ({data.Length} given)");
        }
        if (!_received[n])
        {
            data.CopyTo(_message.AsSpan(n * _maxData));
            _received[n] = true;
            _missing--;
        }
        return IsComplete;
    }
}
