using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Nodes;

/// <summary>A response ready for a transport: its envelope and the encoded message (header, body, credential).</summary>
internal sealed record HandleReply(MessageEnvelope Envelope, byte[] Message)
{
    /// <summary>Envelope and message in one buffer (TCP and HTTP framing).</summary>
    public byte[] ToFrame()
    {
        var frame = new byte[HandleProtocol.EnvelopeSize + Message.Length];
        (Envelope with { MessageLength = Message.Length, SequenceNumber = 0 }).Write(frame);
        Message.CopyTo(frame, HandleProtocol.EnvelopeSize);
        return frame;
    }
}
