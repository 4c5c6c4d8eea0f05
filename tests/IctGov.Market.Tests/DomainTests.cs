using System.Text;
using System.Text.Json.Nodes;
using IctGov.Kernel.Time;
using IctGov.Market.Contracts;
using IctGov.Market.Domain;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace IctGov.Market.Tests;

/// <summary>The catalogue, licence numbers, statutory clocks, the canonical form and SM2 itself, rule by rule.</summary>
public class DomainTests
{
    private static readonly ChinaCalendar Calendar = new(new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero)), HolidaySchedule.Embedded);

    [Fact]
    public void Catalogue_HoldsThe2015ServicesAndThe2019FiveGAmendment()
    {
        Assert.Equal("信息服务业务", ServiceCatalogue.Find("B25")!.NameZh);
        Assert.Equal("互联网数据中心业务", ServiceCatalogue.Find("B11")!.NameZh);
        Assert.Equal("第五代数字蜂窝移动通信业务", ServiceCatalogue.Find("A12-4")!.NameZh);
        Assert.Equal("B2", ServiceCatalogue.Find("B26-1")!.Category);
        Assert.True(ServiceCatalogue.Find("A11-1")!.IsBasic);
        Assert.Null(ServiceCatalogue.Problem("B21"));
        Assert.Contains("category", ServiceCatalogue.Problem("B2"), StringComparison.Ordinal);
        Assert.Contains("not a service", ServiceCatalogue.Problem("B99"), StringComparison.Ordinal);
        Assert.All(ServiceCatalogue.All.Where(s => s.Parent is not null), s => Assert.NotNull(ServiceCatalogue.Find(s.Parent)));
    }

    [Fact]
    public void Numbers_AreFormedAsTheMinistryIssuesThem()
    {
        Assert.Equal("A1.A2-20090001", Licensing.Number(Licensing.NumberPrefix(LicenceKind.Basic, "100000", ["A21-1", "A11-1"]), 2009, 1));
        Assert.Equal("B1-20180001", Licensing.Number(Licensing.NumberPrefix(LicenceKind.CrossRegional, "100000", ["B11", "B14"]), 2018, 1));
        Assert.Equal("B1.B2-20180002", Licensing.Number(Licensing.NumberPrefix(LicenceKind.CrossRegional, "100000", ["B25", "B11"]), 2018, 2));
        Assert.Equal("京B2-20190123", Licensing.Number(Licensing.NumberPrefix(LicenceKind.Provincial, "110000", ["B25"]), 2019, 123));
        Assert.Equal("粤B1.B2-20260001", Licensing.Number(Licensing.NumberPrefix(LicenceKind.Provincial, "440000", ["B14", "B25"]), 2026, 1));
        foreach (var n in new[] { "A1.A2-20090001", "B1-20180001", "B2-20180001", "京B2-20190123" })
        {
            Assert.Matches(Licensing.NumberPattern(), n);
        }
        Assert.DoesNotMatch(Licensing.NumberPattern(), "XB2-20190123");
        Assert.Equal(31, Licensing.ProvinceAbbreviations.Count);
    }

    [Fact]
    public void Terms_AreFiveYearsForValueAddedAndFiveOrTenForBasic()
    {
        Assert.Null(Licensing.TermProblem(LicenceKind.Provincial, 5));
        Assert.NotNull(Licensing.TermProblem(LicenceKind.CrossRegional, 10));
        Assert.Null(Licensing.TermProblem(LicenceKind.Basic, 10));
        Assert.NotNull(Licensing.TermProblem(LicenceKind.Basic, 3));
        Assert.Equal(new DateOnly(2031, 5, 31), Licensing.Expiry(new DateOnly(2026, 6, 1), 5));
    }

    [Fact]
    public void Clocks_CountWorkingDaysForTheNoticeAndDaysForTheDecision()
    {
        // Received Monday 1 June 2026: five working days is Monday 8 June.
        Assert.Equal(new DateOnly(2026, 6, 8), ApplicationClocks.NoticeDeadline(Calendar, new DateOnly(2026, 6, 1)));
        // Received Thursday 18 June 2026, the eve of the Dragon Boat Festival (19 June): the holiday does not count.
        Assert.True(ApplicationClocks.NoticeDeadline(Calendar, new DateOnly(2026, 6, 18)) > new DateOnly(2026, 6, 25));
        // 60 days from 1 June is Friday 31 July; 180 days is Saturday 28 November, so the period ends Monday 30 November.
        Assert.Equal(new DateOnly(2026, 7, 31), ApplicationClocks.DecisionDeadline(Calendar, LicenceKind.Provincial, new DateOnly(2026, 6, 1)));
        Assert.Equal(new DateOnly(2026, 11, 30), ApplicationClocks.DecisionDeadline(Calendar, LicenceKind.Basic, new DateOnly(2026, 6, 1)));
    }

    [Fact]
    public void Canonical_SortsMembersAndEscapesOnlyWhatJsonRequires()
    {
        var node = JsonNode.Parse("{\"b\":\"x\\u0001\\\"\",\"a\":[\"京B2\",\"é/\"],\"A\":{\"z\":\"1\",\"y\":\"2\"}}");
        Assert.Equal("{\"A\":{\"y\":\"2\",\"z\":\"1\"},\"a\":[\"京B2\",\"é/\"],\"b\":\"x\\u0001\\\"\"}", ElectronicLicence.Canonical(node));
        Assert.Throws<FormatException>(() => ElectronicLicence.Canonical(JsonNode.Parse("{\"n\":1}")));
    }

    /// <summary>
    /// GM/T 0003.5-2012 (GB/T 32918.5-2017) Annex A: on the recommended curve, with ID 1234567812345678, private key d
    /// and random k, the signature of "message digest" is the published (r, s).
    /// </summary>
    [Fact]
    public void Sm2_ReproducesThePublishedSignatureVector()
    {
        var curve = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));
        var d = new BigInteger("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8", 16);
        var priv = new ECPrivateKeyParameters(d, curve);
        var pub = new ECPublicKeyParameters(curve.G.Multiply(d).Normalize(), curve);
        Assert.Equal("09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020", pub.Q.AffineXCoord.ToBigInteger().ToString(16).PadLeft(64, '0').ToUpperInvariant());
        Assert.Equal("CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13", pub.Q.AffineYCoord.ToBigInteger().ToString(16).PadLeft(64, '0').ToUpperInvariant());

        var message = Encoding.ASCII.GetBytes("message digest");
        var signer = new SM2Signer(PlainDsaEncoding.Instance);
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(priv, new FixedK("59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21")),
            Encoding.ASCII.GetBytes(ElectronicLicence.DefaultUserId)));
        signer.BlockUpdate(message, 0, message.Length);
        Assert.Equal("F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3" + "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA",
            Convert.ToHexString(signer.GenerateSignature()));

        // The same (r, s), DER-encoded as the licences carry it, verifies through the platform's own verifier.
        var der = new Org.BouncyCastle.Asn1.DerSequence(
            new Org.BouncyCastle.Asn1.DerInteger(new BigInteger("F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3", 16)),
            new Org.BouncyCastle.Asn1.DerInteger(new BigInteger("B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA", 16))).GetEncoded();
        Assert.True(ElectronicLicence.VerifySm2(pub, message, der));
        Assert.False(ElectronicLicence.VerifySm2(pub, Encoding.ASCII.GetBytes("message digesT"), der));
        Assert.False(ElectronicLicence.VerifySm2(pub, message, der, "ALICE123@YAHOO.COM"));
    }

    /// <summary>A "random" source that yields the standard's k.</summary>
    private sealed class FixedK(string hex) : SecureRandom
    {
        private readonly byte[] _k = Convert.FromHexString(hex);

        public override void NextBytes(byte[] buf) => NextBytes(buf, 0, buf.Length);

        public override void NextBytes(byte[] buf, int off, int len) => _k.AsSpan(0, len).CopyTo(buf.AsSpan(off, len));

        public override void NextBytes(Span<byte> buffer) => _k.AsSpan(0, buffer.Length).CopyTo(buffer);
    }
}
