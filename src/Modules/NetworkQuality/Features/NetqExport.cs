using IctGov.Kernel;
using IctGov.NetworkQuality.Contracts;
using IctGov.NetworkQuality.Domain;
using MiniExcelLibs;

namespace IctGov.NetworkQuality.Features;

/// <summary>A file to download: what the API's <c>format=csv|xlsx</c> and the pages' export links answer.</summary>
internal sealed record ExportFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// The rows the API and the pages export, and the CSV and XLSX files made of them: one copy, so a
/// page's download and the API's answer for the same figures have the same columns.
/// </summary>
internal static class NetqExport
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The rows as <paramref name="format"/> (<c>csv</c> or <c>xlsx</c>, any case); null for any other format (JSON).</summary>
    public static ExportFile? As(string? format, IReadOnlyList<Dictionary<string, object?>> rows, string name) =>
        format?.ToLowerInvariant() switch
        {
            "csv" => Csv(rows, name),
            "xlsx" => Xlsx(rows, name),
            _ => null,
        };

    /// <summary>RFC 4180 CSV with a header line; with no rows, the header of <paramref name="columns"/> (or nothing).</summary>
    public static ExportFile Csv(IReadOnlyList<Dictionary<string, object?>> rows, string name, IReadOnlyList<string>? columns = null)
    {
        var csv = RowWriter.ToCsv(rows);
        if (csv.Length == 0 && columns is not null) csv = string.Join(",", columns) + "\n";
        return new(System.Text.Encoding.UTF8.GetBytes(csv), CsvType, name + ".csv");
    }

    /// <summary>One sheet; with no rows, an empty row under the header of <paramref name="columns"/>, so a reader sees which figures exist.</summary>
    public static ExportFile Xlsx(IReadOnlyList<Dictionary<string, object?>> rows, string name, IReadOnlyList<string>? columns = null)
    {
        var sheet = rows.Select(r => (IDictionary<string, object?>)r).ToList();
        if (sheet.Count == 0 && columns is not null) sheet.Add(columns.ToDictionary(c => c, _ => (object?)null));
        using var ms = new MemoryStream();
        MiniExcel.SaveAs(ms, sheet);
        return new(ms.ToArray(), XlsxType, name + ".xlsx");
    }

    /// <summary>A ranking's rows with each group's name beside its code (cities by name too).</summary>
    public static List<Dictionary<string, object?>> Ranking(IEnumerable<RollupRow> rows, NetqDimension by)
    {
        var key = by.Name();
        return [.. rows.Select(r =>
        {
            var named = new Dictionary<string, object?>();
            foreach (var (k, v) in r.ToDictionary())
            {
                named[k] = v;
                if (k == key) named["name"] = Analytics.DisplayName(key, v);
            }
            return named;
        })];
    }

    /// <summary>The heatmap's cells: day, hour and the figures of each.</summary>
    public static List<Dictionary<string, object?>> Heatmap(IEnumerable<RollupRow> cells) => [.. cells.Select(r => new Dictionary<string, object?>
    {
        ["day"] = r.Keys["day"], ["hour"] = r.Keys["hour"], ["count"] = r.Count, ["dl_mean"] = r.DlMean,
        ["dl_p5_approx"] = r.DlP5, ["share_meeting_bar"] = r.Share,
    })];

    /// <summary>The columns of <see cref="Alerts"/>, by province × operator or by city × operator.</summary>
    public static string[] AlertColumns(bool byCity) => byCity
        ? ["week", "province", "province_name", "city", "city_name", "operator", "operator_name", "count", "dl_p5", "baseline_count", "baseline_dl_p5", "drop"]
        : ["week", "province", "province_name", "operator", "operator_name", "count", "dl_p5", "baseline_count", "baseline_dl_p5", "drop"];

    /// <summary>Degradation alerts with the codes and, beside them, the names of provinces, cities and operators.</summary>
    public static List<Dictionary<string, object?>> Alerts(IEnumerable<Degradation> alerts, bool byCity) => [.. alerts.Select(a =>
    {
        var province = (string?)a.Keys.GetValueOrDefault("province");
        var op = (string?)a.Keys.GetValueOrDefault("operator");
        var row = new Dictionary<string, object?>
        {
            ["week"] = Kernel.Display.Format.Date(a.Week),
            ["province"] = province, ["province_name"] = province is null ? null : Codes.ProvinceName(province, Bilingual.IsEnglish),
        };
        if (byCity)
        {
            var city = (string?)a.Keys.GetValueOrDefault("city");
            row["city"] = city;
            row["city_name"] = city is null ? null : Cities.Name(city);
        }
        row["operator"] = op;
        row["operator_name"] = op is null ? null : Codes.OperatorName(op, Bilingual.IsEnglish);
        row["count"] = a.Count;
        row["dl_p5"] = a.P5;
        row["baseline_count"] = a.BaselineCount;
        row["baseline_dl_p5"] = a.BaselineP5;
        row["drop"] = a.Drop;
        return row;
    })];
}
