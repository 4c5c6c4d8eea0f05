using System.Buffers.Binary;
using System.Text;

namespace IctGov.Numbering.Enum;

/// <summary>A DNS question (RFC 1035 §4.1.2) as received: the name's labels in wire order, its type and class.</summary>
internal sealed record DnsQuestion(ushort Id, bool RecursionDesired, IReadOnlyList<string> Labels, ushort Type, ushort Class, int QuestionEnd);

/// <summary>One NAPTR record's data (RFC 3403 §4.1).</summary>
internal sealed record Naptr(ushort Order, ushort Preference, string Flags, string Service, string Regexp);

/// <summary>
/// A small strict DNS codec, enough for ENUM (RFC 6116): it reads one query (a standard query with
/// exactly one question, no answers or authority, an optional additional record such as EDNS OPT
/// which is ignored) and writes an authoritative answer of NAPTR records. Anything else is refused
/// with the RFC 1035 code it deserves; the reader never follows compression pointers (a query has
/// no reason to use them), so a crafted message cannot make it loop.
/// </summary>
internal static class EnumMessage
{
    public const ushort TypeNaptr = 35;
    public const ushort TypeAny = 255;
    public const ushort ClassIn = 1;
    public const byte FormErr = 1, NxDomain = 3, NotImp = 4, Refused = 5;

    /// <summary>Reads a query; null with the id (0 if unreadable) and the code to answer otherwise.</summary>
    public static DnsQuestion? Read(ReadOnlySpan<byte> m, out ushort id, out byte rcode)
    {
        id = m.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(m) : (ushort)0;
        rcode = FormErr;
        if (m.Length < 12 || m.Length > 512 + 1024)
        {
            return null;
        }
        var flags = BinaryPrimitives.ReadUInt16BigEndian(m[2..]);
        if ((flags & 0x8000) != 0)
        {
            return null; // a response, not a query
        }
        if (((flags >> 11) & 0xF) != 0)
        {
            rcode = NotImp; // only QUERY
            return null;
        }
        if (BinaryPrimitives.ReadUInt16BigEndian(m[4..]) != 1 || BinaryPrimitives.ReadUInt16BigEndian(m[6..]) != 0
            || BinaryPrimitives.ReadUInt16BigEndian(m[8..]) != 0 || BinaryPrimitives.ReadUInt16BigEndian(m[10..]) > 1)
        {
            return null;
        }
        var labels = new List<string>();
        var at = 12;
        var nameLength = 0;
        while (true)
        {
            if (at >= m.Length)
            {
                return null;
            }
            int len = m[at++];
            if (len == 0)
            {
                break;
            }
            if (len > 63 || at + len > m.Length || (nameLength += len + 1) > 255)
            {
                return null; // a pointer or reserved label type, or past the end
            }
            labels.Add(Encoding.ASCII.GetString(m.Slice(at, len)).ToLowerInvariant());
            at += len;
        }
        if (at + 4 > m.Length)
        {
            return null;
        }
        var type = BinaryPrimitives.ReadUInt16BigEndian(m[at..]);
        var cls = BinaryPrimitives.ReadUInt16BigEndian(m[(at + 2)..]);
        rcode = 0;
        return new DnsQuestion(id, (flags & 0x0100) != 0, labels, type, cls, at + 4);
    }

    /// <summary>An answer carrying only a code: the header, and the question when it was readable.</summary>
    public static byte[] Error(ushort id, byte rcode, ReadOnlySpan<byte> query, DnsQuestion? question)
    {
        var q = question is null ? [] : query[12..question.QuestionEnd];
        var buffer = new byte[12 + q.Length];
        Header(buffer, id, question?.RecursionDesired ?? false, authoritative: question is not null && rcode is 0 or NxDomain, rcode, question is null ? 0 : 1, 0);
        q.CopyTo(buffer.AsSpan(12));
        return buffer;
    }

    /// <summary>An authoritative answer: the question echoed, then each record under its name (a pointer to the question's).</summary>
    public static byte[] Answer(ReadOnlySpan<byte> query, DnsQuestion question, IReadOnlyList<Naptr> records, uint ttl)
    {
        var output = new List<byte>(512);
        var header = new byte[12];
        Header(header, question.Id, question.RecursionDesired, authoritative: true, 0, 1, records.Count);
        output.AddRange(header);
        output.AddRange(query[12..question.QuestionEnd].ToArray());
        foreach (var r in records)
        {
            var rdata = new List<byte>();
            Add16(rdata, r.Order);
            Add16(rdata, r.Preference);
            AddString(rdata, r.Flags);
            AddString(rdata, r.Service);
            AddString(rdata, r.Regexp);
            rdata.Add(0); // replacement: the root, since the regexp rewrites
            output.AddRange([0xC0, 12]);
            Add16(output, TypeNaptr);
            Add16(output, ClassIn);
            output.AddRange([(byte)(ttl >> 24), (byte)(ttl >> 16), (byte)(ttl >> 8), (byte)ttl]);
            Add16(output, (ushort)rdata.Count);
            output.AddRange(rdata);
        }
        return output.ToArray();
    }

    private static void Header(Span<byte> b, ushort id, bool rd, bool authoritative, byte rcode, int qd, int an)
    {
        BinaryPrimitives.WriteUInt16BigEndian(b, id);
        var flags = 0x8000 | (authoritative ? 0x0400 : 0) | (rd ? 0x0100 : 0) | rcode;
        BinaryPrimitives.WriteUInt16BigEndian(b[2..], (ushort)flags);
        BinaryPrimitives.WriteUInt16BigEndian(b[4..], (ushort)qd);
        BinaryPrimitives.WriteUInt16BigEndian(b[6..], (ushort)an);
    }

    private static void Add16(List<byte> b, ushort v)
    {
        b.Add((byte)(v >> 8));
        b.Add((byte)v);
    }

    private static void AddString(List<byte> b, string s)
    {
        var bytes = Encoding.ASCII.GetBytes(s);
        b.Add((byte)bytes.Length);
        b.AddRange(bytes);
    }
}
