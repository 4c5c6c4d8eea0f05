using System.Globalization;
using System.Text;
using System.Text.Json;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Features;

/// <summary>Data of a value in the REST API's JSON form.</summary>
internal sealed record ValueData(string Format, string Value);

/// <summary>A handle value in the form of Handle.Net's REST API.</summary>
internal sealed record ValueJson(int Index, string Type, ValueData Data, int Ttl, string Timestamp);

/// <summary>A parse error of the JSON form, naming where.</summary>
internal sealed class HandleJsonException(string message) : Exception(message);

/// <summary>
/// Reads and writes handle values in Handle.Net's REST JSON form. Data formats "string", "base64"
/// and "hex"; HS_ADMIN and HS_SITE values are shown and accepted as base64 of their wire form until
/// their structured "admin"/"site" forms have codecs.
/// </summary>
internal static class HandleJson
{
    private static readonly UTF8Encoding Strict = new(false, true);

    /// <summary>Types whose data is binary structure rather than text.</summary>
    private static readonly HashSet<string> BinaryTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        HandleValueTypes.Admin, HandleValueTypes.Site, HandleValueTypes.SitePrefix, HandleValueTypes.PublicKey,
        HandleValueTypes.SecretKey, HandleValueTypes.ValueList,
    };

    public static ValueJson ToJson(HandleValue v) =>
        new(v.Index, v.Type, DataOf(v), v.Ttl, DateTimeOffset.FromUnixTimeSeconds(v.Timestamp).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private static ValueData DataOf(HandleValue v)
    {
        if (!BinaryTypes.Contains(v.Type))
        {
            try
            {
                return new ValueData("string", Strict.GetString(v.Data));
            }
            catch (DecoderFallbackException)
            {
                // not text: fall through to base64
            }
        }
        return new ValueData("base64", Convert.ToBase64String(v.Data));
    }

    /// <summary>
    /// A request entity: an array of values, an object with "values", or one value (as Handle.Net
    /// accepts). <paramref name="where"/> prefixes error messages, e.g. "record 3".
    /// </summary>
    public static List<HandleValue> ParseValues(JsonElement body, string where = "body")
    {
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("values", out var values))
        {
            body = values;
        }
        else if (body.ValueKind == JsonValueKind.Object)
        {
            return [ParseValue(body, where + ".values[0]")];
        }
        if (body.ValueKind != JsonValueKind.Array)
        {
            throw new HandleJsonException($"{where}: expected an array of handle values");
        }
        var list = new List<HandleValue>();
        var i = 0;
        foreach (var e in body.EnumerateArray())
        {
            list.Add(ParseValue(e, $"{where}.values[{i++}]"));
        }
        return list;
    }

    public static HandleValue ParseValue(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new HandleJsonException($"{where}: expected an object");
        }
        if (!e.TryGetProperty("index", out var index) || index.ValueKind != JsonValueKind.Number || !index.TryGetInt32(out var idx) || idx <= 0)
        {
            throw new HandleJsonException($"{where}.index: expected a positive whole number");
        }
        if (!e.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(type.GetString()))
        {
            throw new HandleJsonException($"{where}.type: expected a non-empty string, e.g. URL");
        }
        if (!e.TryGetProperty("data", out var data))
        {
            throw new HandleJsonException($"{where}.data: required");
        }
        var ttl = 86_400;
        if (e.TryGetProperty("ttl", out var t) && (t.ValueKind != JsonValueKind.Number || !t.TryGetInt32(out ttl) || ttl < 0))
        {
            throw new HandleJsonException($"{where}.ttl: expected a non-negative whole number of seconds");
        }
        return new HandleValue { Index = idx, Type = type.GetString()!, Data = ParseData(data, where + ".data"), Ttl = ttl };
    }

    private static byte[] ParseData(JsonElement data, string where)
    {
        if (data.ValueKind == JsonValueKind.String)
        {
            return Encoding.UTF8.GetBytes(data.GetString()!);
        }
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw new HandleJsonException($"{where}: expected a string or {{\"format\":…,\"value\":…}}");
        }
        var format = data.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : "string";
        if (!data.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new HandleJsonException($"{where}.value: expected a string for format {format}");
        }
        var text = value.GetString()!;
        switch (format)
        {
            case "string":
                return Encoding.UTF8.GetBytes(text);
            case "base64":
                try
                {
                    return Convert.FromBase64String(text);
                }
                catch (FormatException)
                {
                    throw new HandleJsonException($"{where}.value: not valid base64");
                }
            case "hex":
                try
                {
                    return Convert.FromHexString(text);
                }
                catch (FormatException)
                {
                    throw new HandleJsonException($"{where}.value: not valid hex (pairs of 0-9a-f)");
                }
            case "admin" or "site":
                throw new HandleJsonException($"{where}.format: '{format}' is not accepted yet; send the value's wire form as base64");
            default:
                throw new HandleJsonException($"{where}.format: expected string, base64 or hex, got '{format}'");
        }
    }
}
