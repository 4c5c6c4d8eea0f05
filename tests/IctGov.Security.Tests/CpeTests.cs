using IctGov.Security.Domain;

namespace IctGov.Security.Tests;

/// <summary>CPE 2.3 formatted strings (NISTIR 7695) and name matching (NISTIR 7696 table 6-2).</summary>
public class CpeTests
{
    [Theory]
    [InlineData("cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*", "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*", true)]
    [InlineData("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*", "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*", true)]
    [InlineData("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*", "cpe:2.3:a:apache:log4j:2.14.0:*:*:*:*:*:*:*", false)]
    [InlineData("cpe:2.3:a:apache:log4j:2.1?:*:*:*:*:*:*:*", "cpe:2.3:a:apache:log4j:2.15:*:*:*:*:*:*:*", true)]
    [InlineData("cpe:2.3:a:apache:log4j:2.1?:*:*:*:*:*:*:*", "cpe:2.3:a:apache:log4j:2.1:*:*:*:*:*:*:*", true)]
    [InlineData("cpe:2.3:a:apache:log4j:2.1?:*:*:*:*:*:*:*", "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*", false)]
    [InlineData("cpe:2.3:a:apache:log4j:2.*:*:*:*:*:*:*:*", "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*", true)]
    [InlineData("cpe:2.3:a:apache:log4j:*.1:*:*:*:*:*:*:*", "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*", true)]
    [InlineData("cpe:2.3:a:Apache:Log4j:2.14.1:*:*:*:*:*:*:*", "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*", true)]
    [InlineData("cpe:2.3:a:apache:log4j:2.14.1:-:*:*:*:*:*:*", "cpe:2.3:a:apache:log4j:2.14.1:-:*:*:*:*:*:*", true)]
    [InlineData("cpe:2.3:a:apache:log4j:2.14.1:-:*:*:*:*:*:*", "cpe:2.3:a:apache:log4j:2.14.1:rc1:*:*:*:*:*:*", false)]
    // A given value does not cover ANY: an asset that says "some version" is not known to run 2.14.1.
    [InlineData("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*", "cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*", false)]
    [InlineData("cpe:2.3:o:apache:log4j:*:*:*:*:*:*:*:*", "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*", false)]
    [InlineData("cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*", "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*", true)]
    [InlineData("cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*", "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*", true)]
    [InlineData("cpe:2.3:a:foo\\:bar:app:1.0:*:*:*:*:*:*:*", "cpe:2.3:a:foo\\:bar:app:1.0:*:*:*:*:*:*:*", true)]
    public void Covers_FollowsTheMatchingTable(string source, string target, bool covers) =>
        Assert.Equal(covers, Cpe23.Parse(source, out _)!.Covers(Cpe23.Parse(target, out _)!));

    [Theory]
    [InlineData("cpe:/a:apache:log4j:2.14.1", "cpe:2.3:")]
    [InlineData("cpe:2.3:a:apache:log4j", "11 attributes")]
    [InlineData("cpe:2.3:x:apache:log4j:*:*:*:*:*:*:*:*", "part")]
    [InlineData("cpe:2.3:a:apache:log4j:2.1*4:*:*:*:*:*:*:*", "version")]
    [InlineData("cpe:2.3:a:apache:log 4j:*:*:*:*:*:*:*:*", "product")]
    [InlineData("cpe:2.3:a:apache::*:*:*:*:*:*:*:*", "product")]
    [InlineData("cpe:2.3:a:apache:log4j:**:*:*:*:*:*:*:*", "version")]
    [InlineData("cpe:2.3:a:apache:log4j:2\\x:*:*:*:*:*:*:*", "version")]
    public void Parse_NamesTheAttributeAtFault(string text, string named)
    {
        Assert.Null(Cpe23.Parse(text, out var problem));
        Assert.Contains(named, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NeverThrows_AndRoundTrips()
    {
        var random = new Random(23);
        string[] seeds = ["cpe:2.3:a:apache:log4j:2.1?:*:*:*:*:*:*:*", "cpe:2.3:a:foo\\:bar:app\\!:1.0:-:*:*:*:*:*:*", "cpe:2.3:h:cisco:asr_9000:-:*:*:*:*:*:*:*"];
        string[] tricky = [":", "\\", "*", "?", "-", "", " ", "\0", "例", "\uD800", "\\:", "::", "A", "."];
        for (var i = 0; i < 5000; i++)
        {
            var text = seeds[random.Next(seeds.Length)];
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length + 1);
                text = random.Next(3) switch
                {
                    0 => text[..at] + tricky[random.Next(tricky.Length)] + text[at..],
                    1 when at < text.Length => text.Remove(at, 1),
                    _ => text[..at],
                };
            }
            var cpe = Cpe23.Parse(text, out var problem);
            Assert.True(cpe is not null || !string.IsNullOrEmpty(problem), text);
            if (cpe is not null)
            {
                Assert.Equal(cpe, Cpe23.Parse(cpe.ToString(), out _));
                Assert.True(cpe.Covers(cpe) || cpe.Values.Any(v => v is "*" || v.Contains('?') || v.StartsWith('*') || v.EndsWith('*')), text);
            }
        }
    }
}
