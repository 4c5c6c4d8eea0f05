using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Features;

/// <summary>Data of a value in the REST API's JSON form: text for string/base64/hex, structure for admin/vlist.</summary>
internal sealed record ValueData(string Format, object Value)
{
    /// <summary>One line for pages.</summary>
    public string Display => Value switch
    {
        AdminData a => $"{a.Index}:{a.Handle} {a.Permissions}",
        ReferenceData[] refs => string.Join(", ", refs.Select(r => $"{r.Index}:{r.Handle}")),
        _ => Value.ToString() ?? "",
    };
}

/// <summary>HS_ADMIN in Handle.Net's JSON: the administrator and the 12 permission bits, most significant first (list handles … add handle).</summary>
internal sealed record AdminData(string Handle, int Index, string Permissions);

/// <summary>One entry of an HS_VLIST in Handle.Net's JSON.</summary>
internal sealed record ReferenceData(string Handle, int Index);

/// <summary>
/// A handle value in the form of Handle.Net's REST API. <see cref="Permissions"/> (admin read, admin
/// write, public read, public write as four bits) appears only when it is not the usual 1110, as Handle.Net writes it.
/// </summary>
internal sealed record ValueJson(int Index, string Type, ValueData Data, int Ttl, string Timestamp,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Permissions = null);

/// <summary>A parse error of the JSON form, naming where.</summary>
internal sealed class HandleJsonException(string message) : Exception(message);

