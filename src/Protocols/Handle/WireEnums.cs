namespace IctGov.Protocols.Handle;

/// <summary>Operation codes (RFC 3652 §2.2.2.1, Handle.Net 9). Wire values, frozen by a test.</summary>
public enum OpCode
{
    Reserved = 0,
    Resolution = 1,
    GetSiteInfo = 2,
    CreateHandle = 100,
    DeleteHandle = 101,
    AddValue = 102,
    RemoveValue = 103,
    ModifyValue = 104,
    ListHandles = 105,
    ResponseToChallenge = 200,
    VerifyChallenge = 201,
    HomePrefix = 300,
    UnhomePrefix = 301,
    ListHomedPrefixes = 302,
    SessionSetup = 400,
    SessionTerminate = 401,
    SessionExchangeKey = 402,
}

/// <summary>Response codes (RFC 3652 §2.2.2.2, Handle.Net 9). Wire values, frozen by a test.</summary>
public enum ResponseCode
{
    /// <summary>Requests carry 0.</summary>
    Reserved = 0,
    Success = 1,
    Error = 2,
    ServerTooBusy = 3,
    ProtocolError = 4,
    OperationNotSupported = 5,
    RecursionCountTooHigh = 6,
    ServerBackup = 7,
    HandleNotFound = 100,
    HandleAlreadyExists = 101,
    InvalidHandle = 102,
    ValuesNotFound = 200,
    ValueAlreadyExists = 201,
    InvalidValue = 202,
    OutOfDateSiteInfo = 300,
    ServerNotResponsible = 301,
    ServiceReferral = 302,
    PrefixReferral = 303,
    InvalidAdmin = 400,
    InsufficientPermissions = 401,
    AuthenticationNeeded = 402,
    AuthenticationFailed = 403,
    InvalidCredential = 404,
    AuthenticationTimeout = 405,
    AuthenticationError = 406,
    SessionTimeout = 500,
    SessionFailed = 501,
    InvalidSessionKey = 502,
    NeedRsaKeyForSessionExchange = 503,
    InvalidSessionSetupRequest = 504,
    SessionMessageRejected = 505,
}

/// <summary>Message header OpFlag bits (RFC 3652 §2.2.2.3 plus Handle.Net's later bits). Wire values, frozen by a test.</summary>
[Flags]
public enum OpFlags : uint
{
    None = 0,

    /// <summary>AT: authoritative answer wanted (no caches).</summary>
    Authoritative = 0x8000_0000,

    /// <summary>CT: the server should sign its response.</summary>
    Certify = 0x4000_0000,

    /// <summary>ENC: the server should encrypt its response.</summary>
    Encrypt = 0x2000_0000,

    /// <summary>REC: the server may recurse.</summary>
    Recursive = 0x1000_0000,

    /// <summary>CA: a cache should sign its response.</summary>
    CacheCertify = 0x0800_0000,

    /// <summary>CN: more messages of this response follow.</summary>
    Continuous = 0x0400_0000,

    /// <summary>KA: keep the connection open.</summary>
    KeepAlive = 0x0200_0000,

    /// <summary>PO: public values only (restricted values are not wanted).</summary>
    PublicOnly = 0x0100_0000,

    /// <summary>RD: the response carries a digest of the request.</summary>
    ReturnRequestDigest = 0x0080_0000,

    /// <summary>Create/add overwrites what exists (Handle.Net 2.3+).</summary>
    Overwrite = 0x0040_0000,

    /// <summary>Create mints a new suffix (Handle.Net).</summary>
    MintNewSuffix = 0x0020_0000,

    /// <summary>Do not answer with a referral (Handle.Net).</summary>
    DoNotRefer = 0x0010_0000,
}

/// <summary>Envelope flag bits in the high bits of octet 2 (RFC 3652 §2.2.1). Wire values, frozen by a test.</summary>
[Flags]
public enum EnvelopeFlags : byte
{
    None = 0,
    Compressed = 0x80,
    Encrypted = 0x40,
    Truncated = 0x20,
}

