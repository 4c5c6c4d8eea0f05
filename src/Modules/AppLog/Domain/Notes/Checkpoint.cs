using System.Globalization;
using IctGov.AppLog.Domain.Merkle;

namespace IctGov.AppLog.Domain.Notes;

/// <summary>
/// The body of a C2SP tlog-checkpoint: the log's origin, the tree size in decimal and the root hash in
/// base64, one per line, then optional extension lines. It is the text a signed note signs.
/// </summary>
internal sealed record Checkpoint(string Origin, long Size, byte[] Root, IReadOnlyList<string> Extensions)
{
    public Checkpoint(string origin, long size, byte[] root) : this(origin, size, root, []) { }

    public string Text() =>
        $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(Root)}\n" +
        string.Concat(Extensions.Select(e => e + "\n"));

    /// <summary>Parses a checkpoint's text (the note text, signatures removed); null with the line at fault.</summary>
    public static Checkpoint? Parse(string text, out string? error)
    {
        error = null;
        if (!text.EndsWith('\n'))
        {
            error = "a checkpoint ends with a newline";
            return null;
        }
        var lines = text[..^1].Split('\n');
        if (lines.Length < 3)
        {
            error = $"a checkpoint has at least 3 lines (origin, size, root hash), not {lines.Length}";
            return null;
        }
        if (lines[0].Length == 0)
        {
            error = "line 1: the origin is empty";
            return null;
        }
        var sizeText = lines[1];
        if (sizeText.Length == 0 || (sizeText.Length > 1 && sizeText[0] == '0') || !sizeText.All(char.IsAsciiDigit)
            || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            error = $"line 2: '{sizeText}' is not a tree size (a decimal without leading zeroes)";
            return null;
        }
        var root = Base64.Decode(lines[2]);
        if (root is null)
        {
            error = "line 3: the root hash is not base64";
            return null;
        }
        if (root.Length != TreeHash.Size)
        {
            error = $"line 3: the root hash has {root.Length} bytes, expected {TreeHash.Size}";
            return null;
        }
        var extensions = lines[3..];
        if (extensions.Any(e => e.Length == 0))
        {
            error = "an extension line is empty";
            return null;
        }
        return new Checkpoint(lines[0], size, root, extensions);
    }
}
