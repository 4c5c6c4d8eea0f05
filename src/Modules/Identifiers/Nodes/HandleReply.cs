using IctGov.Protocols.Handle;

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

    /// <summary>Envelope and message of every message of the answer in one buffer (TCP and HTTP framing).</summary>
    public byte[] ToFrame()
    {
        var frame = new byte[HandleProtocol.EnvelopeSize * (1 + Continued.Count) + Message.Length + Continued.Sum(m => m.Length)];
        var at = 0;
        foreach (var m in (IEnumerable<byte[]>)[Message, .. Continued])
        {
            (Envelope with { MessageLength = m.Length, SequenceNumber = 0 }).Write(frame.AsSpan(at));
            m.CopyTo(frame, at + HandleProtocol.EnvelopeSize);
            at += HandleProtocol.EnvelopeSize + m.Length;
        }
        return frame;
    }
}
