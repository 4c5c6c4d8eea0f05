using System.Formats.Asn1;
using System.Globalization;
using System.Numerics;

namespace IctGov.Numbering.Domain;

/// <summary>One entry of a TNAuthList: a service provider code, a range of telephone numbers, or one number.</summary>
/// <param name="Spc">The service provider code (<c>spc [0]</c>), or null.</param>
/// <param name="Start">The first number (E.164 digits, no +) of a range or the one number.</param>
/// <param name="Count">How many consecutive numbers from <paramref name="Start"/> (1 for <c>one [2]</c>).</param>
internal sealed record TnEntry(string? Spc, string? Start, long Count)
{
    public static TnEntry Code(string spc) => new(spc, null, 0);

    public static TnEntry Range(string start, long count) => new(null, start, count);

    public override string ToString() => Spc is not null ? "spc " + Spc : Count == 1 ? "tn " + Start : $"range {Start} +{Count.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// The TNAuthList certificate extension (RFC 8226 §9, OID 1.3.6.1.5.5.7.1.26) in DER, as the
/// ASN.1 module of RFC 8226 Appendix A defines it (EXPLICIT TAGS, so each CHOICE alternative is a
/// constructed context tag wrapping its value):
/// <code>
/// TNAuthorizationList ::= SEQUENCE SIZE (1..MAX) OF TNEntry
/// TNEntry ::= CHOICE { spc [0] ServiceProviderCode, range [1] TelephoneNumberRange, one [2] TelephoneNumber }
/// TelephoneNumberRange ::= SEQUENCE { start TelephoneNumber, count INTEGER (2..MAX), ... }
/// TelephoneNumber ::= IA5String (SIZE (1..15)) (FROM ("0123456789#*"))
/// </code>
/// </summary>
internal static class TnAuthList
{
    public const string Oid = "1.3.6.1.5.5.7.1.26";

    private static readonly Asn1Tag Spc = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag RangeTag = new(TagClass.ContextSpecific, 1, isConstructed: true);
    private static readonly Asn1Tag One = new(TagClass.ContextSpecific, 2, isConstructed: true);

    public static byte[] Encode(IReadOnlyList<TnEntry> entries)
    {
        if (entries.Count == 0)
        {
            throw new ArgumentException("a TNAuthList holds at least one entry", nameof(entries));
        }
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            foreach (var e in entries)
            {
                if (e.Spc is not null)
                {
                    using (w.PushSequence(Spc))
                    {
                        w.WriteCharacterString(UniversalTagNumber.IA5String, e.Spc);
                    }
                }
                else if (e.Count == 1)
                {
                    using (w.PushSequence(One))
                    {
                        w.WriteCharacterString(UniversalTagNumber.IA5String, CheckNumber(e.Start));
                    }
                }
                else
                {
                    using (w.PushSequence(RangeTag))
                    using (w.PushSequence())
                    {
                        w.WriteCharacterString(UniversalTagNumber.IA5String, CheckNumber(e.Start));
                        w.WriteInteger(e.Count >= 2 ? e.Count : throw new ArgumentException("a range counts at least 2 numbers", nameof(entries)));
                    }
                }
            }
        }
        return w.Encode();
    }

    /// <summary>Reads a DER TNAuthList; anything else (trailing bytes, unknown choice, a malformed number) throws <see cref="FormatException"/>.</summary>
    public static IReadOnlyList<TnEntry> Decode(ReadOnlyMemory<byte> der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var list = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            var entries = new List<TnEntry>();
            while (list.HasData)
            {
                var tag = list.PeekTag();
                if (tag == Spc)
                {
                    var r = list.ReadSequence(Spc);
                    entries.Add(TnEntry.Code(r.ReadCharacterString(UniversalTagNumber.IA5String)));
                    r.ThrowIfNotEmpty();
                }
                else if (tag == One)
                {
                    var r = list.ReadSequence(One);
                    entries.Add(TnEntry.Range(CheckNumber(r.ReadCharacterString(UniversalTagNumber.IA5String)), 1));
                    r.ThrowIfNotEmpty();
                }
                else if (tag == RangeTag)
                {
                    var wrapper = list.ReadSequence(RangeTag);
                    var r = wrapper.ReadSequence();
                    wrapper.ThrowIfNotEmpty();
                    var start = CheckNumber(r.ReadCharacterString(UniversalTagNumber.IA5String));
                    var count = r.ReadInteger();
                    // The range type is extensible (the "..." of RFC 8226); later fields are skipped, not refused.
                    if (count < 2 || count > long.MaxValue)
                    {
                        throw new FormatException("a TelephoneNumberRange count is an INTEGER of at least 2");
                    }
                    entries.Add(TnEntry.Range(start, (long)count));
                }
                else
                {
                    throw new FormatException($"unexpected TNEntry tag {tag}");
                }
            }
            return entries.Count > 0 ? entries : throw new FormatException("a TNAuthList holds at least one entry");
        }
        catch (AsnContentException e)
        {
            throw new FormatException("not a DER TNAuthList: " + e.Message, e);
        }
        catch (ArgumentException e)
        {
            throw new FormatException("not a DER TNAuthList: " + e.Message, e);
        }
    }

    /// <summary>
    /// True when <paramref name="tn"/> (E.164 digits) is one of the numbers a range or one-number entry
    /// names. A range counts up from its start as a number of the same length (RFC 8226 §9).
    /// </summary>
    public static bool Covers(IReadOnlyList<TnEntry> entries, string tn) =>
        entries.Any(e => e.Start is not null && e.Start.Length == tn.Length && tn.All(char.IsAsciiDigit) && e.Start.All(char.IsAsciiDigit)
            && BigInteger.Parse(tn, CultureInfo.InvariantCulture) - BigInteger.Parse(e.Start, CultureInfo.InvariantCulture) is var offset
            && offset >= 0 && offset < e.Count);

    private static string CheckNumber(string? tn) =>
        tn is { Length: >= 1 and <= 15 } && tn.All(c => char.IsAsciiDigit(c) || c is '#' or '*') ? tn : throw new FormatException($"a TelephoneNumber is 1–15 of 0-9 # *, not \"{tn}\"");
}
