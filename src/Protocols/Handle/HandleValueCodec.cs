namespace IctGov.Protocols.Handle;

/// <summary>
/// Wire form of a handle value (RFC 3652 §2.2.3 / RFC 3651 §3.1): index int4, timestamp int4, TTL type octet,
/// TTL int4, permission octet, type and data as length-prefixed bytes, then references (count, handle + index).
/// </summary>
public static class HandleValueCodec
{
    /// <summary>Smallest possible encoded value: 4+4+1+4+1+4+4+4.</summary>
    public const int MinEncodedSize = 26;

    public static void Write(WireWriter writer, HandleValue value)
    {
        writer.WriteInt32(value.Index);
        writer.WriteInt32(value.Timestamp);
        writer.WriteByte((byte)value.TtlType);
        writer.WriteInt32(value.Ttl);
        writer.WriteByte((byte)value.Permissions);
        writer.WriteString(value.Type);
        writer.WriteByteArray(value.Data);
        writer.WriteInt32(value.References.Count);
        foreach (var reference in value.References)
        {
            writer.WriteString(reference.Handle);
            writer.WriteInt32(reference.Index);
        }
    }

    public static HandleValue Read(ref WireReader reader)
    {
        var index = reader.ReadInt32("the value index");
        var timestamp = reader.ReadInt32("the value timestamp");
        var ttlType = reader.ReadByte("the TTL type");
        if (ttlType > 1)
        {
            throw new HandleProtocolException(reader.Offset - 1, $"TTL type 0 (relative) or 1 (absolute), not {ttlType}");
        }
        var ttl = reader.ReadInt32("the TTL");
        var permissions = reader.ReadByte("the permission octet");
        var type = reader.ReadString("the value type");
        var data = reader.ReadByteArray("the value data");
        var count = reader.ReadCount(8, "value references");
        var references = count == 0 ? [] : new ValueReference[count];
        for (var i = 0; i < count; i++)
        {
            var handle = reader.ReadString("a referenced handle");
            references[i] = new ValueReference(handle, reader.ReadInt32("a referenced index"));
        }
        return new HandleValue
        {
            Index = index,
            Timestamp = timestamp,
            TtlType = (TtlType)ttlType,
            Ttl = ttl,
            Permissions = (ValuePermissions)(permissions & 0x0F),
            Type = type,
            Data = data,
            References = references,
        };
    }

    public static void WriteList(WireWriter writer, IReadOnlyList<HandleValue> values)
    {
        writer.WriteInt32(values.Count);
        foreach (var value in values)
        {
            Write(writer, value);
        }
    }

    public static HandleValue[] ReadList(ref WireReader reader)
    {
        var count = reader.ReadCount(MinEncodedSize, "handle values", HandleProtocol.MaxHandleValues);
        var values = new HandleValue[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = Read(ref reader);
        }
        return values;
    }

    /// <summary>One value as a standalone byte array (how stores may keep it).</summary>
    public static byte[] Encode(HandleValue value)
    {
        var writer = new WireWriter(64 + value.Data.Length);
        Write(writer, value);
        return writer.ToArray();
    }

    public static HandleValue Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new WireReader(bytes);
        var value = Read(ref reader);
        reader.ExpectEnd("the handle value");
        return value;
    }
}
