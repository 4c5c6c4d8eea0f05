using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IctGov.Kernel.Security;

namespace IctGov.Numbering.Sti;

/// <summary>
/// The STI certification authority's root (ECDSA P-256, self-signed, the trust anchor verifiers are
/// given) and the signing keys of the certificates it issued. All are owner-only PEM files in the data
/// directory, made on first use and never overwritten; certificates themselves live in the database.
/// </summary>
internal sealed class StiKeys(string folder, TimeProvider time)
{
    private readonly Lazy<X509Certificate2> _root = new(() => LoadOrCreateRoot(folder, time.GetUtcNow()));
    private readonly ConcurrentDictionary<string, ECDsa> _signingKeys = new(StringComparer.Ordinal);

    /// <summary>Certificates the verifier read from the repository, by serial: a certificate never changes once issued.</summary>
    public ConcurrentDictionary<string, X509Certificate2> Repository { get; } = new(StringComparer.Ordinal);

    /// <summary>Serials of certificates already found to chain to the root: a chain is built once per certificate (it costs as much as the rest of a verification).</summary>
    public ConcurrentDictionary<string, bool> Chained { get; } = new(StringComparer.Ordinal);

    /// <summary>The certificate numbered <paramref name="serial"/>, read once from its PEM and then served from memory.</summary>
    public X509Certificate2 Read(string serial, string pem) => Repository.GetOrAdd(serial, _ => X509Certificate2.CreateFromPem(pem));

    /// <summary>The root certificate with its private key.</summary>
    public X509Certificate2 Root => _root.Value;

    public string RootPem => Root.ExportCertificatePem();

    /// <summary>Keeps the signing key of the certificate numbered <paramref name="serial"/>; fails if one is kept already.</summary>
    public void Keep(string serial, ECDsa key)
    {
        SecretFiles.CreateNew(KeyPath(serial), key.ExportPkcs8PrivateKeyPem());
        _signingKeys[serial] = key;
    }

    /// <summary>The signing key of the certificate numbered <paramref name="serial"/>.</summary>
    public ECDsa SigningKey(string serial) => _signingKeys.GetOrAdd(serial, s =>
    {
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(KeyPath(s)));
        return key;
    });

    private string KeyPath(string serial) =>
        Path.Combine(folder, "keys", serial.All(char.IsAsciiHexDigit) ? serial + ".key.pem" : throw new ArgumentException("a serial is hexadecimal", nameof(serial)));

    private static X509Certificate2 LoadOrCreateRoot(string folder, DateTimeOffset now)
    {
        var certPath = Path.Combine(folder, "root.pem");
        var keyPath = Path.Combine(folder, "root.key.pem");
        if (!File.Exists(certPath))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("C=CN, O=IctGov, CN=IctGov STI-CA Root", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            using var root = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
            SecretFiles.CreateNew(keyPath, key.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(certPath, root.ExportCertificatePem()); // last: its presence says the pair is complete
        }
        return X509Certificate2.CreateFromPem(File.ReadAllText(certPath), File.ReadAllText(keyPath));
    }
}