/// <summary>HS_ADMIN permission bits (RFC 3651 §3.2.2, 2-octet mask). Wire values, frozen by a test.</summary>
[Flags]
public enum AdminPermissions : ushort
{
    None = 0,
    AddHandle = 0x0001,
    DeleteHandle = 0x0002,
    AddDerivedPrefix = 0x0004,
    DeleteDerivedPrefix = 0x0008,
    ModifyValue = 0x0010,
    RemoveValue = 0x0020,
    AddValue = 0x0040,
    ModifyAdmin = 0x0080,
    RemoveAdmin = 0x0100,
    AddAdmin = 0x0200,
    ReadValue = 0x0400,
    ListHandles = 0x0800,
    All = 0x0FFF,
}

/// <summary>One-octet digest algorithm codes used for request digests and secret-key answers (Handle.Net). Wire values, frozen by a test.</summary>
public enum DigestAlgorithm : byte
{
    /// <summary>Pre-2.1 format: a length-prefixed MD5 digest.</summary>
    Md5OldFormat = 0,
    Md5 = 1,
    Sha1 = 2,
    Sha256 = 3,
    HmacSha1 = 0x12,
    HmacSha256 = 0x13,
    Pbkdf2HmacSha1 = 0x22,
}

/// <summary>HS_SITE interface transport (RFC 3651 §3.2.3). Wire values, frozen by a test.</summary>
public enum InterfaceProtocol : byte
{
    Udp = 0,
    Tcp = 1,
    Http = 2,
    Https = 3,
}

/// <summary>HS_SITE interface service type (RFC 3651 §3.2.3). Wire values, frozen by a test.</summary>
public enum InterfaceService : byte
{
    OutOfService = 0,
    Administration = 1,
    Resolution = 2,
    ResolutionAndAdministration = 3,
}

/// <summary>HS_SITE hash option: which part of a handle chooses the server of a multi-server site. Wire values, frozen by a test.</summary>
public enum SiteHashOption : byte
{
    ByPrefix = 0,
    BySuffix = 1,
    ByWholeHandle = 2,
}

/// <summary>Protocol versions and size limits shared by the codec, the servers and the client.</summary>
public static class HandleProtocol
{
    /// <summary>Version written into envelopes we originate (what the reference client also sends).</summary>
    public const byte MajorVersion = 2;

    /// <summary>Compatibility minor version (the reference client's 2.10).</summary>
    public const byte MinorVersion = 10;

    /// <summary>Highest version we understand and suggest (2.11).</summary>
    public const byte SuggestedMinorVersion = 11;

    public const int EnvelopeSize = 20;
    public const int HeaderSize = 24;

    /// <summary>Largest message accepted (envelope excluded); larger envelopes are refused before any allocation.</summary>
    public const int MaxMessageLength = 262_144;

    /// <summary>UDP datagram size limit, envelope included (reference client receive buffer).</summary>
    public const int MaxUdpPacketSize = 512;

    /// <summary>Message bytes carried per UDP packet.</summary>
    public const int MaxUdpDataSize = MaxUdpPacketSize - EnvelopeSize;

    public const int MaxHandleValues = 2048;
    public const int ChallengeNonceSize = 16;

    /// <summary>MIME type of Handle messages over HTTP.</summary>
    public const string HttpMimeType = "application/x-hdl-message";

    public const int DefaultPort = 2641;

    /// <summary>True when version major.minor is at least wantMajor.wantMinor (the reference treats major 5 as an old mistake).</summary>
    public static bool AtLeast(byte major, byte minor, int wantMajor, int wantMinor)
    {
        if (major == 5)
        {
            return wantMajor == 5 && minor >= wantMinor;
        }
        if (wantMajor == 5)
        {
            return true;
        }
        return major != wantMajor ? major > wantMajor : minor >= wantMinor;
    }
}
