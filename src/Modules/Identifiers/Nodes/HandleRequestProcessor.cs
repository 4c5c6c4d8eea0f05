using System.Net;
using System.Runtime.CompilerServices;
using IctGov.Identifiers.Statistics;
using IctGov.Identifiers.Storage;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IctGov.Identifiers.Nodes;

/// <summary>
/// The node's brain, shared by the UDP, TCP and HTTP transports: one request message in, one response out.
/// Decodes (PROTOCOL_ERROR on bad bytes), rate-limits, resolves with type/index filters and read permissions,
/// answers GET_SITE_INFO, and guards administration with challenge–response and HS_ADMIN permissions.
/// Split by family as Garnet splits its RESP session: this file decodes and dispatches; FastPath, Resolution,
/// Referrals, Administration, Sessions and Signing hold the rest.
/// </summary>
internal sealed partial class HandleRequestProcessor
{
    private readonly IHandleStore _store;
    private readonly IResolutionMeter _meter;
    private readonly HandleNodeOptions _options;
    private readonly HandleNodeSite _site;
    private readonly ClientRateLimiter _limiter;
    private readonly TimeProvider _time;
    private readonly ILogger<HandleRequestProcessor> _log;
    private readonly ChallengeTable _challenges;
    private readonly AdminReference[] _serverAdmins;
    private readonly HandleRecursiveResolver? _recursive;
    private readonly ConditionalWeakTable<byte[], StrongBox<bool>> _ownSite = [];
    private readonly EncodedAnswerCache _answers;

    public HandleRequestProcessor(IHandleStore store, IResolutionMeter meter, IOptions<HandleNodeOptions> options, HandleNodeSite site,
        ClientRateLimiter limiter, TimeProvider time, ILogger<HandleRequestProcessor> log, HandleRecursiveResolver? recursive = null)
    {
        _recursive = recursive;
        _store = store;
        _meter = meter;
        _options = options.Value;
        _site = site;
        _limiter = limiter;
        _time = time;
        _log = log;
        _challenges = new ChallengeTable(time, _options.MaxPendingChallenges);
        _serverAdmins = [.. _options.ServerAdmins.Select(AdminReference.Parse)];
        _answers = new EncodedAnswerCache(_options.EncodedAnswerCacheCapacity, time.TimestampFrequency);
    }

    /// <summary>An error reply for input too broken to decode beyond its envelope.</summary>
    public static HandleReply ProtocolError(MessageEnvelope request, string text) =>
        Reply(request, ResponseVersion(request), new ErrorResponse(OpCode.Reserved, ResponseCode.ProtocolError, text));

