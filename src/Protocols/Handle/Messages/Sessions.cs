namespace IctGov.Protocols.Handle.Messages;

/// <summary>Session key exchange modes (Handle.Net SESSION_SETUP). Wire values, frozen by a test.</summary>
public enum KeyExchangeMode : ushort
{
    None = 0,
    CipherClient = 1,
    CipherServer = 2,
    CipherHandle = 3,
    DiffieHellman = 4,
}

/// <summary>
/// SESSION_SETUP request (OC 400): key exchange mode (int2), timeout, the identity that will authenticate,
/// then the client's exchange key (DH or client-cipher modes) or the handle holding it (handle-cipher mode).
/// Handle.Net clients open a session before administration; the reference encoder leaves two slack octets at the end.
/// </summary>
public sealed class SessionSetupRequest(KeyExchangeMode mode, int timeout, string identityHandle, int identityIndex, byte[] exchangeKey)
    : HandleRequest(OpCode.SessionSetup, "/")
{
    public KeyExchangeMode Mode { get; } = mode;
    public int Timeout { get; } = timeout;
    public string IdentityHandle { get; } = identityHandle;
    public int IdentityIndex { get; } = identityIndex;

    /// <summary>The client's public exchange key (DH_PUB_KEY or an RSA key), or the exchange-key handle's bytes in handle mode.</summary>
    public byte[] ExchangeKey { get; } = exchangeKey;

    public int ExchangeKeyIndex { get; init; }

    public override bool IsAdministrative => false;

    internal override void WriteBody(WireWriter w)
    {
        w.WriteUInt16((ushort)Mode);
        w.WriteInt32(Timeout);
        w.WriteString(IdentityHandle);
        w.WriteInt32(IdentityIndex);
        if (Mode is KeyExchangeMode.CipherClient or KeyExchangeMode.DiffieHellman or KeyExchangeMode.CipherHandle)
        {
            w.WriteByteArray(ExchangeKey);
        }
        if (Mode == KeyExchangeMode.CipherHandle)
        {
            w.WriteInt32(ExchangeKeyIndex);
        }
    }

    internal static SessionSetupRequest Read(ref WireReader r)
    {
        var mode = (KeyExchangeMode)r.ReadUInt16("the key exchange mode");
        var timeout = r.ReadInt32("the session timeout");
        var identity = r.ReadString("the identity handle");
        var index = r.ReadInt32("the identity index");
        var key = mode is KeyExchangeMode.CipherClient or KeyExchangeMode.DiffieHellman or KeyExchangeMode.CipherHandle
            ? r.ReadByteArray("the exchange key")
            : [];
        var keyIndex = mode == KeyExchangeMode.CipherHandle ? r.ReadInt32("the exchange key index") : 0;
        return new SessionSetupRequest(mode, timeout, identity, index, key) { ExchangeKeyIndex = keyIndex };
    }
}

/// <summary>Successful SESSION_SETUP response: the mode and its data (for DH: int4 cipher algorithm, then the server's DH_PUB_KEY).</summary>
public sealed class SessionSetupResponse(KeyExchangeMode mode, byte[] data) : HandleResponse(OpCode.SessionSetup, ResponseCode.Success)
{
    public KeyExchangeMode Mode { get; } = mode;
    public byte[] Data { get; } = data;

    internal override void WriteBody(WireWriter w)
    {
        w.WriteUInt16((ushort)Mode);
        w.WriteByteArray(Data);
    }

    internal static SessionSetupResponse Read(ref WireReader r)
    {
        var mode = (KeyExchangeMode)r.ReadUInt16("the key exchange mode");
        return new SessionSetupResponse(mode, r.ReadByteArray("the key exchange data"));
    }
}

/// <summary>SESSION_TERMINATE request (OC 401): ends a session; the body is a (blank) handle.</summary>
public sealed class SessionTerminateRequest(string handle = "/") : HandleRequest(OpCode.SessionTerminate, handle)
{
    public override bool IsAdministrative => false;

    internal override void WriteBody(WireWriter w) => w.WriteString(Handle);

    internal static SessionTerminateRequest Read(ref WireReader r) => new(r.Remaining == 0 ? "/" : r.ReadString("the handle"));
}
