namespace IctGov.Protocols.Handle.Messages;

/// <summary>RESOLUTION request (RFC 3652 §3.1): handle, index list, type list (empty lists mean "all").</summary>
public sealed class ResolutionRequest(string handle, IReadOnlyList<int>? indexes = null, IReadOnlyList<string>? types = null)
    : HandleRequest(OpCode.Resolution, handle)
{
    public IReadOnlyList<int> Indexes { get; } = indexes ?? [];
    public IReadOnlyList<string> Types { get; } = types ?? [];
    public override bool IsAdministrative => false;

    internal override void WriteBody(WireWriter w)
    {
        w.WriteString(Handle);
        w.WriteInt32(Indexes.Count);
        foreach (var i in Indexes)
        {
            w.WriteInt32(i);
        }
        w.WriteInt32(Types.Count);
        foreach (var t in Types)
        {
            w.WriteString(t);
        }
    }

    internal static ResolutionRequest Read(ref WireReader r)
    {
        var handle = r.ReadString("the handle");
        var indexCount = r.ReadCount(4, "requested indexes");
        var indexes = new int[indexCount];
        for (var i = 0; i < indexCount; i++)
        {
            indexes[i] = r.ReadInt32("a requested index");
        }
        var typeCount = r.ReadCount(4, "requested types");
        var types = new string[typeCount];
        for (var i = 0; i < typeCount; i++)
        {
            types[i] = r.ReadString("a requested type");
        }
        // Anything after the type list (some national-system clients append an authorisation blob) is ignored.
        return new ResolutionRequest(handle, indexes, types);
    }
}

/// <summary>GET_SITE_INFO request (RFC 3652 §3.3): the body is a handle (usually "/"), ignored by the server.</summary>
public sealed class GetSiteInfoRequest(string handle = "/") : HandleRequest(OpCode.GetSiteInfo, handle)
{
    public override bool IsAdministrative => false;

    internal override void WriteBody(WireWriter w) => w.WriteString(Handle);

    internal static GetSiteInfoRequest Read(ref WireReader r) => new(r.Remaining == 0 ? "/" : r.ReadString("the handle"));
}

/// <summary>CREATE_HANDLE request (RFC 3652 §3.4): handle and its initial values.</summary>
public sealed class CreateHandleRequest(string handle, IReadOnlyList<HandleValue> values) : HandleRequest(OpCode.CreateHandle, handle)
{
    public IReadOnlyList<HandleValue> Values { get; } = values;

    internal override void WriteBody(WireWriter w)
    {
        w.WriteString(Handle);
        HandleValueCodec.WriteList(w, Values);
    }

    internal static CreateHandleRequest Read(ref WireReader r)
    {
        var handle = r.ReadString("the handle");
        return new CreateHandleRequest(handle, HandleValueCodec.ReadList(ref r));
    }
}

/// <summary>DELETE_HANDLE request (RFC 3652 §3.5).</summary>
public sealed class DeleteHandleRequest(string handle) : HandleRequest(OpCode.DeleteHandle, handle)
{
    internal override void WriteBody(WireWriter w) => w.WriteString(Handle);

    internal static DeleteHandleRequest Read(ref WireReader r) => new(r.ReadString("the handle"));
}

/// <summary>ADD_VALUE request (RFC 3652 §3.6): handle and the values to add.</summary>
public sealed class AddValueRequest(string handle, IReadOnlyList<HandleValue> values) : HandleRequest(OpCode.AddValue, handle)
{
    public IReadOnlyList<HandleValue> Values { get; } = values;

    internal override void WriteBody(WireWriter w)
    {
        w.WriteString(Handle);
        HandleValueCodec.WriteList(w, Values);
    }

    internal static AddValueRequest Read(ref WireReader r)
    {
        var handle = r.ReadString("the handle");
        return new AddValueRequest(handle, HandleValueCodec.ReadList(ref r));
    }
}

/// <summary>REMOVE_VALUE request (RFC 3652 §3.7): handle and the indexes to remove.</summary>
public sealed class RemoveValueRequest(string handle, IReadOnlyList<int> indexes) : HandleRequest(OpCode.RemoveValue, handle)
{
    public IReadOnlyList<int> Indexes { get; } = indexes;

    internal override void WriteBody(WireWriter w)
    {
        w.WriteString(Handle);
        w.WriteInt32(Indexes.Count);
        foreach (var i in Indexes)
        {
            w.WriteInt32(i);
        }
    }

    internal static RemoveValueRequest Read(ref WireReader r)
    {
        var handle = r.ReadString("the handle");
        var count = r.ReadCount(4, "indexes to remove");
        var indexes = new int[count];
        for (var i = 0; i < count; i++)
        {
            indexes[i] = r.ReadInt32("an index to remove");
        }
        return new RemoveValueRequest(handle, indexes);
    }
}

/// <summary>MODIFY_VALUE request (RFC 3652 §3.8): handle and replacement values (matched by index).</summary>
public sealed class ModifyValueRequest(string handle, IReadOnlyList<HandleValue> values) : HandleRequest(OpCode.ModifyValue, handle)
{
    public IReadOnlyList<HandleValue> Values { get; } = values;

    internal override void WriteBody(WireWriter w)
    {
        w.WriteString(Handle);
        HandleValueCodec.WriteList(w, Values);
    }

    internal static ModifyValueRequest Read(ref WireReader r)
    {
        var handle = r.ReadString("the handle");
        return new ModifyValueRequest(handle, HandleValueCodec.ReadList(ref r));
    }
}

/// <summary>LIST_HANDLES request (RFC 3652 §3.9): the prefix handle (<c>0.NA/88.100.1</c>) whose handles are wanted.</summary>
public sealed class ListHandlesRequest(string prefixHandle) : HandleRequest(OpCode.ListHandles, prefixHandle)
{
    internal override void WriteBody(WireWriter w) => w.WriteString(Handle);

    internal static ListHandlesRequest Read(ref WireReader r) => new(r.ReadString("the prefix handle"));
}

/// <summary>
/// RESPONSE_TO_CHALLENGE (RFC 3652 §3.10, OC 200): authentication type (<c>HS_SECKEY</c>/<c>HS_PUBKEY</c>),
/// the administrator's handle and index, and the signed answer. It is linked to the challenge by the session id.
/// </summary>
public sealed class ChallengeAnswerRequest(string authenticationType, string userHandle, int userIndex, byte[] signedAnswer)
    : HandleRequest(OpCode.ResponseToChallenge, "/")
{
    public string AuthenticationType { get; } = authenticationType;
    public string UserHandle { get; } = userHandle;
    public int UserIndex { get; } = userIndex;
    public byte[] SignedAnswer { get; } = signedAnswer;
    public override bool IsAdministrative => false;

    internal override void WriteBody(WireWriter w)
    {
        w.WriteString(AuthenticationType);
        w.WriteString(UserHandle);
        w.WriteInt32(UserIndex);
        w.WriteByteArray(SignedAnswer);
    }

    internal static ChallengeAnswerRequest Read(ref WireReader r)
    {
        var type = r.ReadString("the authentication type");
        var user = r.ReadString("the administrator handle");
        var index = r.ReadInt32("the administrator index");
        return new ChallengeAnswerRequest(type, user, index, r.ReadByteArray("the signed answer"));
    }
}

/// <summary>A request with an op code this codec does not model; the server answers OPERATION_NOT_SUPPORTED.</summary>
public sealed class UnsupportedRequest(OpCode opCode) : HandleRequest(opCode, "")
{
    public override bool IsAdministrative => false;

    internal override void WriteBody(WireWriter w)
    {
    }
}
