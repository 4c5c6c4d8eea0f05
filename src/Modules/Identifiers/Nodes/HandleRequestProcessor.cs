using System.Net;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
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
/// </summary>
internal sealed class HandleRequestProcessor
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

    /// <summary>Whether the encoded answer to this request may be reused: a public, local, unsigned resolution of a handle homed here.</summary>
    private bool MayCacheAnswer(ResolutionRequest request, ReadOnlyMemory<byte> message) =>
        message.Length <= EncodedAnswerCache.MaxKeyLength
        && (request.Flags & (OpFlags.Certify | OpFlags.ReturnRequestDigest)) == 0
        && !HandleName.IsPrefixHandle(request.Handle)
        && HandleName.IsValid(request.Handle)
        // Elsewhere the answer also depends on prefix handles (referrals), which the validity check does not watch.
        && (_options.ResponsiblePrefixes.Count == 0 || IsHomed(HandleName.Prefix(request.Handle)));

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
            Span<byte> key = stackalloc byte[EncodedAnswerCache.MaxKeyLength];
            if (EncodedAnswerCache.TryMakeKey(message.Span, key))
            {
                _answers.Put(key[..message.Length], new EncodedAnswerCache.Entry(resolved.Handle, HandleName.Prefix(resolved.Handle), answeredFrom,
                    envelope.SuggestedMajorVersion, envelope.SuggestedMinorVersion, reply.Envelope, reply.Message, _time.GetTimestamp()));
            }
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

        if (request is ResolutionRequest recursive && (recursive.Flags & OpFlags.Recursive) != 0 && _options.Role == HandleNodeRole.Recursive && _recursive is not null)
        {
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
        var nonce = RandomNumberGenerator.GetBytes(HandleProtocol.ChallengeNonceSize);
        var (algorithm, digest) = HandleMessageCodec.DigestRequest(message.Span, version.Major, version.Minor);
        var session = _challenges.Add(request, nonce, digest, client, _options.ChallengeTimeout);
        if (session is null)
        {
            return (new ErrorResponse(request.OpCode, ResponseCode.ServerTooBusy, "Too many authentications in progress"), envelope.SessionId, null);
        }
        var challenge = new ChallengeResponse(request.OpCode, nonce) { RequestDigestAlgorithm = algorithm, RequestDigest = digest };
        return (challenge, session.Value, null);
    }

    /// <summary>Handle.Net's code for an AES session key, written before the key in a session setup answer.</summary>
    private const byte AesSessionKey = 3;

    /// <summary>
    /// SESSION_SETUP in the two cipher modes Handle.Net's batch tool offers (PUBEXNGKEYFILE / PUBEXNGKEYREF): the
    /// server makes an AES session key and returns it, prefixed by its algorithm code, encrypted with the client's
    /// RSA key by PKCS #1 v1.5 — the key sent in the request (client cipher) or the HS_PUBKEY at a handle and
    /// index held in this node's store (handle cipher; a node does not fetch keys from elsewhere for this).
    /// As with Diffie-Hellman, each administrative request is still authenticated by challenge–response.
    /// </summary>
    private async ValueTask<(HandleResponse, int)> SetupCipherSessionAsync(SessionSetupRequest setup, CancellationToken ct)
    {
        var keyBytes = setup.ExchangeKey;
        if (setup.Mode == KeyExchangeMode.CipherHandle)
        {
            var keyHandle = System.Text.Encoding.UTF8.GetString(setup.ExchangeKey);
            var values = HandleName.IsValid(keyHandle) ? await _store.ResolveAsync(keyHandle, ct) : null;
            var key = values?.FirstOrDefault(v => v.Index == setup.ExchangeKeyIndex && IsType(v, HandleValueTypes.PublicKey));
            if (key is null)
            {
                return (new ErrorResponse(setup.OpCode, ResponseCode.SessionFailed,
                    $"No HS_PUBKEY at index {setup.ExchangeKeyIndex} of {keyHandle} on this server"), 0);
            }
            keyBytes = key.Data;
        }
        RSAParameters rsa;
        try
        {
            rsa = PublicKeyEncoding.DecodeRsa(keyBytes);
        }
        catch (HandleProtocolException e)
        {
            return (new ErrorResponse(setup.OpCode, ResponseCode.InvalidSessionSetupRequest, "The exchange key must be an RSA public key: " + e.Message), 0);
        }
        using var cipher = RSA.Create();
        try
        {
            cipher.ImportParameters(rsa);
        }
        catch (CryptographicException e)
        {
            return (new ErrorResponse(setup.OpCode, ResponseCode.InvalidSessionSetupRequest, "Unusable RSA exchange key: " + e.Message), 0);
        }
        byte[] sessionKey = [0, 0, 0, AesSessionKey, .. RandomNumberGenerator.GetBytes(16)];
        var sealedKey = cipher.Encrypt(sessionKey, RSAEncryptionPadding.Pkcs1);
        CryptographicOperations.ZeroMemory(sessionKey);
        return (new SessionSetupResponse(setup.Mode, sealedKey), RandomNumberGenerator.GetInt32(1, int.MaxValue));
    }

    /// <summary>
    /// SESSION_SETUP with Diffie-Hellman, which Handle.Net clients do before administration: the session key is
    /// AES (first 32 octets of the shared secret). Authentication still happens per request by challenge–response,
    /// so session MACs on later requests are accepted without being checked.
    /// </summary>
    private static (HandleResponse, int) SetupSession(SessionSetupRequest setup)
    {
        if (setup.Mode != KeyExchangeMode.DiffieHellman)
        {
            return (new ErrorResponse(setup.OpCode, ResponseCode.OperationNotSupported, "Supported key exchanges: Diffie-Hellman, client cipher and handle cipher (RSA)"), 0);
        }
        var (clientY, p, g) = PublicKeyEncoding.DecodeDh(setup.ExchangeKey);
        var modulus = new BigInteger(p, isUnsigned: true, isBigEndian: true);
        var generator = new BigInteger(g, isUnsigned: true, isBigEndian: true);
        var peer = new BigInteger(clientY, isUnsigned: true, isBigEndian: true);
        if (modulus.GetBitLength() is < 1024 or > 8192 || peer <= BigInteger.One || peer >= modulus - BigInteger.One || generator <= BigInteger.One)
        {
            return (new ErrorResponse(setup.OpCode, ResponseCode.InvalidSessionSetupRequest, "Unusable Diffie-Hellman parameters"), 0);
        }
        var secret = new BigInteger(RandomNumberGenerator.GetBytes(40), isUnsigned: true, isBigEndian: true);
        var serverY = BigInteger.ModPow(generator, secret, modulus);
        // The client derives the AES key from g^(xy) mod p; we would need it only to check session MACs or encrypt.
        var key = PublicKeyEncoding.EncodeDh(serverY.ToByteArray(isUnsigned: true, isBigEndian: true), p, g);
        var sessionId = RandomNumberGenerator.GetInt32(1, int.MaxValue);
        return (new SessionSetupResponse(KeyExchangeMode.DiffieHellman, [0, 0, 0, AesSessionKey, .. key]), sessionId);
    }

    /// <summary>
    /// Delegation as Handle.Net answers it. For <c>P/suffix</c> when P is not homed here: the prefix handle
    /// <c>0.NA/P</c> held here with HS_SITE/HS_SERV gives SERVICE_REFERRAL to that service; otherwise the nearest
    /// parent prefix handle <c>0.NA/Q</c> with HS_SITE.PREFIX/HS_SERV.PREFIX gives PREFIX_REFERRAL (Q's derived
    /// prefixes live elsewhere). Prefix handles <c>0.NA/X</c> not held here are referred by their parents the same way.
    /// </summary>
    private async ValueTask<HandleResponse?> ReferralAsync(HandleRequest request, CancellationToken ct)
    {
        var handle = request.Handle;
        if (_options.ResponsiblePrefixes.Count == 0 || !HandleName.IsValid(handle))
        {
            // A node homing nothing in particular serves whatever its store holds and refers nowhere,
            // which also spares it the prefix-handle lookups on every request.
            return null;
        }
        var isPrefixHandle = HandleName.IsPrefixHandle(handle);
        var authority = HandleName.Authority(handle);
        if (isPrefixHandle)
        {
            if (await _store.ResolveAsync(handle, ct) is not null)
            {
                return null;
            }
        }
        else
        {
            if (IsHomed(authority))
            {
                return null;
            }
            var own = await _store.ResolveAsync(HandleName.PrefixHandle(authority), ct);
            var service = own?.Where(v => (IsType(v, HandleValueTypes.Site) && !IsOwnSite(v)) || IsType(v, HandleValueTypes.Service)).ToList();
            if (service is { Count: > 0 })
            {
                return new ReferralResponse(request.OpCode, ResponseCode.ServiceReferral, HandleName.PrefixHandle(authority), service);
            }
            if (own is not null && own.Any(v => IsType(v, HandleValueTypes.Site)))
            {
                // The prefix handle names this very site: served here, whatever its parents delegate.
                return null;
            }
        }
        for (var parent = Parent(authority); parent is not null; parent = Parent(parent))
        {
            var values = await _store.ResolveAsync(HandleName.PrefixHandle(parent), ct);
            var delegation = values?.Where(v => (IsType(v, HandleValueTypes.SitePrefix) && !IsOwnSite(v)) || IsType(v, HandleValueTypes.ServicePrefix)).ToList();
            if (delegation is { Count: > 0 })
            {
                return new ReferralResponse(request.OpCode, ResponseCode.PrefixReferral, HandleName.PrefixHandle(parent), delegation);
            }
            if (IsHomed(parent))
            {
                // Derived prefixes of a prefix homed here and not delegated are ours.
                return null;
            }
        }
        return null;
    }

    /// <summary>
    /// Whether an HS_SITE value describes this node (the registry names the platform's own site in the prefix handles it
    /// homes): referring a client to ourselves would loop, so such a value means "served here". A site without a single
    /// interface serves nobody and counts as ours too. Decided once per stored value (cached values keep their arrays).
    /// </summary>
    private bool IsOwnSite(HandleValue value) => _ownSite.GetValue(value.Data, data =>
    {
        SiteInfo site;
        try
        {
            site = SiteInfo.Decode(data);
        }
        catch (HandleProtocolException)
        {
            return new StrongBox<bool>(false);
        }
        var own = _site.Current.Servers;
        var mine = site.Servers.All(s => s.Interfaces.Count == 0)
            || site.Servers.Any(s => own.Any(o => o.Address.Equals(s.Address)
                && s.Interfaces.Any(i => o.Interfaces.Any(x => x.Protocol == i.Protocol && x.Port == i.Port))));
        return new StrongBox<bool>(mine);
    }).Value;

    private static bool IsType(HandleValue value, string type) => string.Equals(value.Type, type, StringComparison.OrdinalIgnoreCase);

    private static string? Parent(string prefix)
    {
        var dot = prefix.LastIndexOf('.');
        return dot <= 0 ? null : prefix[..dot];
    }

    private bool IsHomed(string prefix) =>
        _options.ResponsiblePrefixes.Any(p => string.Equals(p, prefix, StringComparison.OrdinalIgnoreCase));

    private bool IsResponsibleFor(string handle)
    {
        if (_options.ResponsiblePrefixes.Count == 0)
        {
            return true;
        }
        if (HandleName.IsPrefixHandle(handle) && IsHomed(HandleName.PrefixAuthority))
        {
            // The prefix registry (root) answers for every prefix handle it is not referring elsewhere.
            return true;
        }
        var prefix = HandleName.Authority(handle);
        foreach (var p in _options.ResponsiblePrefixes)
        {
            // A node for 88.100.1 also serves derived prefixes such as 88.100.1.5.
            if (string.Equals(prefix, p, StringComparison.OrdinalIgnoreCase) || prefix.StartsWith(p + ".", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static bool NeedsAuthentication(ResolutionRequest request, IReadOnlyList<HandleValue>? values) =>
        (request.Flags & OpFlags.PublicOnly) == 0
        && values is not null && Matching(request, values).Any(v => (v.Permissions & ValuePermissions.PublicRead) == 0);

    private static IEnumerable<HandleValue> Matching(ResolutionRequest request, IReadOnlyList<HandleValue> values) =>
        request.Indexes.Count == 0 && request.Types.Count == 0 ? values : values.Where(v => TypeFilter.Selects(request.Indexes, request.Types, v));

    private async ValueTask<HandleResponse> ResolveAsync(ResolutionRequest request, AdminReference identity, CancellationToken ct)
    {
        var values = await _store.ResolveAsync(request.Handle, ct);
        var canReadRestricted = values is not null && await AuthorizeAsync(request.Handle, identity, AdminPermissions.ReadValue, prefixScope: false, ct) == ResponseCode.Success;
        return Answer(request, values, canReadRestricted);
    }

    private HandleResponse Answer(ResolutionRequest request, IReadOnlyList<HandleValue>? values, bool canReadRestricted)
    {
        var prefix = HandleName.Prefix(request.Handle);
        if (values is null)
        {
            _meter.Resolved(prefix, found: false);
            return new ErrorResponse(request.OpCode, ResponseCode.HandleNotFound, "Handle not found");
        }
        _meter.Resolved(prefix, found: true);
        var visible = Matching(request, values)
            .Where(v => (v.Permissions & ValuePermissions.PublicRead) != 0 || (canReadRestricted && (v.Permissions & ValuePermissions.AdminRead) != 0))
            .ToList();
        if (visible.Count == 0)
        {
            return new ErrorResponse(request.OpCode, ResponseCode.ValuesNotFound, "No values of the handle match the request");
        }
        return new ResolutionResponse(request.Handle, visible);
    }

    private async ValueTask<HandleResponse> AnswerAsync(ChallengeAnswerRequest answer, MessageEnvelope envelope, IPAddress client, CancellationToken ct)
    {
        var pending = _challenges.Take(envelope.SessionId, client);
        if (pending is null)
        {
            return new ErrorResponse(OpCode.ResponseToChallenge, ResponseCode.AuthenticationTimeout, "No challenge is waiting for this session (expired or unknown)");
        }
        var original = pending.Request;
        var identity = new AdminReference(answer.UserHandle, answer.UserIndex);
        var verified = await VerifyAnswerAsync(answer, pending, ct);
        if (verified != ResponseCode.Success)
        {
            _log.LogInformation("Authentication of {Index}:{Handle} failed ({Code}) for {Op} {Target}", identity.Index, identity.Handle, verified, original.OpCode, original.Handle);
            return new ErrorResponse(original.OpCode, verified, "Authentication failed");
        }
        return await ExecuteAsync(original, identity, ct);
    }

    private async ValueTask<ResponseCode> VerifyAnswerAsync(ChallengeAnswerRequest answer, PendingChallenge pending, CancellationToken ct)
    {
        var values = await _store.ResolveAsync(answer.UserHandle, ct);
        var key = values?.FirstOrDefault(v => v.Index == answer.UserIndex);
        if (key is null)
        {
            // The administrator's key lives elsewhere: verification through VERIFY_CHALLENGE is not offered yet.
            return ResponseCode.AuthenticationFailed;
        }
        try
        {
            return answer.AuthenticationType switch
            {
                ChallengeAuthentication.SecretKeyType when key.Type == HandleValueTypes.SecretKey =>
                    ChallengeAuthentication.VerifySecretKey(key.Data, pending.Nonce, pending.RequestDigest, answer.SignedAnswer) ? ResponseCode.Success : ResponseCode.AuthenticationFailed,
                ChallengeAuthentication.PublicKeyType when key.Type == HandleValueTypes.PublicKey =>
                    ChallengeAuthentication.VerifyPublicKey(key.Data, pending.Nonce, pending.RequestDigest, answer.SignedAnswer) ? ResponseCode.Success : ResponseCode.AuthenticationFailed,
                _ => ResponseCode.AuthenticationFailed,
            };
        }
        catch (HandleProtocolException)
        {
            return ResponseCode.InvalidCredential;
        }
    }

    private async ValueTask<HandleResponse> ExecuteAsync(HandleRequest request, AdminReference identity, CancellationToken ct)
    {
        switch (request)
        {
            case ResolutionRequest resolution:
                return await ResolveAsync(resolution, identity, ct);
            case CreateHandleRequest create:
            {
                if (!HandleName.IsValid(create.Handle))
                {
                    return new ErrorResponse(request.OpCode, ResponseCode.InvalidHandle, "A handle needs a prefix, a slash and a suffix");
                }
                var code = await AuthorizeAsync(create.Handle, identity, AdminPermissions.AddHandle, prefixScope: true, ct);
                if (code != ResponseCode.Success)
                {
                    return Denied(request, code);
                }
                var overwrite = (create.Flags & OpFlags.Overwrite) != 0;
                var result = await _store.CreateAsync(create.Handle, Stamp(create.Values), overwrite, ct);
                return result == HandleStoreResult.Ok ? new CreateHandleResponse(create.Handle) : StoreError(request, result);
            }
            case DeleteHandleRequest delete:
            {
                var code = await AuthorizeAsync(delete.Handle, identity, AdminPermissions.DeleteHandle, prefixScope: false, ct);
                return code != ResponseCode.Success ? Denied(request, code) : Done(request, await _store.DeleteAsync(delete.Handle, ct));
            }
            case AddValueRequest add:
            {
                var needed = add.Values.Any(IsAdmin) ? AdminPermissions.AddAdmin : AdminPermissions.AddValue;
                var code = await AuthorizeAsync(add.Handle, identity, needed, prefixScope: false, ct);
                return code != ResponseCode.Success ? Denied(request, code) : Done(request, await _store.AddValuesAsync(add.Handle, Stamp(add.Values), ct));
            }
            case ModifyValueRequest modify:
            {
                var current = await _store.ResolveAsync(modify.Handle, ct);
                var touchesAdmin = modify.Values.Any(IsAdmin) || (current?.Any(v => IsAdmin(v) && modify.Values.Any(m => m.Index == v.Index)) ?? false);
                var code = await AuthorizeAsync(modify.Handle, identity, touchesAdmin ? AdminPermissions.ModifyAdmin : AdminPermissions.ModifyValue, prefixScope: false, ct);
                return code != ResponseCode.Success ? Denied(request, code) : Done(request, await _store.ModifyValuesAsync(modify.Handle, Stamp(modify.Values), ct));
            }
            case RemoveValueRequest remove:
            {
                var current = await _store.ResolveAsync(remove.Handle, ct);
                var touchesAdmin = current?.Any(v => IsAdmin(v) && remove.Indexes.Contains(v.Index)) ?? false;
                var code = await AuthorizeAsync(remove.Handle, identity, touchesAdmin ? AdminPermissions.RemoveAdmin : AdminPermissions.RemoveValue, prefixScope: false, ct);
                return code != ResponseCode.Success ? Denied(request, code) : Done(request, await _store.RemoveValuesAsync(remove.Handle, remove.Indexes, ct));
            }
            case ListHandlesRequest list:
            {
                var prefix = HandleName.Authority(list.Handle);
                // Listing is administered by the prefix handle's own HS_ADMIN values (and those above it).
                var code = await AuthorizeAsync(HandleName.PrefixHandle(prefix), identity, AdminPermissions.ListHandles, prefixScope: false, ct);
                if (code != ResponseCode.Success)
                {
                    return Denied(request, code);
                }
                var handles = new List<string>();
                await foreach (var h in _store.ListHandlesAsync(prefix, ct))
                {
                    handles.Add(h);
                }
                return new ListHandlesResponse(handles);
            }
            default:
                return new ErrorResponse(request.OpCode, ResponseCode.OperationNotSupported, "Operation not supported");
        }
    }

    private static bool IsAdmin(HandleValue v) => string.Equals(v.Type, HandleValueTypes.Admin, StringComparison.OrdinalIgnoreCase);

    private static ErrorResponse Denied(HandleRequest request, ResponseCode code) => new(request.OpCode, code, code switch
    {
        ResponseCode.HandleNotFound => "Handle not found",
        ResponseCode.InvalidAdmin => "The authenticated identity is not an administrator of this handle",
        _ => "The administrator lacks the permission this operation needs",
    });

    private static HandleResponse Done(HandleRequest request, HandleStoreResult result) =>
        result == HandleStoreResult.Ok ? new SuccessResponse(request.OpCode) : StoreError(request, result);

    private static ErrorResponse StoreError(HandleRequest request, HandleStoreResult result) => result switch
    {
        HandleStoreResult.HandleNotFound => new(request.OpCode, ResponseCode.HandleNotFound, "Handle not found"),
        HandleStoreResult.HandleAlreadyExists => new(request.OpCode, ResponseCode.HandleAlreadyExists, "Handle already exists"),
        HandleStoreResult.ValueNotFound => new(request.OpCode, ResponseCode.ValuesNotFound, "A value index does not exist"),
        HandleStoreResult.ValueAlreadyExists => new(request.OpCode, ResponseCode.ValueAlreadyExists, "A value index is already taken"),
        _ => new(request.OpCode, ResponseCode.InvalidValue, "A value is invalid"),
    };

    private List<HandleValue> Stamp(IReadOnlyList<HandleValue> values)
    {
        // Servers, not clients, set value timestamps (as Handle.Net does).
        var now = (int)_time.GetUtcNow().ToUnixTimeSeconds();
        return [.. values.Select(v => new HandleValue
        {
            Index = v.Index, Type = v.Type, Data = v.Data, TtlType = v.TtlType, Ttl = v.Ttl,
            Permissions = v.Permissions, References = v.References, Timestamp = now,
        })];
    }

    /// <summary>
    /// Whether <paramref name="identity"/> may do <paramref name="needed"/> on <paramref name="handle"/>: server administrators always;
    /// otherwise an HS_ADMIN value of the handle (unless <paramref name="prefixScope"/>, for handles yet to be created) or of its
    /// prefix handle that names the identity directly or through HS_VLIST groups and carries the permission bit.
    /// </summary>
    private async ValueTask<ResponseCode> AuthorizeAsync(string handle, AdminReference identity, AdminPermissions needed, bool prefixScope, CancellationToken ct)
    {
        if (_serverAdmins.Any(a => a.Matches(identity)))
        {
            return ResponseCode.Success;
        }
        var records = new List<AdminRecord>();
        if (!prefixScope)
        {
            var own = await _store.ResolveAsync(handle, ct);
            if (own is null)
            {
                return ResponseCode.HandleNotFound;
            }
            records.AddRange(AdminRecords(own));
        }
        // 88.100.1/x is administered under 0.NA/88.100.1; a prefix handle 0.NA/88.100.1 under 0.NA/0.NA, as in Handle.Net.
        var prefixHandle = HandleName.PrefixHandle(HandleName.Prefix(handle));
        var prefixValues = await _store.ResolveAsync(prefixHandle, ct);
        if (prefixValues is not null)
        {
            records.AddRange(AdminRecords(prefixValues));
        }
        var isAdmin = false;
        foreach (var record in records)
        {
            if (await NamesAsync(new AdminReference(record.AdminHandle, record.AdminIndex), identity, depth: 0, ct))
            {
                isAdmin = true;
                if ((record.Permissions & needed) == needed)
                {
                    return ResponseCode.Success;
                }
            }
        }
        return isAdmin ? ResponseCode.InsufficientPermissions : ResponseCode.InvalidAdmin;
    }

    private static IEnumerable<AdminRecord> AdminRecords(IReadOnlyList<HandleValue> values)
    {
        foreach (var v in values.Where(IsAdmin))
        {
            AdminRecord? record = null;
            try
            {
                record = AdminRecord.Decode(v.Data);
            }
            catch (HandleProtocolException)
            {
                // A damaged HS_ADMIN grants nothing.
            }
            if (record is not null)
            {
                yield return record;
            }
        }
    }

    private async ValueTask<bool> NamesAsync(AdminReference admin, AdminReference identity, int depth, CancellationToken ct)
    {
        if (admin.Matches(identity))
        {
            return true;
        }
        if (depth >= 4)
        {
            return false;
        }
        var values = await _store.ResolveAsync(admin.Handle, ct);
        var group = values?.FirstOrDefault(v => v.Index == admin.Index && string.Equals(v.Type, HandleValueTypes.ValueList, StringComparison.OrdinalIgnoreCase));
        if (group is null)
        {
            return false;
        }
        IReadOnlyList<ValueReference> members;
        try
        {
            members = ValueReferenceList.Decode(group.Data);
        }
        catch (HandleProtocolException)
        {
            return false;
        }
        foreach (var member in members)
        {
            if (await NamesAsync(new AdminReference(member.Handle, member.Index), identity, depth + 1, ct))
            {
                return true;
            }
        }
        return false;
    }

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

/// <summary>An administrator identity or reference: <c>index:handle</c>. Index 0 in an HS_ADMIN reference means any index of that handle.</summary>
internal sealed record AdminReference(string Handle, int Index)
{
    public bool Matches(AdminReference identity) =>
        string.Equals(HandleName.Normalize(Handle), HandleName.Normalize(identity.Handle), StringComparison.Ordinal)
        && (Index == 0 || Index == identity.Index);

    public static AdminReference Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !int.TryParse(text.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            throw new FormatException($"Server administrator '{text}' is not of the form index:handle (e.g. 300:0.NA/88.100.1).");
        }
        return new AdminReference(text[(colon + 1)..], index);
    }

    public override string ToString() => Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + Handle;
}
