using System.Numerics;
using System.Security.Cryptography;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;

namespace IctGov.Identifiers.Nodes;

// SESSION_SETUP: Diffie-Hellman and the two RSA cipher modes Handle.Net clients open before administering.
internal sealed partial class HandleRequestProcessor
{
    /// <summary>Handle.Net's code for an AES session key, written before the key in a session setup answer.</summary>
    private const byte AesSessionKey = 3;

    /// <summary>
    /// SESSION_SETUP in the two cipher modes Handle.Net's batch tool offers (PUBEXNGKEYFILE / PUBEXNGKEYREF): the
    /// server makes an AES session key and returns it, prefixed by its algorithm code, encrypted with the client's
    /// RSA key by PKCS #1 v1.5 — the key sent in the request (client cipher) or the HS_PUBKEY at a handle and
    /// index held in this node's store (handle cipher; a node does not fetch keys from elsewhere for this).
    /// As with Diffie-Hellman, each administrative request is still authenticated by challenge–response.
    /// </summary>
    private async ValueTask<(HandleResponse, int)> SetupCipherSessionAsync(SessionSetupRequest setup, CancellationToken ct)
    {
        var keyBytes = setup.ExchangeKey;
        if (setup.Mode == KeyExchangeMode.CipherHandle)
        {
            var keyHandle = System.Text.Encoding.UTF8.GetString(setup.ExchangeKey);
            var values = HandleName.IsValid(keyHandle) ? await _store.ResolveAsync(keyHandle, ct) : null;
            var key = values?.FirstOrDefault(v => v.Index == setup.ExchangeKeyIndex && IsType(v, HandleValueTypes.PublicKey));
            if (key is null)
            {
                return (new ErrorResponse(setup.OpCode, ResponseCode.SessionFailed,
                    $"No HS_PUBKEY at index {setup.ExchangeKeyIndex} of {keyHandle} on this server"), 0);
            }
            keyBytes = key.Data;
        }
        RSAParameters rsa;
        try
        {
            rsa = PublicKeyEncoding.DecodeRsa(keyBytes);
        }
        catch (HandleProtocolException e)
        {
            return (new ErrorResponse(setup.OpCode, ResponseCode.InvalidSessionSetupRequest, "The exchange key must be an RSA public key: " + e.Message), 0);
        }
        using var cipher = RSA.Create();
        try
        {
            cipher.ImportParameters(rsa);
        }
        catch (CryptographicException e)
        {
            return (new ErrorResponse(setup.OpCode, ResponseCode.InvalidSessionSetupRequest, "Unusable RSA exchange key: " + e.Message), 0);
        }
        byte[] sessionKey = [0, 0, 0, AesSessionKey, .. RandomNumberGenerator.GetBytes(16)];
        var sealedKey = cipher.Encrypt(sessionKey, RSAEncryptionPadding.Pkcs1);
        CryptographicOperations.ZeroMemory(sessionKey);
        return (new SessionSetupResponse(setup.Mode, sealedKey), RandomNumberGenerator.GetInt32(1, int.MaxValue));
    }

    /// <summary>
    /// SESSION_SETUP with Diffie-Hellman, which Handle.Net clients do before administration: the session key is
    /// AES (first 32 octets of the shared secret). Authentication still happens per request by challenge–response,
    /// so session MACs on later requests are accepted without being checked.
    /// </summary>
    private static (HandleResponse, int) SetupSession(SessionSetupRequest setup)
    {
        if (setup.Mode != KeyExchangeMode.DiffieHellman)
        {
            return (new ErrorResponse(setup.OpCode, ResponseCode.OperationNotSupported, "Supported key exchanges: Diffie-Hellman, client cipher and handle cipher (RSA)"), 0);
        }
        var (clientY, p, g) = PublicKeyEncoding.DecodeDh(setup.ExchangeKey);
        var modulus = new BigInteger(p, isUnsigned: true, isBigEndian: true);
        var generator = new BigInteger(g, isUnsigned: true, isBigEndian: true);
        var peer = new BigInteger(clientY, isUnsigned: true, isBigEndian: true);
        if (modulus.GetBitLength() is < 1024 or > 8192 || peer <= BigInteger.One || peer >= modulus - BigInteger.One || generator <= BigInteger.One)
        {
            return (new ErrorResponse(setup.OpCode, ResponseCode.InvalidSessionSetupRequest, "Unusable Diffie-Hellman parameters"), 0);
        }
        var secret = new BigInteger(RandomNumberGenerator.GetBytes(40), isUnsigned: true, isBigEndian: true);
        var serverY = BigInteger.ModPow(generator, secret, modulus);
        // The client derives the AES key from g^(xy) mod p; we would need it only to check session MACs or encrypt.
        var key = PublicKeyEncoding.EncodeDh(serverY.ToByteArray(isUnsigned: true, isBigEndian: true), p, g);
        var sessionId = RandomNumberGenerator.GetInt32(1, int.MaxValue);
        return (new SessionSetupResponse(KeyExchangeMode.DiffieHellman, [0, 0, 0, AesSessionKey, .. key]), sessionId);
    }
}
