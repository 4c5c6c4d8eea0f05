using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IctGov.Kernel.Display;
using IctGov.NetworkQuality.Contracts;

namespace IctGov.NetworkQuality.Features;

/// <summary>
/// Writes query rows straight from the database reader to the response or the console, without
/// building objects per row: the API adds little over the query itself.
/// </summary>
internal static class RowWriter
{
    public static async Task WriteAsync(DbDataReader reader, Stream output, NetqOutputFormat format, CancellationToken ct)
    {
        switch (format)
        {
            case NetqOutputFormat.Json:
                await WriteJsonAsync(reader, output, ct);
                break;
            case NetqOutputFormat.Csv:
                await WriteCsvAsync(reader, output, ct);
                break;
            default:
                await WriteTableAsync(reader, output, ct);
                break;
        }
    }

    private static async Task WriteJsonAsync(DbDataReader r, Stream output, CancellationToken ct)
    {
        await using var w = new Utf8JsonWriter(output);
        var names = Enumerable.Range(0, r.FieldCount).Select(i => JsonEncodedText.Encode(r.GetName(i))).ToArray();
        w.WriteStartArray();
        var n = 0;
        while (await r.ReadAsync(ct))
        {
            w.WriteStartObject();
            for (var i = 0; i < names.Length; i++)
            {
                w.WritePropertyName(names[i]);
                WriteJsonValue(w, r.IsDBNull(i) ? null : r.GetValue(i));
            }
            w.WriteEndObject();
            if (++n % 1000 == 0) await w.FlushAsync(ct);
        }
        w.WriteEndArray();
        await w.FlushAsync(ct);
    }

    public static void WriteJsonValue(Utf8JsonWriter w, object? v)
    {
        switch (v)
        {
            case null:
                w.WriteNullValue();
                break;
            case double d:
                if (double.IsFinite(d)) w.WriteNumberValue(d);
                else w.WriteNullValue();
                break;
            case float f:
                w.WriteNumberValue(f);
                break;
            case decimal m:
                w.WriteNumberValue(m);
                break;
            case long or int or short or sbyte or byte or ulong or uint or ushort:
                w.WriteNumberValue(Convert.ToInt64(v, CultureInfo.InvariantCulture));
                break;
            case System.Numerics.BigInteger b:
                w.WriteNumberValue((decimal)b);
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            default:
                w.WriteStringValue(Text(v));
                break;
        }
    }

    public static string Text(object? v) => v switch
    {
        null or DBNull => "",
        DateOnly d => Format.Date(d),
        DateTime t when t.TimeOfDay == TimeSpan.Zero => Format.Date(DateOnly.FromDateTime(t)),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    public static string CsvField(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static async Task WriteCsvAsync(DbDataReader r, Stream output, CancellationToken ct)
    {
        await using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await w.WriteLineAsync(string.Join(",", Enumerable.Range(0, r.FieldCount).Select(i => CsvField(r.GetName(i)))));
        var values = new string[r.FieldCount];
        while (await r.ReadAsync(ct))
        {
            for (var i = 0; i < values.Length; i++) values[i] = CsvField(Text(r.IsDBNull(i) ? null : r.GetValue(i)));
            await w.WriteLineAsync(string.Join(",", values));
        }
    }

    private static async Task WriteTableAsync(DbDataReader r, Stream output, CancellationToken ct)
    {
        // A table must be measured before it is printed; summaries are small (one line per group).
        var header = Enumerable.Range(0, r.FieldCount).Select(r.GetName).ToArray();
        var rows = new List<string[]>();
        while (await r.ReadAsync(ct))
        {
            rows.Add([.. Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "-" : r.GetValue(i) is double d ? Format.Number(d) : Text(r.GetValue(i)))]);
        }
        var widths = header.Select((h, i) => rows.Select(x => x[i].Length).Append(h.Length).Max()).ToArray();
        await using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await w.WriteLineAsync(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows) await w.WriteLineAsync(string.Join("  ", row.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
    }

    /// <summary>Rows already in memory (roll-up answers) as CSV.</summary>
    public static string ToCsv(IReadOnlyList<Dictionary<string, object?>> rows)
    {
        var sb = new StringBuilder();
        if (rows.Count == 0) return "";
        sb.AppendLine(string.Join(",", rows[0].Keys.Select(CsvField)));
        foreach (var row in rows) sb.AppendLine(string.Join(",", row.Values.Select(v => CsvField(Text(v)))));
        return sb.ToString();
    }
}
