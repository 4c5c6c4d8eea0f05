using IctGov.Resources.Domain;

namespace IctGov.Resources.Tests;

/// <summary>The registry's identifiers, each checked against its standard's own algorithm and published examples.</summary>
public class DomainRulesTests
{
    private static readonly string[] Unordered = ["10.0.0.0/8", "9.255.0.0/16", "10.0.0.0/16", "192.168.0.0/16"];

    [Fact]
    public void ResidentId_ChecksTheIsoMod11Character_AndMasksAllButProvinceAndCheck()
    {
        // GB 11643-1999's own example number.
        Assert.Null(ResidentId.Problem("11010519491231002X"));
        Assert.Null(ResidentId.Problem("11010519491231002x"));
        Assert.NotNull(ResidentId.Problem("110105194912310021"));
        Assert.Contains("birth date", ResidentId.Problem("110105194913310021"), StringComparison.Ordinal);
        Assert.Equal("11***************X", ResidentId.Mask("11010519491231002x"));
        Assert.Equal(ResidentId.Fingerprint("11010519491231002X"), ResidentId.Fingerprint("11010519491231002x"));
        Assert.DoesNotContain("19491231", ResidentId.Mask("11010519491231002X"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Example.CN.", "example.cn", "example.cn")]
    [InlineData("例子.中国", "xn--fsqu00a.xn--fiqs8s", "例子.中国")]
    [InlineData("xn--fsqu00a.xn--fiqs8s", "xn--fsqu00a.xn--fiqs8s", "例子.中国")]
    [InlineData("XN--55QX5D.cn", "xn--55qx5d.cn", "公司.cn")]
    [InlineData("faß.de", "xn--fa-hia.de", "faß.de")] // IDNA2008: ß is kept, not mapped to "ss" (transitional IDNA2003 would)
    [InlineData("Ａｂｃ.cn", "abc.cn", "abc.cn")] // UTS #46 maps full-width letters
    public void DomainName_GivesBothForms(string input, string ascii, string unicode)
    {
        var name = DomainName.Parse(input, out var problem);
        Assert.Null(problem);
        Assert.Equal(ascii, name!.Ascii);
        Assert.Equal(unicode, name.Unicode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cn")]
    [InlineData("a_b.cn")]
    [InlineData("-ab.cn")]
    [InlineData("ab--cd.cn")] // hyphens at 3–4 only in xn--
    [InlineData("xn--zz.cn")] // not decodable punycode
    [InlineData("a..b.cn")]
    [InlineData("a\u200Db.cn")] // ZERO WIDTH JOINER out of context (CONTEXTJ)
    [InlineData("example.123")]
    public void DomainName_RefusesWhatIdna2008Disallows(string input)
    {
        Assert.Null(DomainName.Parse(input, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Fact]
    public void DomainName_RefusesOverlongNames()
    {
        Assert.Contains("1–63", DomainName.Parse(new string('a', 64) + ".cn", out var p1) is null ? p1 : "", StringComparison.Ordinal);
        var name = string.Join('.', Enumerable.Repeat(new string('a', 60), 5)) + ".cn";
        Assert.Contains("at most 253", DomainName.Parse(name, out var p2) is null ? p2 : "", StringComparison.Ordinal);
    }

    [Fact]
    public void IpPrefix_ParsesBothFamilies_AndNamesTheNetworkWhenHostBitsAreSet()
    {
        var v4 = IpPrefix.Parse("203.0.113.0/24", out _)!.Value;
        Assert.Equal("203.0.113.255", v4.End.ToString());
        Assert.Equal(4, v4.Version);
        var v6 = IpPrefix.Parse("2001:DB8::/32", out _)!.Value;
        Assert.Equal("2001:db8::/32", v6.ToString());
        Assert.Equal("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", v6.End.ToString());
        Assert.True(v6.Contains(IpPrefix.Parse("2001:db8:1::/48", out _)!.Value));
        Assert.False(v6.Contains(IpPrefix.Parse("2001:db9::/48", out _)!.Value));
        Assert.Equal("::/0", IpPrefix.Parse("::/0", out _)!.Value.ToString());
        Assert.Equal("0.0.0.0/0", IpPrefix.Parse("0.0.0.0/0", out _)!.Value.ToString());
        Assert.Equal("192.0.2.1/32", IpPrefix.Parse("192.0.2.1", out _)!.Value.ToString());

        Assert.Null(IpPrefix.Parse("10.1.2.3/16", out var problem));
        Assert.Equal("host bits are set: the network is 10.1.0.0/16", problem);
        Assert.Null(IpPrefix.Parse("10.0.0.0/33", out problem));
        Assert.Contains("0–32", problem, StringComparison.Ordinal);
        Assert.Null(IpPrefix.Parse("10.1/16", out _)); // inet_aton shorthand is not an address here
        Assert.Null(IpPrefix.Parse("010.0.0.0/8", out _));
        Assert.Null(IpPrefix.Parse("fe80::1%eth0", out _));
        Assert.Null(IpPrefix.Parse("10.0.0.0/+8", out _));
    }

    [Fact]
    public void IpPrefix_KeysOrderAsAddresses()
    {
        var keys = Unordered.Select(t => IpPrefix.Parse(t, out _)!.Value).OrderBy(p => p.FirstKey, StringComparer.Ordinal).Select(p => p.ToString());
        Assert.Equal(["9.255.0.0/16", "10.0.0.0/8", "10.0.0.0/16", "192.168.0.0/16"], keys);
    }

    [Fact]
    public void EppStatus_KnowsRfc5731Codes_AndTheirRdapValues()
    {
        Assert.Equal(["clientHold", "serverTransferProhibited"], EppStatus.Parse("CLIENTHOLD, serverTransferProhibited", out _));
        Assert.Equal(["ok"], EppStatus.Parse("", out _));
        Assert.Null(EppStatus.Parse("ok clientHold", out var problem));
        Assert.Contains("RFC 5731", problem, StringComparison.Ordinal);
        Assert.Null(EppStatus.Parse("registered", out _));
        Assert.Equal("client hold", EppStatus.ToRdap["clientHold"]);
        Assert.Equal("active", EppStatus.ToRdap["ok"]);
    }
}
