namespace IctGov.Protocols.Handle;

/// <summary>
/// HS_ADMIN data (RFC 3651 §3.2.2): a 2-octet permission mask, the administrator's handle and value index.
/// The administrator is the HS_SECKEY/HS_PUBKEY (or HS_VLIST group) at <see cref="AdminHandle"/>:<see cref="AdminIndex"/>.
/// </summary>
public sealed record AdminRecord(AdminPermissions Permissions, string AdminHandle, int AdminIndex)
{
    public byte[] Encode()
    {
        var writer = new WireWriter(16 + AdminHandle.Length);
        writer.WriteUInt16((ushort)Permissions);
        writer.WriteString(AdminHandle);
        writer.WriteInt32(AdminIndex);
        return writer.ToArray();
    }

    public static AdminRecord Decode(ReadOnlySpan<byte> data)
    {
        var reader = new WireReader(data);
        var permissions = (AdminPermissions)reader.ReadUInt16("the HS_ADMIN permission mask");
        var handle = reader.ReadString("the administrator handle");
        var index = reader.ReadInt32("the administrator index");
        // Some old records carry 2 trailing octets (a 4-octet permission field era); the reference accepts them.
        if (reader.Remaining != 2)
        {
            reader.ExpectEnd("the HS_ADMIN record");
        }
        return new AdminRecord(permissions & AdminPermissions.All, handle, index);
    }

    /// <summary>An HS_ADMIN handle value built from this record (admin read/write only, as Handle.Net creates them).</summary>
    public HandleValue ToValue(int index, int timestamp = 0) => new()
    {
        Index = index,
        Type = HandleValueTypes.Admin,
        Data = Encode(),
        Timestamp = timestamp,
        Permissions = ValuePermissions.AdminRead | ValuePermissions.AdminWrite | ValuePermissions.PublicRead,
    };
}

/// <summary>HS_VLIST data (RFC 3651 §3.2.9): a list of value references, used for administrator groups.</summary>
public static class ValueReferenceList
{
    public static byte[] Encode(IReadOnlyList<ValueReference> references)
    {
        var writer = new WireWriter();
        writer.WriteInt32(references.Count);
        foreach (var reference in references)
        {
            writer.WriteString(reference.Handle);
            writer.WriteInt32(reference.Index);
        }
        return writer.ToArray();
    }

    public static IReadOnlyList<ValueReference> Decode(ReadOnlySpan<byte> data)
    {
        var reader = new WireReader(data);
        var count = reader.ReadCount(8, "HS_VLIST references");
        var list = new ValueReference[count];
        for (var i = 0; i < count; i++)
        {
            var handle = reader.ReadString("a referenced handle");
            list[i] = new ValueReference(handle, reader.ReadInt32("a referenced index"));
        }
        reader.ExpectEnd("the HS_VLIST value");
        return list;
    }
}
