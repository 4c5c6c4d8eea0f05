using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using IctGov.AppLog.Contracts;
using IctGov.AppLog.Domain.Statements;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace IctGov.AppLog.Tests.Statements;

/// <summary>A party that signs statements: an X.509 certificate and its key, P-256 (.NET) or SM2 (BouncyCastle).</summary>
internal abstract class TestSigner
{
    public abstract byte[] Certificate { get; }

    public abstract byte[] Sign(byte[] data);

    public string CertificateSha256 => Convert.ToHexStringLower(SHA256.HashData(Certificate));

    public StatementSubmission Submit(string statement) =>
        new(statement, Convert.ToBase64String(Certificate), Convert.ToBase64String(Sign(Encoding.UTF8.GetBytes(statement))));

    /// <summary>This signer's certificate as a party to register (kind developer, testing-body or distributor).</summary>
    public PartyInput Party(string kind, string identifier, string name) => new(kind, identifier, name, null, Convert.ToBase64String(Certificate));

    public static TestSigner P256(string subject = "CN=检测机构 Test Lab, O=Test Lab") => new P256Signer(subject);

    public static TestSigner Sm2(string subject = "CN=开发者 Example Developer, O=Example") => new Sm2Signer(subject);

    public static string Statement(StatementType type, string signerCertSha256, string package = "com.example.app", string version = "1.2.3",
        string sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", string developer = "91110000717828315T", string? note = null) =>
        new Statement(type, package, version, sha256, signerCertSha256, developer, new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero), note).Text();

    private sealed class P256Signer : TestSigner
    {
        private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        public P256Signer(string subject)
        {
            var request = new CertificateRequest(subject, _key, HashAlgorithmName.SHA256);
            using var cert = request.CreateSelfSigned(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero));
            Certificate = cert.RawData;
        }

        public override byte[] Certificate { get; }

        public override byte[] Sign(byte[] data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    private sealed class Sm2Signer : TestSigner
    {
        private readonly AsymmetricKeyParameter _private;

        public Sm2Signer(string subject)
        {
            var curve = GMNamedCurves.GetByName("sm2p256v1");
            var generator = new ECKeyPairGenerator();
            generator.Init(new ECKeyGenerationParameters(new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, curve), new SecureRandom()));
            var pair = generator.GenerateKeyPair();
            _private = pair.Private;
            var builder = new X509V3CertificateGenerator();
            var name = new X509Name(subject.Replace("开发者 ", "", StringComparison.Ordinal));
            builder.SetSerialNumber(BigInteger.ValueOf(Random.Shared.NextInt64(1, long.MaxValue)));
            builder.SetIssuerDN(name);
            builder.SetSubjectDN(name);
            builder.SetNotBefore(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            builder.SetNotAfter(new DateTime(2028, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            builder.SetPublicKey(pair.Public);
            Certificate = builder.Generate(new Asn1SignatureFactory("SM3WITHSM2", _private)).GetEncoded();
        }

        public override byte[] Certificate { get; }

        public override byte[] Sign(byte[] data)
        {
            var signer = new SM2Signer(new SM3Digest());
            signer.Init(true, new ParametersWithRandom(_private, new SecureRandom()));
            signer.BlockUpdate(data, 0, data.Length);
            return signer.GenerateSignature();
        }
    }
}
