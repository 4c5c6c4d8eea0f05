using System.Buffers;
using System.Text;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Storage;

/// <summary>
/// A batch that passed every check and is encoded as the rows the store writes: for each record its
/// storage key, handle, prefix and values JSON as UTF-8, back to back in one pooled buffer, so the
/// write binds byte spans (no UTF-16 strings between the JSON writer and SQLite) and the encoding can
/// run on another thread while the batch before it is being written. Dispose returns the buffer.
/// </summary>
internal sealed class PreparedBatch : IDisposable
{
    internal readonly record struct Row(int Start, int KeyLength, int PrefixLength, int HandleLength, int JsonLength);

    private readonly PooledBytes _bytes;
    private readonly Row[] _rows;

    internal PreparedBatch(IReadOnlyList<HandleRecord> records, string[] keys, int now, PooledBytes bytes, Row[] rows, IReadOnlyList<KeyValuePair<string, int>> counts)
    {
        Records = records;
        Keys = keys;
        Now = now;
        _bytes = bytes;
        _rows = rows;
        Counts = counts;
    }

    public IReadOnlyList<HandleRecord> Records { get; }

    /// <summary>The storage keys (<see cref="HandleName.Normalize"/>), one per record.</summary>
    public string[] Keys { get; }

    /// <summary>The timestamp every value was stamped with.</summary>
    public int Now { get; }

    /// <summary>New registrations per prefix (storage form).</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Counts { get; }

    public int Count => _rows.Length;

    public ReadOnlySpan<byte> Key(int i) => _bytes.Span.Slice(_rows[i].Start, _rows[i].KeyLength);

    public ReadOnlySpan<byte> Prefix(int i) => _bytes.Span.Slice(_rows[i].Start, _rows[i].PrefixLength);

    public ReadOnlySpan<byte> Handle(int i) => _bytes.Span.Slice(_rows[i].Start + _rows[i].KeyLength, _rows[i].HandleLength);

    public ReadOnlySpan<byte> Json(int i) => _bytes.Span.Slice(_rows[i].Start + _rows[i].KeyLength + _rows[i].HandleLength, _rows[i].JsonLength);

    /// <summary>The values JSON as text, for engines bound with strings (PostgreSQL's COPY).</summary>
    public string JsonText(int i) => Encoding.UTF8.GetString(Json(i));

    public void Dispose() => _bytes.Dispose();

    /// <summary>Encodes checked records: the caller has validated handles, values and templates.</summary>
    internal static PreparedBatch Encode(IReadOnlyList<HandleRecord> records, string[] keys, int now)
    {
        var bytes = new PooledBytes(records.Count * 256);
        try
        {
            var rows = new Row[records.Count];
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
            using var json = new StoredValues.Writer();
            for (var i = 0; i < records.Count; i++)
            {
                var start = bytes.Length;
                var handle = records[i].Handle;
                // The key is the handle with ASCII letters upper-cased; a–z are single bytes in UTF-8
                // and never part of a multi-byte sequence, so upper-casing the handle's bytes is the
                // key's UTF-8.
                var handleLength = Encoding.UTF8.GetByteCount(handle);
                var span = bytes.GetSpan(2 * handleLength);
                Encoding.UTF8.GetBytes(handle, span[handleLength..]);
                for (var k = 0; k < handleLength; k++)
                {
                    var b = span[handleLength + k];
                    span[k] = b is >= (byte)'a' and <= (byte)'z' ? (byte)(b - 32) : b;
                }
                var prefixLength = span[..handleLength].IndexOf((byte)'/');
                bytes.Advance(2 * handleLength);
                var jsonLength = json.Append(bytes, records[i].Values, now);
                rows[i] = new Row(start, handleLength, prefixLength < 0 ? handleLength : prefixLength, handleLength, jsonLength);

                var key = keys[i].AsSpan();
                var slash = key.IndexOf('/');
                var prefix = slash < 0 ? key : key[..slash];
                lookup[prefix] = lookup.TryGetValue(prefix, out var n) ? n + 1 : 1;
            }
            return new PreparedBatch(records, keys, now, bytes, rows, [.. counts]);
        }
        catch
        {
            bytes.Dispose();
            throw;
        }
    }
}

/// <summary>A growable byte buffer rented from the shared pool: a batch's rows are about 700 KB, which would otherwise be a large-object allocation per batch.</summary>
internal sealed class PooledBytes(int capacity) : IBufferWriter<byte>, IDisposable
{
    private byte[] _array = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _array.AsSpan(0, Length);

    public void Advance(int count) => Length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(Length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(Length);
    }

    private void Ensure(int sizeHint)
    {
        if (_array.Length - Length >= Math.Max(sizeHint, 1))
        {
            return;
        }
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, Length + sizeHint));
        _array.AsSpan(0, Length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }

    public void Dispose()
    {
        if (_array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
            Length = 0;
        }
    }
}
