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
                var overwrite = (create.Flags & OpFlags.Overwrite) != 0;
                var existing = overwrite ? await _store.ResolveAsync(create.Handle, ct) : null;
                var code = existing is not null
                    // Overwriting replaces a handle: its own administrators decide, with the right to delete it or to add administrators.
                    ? Either(await AuthorizeAsync(existing, identity, AdminPermissions.DeleteHandle, ct), await AuthorizeAsync(existing, identity, AdminPermissions.AddAdmin, ct))
                    : await AuthorizeCreateAsync(create.Handle, identity, ct);
                if (code != ResponseCode.Success)
                {
                    return Denied(request, code);
                }
                var result = await _store.CreateAsync(create.Handle, Stamp(create.Values), overwrite, ct);
                return result == HandleStoreResult.Ok ? new CreateHandleResponse(create.Handle) : StoreError(request, result);
            }
            case DeleteHandleRequest delete:
            {
                var current = await _store.ResolveAsync(delete.Handle, ct);
                if (current is null)
                {
                    return Denied(request, ResponseCode.HandleNotFound);
                }
                var code = await AuthorizeAsync(current, identity, AdminPermissions.DeleteHandle, ct);
                return code != ResponseCode.Success ? Denied(request, code) : Done(request, await _store.DeleteAsync(delete.Handle, ct));
            }
            case AddValueRequest add:
            {
                var current = await _store.ResolveAsync(add.Handle, ct);
                if (current is null)
                {
                    return Denied(request, ResponseCode.HandleNotFound);
                }
                var needed = add.Values.Any(IsAdmin) ? AdminPermissions.AddAdmin : AdminPermissions.None;
                needed |= add.Values.Any(v => !IsAdmin(v)) || needed == AdminPermissions.None ? AdminPermissions.AddValue : AdminPermissions.None;
                var code = await AuthorizeAsync(current, identity, needed, ct);
                return code != ResponseCode.Success ? Denied(request, code) : Done(request, await _store.AddValuesAsync(add.Handle, Stamp(add.Values), ct));
            }
            case ModifyValueRequest modify:
            {
                var current = await _store.ResolveAsync(modify.Handle, ct);
                if (current is null)
                {
                    return Denied(request, ResponseCode.HandleNotFound);
                }
                var code = await AuthorizeAsync(current, identity, ModifyPermissions(current, modify.Values), ct);
                return code != ResponseCode.Success ? Denied(request, code) : Done(request, await _store.ModifyValuesAsync(modify.Handle, Stamp(modify.Values), ct));
            }
            case RemoveValueRequest remove:
            {
                var current = await _store.ResolveAsync(remove.Handle, ct);
                if (current is null)
                {
                    return Denied(request, ResponseCode.HandleNotFound);
                }
                var removed = current.Where(v => remove.Indexes.Contains(v.Index)).ToList();
                var needed = removed.Any(IsAdmin) ? AdminPermissions.RemoveAdmin : AdminPermissions.None;
                needed |= removed.Any(v => !IsAdmin(v)) || needed == AdminPermissions.None ? AdminPermissions.RemoveValue : AdminPermissions.None;
                var code = await AuthorizeAsync(current, identity, needed, ct);
                return code != ResponseCode.Success ? Denied(request, code) : Done(request, await _store.RemoveValuesAsync(remove.Handle, remove.Indexes, ct));
            }
            case ListHandlesRequest list:
            {
                var prefix = HandleName.Authority(list.Handle);
                // Listing is governed by the prefix handle's own HS_ADMIN values (and the server administrators).
                var code = await AuthorizeAsync(await _store.ResolveAsync(HandleName.PrefixHandle(prefix), ct), identity, AdminPermissions.ListHandles, ct);
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

    private static ResponseCode Either(ResponseCode a, ResponseCode b) => a == ResponseCode.Success ? a : b;

    /// <summary>
    /// The bits a MODIFY_VALUE needs, as Handle.Net counts them: changing an HS_ADMIN needs MODIFY_ADMIN; turning an
    /// HS_ADMIN into another value REMOVE_ADMIN and MODIFY_VALUE; turning a value into an HS_ADMIN MODIFY_VALUE and ADD_ADMIN.
    /// </summary>
    private static AdminPermissions ModifyPermissions(IReadOnlyList<HandleValue> current, IReadOnlyList<HandleValue> changes)
    {
        var needed = AdminPermissions.None;
        foreach (var change in changes)
        {
            var old = current.FirstOrDefault(v => v.Index == change.Index);
            var wasAdmin = old is not null && IsAdmin(old);
            needed |= (wasAdmin, IsAdmin(change)) switch
            {
                (true, true) => AdminPermissions.ModifyAdmin,
                (true, false) => AdminPermissions.RemoveAdmin | AdminPermissions.ModifyValue,
                (false, true) => AdminPermissions.ModifyValue | AdminPermissions.AddAdmin,
                _ => AdminPermissions.ModifyValue,
            };
        }
        return needed == AdminPermissions.None ? AdminPermissions.ModifyValue : needed;
    }

    private static bool IsAdmin(HandleValue v) => string.Equals(v.Type, HandleValueTypes.Admin, StringComparison.OrdinalIgnoreCase);

    private static ErrorResponse Denied(HandleRequest request, ResponseCode code) => new(request.OpCode, code, code switch
    {
        ResponseCode.HandleNotFound => "Handle not found",
        _ => "The authenticated identity is not an administrator with the permission this operation needs",
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
    /// Who may create a handle, as in Handle.Net: the administrators of the prefix handle that governs it with ADD_HANDLE
    /// (<c>88.100.1/x</c> under <c>0.NA/88.100.1</c>, a top-level prefix handle <c>0.NA/88</c> under <c>0.NA/0.NA</c>),
    /// and for a derived prefix handle (<c>0.NA/88.100.1</c>) those of its parent's (<c>0.NA/88.100</c>) with ADD_DERIVED_PREFIX.
    /// </summary>
    private async ValueTask<ResponseCode> AuthorizeCreateAsync(string handle, AdminReference identity, CancellationToken ct)
    {
        var authority = HandleName.Authority(handle);
        var derived = HandleName.IsPrefixHandle(handle) && authority.Contains('.', StringComparison.Ordinal);
        var governing = derived ? HandleName.PrefixHandle(authority[..authority.LastIndexOf('.')]) : HandleName.PrefixHandle(HandleName.Prefix(handle));
        return await AuthorizeAsync(await _store.ResolveAsync(governing, ct), identity, derived ? AdminPermissions.AddDerivedPrefix : AdminPermissions.AddHandle, ct);
    }

    /// <summary>
    /// Whether <paramref name="identity"/> may do <paramref name="needed"/> under the HS_ADMIN values of the governing
    /// handle, as Handle.Net decides it: server administrators always; otherwise an HS_ADMIN value carrying every needed
    /// bit must name the identity, directly or through HS_VLIST groups. The governing handle is the handle itself for value
    /// operations, delete and restricted reads (so a handle's owner can restrict or shut out the prefix's administrators),
    /// and the prefix handle only for creating and listing. An identity named without the bits is no administrator for
    /// this operation: INVALID_ADMIN (400), the code Handle.Net answers in both cases.
    /// </summary>
    private async ValueTask<ResponseCode> AuthorizeAsync(IReadOnlyList<HandleValue>? governing, AdminReference identity, AdminPermissions needed, CancellationToken ct)
    {
        if (_serverAdmins.Any(a => a.Matches(identity)))
        {
            return ResponseCode.Success;
        }
        foreach (var record in AdminRecords(governing ?? []))
        {
            if ((record.Permissions & needed) == needed && await NamesAsync(new AdminReference(record.AdminHandle, record.AdminIndex), identity, depth: 0, ct))
            {
                return ResponseCode.Success;
            }
        }
        return ResponseCode.InvalidAdmin;
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