    public async ValueTask<HandleReply> ProcessAsync(MessageEnvelope envelope, ReadOnlyMemory<byte> message, IPAddress client, CancellationToken ct = default)
    {
        client = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        var version = ResponseVersion(envelope);
        var opCode = HandleMessageCodec.PeekOpCode(message.Span);
        if (!_limiter.TryAcquire(client))
        {
            return Reply(envelope, version, new ErrorResponse(opCode, ResponseCode.ServerTooBusy, "Too many requests from this address; slow down"));
        }
        if ((envelope.Flags & (EnvelopeFlags.Encrypted | EnvelopeFlags.Compressed)) != 0)
        {
            return Reply(envelope, version, new ErrorResponse(opCode, ResponseCode.OperationNotSupported, "Encrypted and compressed messages are not supported"));
        }

        HandleMessage decoded;
        try
        {
            decoded = HandleMessageCodec.Decode(message.Span);
        }
        catch (HandleProtocolException e)
        {
            _log.LogDebug("Malformed Handle request {RequestId} from {Client}: {Error}", envelope.RequestId, client, e.Message);
            return Reply(envelope, version, new ErrorResponse(opCode, ResponseCode.ProtocolError, e.Message));
        }
        if (decoded is not HandleRequest request)
        {
            return Reply(envelope, version, new ErrorResponse(opCode, ResponseCode.ProtocolError, "Expected a request (response code 0)"));
        }

        HandleResponse response;
        var sessionId = envelope.SessionId;
        IReadOnlyList<HandleValue>? answeredFrom = null;
        try
        {
            (response, sessionId, answeredFrom) = await DispatchAsync(request, envelope, message, version, client, ct);
        }
        catch (HandleProtocolException e)
        {
            response = new ErrorResponse(request.OpCode, ResponseCode.InvalidValue, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // A failing store must still get the client an answer (RC_ERROR), not silence or a dropped connection.
            _log.LogError(e, "Handle request {OpCode} for {Handle} failed", request.OpCode, request.Handle);
            response = new ErrorResponse(request.OpCode, ResponseCode.Error, "Internal server error");
        }

        // Flags the reference copies from request to response; RD gets the digest of what we received.
        response.Flags |= request.Flags & (OpFlags.Authoritative | OpFlags.Certify | OpFlags.CacheCertify | OpFlags.PublicOnly | OpFlags.DoNotRefer);
        response.RecursionCount = request.RecursionCount;
        // The reference client drops answers whose expiration has passed, so every answer carries one (12 h, as its requests do).
        response.Expiration = (int)_time.GetUtcNow().AddHours(12).ToUnixTimeSeconds();
        if ((request.Flags & OpFlags.ReturnRequestDigest) != 0 && response.RequestDigest is null)
        {
            (response.RequestDigestAlgorithm, response.RequestDigest) = HandleMessageCodec.DigestRequest(message.Span, version.Major, version.Minor);
        }
        var signer = (request.Flags & OpFlags.Certify) != 0 ? _site.ServerKey : null;
        if (response is ListHandlesResponse list && list.Handles.Count > Math.Max(1, _options.ListHandlesPerMessage))
        {
            return Continued(envelope with { SessionId = sessionId }, version, list, Math.Max(1, _options.ListHandlesPerMessage), signer);
        }
        var reply = Reply(envelope with { SessionId = sessionId }, version, response, signer);
        if (answeredFrom is not null && response is ResolutionResponse && request is ResolutionRequest resolved && MayCacheAnswer(resolved, message))
        {
            RememberAnswer(envelope, message.Span, resolved, answeredFrom, reply);
        }
        return reply;
    }

    private async ValueTask<(HandleResponse, int, IReadOnlyList<HandleValue>?)> DispatchAsync(HandleRequest request, MessageEnvelope envelope, ReadOnlyMemory<byte> message,
        (byte Major, byte Minor) version, IPAddress client, CancellationToken ct)
    {
        switch (request)
        {
            case GetSiteInfoRequest:
                return (new GetSiteInfoResponse(_site.Current), envelope.SessionId, null);
            case ChallengeAnswerRequest answer:
                return (await AnswerAsync(answer, envelope, client, ct), envelope.SessionId, null);
            case SessionSetupRequest setup:
                var (setupResponse, setupSession) = setup.Mode is KeyExchangeMode.CipherClient or KeyExchangeMode.CipherHandle
                    ? await SetupCipherSessionAsync(setup, ct)
                    : SetupSession(setup);
                return (setupResponse, setupSession, null);
            case SessionTerminateRequest:
                return (new SuccessResponse(request.OpCode), envelope.SessionId, null);
            case UnsupportedRequest:
                return (new ErrorResponse(request.OpCode, ResponseCode.OperationNotSupported, $"Operation {(int)request.OpCode} is not supported"), envelope.SessionId, null);
        }

        if (_options.SiteServerCount > 1 && request is not ListHandlesRequest
            && SiteInfo.ServerIndex(request.Handle, _options.SiteHashOption, _options.SiteServerCount) != _options.SiteServerIndex)
        {
            // One server of a multi-server site: the handle hashes to a sibling (the client should have routed by HS_SITE).
            // LIST_HANDLES is the exception: it goes to every server, each listing its share.
            return (new ErrorResponse(request.OpCode, ResponseCode.ServerNotResponsible, $"Handle {request.Handle} hashes to another server of this site"), envelope.SessionId, null);
        }

        if (request is ResolutionRequest recursive && _options.Role == HandleNodeRole.Recursive && _recursive is not null
            && ((recursive.Flags & OpFlags.Recursive) != 0 || _options.ResponsiblePrefixes.Count == 0 || !IsResponsibleFor(recursive.Handle)))
        {
            // As Handle.Net's caching server: every resolution is walked (or answered from the cache), REC flag or not;
            // only handles of prefixes this node homes itself are answered from its store when the client asks for no recursion.
            return (await _recursive.ResolveAsync(recursive, ct), envelope.SessionId, null);
        }

        if (await ReferralAsync(request, ct) is { } referral)
        {
            return (referral, envelope.SessionId, null);
        }

        if (_options.IsMirror && request is not ResolutionRequest)
        {
            // A mirror copies the primary; changes made here would be overwritten, so administration goes to the primary.
            return (new ErrorResponse(request.OpCode, ResponseCode.ServerNotResponsible, "This is a read-only mirror site; send administration to the primary site"), envelope.SessionId, null);
        }

        if (!IsResponsibleFor(request.Handle))
        {
            return (new ErrorResponse(request.OpCode, ResponseCode.ServerNotResponsible, $"This server is not responsible for handle {request.Handle}"), envelope.SessionId, null);
        }

        if (request is ResolutionRequest resolution)
        {
            // One store read answers a public resolution: the values tell whether a challenge is needed at all.
            var values = await _store.ResolveAsync(resolution.Handle, ct);
            if (!NeedsAuthentication(resolution, values))
            {
                return (Answer(resolution, values, canReadRestricted: false), envelope.SessionId, values);
            }
        }

        // Administration (or a read of restricted values): challenge first, act when the answer verifies.
        var (challenge, session) = Challenge(request, envelope, message.Span, version, client);
        return (challenge, session, null);
    }
}
