using System.Security.Cryptography;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;

namespace IctGov.Identifiers.Nodes;

// Encoding replies: the envelope, certified (signed) answers and LIST_HANDLES continued over several messages.
internal sealed partial class HandleRequestProcessor
{
    private static (byte Major, byte Minor) ResponseVersion(MessageEnvelope request)
    {
        // Answer in the version the client suggests, capped at the highest we speak (2.11).
        var major = request.SuggestedMajorVersion;
        var minor = request.SuggestedMinorVersion;
        return HandleProtocol.AtLeast(major, minor, HandleProtocol.MajorVersion, HandleProtocol.SuggestedMinorVersion)
            ? (HandleProtocol.MajorVersion, HandleProtocol.SuggestedMinorVersion)
            : (major, minor);
    }

    /// <summary>
    /// A long LIST_HANDLES answer as several messages of at most <paramref name="perMessage"/> handles, each but the last
    /// with the continuous (CT) flag, so no single message grows with the prefix and clients can start reading early.
    /// </summary>
    private static HandleReply Continued(MessageEnvelope request, (byte Major, byte Minor) version, ListHandlesResponse list, int perMessage, RSA? signer)
    {
        var parts = list.Handles.Chunk(perMessage).ToList();
        var messages = new List<HandleReply>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = new ListHandlesResponse(parts[i])
            {
                Flags = i < parts.Count - 1 ? list.Flags | OpFlags.Continuous : list.Flags & ~OpFlags.Continuous,
                RecursionCount = list.RecursionCount,
                Expiration = list.Expiration,
                RequestDigestAlgorithm = list.RequestDigestAlgorithm,
                RequestDigest = list.RequestDigest,
            };
            messages.Add(Reply(request, version, part, signer));
        }
        return messages[0] with { Continued = [.. messages.Skip(1).Select(m => m.Message)] };
    }

    /// <summary>
    /// The answer that replaces one too long for UDP (<see cref="HandleUdpListener"/>): same op code, RC_ERROR "ask over
    /// TCP", with the flags, request digest and expiration of the answer it replaces, and signed with the site key when
    /// the client asked for a certified answer: a client that checks signatures must be able to trust the refusal too.
    /// </summary>
    internal HandleReply UseTcpInstead(HandleReply reply)
    {
        var replaced = HandleMessageCodec.Decode(reply.Message);
        var error = new ErrorResponse(replaced.OpCode, ResponseCode.Error, HandleUdpListener.UseTcpMessage)
        {
            Flags = replaced.Flags & ~OpFlags.Continuous,
            RecursionCount = replaced.RecursionCount,
            Expiration = replaced.Expiration,
            RequestDigestAlgorithm = replaced.RequestDigestAlgorithm,
            RequestDigest = replaced.RequestDigest,
        };
        var signer = (replaced.Flags & OpFlags.Certify) != 0 ? _site.ServerKey : null;
        return Reply(reply.Envelope, (reply.Envelope.MajorVersion, reply.Envelope.MinorVersion), error, signer);
    }

    private static HandleReply Reply(MessageEnvelope request, (byte Major, byte Minor) version, HandleMessage response, RSA? signer = null)
    {
        var bytes = HandleMessageCodec.Encode(response);
        var envelope = new MessageEnvelope(version.Major, version.Minor, HandleProtocol.MajorVersion, HandleProtocol.SuggestedMinorVersion,
            EnvelopeFlags.None, request.SessionId, request.RequestId, 0, bytes.Length);
        if (signer is not null)
        {
            // Certified answer: sign header+body (with the envelope fields the reference covers), then re-encode with the credential.
            response.Credential = MessageSigning.SignRsa(signer, HandleMessageCodec.HeaderAndBody(bytes), envelope);
            bytes = HandleMessageCodec.Encode(response);
            envelope = envelope with { MessageLength = bytes.Length };
        }
        return new HandleReply(envelope, bytes);
    }
}
