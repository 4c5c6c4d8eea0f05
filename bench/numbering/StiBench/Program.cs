using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IctGov.Numbering.Domain;

// PASSporT signing (STI-AS) and verification (STI-VS) per second on one thread, as the services do
// them: signing = canonical claims + ES256; verification = the strict Identity header parse, header
// and claims read, ES256 verify and TNAuthList coverage; the chain check (X509Chain to the root)
// timed on its own, since a verifier may keep its result per certificate. Run it pinned to one core
// beside `openssl speed ecdsap256` (the same curve's raw sign/verify in C):
//   dotnet run -c Release --project bench/numbering/StiBench -- [--seconds 5]
var now = TimeProvider.System.GetUtcNow();
var seconds = args.Length == 2 && args[0] == "--seconds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;

using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
var rootRequest = new CertificateRequest("CN=Bench STI-CA Root", rootKey, HashAlgorithmName.SHA256);
rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
using var root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
var request = new CertificateRequest("CN=SHAKEN cm", key, HashAlgorithmName.SHA256);
request.CertificateExtensions.Add(new X509Extension(TnAuthList.Oid, TnAuthList.Encode([TnEntry.Range("8613800130000", 10_000)]), false));
using var certificate = request.Create(root, now.AddDays(-1), now.AddDays(30), [1, 2, 3, 4]);
using var publicKey = certificate.GetECDsaPublicKey()!;
var entries = TnAuthList.Decode(certificate.Extensions[TnAuthList.Oid]!.RawData);
const string x5u = "https://sti.example.cn/api/v1/numbering/sti/repository/01020304.pem";
var iat = now.ToUnixTimeSeconds();
var claims = new PassportClaims("A", ["8613300001111"], iat, "8613800138000", "0b1e6d3c-2f4a-4c59-8e7d-9a0b1c2d3e4f");
var identity = Passport.IdentityHeader(Passport.Sign(claims, x5u, key), x5u);

double Rate(string name, Action op)
{
    for (var i = 0; i < 200; i++)
    {
        op(); // warm-up: JIT and OpenSSL contexts
    }
    var n = 0L;
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed.TotalSeconds < seconds)
    {
        for (var i = 0; i < 50; i++)
        {
            op();
        }
        n += 50;
    }
    var rate = n / clock.Elapsed.TotalSeconds;
    Console.WriteLine($"{name,-34} {rate,10:N0} /s");
    return rate;
}

Rate("sign (STI-AS)", () => Passport.Sign(claims, x5u, key));
Rate("verify (STI-VS, without chain)", () =>
{
    var h = IdentityHeader.Parse(identity);
    var (alg, _, _) = h.ReadHeader();
    var c = h.ReadClaims();
    if (alg != "ES256" || !publicKey.VerifyData(h.SigningInput(), h.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation) || !TnAuthList.Covers(entries, c.Orig))
    {
        throw new InvalidOperationException("the bench PASSporT must verify");
    }
});
Rate("chain to the root (X509Chain)", () =>
{
    using var chain = new X509Chain();
    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
    chain.ChainPolicy.CustomTrustStore.Add(root);
    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
    if (!chain.Build(certificate))
    {
        throw new InvalidOperationException("the bench certificate must chain");
    }
});
return 0;
