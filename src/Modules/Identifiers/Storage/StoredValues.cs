using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Storage;

/// <summary>The stored JSON of a handle's values: every field of the value model, data as base64.</summary>
internal static class StoredValues
{
    private sealed record Stored(
        [property: JsonPropertyName("i")] int Index,
        [property: JsonPropertyName("t")] string Type,
        [property: JsonPropertyName("d")] byte[] Data,
        [property: JsonPropertyName("tt")] byte TtlType,
        [property: JsonPropertyName("ttl")] int Ttl,
        [property: JsonPropertyName("ts")] int Timestamp,
        [property: JsonPropertyName("p")] byte Permissions,
        [property: JsonPropertyName("r")] Ref[]? References);

    private sealed record Ref([property: JsonPropertyName("h")] string Handle, [property: JsonPropertyName("i")] int Index);

    public static string Serialize(IReadOnlyList<HandleValue> values)
    {
        var stored = new Stored[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            stored[i] = new Stored(v.Index, v.Type, v.Data, (byte)v.TtlType, v.Ttl, v.Timestamp, (byte)v.Permissions,
                v.References.Count == 0 ? null : v.References.Select(r => new Ref(r.Handle, r.Index)).ToArray());
        }
        return JsonSerializer.Serialize(stored);
    }

    /// <summary>
    /// Writes the same JSON as <see cref="Serialize"/> without the intermediate records, reusing one
    /// buffer: the batch path writes 2,000 of these per transaction. The timestamp given replaces
    /// every value's (the server stamps what it stores).
    /// </summary>
    internal sealed class Writer : IDisposable
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(512);
        private readonly Utf8JsonWriter _json;

        public Writer() => _json = new Utf8JsonWriter(_buffer);

        public void Dispose() => _json.Dispose();

        public string Serialize(IReadOnlyList<HandleValue> values, int timestamp)
        {
            _buffer.ResetWrittenCount();
            Append(_buffer, values, timestamp);
            return Encoding.UTF8.GetString(_buffer.WrittenSpan);
        }

        /// <summary>Appends the JSON to <paramref name="to"/> as UTF-8; returns the bytes written.</summary>
        public int Append(IBufferWriter<byte> to, IReadOnlyList<HandleValue> values, int timestamp)
        {
            _json.Reset(to);
            _json.WriteStartArray();
            foreach (var v in values)
            {
                _json.WriteStartObject();
                _json.WriteNumber("i", v.Index);
                _json.WriteString("t", v.Type);
                _json.WriteBase64String("d", v.Data);
                _json.WriteNumber("tt", (byte)v.TtlType);
                _json.WriteNumber("ttl", v.Ttl);
                _json.WriteNumber("ts", timestamp);
                _json.WriteNumber("p", (byte)v.Permissions);
                if (v.References.Count == 0)
                {
                    _json.WriteNull("r");
                }
                else
                {
                    _json.WriteStartArray("r");
                    foreach (var r in v.References)
                    {
                        _json.WriteStartObject();
                        _json.WriteString("h", r.Handle);
                        _json.WriteNumber("i", r.Index);
                        _json.WriteEndObject();
                    }
                    _json.WriteEndArray();
                }
                _json.WriteEndObject();
            }
            _json.WriteEndArray();
            _json.Flush();
            return checked((int)_json.BytesCommitted);
        }
    }

    public static IReadOnlyList<HandleValue> Deserialize(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored[]>(json) ?? [];
        var values = new HandleValue[stored.Length];
        for (var i = 0; i < stored.Length; i++)
        {
            var s = stored[i];
            values[i] = new HandleValue
            {
                Index = s.Index,
                Type = s.Type,
                Data = s.Data,
                TtlType = (TtlType)s.TtlType,
                Ttl = s.Ttl,
                Timestamp = s.Timestamp,
                Permissions = (ValuePermissions)s.Permissions,
                References = s.References is null ? [] : s.References.Select(r => new ValueReference(r.Handle, r.Index)).ToArray(),
            };
        }
        return values;
    }
}
