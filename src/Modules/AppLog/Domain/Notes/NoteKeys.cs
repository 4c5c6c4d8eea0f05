using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace IctGov.AppLog.Domain.Notes;

/// <summary>
/// Ed25519 note keys in the encodings of Go's golang.org/x/mod/sumdb/note, so existing tools read them:
/// a verifier key is <c>name+hex(keyID)+base64(0x01 ‖ public key)</c>, a signer key
/// <c>PRIVATE+KEY+name+hex(keyID)+base64(0x01 ‖ seed)</c>, and the key ID is the first four bytes of
/// SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key), big-endian.
/// </summary>
internal static class NoteKeys
{
    public const byte Ed25519 = 0x01;

    public static uint KeyId(string name, byte type, ReadOnlySpan<byte> publicKey)
    {
        var input = new byte[Encoding.UTF8.GetByteCount(name) + 2 + publicKey.Length];
        var n = Encoding.UTF8.GetBytes(name, input);
        input[n] = 0x0A;
        input[n + 1] = type;
        publicKey.CopyTo(input.AsSpan(n + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    public static bool ValidName(string name) =>
        name.Length > 0 && !name.Contains('+', StringComparison.Ordinal) && !name.Any(char.IsWhiteSpace);
}

/// <summary>An Ed25519 key that signs notes.</summary>
internal sealed class NoteSigner
{
    private readonly Ed25519PrivateKeyParameters _private;

    public NoteSigner(string name, ReadOnlySpan<byte> seed)
    {
        if (!NoteKeys.ValidName(name))
        {
            throw new ArgumentException($"key name '{name}' must be non-empty, without spaces or '+'", nameof(name));
        }
        Name = name;
        _private = new Ed25519PrivateKeyParameters(seed.ToArray());
        PublicKey = _private.GeneratePublicKey().GetEncoded();
        KeyId = NoteKeys.KeyId(name, NoteKeys.Ed25519, PublicKey);
    }

    public string Name { get; }

    public byte[] PublicKey { get; }

    public uint KeyId { get; }

    public static NoteSigner Generate(string name) => new(name, RandomNumberGenerator.GetBytes(32));

    public string VerifierKey() => $"{Name}+{KeyId:x8}+{Convert.ToBase64String([NoteKeys.Ed25519, .. PublicKey])}";

    public string SignerKey() => $"PRIVATE+KEY+{Name}+{KeyId:x8}+{Convert.ToBase64String([NoteKeys.Ed25519, .. _private.GetEncoded()])}";

    /// <summary>Reads a <c>PRIVATE+KEY+…</c> string; null with the reason when malformed or inconsistent.</summary>
    public static NoteSigner? Parse(string text, out string? error)
    {
        error = null;
        // The base64 key may itself contain '+': split off the four fields before it only.
        var parts = text.Trim().Split('+', 5);
        if (parts.Length != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY")
        {
            error = "expected PRIVATE+KEY+<name>+<hex key ID>+<base64 key>";
            return null;
        }
        var key = Base64.Decode(parts[4]);
        if (key is null || key.Length != 33 || key[0] != NoteKeys.Ed25519 || !NoteKeys.ValidName(parts[2]))
        {
            error = "expected an Ed25519 key (0x01 and a 32-byte seed) under a name without spaces";
            return null;
        }
        var signer = new NoteSigner(parts[2], key.AsSpan(1));
        if (!string.Equals($"{signer.KeyId:x8}", parts[3], StringComparison.Ordinal))
        {
            error = $"key ID {parts[3]} does not match the key ({signer.KeyId:x8})";
            return null;
        }
        return signer;
    }

    public NoteSignature Sign(string text)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _private);
        var bytes = Encoding.UTF8.GetBytes(text);
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return new NoteSignature(Name, KeyId, signer.GenerateSignature());
    }
}

/// <summary>An Ed25519 verifier key, as a client configures it.</summary>
internal sealed class NoteVerifier
{
    private readonly Ed25519PublicKeyParameters _public;

    private NoteVerifier(string name, uint keyId, byte[] publicKey)
    {
        Name = name;
        KeyId = keyId;
        _public = new Ed25519PublicKeyParameters(publicKey);
    }

    public string Name { get; }

    public uint KeyId { get; }

    /// <summary>Reads <c>name+hex(keyID)+base64(0x01 ‖ key)</c>; null with the reason when malformed or inconsistent.</summary>
    public static NoteVerifier? Parse(string text, out string? error)
    {
        error = null;
        var parts = text.Trim().Split('+', 3);
        if (parts.Length != 3 || !NoteKeys.ValidName(parts[0]) || parts[1].Length != 8 || !uint.TryParse(parts[1], System.Globalization.NumberStyles.AllowHexSpecifier, null, out var id))
        {
            error = "expected <name>+<8 hex digits key ID>+<base64 key>";
            return null;
        }
        var key = Base64.Decode(parts[2]);
        if (key is null || key.Length != 33 || key[0] != NoteKeys.Ed25519)
        {
            error = "expected an Ed25519 key: 0x01 and 32 bytes";
            return null;
        }
        if (NoteKeys.KeyId(parts[0], NoteKeys.Ed25519, key.AsSpan(1)) != id)
        {
            error = $"key ID {parts[1]} does not match the key";
            return null;
        }
        return new NoteVerifier(parts[0], id, key[1..]);
    }

    /// <summary>
    /// The note's text if a signature by this key verifies; null with the reason otherwise. Signatures by
    /// other keys are ignored, as the spec requires; a failing signature by this key rejects the note.
    /// </summary>
    public string? Verify(SignedNote note, out string? error)
    {
        error = null;
        var mine = note.Signatures.Where(s => s.KeyName == Name && s.KeyId == KeyId).ToList();
        if (mine.Count == 0)
        {
            error = $"the note carries no signature by {Name} ({KeyId:x8})";
            return null;
        }
        var bytes = Encoding.UTF8.GetBytes(note.Text);
        foreach (var s in mine)
        {
            var verifier = new Ed25519Signer();
            verifier.Init(false, _public);
            verifier.BlockUpdate(bytes, 0, bytes.Length);
            if (s.Signature.Length != 64 || !verifier.VerifySignature(s.Signature))
            {
                error = $"the signature by {Name} does not verify";
                return null;
            }
        }
        return note.Text;
    }
}
