using System.Buffers.Binary;
using System.Text;

namespace IctGov.Protocols.Handle;

/// <summary>
/// Big-endian writer into a growable buffer; the encoders size nothing by hand. <see cref="Reset"/> makes it reusable
/// (the codec keeps one per thread, as Npgsql keeps one write buffer per connection).
/// </summary>
public sealed class WireWriter
{
    private byte[] _buffer;

    public WireWriter(int capacity = 256) => _buffer = new byte[Math.Max(16, capacity)];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Room the writer holds before it grows.</summary>
    public int Capacity => _buffer.Length;

    /// <summary>Forgets what was written and keeps the buffer, so one writer serves message after message.</summary>
    public void Reset() => Length = 0;

    private Span<byte> Grab(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }
        var span = _buffer.AsSpan(Length, count);
        Length += count;
        return span;
    }

    public void WriteByte(byte value) => Grab(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Grab(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Grab(4), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Grab(4), value);

    public void WriteRaw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Grab(bytes.Length));

    public void WriteByteArray(ReadOnlySpan<byte> bytes)
    {
        WriteInt32(bytes.Length);
        WriteRaw(bytes);
    }

    public void WriteString(string text)
    {
        var count = Encoding.UTF8.GetByteCount(text);
        WriteInt32(count);
        Encoding.UTF8.GetBytes(text, Grab(count));
    }

    /// <summary>Overwrites a 4-octet big-endian value at <paramref name="position"/> (for lengths known only later).</summary>
    public void PatchInt32(int position, int value) => BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(position, 4), value);
}
