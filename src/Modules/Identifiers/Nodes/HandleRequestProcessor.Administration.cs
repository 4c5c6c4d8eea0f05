using System.Net;
using System.Security.Cryptography;
using IctGov.Identifiers.Storage;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;
using Microsoft.Extensions.Logging;

namespace IctGov.Identifiers.Nodes;

// Administration: the challenge, its answer, HS_ADMIN authorisation (HS_VLIST groups followed) and the store writes it guards.
internal sealed partial class HandleRequestProcessor
{
    /// <summary>
    /// The challenge (RFC 3652 §3.5) that holds back an administrative request, or a restricted read, until the client
    /// answers it: a nonce and the digest of the request, remembered under a new session id for <see cref="AnswerAsync"/>.
    /// </summary>
    private (HandleResponse Response, int SessionId) Challenge(HandleRequest request, MessageEnvelope envelope, ReadOnlySpan<byte> message,
        (byte Major, byte Minor) version, IPAddress client)
    {
        var nonce = RandomNumberGenerator.GetBytes(HandleProtocol.ChallengeNonceSize);
        var (algorithm, digest) = HandleMessageCodec.DigestRequest(message, version.Major, version.Minor);
        var session = _challenges.Add(request, nonce, digest, client, _options.ChallengeTimeout);
        if (session is null)
        {
            return (new ErrorResponse(request.OpCode, ResponseCode.ServerTooBusy, "Too many authentications in progress"), envelope.SessionId);
        }
        return (new ChallengeResponse(request.OpCode, nonce) { RequestDigestAlgorithm = algorithm, RequestDigest = digest }, session.Value);
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
}
