using System.Text;

namespace IctGov.Protocols.Handle.Messages;

/// <summary>Base of all responses: they carry the op code of the request they answer.</summary>
public abstract class HandleResponse : HandleMessage
{
    protected HandleResponse(OpCode opCode, ResponseCode responseCode)
    {
        OpCode = opCode;
        ResponseCode = responseCode;
        Flags = OpFlags.Recursive;
    }
}

/// <summary>Successful RESOLUTION response (RFC 3652 §3.1): the handle and the values that matched.</summary>
public sealed class ResolutionResponse(string handle, IReadOnlyList<HandleValue> values) : HandleResponse(OpCode.Resolution, ResponseCode.Success)
{
    public string Handle { get; } = handle;
    public IReadOnlyList<HandleValue> Values { get; } = values;

    internal override void WriteBody(WireWriter w)
    {
        w.WriteString(Handle);
        HandleValueCodec.WriteList(w, Values);
    }

    internal static ResolutionResponse Read(ref WireReader r)
    {
        var handle = r.ReadString("the handle");
        return new ResolutionResponse(handle, HandleValueCodec.ReadList(ref r));
    }
}

/// <summary>Successful GET_SITE_INFO response (RFC 3652 §3.3): the server's HS_SITE record as the whole body.</summary>
public sealed class GetSiteInfoResponse(SiteInfo site) : HandleResponse(OpCode.GetSiteInfo, ResponseCode.Success)
{
    public SiteInfo Site { get; } = site;

    internal override void WriteBody(WireWriter w) => Site.Write(w);

    internal static GetSiteInfoResponse Read(ref WireReader r)
    {
        var site = SiteInfo.Read(ref r);
        r.ExpectEnd("the site information");
        return new GetSiteInfoResponse(site);
    }
}

/// <summary>Successful CREATE_HANDLE response; Handle.Net 2.9+ servers echo the created handle (needed when a suffix was minted).</summary>
public sealed class CreateHandleResponse(string? handle) : HandleResponse(OpCode.CreateHandle, ResponseCode.Success)
{
    public string? Handle { get; } = handle;

    internal override void WriteBody(WireWriter w)
    {
        if (Handle is not null)
        {
            w.WriteString(Handle);
        }
    }

    internal static CreateHandleResponse Read(ref WireReader r) => new(r.Remaining == 0 ? null : r.ReadString("the created handle"));
}

/// <summary>Successful response without a body (DELETE_HANDLE, ADD/REMOVE/MODIFY_VALUE …).</summary>
public sealed class SuccessResponse(OpCode opCode) : HandleResponse(opCode, ResponseCode.Success)
{
    internal override void WriteBody(WireWriter w)
    {
    }
}

/// <summary>Successful LIST_HANDLES response (RFC 3652 §3.9): a list of handles; more messages follow while <see cref="OpFlags.Continuous"/> is set.</summary>
public sealed class ListHandlesResponse(IReadOnlyList<string> handles) : HandleResponse(OpCode.ListHandles, ResponseCode.Success)
{
    public IReadOnlyList<string> Handles { get; } = handles;

    internal override void WriteBody(WireWriter w)
    {
        w.WriteInt32(Handles.Count);
        foreach (var h in Handles)
        {
            w.WriteString(h);
        }
    }

    internal static ListHandlesResponse Read(ref WireReader r)
    {
        var count = r.ReadCount(4, "handles");
        var handles = new string[count];
        for (var i = 0; i < count; i++)
        {
            handles[i] = r.ReadString("a handle");
        }
        return new ListHandlesResponse(handles);
    }
}

/// <summary>
/// AUTHENTICATION_NEEDED (RFC 3652 §3.10): the challenge. The body holds the request digest (always present,
/// RD flag set) and a nonce; the client signs nonce + digest and answers with a <see cref="ChallengeAnswerRequest"/>
/// carrying this message's session id.
/// </summary>
public sealed class ChallengeResponse : HandleResponse
{
    public ChallengeResponse(OpCode opCode, byte[] nonce)
        : base(opCode, ResponseCode.AuthenticationNeeded)
    {
        Nonce = nonce;
        Flags |= OpFlags.ReturnRequestDigest;
    }

    public byte[] Nonce { get; }

    internal override void WriteBody(WireWriter w) => w.WriteByteArray(Nonce);

    internal static ChallengeResponse Read(ref WireReader r, OpCode opCode) => new(opCode, r.ReadByteArray("the challenge nonce"));
}

/// <summary>An error response (RFC 3652 §2.2.4): response code and a UTF-8 message.</summary>
public sealed class ErrorResponse(OpCode opCode, ResponseCode responseCode, string message) : HandleResponse(opCode, responseCode)
{
    public string Message { get; } = message;

    internal override void WriteBody(WireWriter w) => w.WriteString(Message);

    internal static ErrorResponse Read(ref WireReader r, OpCode opCode, ResponseCode code)
    {
        if (r.Remaining == 0)
        {
            return new ErrorResponse(opCode, code, "");
        }
        var bytes = r.ReadByteArraySpan("the error message");
        // Error text is informative only: decode leniently rather than reject the answer.
        return new ErrorResponse(opCode, code, Encoding.UTF8.GetString(bytes));
    }
}

/// <summary>
/// SERVICE_REFERRAL / PREFIX_REFERRAL (RFC 3652 §2.2.2.2): the service handle to ask instead, and optionally
/// its HS_SITE / HS_SERV values so the client need not resolve it.
/// </summary>
public sealed class ReferralResponse(OpCode opCode, ResponseCode responseCode, string serviceHandle, IReadOnlyList<HandleValue>? values)
    : HandleResponse(opCode, responseCode)
{
    public string ServiceHandle { get; } = serviceHandle;
    public IReadOnlyList<HandleValue>? Values { get; } = values;

    internal override void WriteBody(WireWriter w)
    {
        w.WriteString(ServiceHandle);
        if (Values is not null)
        {
            HandleValueCodec.WriteList(w, Values);
        }
    }

    internal static ReferralResponse Read(ref WireReader r, OpCode opCode, ResponseCode code)
    {
        var handle = r.ReadString("the service handle");
        var values = r.Remaining == 0 ? null : HandleValueCodec.ReadList(ref r);
        return new ReferralResponse(opCode, code, handle, values);
    }
}
