namespace IctGov.Protocols.Handle.Messages;

/// <summary>
/// A Handle message without its envelope (RFC 3652 §2.2.2): the 24-octet header (op code, response code, op flags,
/// site-info serial, recursion count, expiration, body length), the body and the credential section.
/// Responses that answer a request with the RD flag carry a request digest at the start of the body.
/// </summary>
public abstract class HandleMessage
{
    public OpCode OpCode { get; init; }

    public ResponseCode ResponseCode { get; init; }

    public OpFlags Flags { get; set; }

    /// <summary>Serial number of the HS_SITE the sender used; 0xFFFF ("-1") when unknown.</summary>
    public ushort SiteInfoSerial { get; set; } = 0xFFFF;

    public byte RecursionCount { get; set; }

    /// <summary>Unix time after which the message is no longer valid; 0 for none.</summary>
    public int Expiration { get; set; }

    /// <summary>Request digest algorithm (responses with <see cref="OpFlags.ReturnRequestDigest"/>).</summary>
    public DigestAlgorithm RequestDigestAlgorithm { get; set; } = DigestAlgorithm.Sha256;

    /// <summary>Digest of the request's header and body (responses with <see cref="OpFlags.ReturnRequestDigest"/>).</summary>
    public byte[]? RequestDigest { get; set; }

    /// <summary>Credential section (signature); empty for unsigned messages.</summary>
    public byte[] Credential { get; set; } = [];

    public bool IsResponse => ResponseCode != ResponseCode.Reserved;

    internal abstract void WriteBody(WireWriter writer);
}

/// <summary>A request whose body starts with the handle it concerns.</summary>
public abstract class HandleRequest : HandleMessage
{
    protected HandleRequest(OpCode opCode, string handle)
    {
        OpCode = opCode;
        Handle = handle;
        Flags = OpFlags.Recursive | OpFlags.CacheCertify | OpFlags.PublicOnly;
    }

    public string Handle { get; }

    /// <summary>Whether the server must authenticate the sender before acting.</summary>
    public virtual bool IsAdministrative => true;
}
