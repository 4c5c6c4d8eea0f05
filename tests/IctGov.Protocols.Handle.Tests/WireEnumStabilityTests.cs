namespace IctGov.Protocols.Handle.Tests;

/// <summary>Every value the wire carries, frozen: renumbering any of these breaks interoperability with Handle.Net.</summary>
public class WireEnumStabilityTests
{
    private static void Frozen<T>(params (T Value, long Wire)[] expected)
        where T : struct, Enum
    {
        foreach (var (value, wire) in expected)
        {
            Assert.Equal(wire, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
        }
        // A new member must be added here too, so nobody slips one in without thinking about the wire.
        Assert.Equal(expected.Length, Enum.GetValues<T>().Length);
    }

    [Fact]
    public void OpCodes_AreFrozen() => Frozen(
        (OpCode.Reserved, 0), (OpCode.Resolution, 1), (OpCode.GetSiteInfo, 2), (OpCode.CreateHandle, 100), (OpCode.DeleteHandle, 101),
        (OpCode.AddValue, 102), (OpCode.RemoveValue, 103), (OpCode.ModifyValue, 104), (OpCode.ListHandles, 105),
        (OpCode.ResponseToChallenge, 200), (OpCode.VerifyChallenge, 201), (OpCode.HomePrefix, 300), (OpCode.UnhomePrefix, 301),
        (OpCode.ListHomedPrefixes, 302), (OpCode.SessionSetup, 400), (OpCode.SessionTerminate, 401), (OpCode.SessionExchangeKey, 402));

    [Fact]
    public void ResponseCodes_AreFrozen() => Frozen(
        (ResponseCode.Reserved, 0), (ResponseCode.Success, 1), (ResponseCode.Error, 2), (ResponseCode.ServerTooBusy, 3),
        (ResponseCode.ProtocolError, 4), (ResponseCode.OperationNotSupported, 5), (ResponseCode.RecursionCountTooHigh, 6),
        (ResponseCode.ServerBackup, 7), (ResponseCode.HandleNotFound, 100), (ResponseCode.HandleAlreadyExists, 101),
        (ResponseCode.InvalidHandle, 102), (ResponseCode.ValuesNotFound, 200), (ResponseCode.ValueAlreadyExists, 201),
        (ResponseCode.InvalidValue, 202), (ResponseCode.OutOfDateSiteInfo, 300), (ResponseCode.ServerNotResponsible, 301),
        (ResponseCode.ServiceReferral, 302), (ResponseCode.PrefixReferral, 303), (ResponseCode.InvalidAdmin, 400),
        (ResponseCode.InsufficientPermissions, 401), (ResponseCode.AuthenticationNeeded, 402), (ResponseCode.AuthenticationFailed, 403),
        (ResponseCode.InvalidCredential, 404), (ResponseCode.AuthenticationTimeout, 405), (ResponseCode.AuthenticationError, 406),
        (ResponseCode.SessionTimeout, 500), (ResponseCode.SessionFailed, 501), (ResponseCode.InvalidSessionKey, 502),
        (ResponseCode.NeedRsaKeyForSessionExchange, 503), (ResponseCode.InvalidSessionSetupRequest, 504), (ResponseCode.SessionMessageRejected, 505));

    [Fact]
    public void OpFlags_AreFrozen() => Frozen(
        (OpFlags.None, 0), (OpFlags.Authoritative, 0x80000000), (OpFlags.Certify, 0x40000000), (OpFlags.Encrypt, 0x20000000),
        (OpFlags.Recursive, 0x10000000), (OpFlags.CacheCertify, 0x08000000), (OpFlags.Continuous, 0x04000000),
        (OpFlags.KeepAlive, 0x02000000), (OpFlags.PublicOnly, 0x01000000), (OpFlags.ReturnRequestDigest, 0x00800000),
        (OpFlags.Overwrite, 0x00400000), (OpFlags.MintNewSuffix, 0x00200000), (OpFlags.DoNotRefer, 0x00100000));

    [Fact]
    public void EnvelopeFlags_AreFrozen() => Frozen(
        (EnvelopeFlags.None, 0), (EnvelopeFlags.Compressed, 0x80), (EnvelopeFlags.Encrypted, 0x40), (EnvelopeFlags.Truncated, 0x20));

    [Fact]
    public void AdminPermissions_AreFrozen() => Frozen(
        (AdminPermissions.None, 0), (AdminPermissions.AddHandle, 0x1), (AdminPermissions.DeleteHandle, 0x2),
        (AdminPermissions.AddDerivedPrefix, 0x4), (AdminPermissions.DeleteDerivedPrefix, 0x8), (AdminPermissions.ModifyValue, 0x10),
        (AdminPermissions.RemoveValue, 0x20), (AdminPermissions.AddValue, 0x40), (AdminPermissions.ModifyAdmin, 0x80),
        (AdminPermissions.RemoveAdmin, 0x100), (AdminPermissions.AddAdmin, 0x200), (AdminPermissions.ReadValue, 0x400),
        (AdminPermissions.ListHandles, 0x800), (AdminPermissions.All, 0xFFF));

    [Fact]
    public void ValuePermissions_AreFrozen() => Frozen(
        (ValuePermissions.None, 0), (ValuePermissions.PublicWrite, 1), (ValuePermissions.PublicRead, 2),
        (ValuePermissions.AdminWrite, 4), (ValuePermissions.AdminRead, 8), (ValuePermissions.Default, 14));

    [Fact]
    public void TtlTypes_AreFrozen() => Frozen((TtlType.Relative, 0), (TtlType.Absolute, 1));

    [Fact]
    public void DigestAlgorithms_AreFrozen() => Frozen(
        (DigestAlgorithm.Md5OldFormat, 0), (DigestAlgorithm.Md5, 1), (DigestAlgorithm.Sha1, 2), (DigestAlgorithm.Sha256, 3),
        (DigestAlgorithm.HmacSha1, 0x12), (DigestAlgorithm.HmacSha256, 0x13), (DigestAlgorithm.Pbkdf2HmacSha1, 0x22));

    [Fact]
    public void SiteEnums_AreFrozen()
    {
        Frozen((InterfaceProtocol.Udp, 0), (InterfaceProtocol.Tcp, 1), (InterfaceProtocol.Http, 2), (InterfaceProtocol.Https, 3));
        Frozen((InterfaceService.OutOfService, 0), (InterfaceService.Administration, 1), (InterfaceService.Resolution, 2), (InterfaceService.ResolutionAndAdministration, 3));
        Frozen((SiteHashOption.ByPrefix, 0), (SiteHashOption.BySuffix, 1), (SiteHashOption.ByWholeHandle, 2));
    }

    [Fact]
    public void KeyExchangeModes_AreFrozen() => Frozen(
        (Messages.KeyExchangeMode.None, 0), (Messages.KeyExchangeMode.CipherClient, 1), (Messages.KeyExchangeMode.CipherServer, 2),
        (Messages.KeyExchangeMode.CipherHandle, 3), (Messages.KeyExchangeMode.DiffieHellman, 4));

    [Fact]
    public void ProtocolConstants_AreFrozen()
    {
        Assert.Equal(20, HandleProtocol.EnvelopeSize);
        Assert.Equal(24, HandleProtocol.HeaderSize);
        Assert.Equal(512, HandleProtocol.MaxUdpPacketSize);
        Assert.Equal(2641, HandleProtocol.DefaultPort);
        Assert.Equal((2, 10, 11), (HandleProtocol.MajorVersion, HandleProtocol.MinorVersion, HandleProtocol.SuggestedMinorVersion));
    }
}
