using System.Buffers;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;

namespace IctGov.Identifiers.Nodes;

/// <summary>
/// A response ready for a transport: its envelope and the encoded message (header, body, credential), and for a
/// long LIST_HANDLES answer the messages that continue it (RFC 3652 §3.9: each but the last has the CT flag).
/// </summary>
internal sealed record HandleReply(MessageEnvelope Envelope, byte[] Message)
{
    /// <summary>Messages that follow this one in the same answer, in order (same envelope fields, their own lengths).</summary>
    public IReadOnlyList<byte[]> Continued { get; init; } = [];

    /// <summary>Every message of the answer, this one first.</summary>
    public IEnumerable<HandleReply> Messages => [this, .. Continued.Select(m => new HandleReply(Envelope with { MessageLength = m.Length }, m))];

    /// <summary>Length of <see cref="ToFrame"/>: an envelope before every message of the answer.</summary>
    public int FrameLength => HandleProtocol.EnvelopeSize * (1 + Continued.Count) + Message.Length + Continued.Sum(m => m.Length);

    /// <summary>Envelope and message of every message of the answer in one buffer (TCP and HTTP framing).</summary>
    public byte[] ToFrame()
    {
        var frame = new byte[FrameLength];
        WriteFrame(frame);
        return frame;
    }

    /// <summary>The frame written to a reused buffer (a connection's, or the HTTP response's pipe) instead of a new array.</summary>
    public int WriteFrame(IBufferWriter<byte> destination)
    {
        var length = FrameLength;
        WriteFrame(destination.GetSpan(length));
        destination.Advance(length);
        return length;
    }

    private void WriteFrame(Span<byte> frame)
    {
        HandleMessageCodec.Frame(Envelope, Message, frame);
        var at = HandleProtocol.EnvelopeSize + Message.Length;
        foreach (var m in Continued)
        {
            HandleMessageCodec.Frame(Envelope, m, frame[at..]);
            at += HandleProtocol.EnvelopeSize + m.Length;
        }
    }
}
