using System.Security.Cryptography;
using System.Text;

namespace IctGov.Protocols.Handle;

/// <summary>
/// Challenge–response answers (RFC 3652 §3.10 as Handle.Net 9 implements it). The server's challenge carries a
/// nonce and a digest of the request; the client proves itself over <c>nonce ‖ requestDigest</c>:
/// <list type="bullet">
/// <item>HS_SECKEY: one algorithm octet, then the MAC. From protocol 2.7 on the reference uses PBKDF2-HMAC-SHA1
/// (salt, iterations, key length, then HMAC-SHA1 under the derived key); older peers use HMAC or
/// <c>H(key ‖ data ‖ key)</c> with SHA-1/SHA-256/MD5.</item>
/// <item>HS_PUBKEY: the hash algorithm name (<c>SHA-256</c>, <c>SHA1</c>) and the signature, both length-prefixed;
/// RSA PKCS#1 v1.5 or DSA (DER-encoded r,s as Java writes it).</item>
/// </list>
/// </summary>
public static class ChallengeAuthentication
{
    public const string SecretKeyType = HandleValueTypes.SecretKey;
    public const string PublicKeyType = HandleValueTypes.PublicKey;

    /// <summary>Upper bound on PBKDF2 iterations a client may ask the server to compute (denial-of-service guard).</summary>
    public const int MaxPbkdf2Iterations = 1_000_000;

    private static byte[] Signed(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> requestDigest)
    {
        var data = new byte[nonce.Length + requestDigest.Length];
        nonce.CopyTo(data);
        requestDigest.CopyTo(data.AsSpan(nonce.Length));
        return data;
    }

    /// <summary>The client's secret-key answer for a challenge of the given protocol version.</summary>
    public static byte[] AnswerWithSecretKey(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> requestDigest, byte major, byte minor, byte[]? salt = null, int iterations = 10_000)
    {
        var data = Signed(nonce, requestDigest);
        var w = new WireWriter(64);
        if (HandleProtocol.AtLeast(major, minor, 2, 7))
        {
            salt ??= RandomNumberGenerator.GetBytes(16);
            const int keyBits = 160;
            var derived = Pbkdf2(secretKey, salt, iterations, keyBits);
            w.WriteByte((byte)DigestAlgorithm.Pbkdf2HmacSha1);
            w.WriteByteArray(salt);
            w.WriteInt32(iterations);
            w.WriteInt32(keyBits);
            w.WriteByteArray(HMACSHA1.HashData(derived, data));
        }
        else
        {
            w.WriteByte((byte)DigestAlgorithm.Sha1);
            w.WriteRaw(KeyedDigest(DigestAlgorithm.Sha1, secretKey, data));
        }
        return w.ToArray();
    }

    /// <summary>Checks a secret-key answer against the administrator's HS_SECKEY data.</summary>
    public static bool VerifySecretKey(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> requestDigest, ReadOnlySpan<byte> answer)
    {
        var data = Signed(nonce, requestDigest);
        var r = new WireReader(answer);
        var algorithm = (DigestAlgorithm)r.ReadByte("the answer's digest algorithm");
        byte[] expected;
        ReadOnlySpan<byte> given;
        switch (algorithm)
        {
            case DigestAlgorithm.Pbkdf2HmacSha1:
                var salt = r.ReadByteArraySpan("the PBKDF2 salt");
                var iterations = r.ReadInt32("the PBKDF2 iteration count");
                var keyBits = r.ReadInt32("the PBKDF2 key length");
                if (iterations is < 1 or > MaxPbkdf2Iterations || keyBits is < 8 or > 1024 || keyBits % 8 != 0)
                {
                    throw new HandleProtocolException(r.Offset - 8, $"PBKDF2 parameters within 1..{MaxPbkdf2Iterations} iterations and 8..1024 key bits");
                }
                given = r.ReadByteArraySpan("the PBKDF2 MAC");
                expected = HMACSHA1.HashData(Pbkdf2(secretKey, salt, iterations, keyBits), data);
                break;
            case DigestAlgorithm.HmacSha1:
                given = r.Rest;
                expected = HMACSHA1.HashData(secretKey, data);
                break;
            case DigestAlgorithm.HmacSha256:
                given = r.Rest;
                expected = HMACSHA256.HashData(secretKey, data);
                break;
            case DigestAlgorithm.Sha1 or DigestAlgorithm.Sha256 or DigestAlgorithm.Md5:
                given = r.Rest;
                expected = KeyedDigest(algorithm, secretKey, data);
                break;
            default:
                throw new HandleProtocolException(0, $"a secret-key answer algorithm (1, 2, 3, 0x12, 0x13 or 0x22), not {(byte)algorithm}");
        }
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static byte[] KeyedDigest(DigestAlgorithm algorithm, ReadOnlySpan<byte> key, byte[] data)
    {
        var all = new byte[key.Length * 2 + data.Length];
        key.CopyTo(all);
        data.CopyTo(all, key.Length);
        key.CopyTo(all.AsSpan(key.Length + data.Length));
        return algorithm switch
        {
            DigestAlgorithm.Sha256 => SHA256.HashData(all),
            DigestAlgorithm.Sha1 => SHA1.HashData(all),
            _ => MD5.HashData(all),
        };
    }

    private static byte[] Pbkdf2(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> salt, int iterations, int keyBits)
    {
        // The reference turns each key octet into a char and Java's PBKDF2 encodes chars as UTF-8:
        // octets above 0x7F become two bytes. Latin-1 then UTF-8 reproduces that exactly.
        var password = Encoding.UTF8.GetBytes(Encoding.Latin1.GetString(secretKey));
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA1, keyBits / 8);
    }