/// <summary>
/// Reads and writes handle values in Handle.Net's REST JSON form. Data formats "string", "base64",
/// "hex", "admin" (HS_ADMIN) and "vlist" (HS_VLIST); HS_SITE and keys are shown and accepted as base64
/// of their wire form (Handle.Net's structured "site"/"key" forms are not implemented).
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
        new(v.Index, v.Type, DataOf(v), v.Ttl, DateTimeOffset.FromUnixTimeSeconds(v.Timestamp).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            v.Permissions == ValuePermissions.Default ? null : ValuePermissionBits(v.Permissions));

    /// <summary>Handle.Net's four permission bits, most significant first: admin read, admin write, public read, public write.</summary>
    public static string ValuePermissionBits(ValuePermissions p) => string.Concat(
        p.HasFlag(ValuePermissions.AdminRead) ? '1' : '0', p.HasFlag(ValuePermissions.AdminWrite) ? '1' : '0',
        p.HasFlag(ValuePermissions.PublicRead) ? '1' : '0', p.HasFlag(ValuePermissions.PublicWrite) ? '1' : '0');

    /// <summary>
    /// The value's permissions from its "permissions" member ("1110", "*" for all), read from the right
    /// as Handle.Net does (so "10" sets public read and clears public write). Without the member a
    /// value gets the usual public read — except a secret key, which stays with its administrators:
    /// Handle.Net leaves that to the client, and a key sent without it would be readable by anyone.
    /// </summary>
    private static ValuePermissions ParsePermissions(JsonElement e, string type, string where)
    {
        if (!e.TryGetProperty("permissions", out var p))
        {
            return string.Equals(type, HandleValueTypes.SecretKey, StringComparison.OrdinalIgnoreCase)
                ? ValuePermissions.AdminRead | ValuePermissions.AdminWrite
                : ValuePermissions.Default;
        }
        var text = p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
        if (text == "*")
        {
            return ValuePermissions.AdminRead | ValuePermissions.AdminWrite | ValuePermissions.PublicRead | ValuePermissions.PublicWrite;
        }
        if (text.Length is 0 or > 4 || text.Any(c => c is not ('0' or '1')))
        {
            throw new HandleJsonException($"{where}.permissions: expected up to four bits, admin read, admin write, public read, public write, e.g. \"1110\", or \"*\"");
        }
        ValuePermissions[] fromRight = [ValuePermissions.PublicWrite, ValuePermissions.PublicRead, ValuePermissions.AdminWrite, ValuePermissions.AdminRead];
        var result = ValuePermissions.Default;
        for (var i = 0; i < text.Length; i++)
        {
            result = text[text.Length - 1 - i] == '1' ? result | fromRight[i] : result & ~fromRight[i];
        }
        return result;
    }

    private static ValueData DataOf(HandleValue v)
    {
        try
        {
            if (string.Equals(v.Type, HandleValueTypes.Admin, StringComparison.OrdinalIgnoreCase))
            {
                var admin = AdminRecord.Decode(v.Data);
                return new ValueData("admin", new AdminData(admin.AdminHandle, admin.AdminIndex, PermissionBits(admin.Permissions)));
            }
            if (string.Equals(v.Type, HandleValueTypes.ValueList, StringComparison.OrdinalIgnoreCase))
            {
                return new ValueData("vlist", ValueReferenceList.Decode(v.Data).Select(r => new ReferenceData(r.Handle, r.Index)).ToArray());
            }
        }
        catch (HandleProtocolException)
        {
            // a malformed stored record is shown as its bytes, as Handle.Net does
        }
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
        return new HandleValue
        {
            Index = idx, Type = type.GetString()!, Data = ParseData(data, where + ".data"), Ttl = ttl,
            Permissions = ParsePermissions(e, type.GetString()!, where),
        };
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
        switch (format)
        {
            case "admin":
                return ParseAdmin(data.TryGetProperty("value", out var a) ? a : default, where + ".value");
            case "vlist":
                return ParseValueList(data.TryGetProperty("value", out var l) ? l : default, where + ".value");
            case "site" or "key":
                throw new HandleJsonException($"{where}.format: '{format}' is not accepted; send the value's wire form as base64");
        }
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
            default:
                throw new HandleJsonException($"{where}.format: expected string, base64, hex, admin or vlist, got '{format}'");
        }
    }

    /// <summary>The 12 permission bits as Handle.Net writes them: most significant (list handles) first.</summary>
    public static string PermissionBits(AdminPermissions permissions) =>
        Convert.ToString((int)(permissions & AdminPermissions.All), 2).PadLeft(12, '0');

    private static byte[] ParseAdmin(JsonElement value, string where)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new HandleJsonException($"{where}: expected {{\"handle\":…,\"index\":…,\"permissions\":…}}");
        }
        var (handle, index) = ParseReference(value, where);
        var permissions = AdminPermissions.None;
        if (value.TryGetProperty("permissions", out var p))
        {
            permissions = p.ValueKind switch
            {
                JsonValueKind.True => AdminPermissions.All,
                JsonValueKind.False or JsonValueKind.Null => AdminPermissions.None,
                JsonValueKind.Number when p.TryGetInt32(out var n) && n is >= 0 and <= (int)AdminPermissions.All => (AdminPermissions)n,
                JsonValueKind.String when p.GetString() == "*" => AdminPermissions.All,
                JsonValueKind.String when p.GetString() is { Length: > 0 and <= 12 } bits && bits.All(c => c is '0' or '1') => (AdminPermissions)Convert.ToInt32(bits, 2),
                _ => throw new HandleJsonException($"{where}.permissions: expected up to 12 bits such as \"011111110011\", \"*\", true/false or a number 0–4095"),
            };
        }
        return new AdminRecord(permissions, handle, index).Encode();
    }

    private static byte[] ParseValueList(JsonElement value, string where)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new HandleJsonException($"{where}: expected an array of {{\"handle\":…,\"index\":…}}");
        }
        var refs = new List<ValueReference>();
        var i = 0;
        foreach (var e in value.EnumerateArray())
        {
            var (handle, index) = ParseReference(e, $"{where}[{i++}]");
            refs.Add(new ValueReference(handle, index));
        }
        return ValueReferenceList.Encode(refs);
    }

    private static (string Handle, int Index) ParseReference(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("handle", out var h) || h.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(h.GetString()))
        {
            throw new HandleJsonException($"{where}.handle: expected a non-empty string");
        }
        if (!e.TryGetProperty("index", out var i) || i.ValueKind != JsonValueKind.Number || !i.TryGetInt32(out var index) || index < 0)
        {
            throw new HandleJsonException($"{where}.index: expected a whole number ≥ 0");
        }
        return (h.GetString()!, index);
    }
}
