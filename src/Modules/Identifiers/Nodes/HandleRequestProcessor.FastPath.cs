using System.Net;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;

namespace IctGov.Identifiers.Nodes;

// The UDP fast path: encoded answers to public resolutions, reused while the store still hands out the values they were encoded from.
internal sealed partial class HandleRequestProcessor
{
    /// <summary>Encoded answers kept for the UDP fast path (tests look at it).</summary>
    internal EncodedAnswerCache Answers => _answers;

    /// <summary>
    /// The fast path for a public resolution answered before: the cached message in a new envelope, or null to take
    /// the full path. Still rate-limited and metered like any answer.
    /// </summary>
    public HandleReply? TryCachedReply(MessageEnvelope envelope, ReadOnlySpan<byte> message, IPAddress client)
    {
        if ((envelope.Flags & (EnvelopeFlags.Encrypted | EnvelopeFlags.Compressed)) != 0)
        {
            return null;
        }
        Span<byte> key = stackalloc byte[EncodedAnswerCache.MaxKeyLength];
        if (!EncodedAnswerCache.TryMakeKey(message, key))
        {
            return null;
        }
        key = key[..message.Length];
        var entry = _answers.TryGet(key);
        if (entry is null || entry.SuggestedMajor != envelope.SuggestedMajorVersion || entry.SuggestedMinor != envelope.SuggestedMinorVersion)
        {
            return null;
        }
        if (_time.GetElapsedTime(entry.Created) > EncodedAnswerCache.MaxAge)
        {
            _answers.Remove(key);
            return null;
        }
        var current = _store.ResolveAsync(entry.Handle);
        if (!current.IsCompletedSuccessfully)
        {
            // The store went to the database: let that load finish (it fills the store's memory) and take the full path.
            _ = current.AsTask();
            return null;
        }
        if (!ReferenceEquals(current.Result, entry.Values))
        {
            // The handle was written since: this answer is stale.
            _answers.Remove(key);
            return null;
        }
        client = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        if (!_limiter.TryAcquire(client))
        {
            return Reply(envelope, ResponseVersion(envelope), new ErrorResponse(OpCode.Resolution, ResponseCode.ServerTooBusy, "Too many requests from this address; slow down"));
        }
        _meter.Resolved(entry.Prefix, found: true);
        _answers.CountHit();
        return new HandleReply(entry.ReplyEnvelope with { SessionId = envelope.SessionId, RequestId = envelope.RequestId }, entry.Message);
    }

    /// <summary>Keeps the encoded answer for <see cref="TryCachedReply"/>, with the value list it was encoded from.</summary>
    private void RememberAnswer(MessageEnvelope envelope, ReadOnlySpan<byte> message, ResolutionRequest resolved, IReadOnlyList<HandleValue> answeredFrom, HandleReply reply)
    {
        Span<byte> key = stackalloc byte[EncodedAnswerCache.MaxKeyLength];
        if (EncodedAnswerCache.TryMakeKey(message, key))
        {
            _answers.Put(key[..message.Length], new EncodedAnswerCache.Entry(resolved.Handle, HandleName.Prefix(resolved.Handle), answeredFrom,
                envelope.SuggestedMajorVersion, envelope.SuggestedMinorVersion, reply.Envelope, reply.Message, _time.GetTimestamp()));
        }
    }

    /// <summary>Whether the encoded answer to this request may be reused: a public, local, unsigned resolution of a handle homed here.</summary>
    private bool MayCacheAnswer(ResolutionRequest request, ReadOnlyMemory<byte> message) =>
        message.Length <= EncodedAnswerCache.MaxKeyLength
        && (request.Flags & (OpFlags.Certify | OpFlags.ReturnRequestDigest)) == 0
        && !HandleName.IsPrefixHandle(request.Handle)
        && HandleName.IsValid(request.Handle)
        // Elsewhere the answer also depends on prefix handles (referrals), which the validity check does not watch.
        && (_options.ResponsiblePrefixes.Count == 0 || IsHomed(HandleName.Prefix(request.Handle)));
}
