using System.Buffers.Binary;
using System.Text;

namespace IctGov.Protocols.Handle;

/// <summary>
/// Big-endian reader over a span. Every length and count is checked against the bytes that remain
/// before anything is allocated, so a lying length field costs nothing and ends in a
/// <see cref="HandleProtocolException"/> naming the byte offset.
/// </summary>
public ref struct WireReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _base;

    /// <param name="buffer">The bytes to read.</param>
    /// <param name="baseOffset">Offset of <paramref name="buffer"/> within the caller's message, for error messages.</param>
    public WireReader(ReadOnlySpan<byte> buffer, int baseOffset = 0)
    {
        _buffer = buffer;
        _base = baseOffset;
        Position = 0;
    }

    public int Position { get; private set; }

    public readonly int Remaining => _buffer.Length - Position;

    /// <summary>Offset in the caller's message of the next byte.</summary>
    public readonly int Offset => _base + Position;

    public readonly ReadOnlySpan<byte> Rest => _buffer[Position..];

    private readonly HandleProtocolException Fail(string expected) => new(Offset, expected);

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count < 0 || count > Remaining)
        {
            throw Fail($"{what} ({count} bytes, {Remaining} remain)");
        }
        var span = _buffer.Slice(Position, count);
        Position += count;
        return span;
    }

    public byte ReadByte(string what = "an octet") => Take(1, what)[0];

    public ushort ReadUInt16(string what = "an int2") => BinaryPrimitives.ReadUInt16BigEndian(Take(2, what));

    public int ReadInt32(string what = "an int4") => BinaryPrimitives.ReadInt32BigEndian(Take(4, what));

    public uint ReadUInt32(string what = "an int4") => BinaryPrimitives.ReadUInt32BigEndian(Take(4, what));

    public ReadOnlySpan<byte> ReadFixed(int count, string what) => Take(count, what);

    /// <summary>A 4-octet length followed by that many bytes (RFC 3652 "UTF8-String"/byte array).</summary>
    public ReadOnlySpan<byte> ReadByteArraySpan(string what = "a byte array")
    {
        var at = Offset;
        var length = ReadInt32($"the length of {what}");
        if (length < 0 || length > Remaining)
        {
            throw new HandleProtocolException(at, $"{what} whose length field ({length}) fits in the {Remaining} bytes that remain");
        }
        return Take(length, what);
    }

    public byte[] ReadByteArray(string what = "a byte array") => ReadByteArraySpan(what).ToArray();

    public string ReadString(string what = "a UTF-8 string")
    {
        var at = Offset;
        var bytes = ReadByteArraySpan(what);
        try
        {
            return Utf8Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new HandleProtocolException(at, $"{what} in valid UTF-8");
        }
    }

    /// <summary>A 4-octet element count, bounded by what the remaining bytes could hold at <paramref name="minElementSize"/> each.</summary>
    public int ReadCount(int minElementSize, string what, int max = int.MaxValue)
    {
        var at = Offset;
        var count = ReadInt32($"the number of {what}");
        if (count < 0 || count > max || (minElementSize > 0 && count > Remaining / minElementSize))
        {
            throw new HandleProtocolException(at, $"a count of {what} that fits the message ({count} given, {Remaining} bytes remain)");
        }
        return count;
    }

    public readonly void ExpectEnd(string what)
    {
        if (Remaining != 0)
        {
            throw Fail($"the end of {what} ({Remaining} extra bytes)");
        }
    }

    internal static readonly UTF8Encoding Utf8Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
