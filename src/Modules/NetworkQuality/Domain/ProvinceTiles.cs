using System.Collections.Frozen;

namespace IctGov.NetworkQuality.Domain;

/// <summary>
/// A tile-grid cartogram of the 31 provinces: each province one square at its approximate place
/// (column west→east, row north→south). Equal squares let small provinces such as Beijing or
/// Shanghai be seen and clicked as easily as Xinjiang, and need no boundary data.
/// </summary>
internal static class ProvinceTiles
{
    public const int Columns = 8;
    public const int Rows = 8;

    public static readonly FrozenDictionary<string, (int Column, int Row)> Places = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["230000"] = (7, 0),
        ["650000"] = (0, 1), ["150000"] = (4, 1), ["110000"] = (5, 1), ["210000"] = (6, 1), ["220000"] = (7, 1),
        ["630000"] = (1, 2), ["620000"] = (2, 2), ["640000"] = (3, 2), ["140000"] = (4, 2), ["130000"] = (5, 2), ["120000"] = (6, 2),
        ["540000"] = (0, 3), ["510000"] = (2, 3), ["610000"] = (3, 3), ["410000"] = (4, 3), ["370000"] = (5, 3),
        ["500000"] = (3, 4), ["420000"] = (4, 4), ["340000"] = (5, 4), ["320000"] = (6, 4), ["310000"] = (7, 4),
        ["530000"] = (2, 5), ["520000"] = (3, 5), ["430000"] = (4, 5), ["360000"] = (5, 5), ["330000"] = (6, 5),
        ["450000"] = (3, 6), ["440000"] = (4, 6), ["350000"] = (5, 6),
        ["460000"] = (4, 7),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
