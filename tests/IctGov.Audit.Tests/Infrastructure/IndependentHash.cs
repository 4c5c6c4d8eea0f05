using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IctGov.Audit.Data;

namespace IctGov.Audit.Tests.Infrastructure;

/// <summary>
/// The chain's hash written again from docs/AUDIT.md, sharing no code with the module's AuditHash,
/// so that a change to either encoding fails the tests.
/// </summary>
internal static class IndependentHash
{
    public static string Of(AuditRecord r) =>
        Of(r.Seq.ToString(CultureInfo.InvariantCulture),
            r.RecordedAt.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'", CultureInfo.InvariantCulture),
            r.ActorId, r.Action, r.SubjectType, r.SubjectId, r.RegionCode, r.Before, r.After, r.PrevHash);

    public static string Of(params string?[] fields)
    {
        using var buffer = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        foreach (var f in fields)
        {
            var bytes = f is null ? null : Encoding.UTF8.GetBytes(f);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes?.Length ?? -1);
            buffer.Write(length);
            buffer.Write(bytes);
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }
}
