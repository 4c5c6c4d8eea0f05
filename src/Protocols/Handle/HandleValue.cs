namespace IctGov.Protocols.Handle;

/// <summary>
/// One value of a handle (RFC 3651 §3.1 "Handle Value"): index, type, data, time to live, permissions,
/// timestamp and references. Data is opaque bytes; well-known types (HS_ADMIN, HS_SITE …) have
/// their own codecs.
/// </summary>
public sealed class HandleValue
{
    /// <summary>Unique, positive index of the value within its handle.</summary>
    public required int Index { get; init; }

    /// <summary>Value type as UTF-8 text, e.g. <c>URL</c>, <c>HS_ADMIN</c> or a free type such as <c>PRODUCT.NAME</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Value data; text types carry UTF-8.</summary>
    public required byte[] Data { get; init; }

    /// <summary>Whether <see cref="Ttl"/> is relative (seconds) or absolute (Unix time).</summary>
    public TtlType TtlType { get; init; } = TtlType.Relative;

    /// <summary>Time to live for caches; 86 400 s (one day) is Handle's customary default.</summary>
    public int Ttl { get; init; } = 86_400;

    /// <summary>Last modification, seconds since the Unix epoch (the wire carries 32 bits).</summary>
    public int Timestamp { get; init; }

    /// <summary>Who may read and write this value.</summary>
    public ValuePermissions Permissions { get; init; } = ValuePermissions.Default;

    /// <summary>References to values of other handles.</summary>
    public IReadOnlyList<ValueReference> References { get; init; } = [];

    /// <summary>Data as UTF-8 text (for URL, EMAIL and free text types).</summary>
    public string DataAsText => System.Text.Encoding.UTF8.GetString(Data);

    /// <summary>A text value with default TTL and permissions.</summary>
    public static HandleValue Text(int index, string type, string text, int timestamp = 0) =>
        new() { Index = index, Type = type, Data = System.Text.Encoding.UTF8.GetBytes(text), Timestamp = timestamp };
}

/// <summary>RFC 3651 §3.1 TTLType: 0 relative, 1 absolute. Wire values, frozen by a test.</summary>
public enum TtlType : byte
{
    /// <summary>TTL is a number of seconds from the time the value was fetched.</summary>
    Relative = 0,

    /// <summary>TTL is a Unix time after which the value is stale.</summary>
    Absolute = 1,
}

/// <summary>RFC 3651 §3.1 Permission octet. Wire values, frozen by a test.</summary>
[Flags]
public enum ValuePermissions : byte
{
    /// <summary>No access.</summary>
    None = 0,

    /// <summary>Anyone may modify the value (PUBLIC_WRITE).</summary>
    PublicWrite = 0x01,

    /// <summary>Anyone may read the value (PUBLIC_READ).</summary>
    PublicRead = 0x02,

    /// <summary>The handle's administrators may modify the value (ADMIN_WRITE).</summary>
    AdminWrite = 0x04,

    /// <summary>The handle's administrators may read the value (ADMIN_READ).</summary>
    AdminRead = 0x08,

    /// <summary>What a new value gets unless told otherwise: public read, administrators read and write.</summary>
    Default = PublicRead | AdminRead | AdminWrite,
}

/// <summary>A reference to a value of another handle (RFC 3651 §3.1 Reference).</summary>
/// <param name="Handle">The referenced handle.</param>
/// <param name="Index">The referenced value's index.</param>
public sealed record ValueReference(string Handle, int Index);

/// <summary>Value types the protocol gives a meaning to (RFC 3651 §3.2 ff., Handle.Net technical manual).</summary>
public static class HandleValueTypes
{
    /// <summary>A URL the identifier resolves to.</summary>
    public const string Url = "URL";

    /// <summary>An e-mail address.</summary>
    public const string Email = "EMAIL";

    /// <summary>Administrator of the handle and its permissions (RFC 3651 §3.2.2).</summary>
    public const string Admin = "HS_ADMIN";

    /// <summary>Service site information (RFC 3651 §3.2.3).</summary>
    public const string Site = "HS_SITE";

    /// <summary>Service site of derived prefixes (Handle.Net: HS_SITE.PREFIX).</summary>
    public const string SitePrefix = "HS_SITE.PREFIX";

    /// <summary>Reference to a service handle that holds HS_SITE values (RFC 3651 §3.2.4).</summary>
    public const string Service = "HS_SERV";

    /// <summary>Service handle for derived prefixes (Handle.Net: HS_SERV.PREFIX).</summary>
    public const string ServicePrefix = "HS_SERV.PREFIX";

    /// <summary>Alias: the handle is another name for the handle in the data (RFC 3651 §3.2.5).</summary>
    public const string Alias = "HS_ALIAS";

    /// <summary>Prefix-delegation handle (RFC 3651 §3.2.6).</summary>
    public const string NaDelegate = "HS_NA_DELEGATE";

    /// <summary>Secret key for challenge–response authentication (RFC 3651 §3.2.7).</summary>
    public const string SecretKey = "HS_SECKEY";

    /// <summary>Public key for challenge–response authentication (RFC 3651 §3.2.8).</summary>
    public const string PublicKey = "HS_PUBKEY";

    /// <summary>Value list: a group of administrator references (RFC 3651 §3.2.9).</summary>
    public const string ValueList = "HS_VLIST";
}
