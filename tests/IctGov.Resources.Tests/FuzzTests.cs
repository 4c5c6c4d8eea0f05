using System.Text;
using IctGov.Data.Files;
using IctGov.Kernel.Identity;
using IctGov.Resources.Domain;

namespace IctGov.Resources.Tests;

/// <summary>
/// Every parser of outside input fed thousands of mutations of valid input (characters replaced by
/// tricky ones, cut, doubled, inserted): each answers with a value or a reason and never throws, and
/// whatever it accepts is canonical (parsing its own output again gives the same value).
/// </summary>
public class FuzzTests
{
    private const int Rounds = 3000;

    // Characters that break naive parsers: separators, joiners, full-width forms, dots of other scripts, surrogates, controls.
    private static readonly string[] Tricky = [".", "/", ":", "%", "*", "-", "_", " ", "\t", "\0", "\u200D", "\u200C", "\u3002", "\uFF0E", "ß", "İ", "\uD800", "😀", "xn--", "例", "٣", "0", "9", "f", "::", "\r\n", ",", "\""];

    [Fact]
    public void DomainName_NeverThrows_AndRoundTrips()
    {
        foreach (var text in Mutations(["example.cn", "例子.中国", "xn--fsqu00a.xn--fiqs8s", "a-b.c-d.com"], 1))
        {
            var parsed = DomainName.Parse(text, out var problem);
            Assert.True(parsed is not null || !string.IsNullOrEmpty(problem));
            if (parsed is not null)
            {
                Assert.Equal(parsed, DomainName.Parse(parsed.Ascii, out _));
                Assert.Equal(parsed, DomainName.Parse(parsed.Unicode, out _));
            }
        }
    }

    [Fact]
    public void IpPrefix_NeverThrows_AndRoundTrips()
    {
        foreach (var text in Mutations(["203.0.113.0/24", "2001:db8::/32", "::ffff:192.0.2.0/120", "10.0.0.1"], 2))
        {
            var parsed = IpPrefix.Parse(text, out var problem);
            Assert.True(parsed is not null || !string.IsNullOrEmpty(problem));
            if (parsed is { } p)
            {
                Assert.Equal(p, IpPrefix.Parse(p.ToString(), out _));
                Assert.True(p.First <= p.Last);
            }
        }
    }

    [Fact]
    public void IdentityCodesAndStatuses_NeverThrow()
    {
        foreach (var text in Mutations(["914403001922038216", "11010519491231002X", "clientHold serverTransferProhibited"], 3))
        {
            _ = CreditCode.Problem(text);
            _ = ResidentId.Problem(text);
            Assert.True(EppStatus.Parse(text, out var problem) is not null || problem is not null);
        }
    }

    [Fact]
    public void CsvRows_NeverThrow()
    {
        const string csv = "prefix,parent,kind,holder,purpose,region,allocated\n203.0.113.0/24,,registry,CNNIC,\"a, b\",100000,2020-01-01\n";
        foreach (var text in Mutations([csv], 4, Rounds / 3))
        {
            var read = TableReader.ReadCsv(new MemoryStream(Encoding.UTF8.GetBytes(text)), ["prefix", "parent", "kind", "holder", "purpose", "region", "allocated"]);
            Assert.True(read.Succeeded || read.Errors.Count > 0);
            foreach (var row in read.Value ?? [])
            {
                Assert.True(IpPrefix.Parse(row[0], out var problem) is not null || problem is not null);
            }
        }
    }

    internal static IEnumerable<string> Mutations(string[] seeds, int seed, int rounds = Rounds)
    {
        var random = new Random(seed);
        for (var i = 0; i < rounds; i++)
        {
            var s = new StringBuilder(seeds[random.Next(seeds.Length)]);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = s.Length == 0 ? 0 : random.Next(s.Length);
                switch (random.Next(4))
                {
                    case 0 when s.Length > 0:
                        s.Remove(at, 1).Insert(at, Tricky[random.Next(Tricky.Length)]);
                        break;
                    case 1:
                        s.Insert(at, Tricky[random.Next(Tricky.Length)]);
                        break;
                    case 2 when s.Length > 0:
                        s.Length = at;
                        break;
                    default:
                        s.Insert(at, s.ToString(at, Math.Min(s.Length - at, random.Next(1, 8))));
                        break;
                }
            }
            yield return s.ToString();
        }
    }
}
