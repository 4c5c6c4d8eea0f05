using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IctGov.Audit.Data;

/// <summary>
/// The chain's hash. Documented for auditors in docs/AUDIT.md; changing anything here makes every
/// stored entry fail verification, so the encoding is frozen by a known-answer test.
/// <code>
/// Hash = lower-case hex of SHA-256( F(Seq) ‖ F(RecordedAt) ‖ F(ActorId) ‖ F(Action) ‖ F(SubjectType)
///                                   ‖ F(SubjectId) ‖ F(RegionCode) ‖ F(Before) ‖ F(After) ‖ F(PrevHash) )
/// F(null) = int32 big-endian -1                      (FF FF FF FF)
/// F(s)    = int32 big-endian byte length of UTF-8(s) ‖ UTF-8(s)
/// Seq        as invariant decimal digits: "1", "42"
/// RecordedAt as UTC ISO-8601 round-trip ("O"), 7 fraction digits: "2026-06-01T08:30:00.1234560Z"
/// PrevHash   the previous entry's Hash; 64 × "0" for Seq 1
/// </code>
/// Every field carries its length, so no choice of values can move a boundary ("ab"+"c" and
/// "a"+"bc" hash differently), and -1 keeps a missing value apart from an empty one; the same
/// convention as a PostgreSQL DataRow, so an auditor can re-implement it in a few lines.
/// </summary>
internal static class AuditHash
{
    public static readonly string Genesis = new('0', 64);

    // Strict: a string with a lone surrogate would otherwise encode as U+FFFD and two different
    // strings would share one hash. Such entries are refused when appended.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Compute(AuditRecord r) =>
        Compute(r.Seq, r.RecordedAt, r.ActorId, r.Action, r.SubjectType, r.SubjectId, r.RegionCode, r.Before, r.After, r.PrevHash);

    public static string Compute(long seq, DateTimeOffset recordedAt, string actorId, string action, string subjectType,
        string subjectId, string? regionCode, string? before, string? after, string prevHash)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Field(sha, seq.ToString(CultureInfo.InvariantCulture));
        Field(sha, FormatTime(recordedAt));
        Field(sha, actorId);
        Field(sha, action);
        Field(sha, subjectType);
        Field(sha, subjectId);
        Field(sha, regionCode);
        Field(sha, before);
        Field(sha, after);
        Field(sha, prevHash);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Drops what PostgreSQL's timestamptz cannot keep, so the hash computed now matches the one recomputed from the stored row.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset t) =>
        new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    /// <summary>True when <paramref name="s"/> can be encoded (no lone surrogate).</summary>
    public static bool IsEncodable(string s)
    {
        try
        {
            _ = Utf8.GetByteCount(s);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private static void Field(IncrementalHash sha, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            sha.AppendData(length);
            return;
        }
        var bytes = Utf8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        sha.AppendData(length);
        sha.AppendData(bytes);
    }
}
