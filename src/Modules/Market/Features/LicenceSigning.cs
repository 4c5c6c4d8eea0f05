using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json.Nodes;
using IctGov.Kernel.Security;
using IctGov.Market.Contracts;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace IctGov.Market.Features;

/// <summary>Settings of the electronic licences, from <c>Market:ELicence</c>.</summary>
internal sealed class ELicenceOptions
{
    /// <summary>The signer ID entering SM2's Z value; GM/T 0009's default unless an authority's scheme names another.</summary>
    [Required, MaxLength(64)]
    public string UserId { get; set; } = ElectronicLicence.DefaultUserId;

    /// <summary>Folder of the keys, relative to the data directory: root.pem, issuer.pem and their keys (created on first use, owner-only).</summary>
    [Required]
    public string KeyFolder { get; set; } = "market/keys";
}

/// <summary>
/// The platform's root (an SM2 key whose self-signed certificate verifiers trust) and the issuing authority's
/// SM2 key, whose certificate the root signs. Both are made on first use and kept as owner-only PEM files in the
/// data directory; the root's private key is needed only to certify an issuer.
/// </summary>
internal sealed class LicenceSigning
{
    private static readonly ECNamedDomainParameters Sm2Curve = new(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));
    private readonly Lazy<(X509Certificate Root, X509Certificate Issuer, AsymmetricKeyParameter IssuerKey)> _keys;
    private readonly SecureRandom _random = new();
    private readonly string _userId;

    public LicenceSigning(string folder, string userId, TimeProvider time)
    {
        _userId = userId;
        _keys = new(() => LoadOrCreate(folder, time.GetUtcNow().UtcDateTime));
    }

    public string RootPem => Pem(_keys.Value.Root);

    public string IssuerPem => Pem(_keys.Value.Issuer);

    public string UserId => _userId;

    /// <summary>The electronic licence of <paramref name="licence"/>: its canonical fields signed SM2/SM3 by the issuing key.</summary>
    public string Sign(JsonObject licence)
    {
        var data = Encoding.UTF8.GetBytes(ElectronicLicence.Canonical(licence));
        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(_keys.Value.IssuerKey, _random), Encoding.ASCII.GetBytes(_userId)));
        signer.BlockUpdate(data, 0, data.Length);
        var file = new JsonObject
        {
            ["format"] = ElectronicLicence.Format,
            ["licence"] = licence.DeepClone(),
            ["signature"] = new JsonObject
            {
                ["algorithm"] = ElectronicLicence.Algorithm,
                ["userId"] = _userId,
                ["value"] = Convert.ToBase64String(signer.GenerateSignature()),
            },
            ["issuer"] = IssuerPem,
        };
        return file.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private (X509Certificate, X509Certificate, AsymmetricKeyParameter) LoadOrCreate(string folder, DateTime now)
    {
        var rootCert = Path.Combine(folder, "root.pem");
        var issuerCert = Path.Combine(folder, "issuer.pem");
        var issuerKey = Path.Combine(folder, "issuer.key.pem");
        if (!File.Exists(rootCert))
        {
            var root = NewKeyPair();
            var rootName = new X509Name("C=CN,O=IctGov,CN=IctGov Platform Root CA");
            var rc = Certificate(rootName, rootName, root.Public, root.Private, now, 20, ca: true);
            var issuer = NewKeyPair();
            var ic = Certificate(rootName, new X509Name("C=CN,O=MIIT,CN=IctGov Telecom Licence Issuer"), issuer.Public, root.Private, now, 10, ca: false);
            SecretFiles.CreateNew(Path.Combine(folder, "root.key.pem"), Pem(PrivateKeyInfoFactory.CreatePrivateKeyInfo(root.Private)));
            SecretFiles.CreateNew(issuerKey, Pem(PrivateKeyInfoFactory.CreatePrivateKeyInfo(issuer.Private)));
            File.WriteAllText(issuerCert, Pem(ic));
            File.WriteAllText(rootCert, Pem(rc)); // last: its presence says the set is complete
        }
        var key = (AsymmetricKeyParameter)new PemReader(new StringReader(File.ReadAllText(issuerKey))).ReadObject();
        return (ElectronicLicence.ReadCertificate(File.ReadAllText(rootCert))!, ElectronicLicence.ReadCertificate(File.ReadAllText(issuerCert))!, key);
    }

    private AsymmetricCipherKeyPair NewKeyPair()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Sm2Curve, _random));
        return generator.GenerateKeyPair();
    }

    private X509Certificate Certificate(X509Name issuer, X509Name subject, AsymmetricKeyParameter publicKey, AsymmetricKeyParameter signingKey, DateTime now, int years, bool ca)
    {
        var g = new X509V3CertificateGenerator();
        g.SetSerialNumber(new BigInteger(128, _random).Add(BigInteger.One));
        g.SetIssuerDN(issuer);
        g.SetSubjectDN(subject);
        g.SetNotBefore(now.Date.AddDays(-1));
        g.SetNotAfter(now.Date.AddYears(years));
        g.SetPublicKey(publicKey);
        g.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(ca));
        g.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(ca ? KeyUsage.KeyCertSign | KeyUsage.CrlSign : KeyUsage.DigitalSignature | KeyUsage.NonRepudiation));
        return g.Generate(new Asn1SignatureFactory("SM3WITHSM2", signingKey, _random));
    }

    private static string Pem(object o)
    {
        using var w = new StringWriter();
        var pem = new PemWriter(w);
        if (o is PrivateKeyInfo info)
        {
            ((Org.BouncyCastle.Utilities.IO.Pem.PemWriter)pem).WriteObject(new Org.BouncyCastle.Utilities.IO.Pem.PemObject("PRIVATE KEY", info.GetEncoded()));
        }
        else
        {
            pem.WriteObject(o);
        }
        pem.Writer.Flush();
        return w.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
