using System.Globalization;
using System.Text;

namespace IctGov.AppLog.Domain.Tiles;

/// <summary>
/// A resource of C2SP tlog-tiles: a hash tile <c>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c> or an entry bundle
/// <c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c>, N written in 3-digit path elements, all but the last
/// prefixed with <c>x</c> (1234067 → <c>x001/x234/067</c>). <see cref="Level"/> is −1 for entry bundles.
/// </summary>
internal readonly record struct TilePath(int Level, long Index, int Width)
{
    /// <summary>Hashes (or entries) in a full tile: a tile is a subtree of height 8.</summary>
    public const int FullWidth = 256;

    public const int EntriesLevel = -1;

    public bool IsEntries => Level == EntriesLevel;

    public bool IsPartial => Width < FullWidth;

    public override string ToString()
    {
        var sb = new StringBuilder("tile/");
        sb.Append(IsEntries ? "entries" : Level.ToString(CultureInfo.InvariantCulture)).Append('/');
        AppendIndex(sb, Index);
        if (IsPartial)
        {
            sb.Append(".p/").Append(Width.ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static void AppendIndex(StringBuilder sb, long n)
    {
        var groups = new List<long>();
        do
        {
            groups.Add(n % 1000);
            n /= 1000;
        }
        while (n > 0);
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            sb.Append(i > 0 ? "x" : "").Append(groups[i].ToString("D3", CultureInfo.InvariantCulture)).Append(i > 0 ? "/" : "");
        }
    }

    /// <summary>
    /// Parses the path after the log's prefix (<c>tile/0/x001/234.p/5</c>); null with the reason when it is
    /// not a path the spec allows (leading zeroes, a level above 63, a width of 0 or 256, a stray element).
    /// </summary>
    public static TilePath? Parse(string path, out string? error)
    {
        error = null;
        var parts = path.Split('/');
        if (parts.Length < 3 || parts[0] != "tile")
        {
            error = "expected tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]";
            return null;
        }
        int level;
        if (parts[1] == "entries")
        {
            level = EntriesLevel;
        }
        else if (!TryDecimal(parts[1], 63, out var l))
        {
            error = $"level '{parts[1]}' is not a decimal 0–63 without leading zeroes";
            return null;
        }
        else
        {
            level = (int)l;
        }
        var width = FullWidth;
        var last = parts.Length - 1;
        if (parts.Length >= 4 && parts[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!TryDecimal(parts[^1], FullWidth - 1, out var w) || w == 0)
            {
                error = $"partial width '{parts[^1]}' is not a decimal 1–255 without leading zeroes";
                return null;
            }
            width = (int)w;
            parts[^2] = parts[^2][..^2];
            last = parts.Length - 2;
        }
        long index = 0;
        for (var i = 2; i <= last; i++)
        {
            var element = parts[i];
            var inner = i < last;
            if (inner != element.StartsWith('x'))
            {
                error = inner ? $"path element '{element}' must start with x (all but the last do)" : $"last path element '{element}' must not start with x";
                return null;
            }
            var digits = inner ? element[1..] : element;
            if (digits.Length != 3 || !digits.All(char.IsAsciiDigit))
            {
                error = $"path element '{element}' must be three digits";
                return null;
            }
            if (i == 2 && inner && digits == "000")
            {
                error = "the index has a leading 000 element";
                return null;
            }
            if (index > (long.MaxValue - 999) / 1000)
            {
                error = "the index is too large";
                return null;
            }
            index = index * 1000 + int.Parse(digits, CultureInfo.InvariantCulture);
        }
        return new TilePath(level, index, width);
    }

    private static bool TryDecimal(string text, long max, out long value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 3 || (text.Length > 1 && text[0] == '0') || !text.All(char.IsAsciiDigit))
        {
            return false;
        }
        value = long.Parse(text, CultureInfo.InvariantCulture);
        return value <= max;
    }
}
