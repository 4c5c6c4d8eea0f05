using System.Buffers.Binary;

namespace IctGov.AppLog.Domain.Notes;

/// <summary>One signature line of a note: key name, key ID and signature bytes.</summary>
internal sealed record NoteSignature(string KeyName, uint KeyId, byte[] Signature)
{
    public string Line() =>
        $"\u2014 {KeyName} {Convert.ToBase64String([.. BigEndian(KeyId), .. Signature])}\n";

    internal static byte[] BigEndian(uint id)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, id);
        return b;
    }
}

/// <summary>
/// A C2SP signed-note: UTF-8 text ending in a newline, a blank line, then signature lines
/// "— name base64(keyID ‖ signature)". The text is everything before the last blank line.
/// </summary>
internal sealed record SignedNote(string Text, IReadOnlyList<NoteSignature> Signatures)
{
    /// <summary>Verifiers accept at least 16 signatures; more is refused as abuse.</summary>
    public const int MaxSignatures = 100;

    public string Format() => Text + "\n" + string.Concat(Signatures.Select(s => s.Line()));

    public static SignedNote? Parse(ReadOnlySpan<byte> bytes, out string? error)
    {
        error = null;
        var note = StrictUtf8.Decode(bytes, "the note", out error);
        if (note is null)
        {
            return null;
        }
        for (var i = 0; i < note.Length; i++)
        {
            if (note[i] < 0x20 && note[i] != '\n')
            {
                error = $"character {i} is a control character (U+{(int)note[i]:X4}); a note allows only newlines";
                return null;
            }
        }
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            error = "no blank line separates the text from the signatures";
            return null;
        }
        var text = note[..(split + 1)];
        var block = note[(split + 2)..];
        if (!block.EndsWith('\n'))
        {
            error = "the signature lines end with a newline";
            return null;
        }
        var lines = block[..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            error = $"the note has {lines.Length} signatures, more than {MaxSignatures}";
            return null;
        }
        var signatures = new List<NoteSignature>(lines.Length);
        foreach (var (line, n) in lines.Select((l, n) => (l, n + 1)))
        {
            if (!line.StartsWith("\u2014 ", StringComparison.Ordinal))
            {
                error = $"signature line {n} does not start with an em dash and a space";
                return null;
            }
            var parts = line[2..].Split(' ');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[0].Contains('+', StringComparison.Ordinal))
            {
                error = $"signature line {n}: expected '— <key name> <base64 signature>', the name without spaces or '+'";
                return null;
            }
            var raw = Base64.Decode(parts[1]);
            if (raw is null)
            {
                error = $"signature line {n}: the signature is not base64";
                return null;
            }
            if (raw.Length < 5)
            {
                error = $"signature line {n}: {raw.Length} bytes is too short for a key ID and a signature";
                return null;
            }
            signatures.Add(new NoteSignature(parts[0], BinaryPrimitives.ReadUInt32BigEndian(raw), raw[4..]));
        }
        return new SignedNote(text, signatures);
    }
}
