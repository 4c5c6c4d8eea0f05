using System.Globalization;
using IctGov.Data.Files;

namespace IctGov.Market.Domain;

/// <summary>One service of the 电信业务分类目录: its code (A11-1, B25), parent, level and names.</summary>
/// <param name="Code">The catalogue's code.</param>
/// <param name="Parent">The parent's code; null for A and B.</param>
/// <param name="Level">0 for A/B, 1 for the categories (A1, B2), 2 for services (B25), 3 for sub-services (B26-1).</param>
/// <param name="NameZh">The catalogue's Chinese name.</param>
/// <param name="NameEn">An English name.</param>
/// <param name="Confirmed">False for rows whose code is not yet confirmed against the 2015 text (see docs/MARKET.md).</param>
internal sealed record TelecomService(string Code, string? Parent, int Level, string NameZh, string NameEn, bool Confirmed)
{
    /// <summary>Basic (A) rather than value-added (B).</summary>
    public bool IsBasic => Code[0] == 'A';

    /// <summary>The category a licence number names (A1, A2, B1, B2).</summary>
    public string Category => Code[..2];
}

/// <summary>
/// The telecom services catalogue (电信业务分类目录, 2015 edition, 工业和信息化部通告2015年第95号, with the
/// 2019 amendment adding A12-4 5G), kept as data in Domain/telecom-services-2015.csv with each row's source.
/// A licence lists services of level 2 or 3; its number names their categories.
/// </summary>
internal static class ServiceCatalogue
{
    public static IReadOnlyList<TelecomService> All { get; } = Load();

    private static readonly Dictionary<string, TelecomService> ByCode = All.ToDictionary(s => s.Code, StringComparer.Ordinal);

    public static TelecomService? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var s) ? s : null;

    /// <summary>Null when <paramref name="code"/> is a service a licence may list; otherwise what is wrong.</summary>
    public static string? Problem(string code) => Find(code) switch
    {
        null => $"'{code}' is not a service of the 2015 telecom services catalogue (A11-1, B21, B25, …)",
        { Level: < 2 } s => $"'{code}' is a category ({s.NameZh}); a licence lists its services ({s.Code}1, {s.Code}2, …)",
        _ => null,
    };

    private static List<TelecomService> Load()
    {
        using var stream = typeof(ServiceCatalogue).Assembly.GetManifestResourceStream("IctGov.Market.telecom-services-2015.csv")
            ?? throw new InvalidOperationException("the telecom services catalogue is not embedded");
        var read = TableReader.ReadCsv(stream, ["code", "parent_code", "level", "name_zh", "name_en", "category", "status", "source"]);
        if (!read.Succeeded)
        {
            throw new InvalidDataException("the embedded telecom services catalogue: " + string.Join("; ", read.Describe()));
        }
        return read.Value!.Select(f => new TelecomService(f[0], f[1].Length == 0 ? null : f[1], int.Parse(f[2], CultureInfo.InvariantCulture),
            f[3], f[4], f[6].StartsWith("verified", StringComparison.Ordinal))).ToList();
    }
}