    /// <summary>The client's public-key answer: RSA signs with SHA-256 (2.7+); DSA with SHA-256 from 2.11, SHA-1 before.</summary>
    public static byte[] AnswerWithPrivateKey(AsymmetricAlgorithm key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> requestDigest, byte major, byte minor)
    {
        ArgumentNullException.ThrowIfNull(key);
        var data = Signed(nonce, requestDigest);
        var sha256 = HandleProtocol.AtLeast(major, minor, 2, 7) && (key is not DSA || HandleProtocol.AtLeast(major, minor, 2, 11));
        var hash = sha256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA1;
        var signature = key switch
        {
            RSA rsa => rsa.SignData(data, hash, RSASignaturePadding.Pkcs1),
            DSA dsa => dsa.SignData(data, hash, DSASignatureFormat.Rfc3279DerSequence),
            _ => throw new ArgumentException("Only RSA and DSA keys are supported.", nameof(key)),
        };
        var w = new WireWriter(signature.Length + 16);
        w.WriteString(sha256 ? "SHA-256" : "SHA1");
        w.WriteByteArray(signature);
        return w.ToArray();
    }

    /// <summary>Checks a public-key answer against the administrator's HS_PUBKEY data.</summary>
    public static bool VerifyPublicKey(ReadOnlySpan<byte> publicKeyData, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> requestDigest, ReadOnlySpan<byte> answer)
    {
        var data = Signed(nonce, requestDigest);
        var r = new WireReader(answer);
        var hashId = r.ReadByteArraySpan("the signature hash algorithm");
        var signature = r.ReadByteArraySpan("the signature");
        var hash = HashFromId(hashId);
        var keyType = PublicKeyEncoding.KeyType(publicKeyData);
        try
        {
            switch (keyType)
            {
                case PublicKeyEncoding.RsaPublicKey:
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportParameters(PublicKeyEncoding.DecodeRsa(publicKeyData));
                        return rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);
                    }
                case PublicKeyEncoding.DsaPublicKey:
                    using (var dsa = DSA.Create())
                    {
                        dsa.ImportParameters(PublicKeyEncoding.DecodeDsa(publicKeyData));
                        return dsa.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
                    }
                default:
                    throw new HandleProtocolException(0, $"an RSA_PUB_KEY or DSA_PUB_KEY public key, not {keyType}");
            }
        }
        catch (CryptographicException e)
        {
            throw new HandleProtocolException("a usable public key in the HS_PUBKEY value", e);
        }
    }

    private static HashAlgorithmName HashFromId(ReadOnlySpan<byte> id)
    {
        if (id.Length == 1)
        {
            return (DigestAlgorithm)id[0] switch
            {
                DigestAlgorithm.Sha1 => HashAlgorithmName.SHA1,
                DigestAlgorithm.Sha256 => HashAlgorithmName.SHA256,
                DigestAlgorithm.Md5 => HashAlgorithmName.MD5,
                _ => throw new HandleProtocolException(0, $"a signature hash code 1, 2 or 3, not {id[0]}"),
            };
        }
        return Encoding.ASCII.GetString(id).ToUpperInvariant() switch
        {
            "SHA1" or "SHA-1" => HashAlgorithmName.SHA1,
            "SHA-256" or "SHA256" => HashAlgorithmName.SHA256,
            "MD5" => HashAlgorithmName.MD5,
            var other => throw new HandleProtocolException(0, $"signature hash SHA1, SHA-256 or MD5, not {other}"),
        };
    }
}
