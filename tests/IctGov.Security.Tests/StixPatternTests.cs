using System.Text;
using IctGov.Security.Domain.Stix;

namespace IctGov.Security.Tests;

/// <summary>
/// The STIX patterning language (STIX 2.1 section 9): the specification's own example patterns
/// parse with the precedence and qualifiers the grammar gives; broken patterns are refused naming
/// the offset and what was expected; thousands of mutated patterns never throw, and whatever parses
/// has its brackets balanced.
/// </summary>
public class StixPatternTests
{
    // Section 9.9's examples and the patterns of section 4.7's indicator examples.
    public static TheoryData<string> SpecificationExamples => new(Examples);

    private static readonly string[] Examples =
    [
        "[file:hashes.'SHA-256' = 'ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c']",
        "[url:value = 'http://x4z9arb.cn/4712/']",
        "[ipv4-addr:value = '198.51.100.1/32' OR ipv4-addr:value = '203.0.113.33/32' OR ipv6-addr:value = '2001:0db8:dead:beef:dead:beef:dead:0001/128']",
        "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
        "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
        "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:mime_type = 'application/x-pdf']",
        "[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
        "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar'] WITHIN 300 SECONDS",
        "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1009' AND user-account:account_login = 'Mary']",
        "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
        "[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']",
        "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
        "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
        "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']",
        "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 180 SECONDS",
        "[domain-name:value = 'www.example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
        "[file:size IN (1024, 2048, 4096)] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
        "[network-traffic:src_port NOT IN (80, 443)]",
        "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
        "[windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\CryptoLocker\\\\Files' OR windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\Microsoft\\\\CurrentVersion\\\\Run\\\\CryptoLocker_0388']",
        "([file:name = 'a'] AND [file:name = 'b']) OR [file:name = 'c'] WITHIN 5.5 SECONDS",
        "[EXISTS windows-registry-key:values[0] AND (file:size >= 10 OR file:size < -1)]",
        "[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=' AND process:is_hidden = true AND file:name LIKE 'data%.exe' AND file:name ISSUBSET '10.0.0.0/8']",
    ];

    [Theory, MemberData(nameof(SpecificationExamples))]
    public void Parse_SpecificationExample_IsAccepted(string pattern)
    {
        var parsed = StixPattern.Parse(pattern, out var problem);
        Assert.True(parsed is not null, problem);
    }

    [Fact]
    public void Parse_Precedence_AndBindsTighterThanOr_OrTighterThanFollowedBy()
    {
        var p = StixPattern.Parse("[a:x = 1] FOLLOWEDBY [a:x = 2] OR [a:x = 3] AND [a:x = 4]", out _);
        var followed = Assert.IsType<ObservationJunction>(p);
        Assert.Equal("FOLLOWEDBY", followed.Operator);
        var or = Assert.IsType<ObservationJunction>(followed.Operands[1]);
        Assert.Equal("OR", or.Operator);
        Assert.Equal("AND", Assert.IsType<ObservationJunction>(or.Operands[1]).Operator);

        var inner = Assert.IsType<Observation>(StixPattern.Parse("[a:x = 1 OR a:y = 2 AND a:z = 3]", out _));
        var orComparison = Assert.IsType<ComparisonJunction>(inner.Comparison);
        Assert.Equal("OR", orComparison.Operator);
        Assert.Equal("AND", Assert.IsType<ComparisonJunction>(orComparison.Operands[1]).Operator);
    }

    [Fact]
    public void Parse_PathsQualifiersAndLiterals_AreRead()
    {
        // A doubled quote is not an escape in STIX patterns: the grammar reads 'it' then a stray 's'.
        Assert.Null(StixPattern.Parse("[file:extensions.'windows-pebinary-ext'.sections[*].name = 'it''s' ] REPEATS 2 TIMES WITHIN 60 SECONDS", out var problem));
        Assert.Contains("offset", problem, StringComparison.Ordinal);

        var ok = Assert.IsType<Observation>(StixPattern.Parse("[file:extensions.'windows-pebinary-ext'.sections[*].name = 'it\\'s'] REPEATS 2 TIMES WITHIN 60 SECONDS", out _));
        var comparison = Assert.IsType<Comparison>(ok.Comparison);
        Assert.Equal("file:extensions.windows-pebinary-ext.sections[*].name", comparison.Path.ToString());
        Assert.Equal("it's", comparison.Literal!.Value);
        Assert.Equal(["REPEATS", "WITHIN"], ok.Qualifiers.Select(q => q.Kind));
        Assert.Equal(60m, ok.Qualifiers[1].Number);
    }

    [Theory]
    [InlineData("", "found nothing")]
    [InlineData("file:name = 'a'", "at offset 0: expected [ opening")]
    [InlineData("[file:name = 'a'", "at offset 16: expected AND, OR or ]")]
    [InlineData("[file:name == 'a']", "at offset 12: expected a literal")]
    [InlineData("[file:name = 'a] ", "the string literal is not closed")]
    [InlineData("[file:name = 'a\\n']", "the only escapes")]
    [InlineData("[file:size > true]", "at offset 13: expected a literal")]
    [InlineData("[file:name LIKE 5]", "expected a string literal after LIKE")]
    [InlineData("[file:name IN 'a']", "expected ( opening the set")]
    [InlineData("[file:name = 'a'] WITHIN 0 SECONDS", "a positive number of seconds")]
    [InlineData("[file:name = 'a'] WITHIN 5", "SECONDS after WITHIN")]
    [InlineData("[file:name = 'a'] REPEATS 1.5 TIMES", "a positive integer after REPEATS")]
    [InlineData("[file:name = 'a'] START t'2016-06-01T00:00:00Z' STOP t'2016-05-01T00:00:00Z'", "STOP must be later than START")]
    [InlineData("[file:name = 'a'] START t'2016-06-01 00:00:00'", "a timestamp t'")]
    [InlineData("[file:name = 'a'] and [file:name = 'b']", "expected AND, OR, FOLLOWEDBY, a qualifier or the end")]
    [InlineData("[file:magic_number_hex = h'fd8']", "hex literal")]
    [InlineData("[file:name = 'a'] FOLLOWEDBY", "at offset 28: expected [ opening")]
    [InlineData("[file: = 'a']", "a property name")]
    [InlineData("[file:hashes[x] = 'a']", "a list index")]
    public void Parse_BrokenPattern_NamesOffsetAndExpectation(string pattern, string expected)
    {
        Assert.Null(StixPattern.Parse(pattern, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeepNesting_IsRefusedNotOverflowed()
    {
        var deep = new string('(', 10_000) + "[a:b = 1]" + new string(')', 10_000);
        Assert.Null(StixPattern.Parse(deep, out var problem));
        Assert.Contains("nests deeper", problem, StringComparison.Ordinal);
    }

    private static readonly string[] Fragments = ["[", "]", "(", ")", "'", "\\", " AND ", " OR ", " FOLLOWEDBY ", " NOT ", " = ", " != ", " >= ", " IN ", " LIKE ", " MATCHES ",
        " WITHIN ", " SECONDS", " REPEATS ", " TIMES", " START ", " STOP ", "t'", "h'", "b'", ":", ".", "[*]", "[0]", "-", "1", "1.5", "true", "EXISTS ", ",", "\0", "😀", "\uD800", "é", "\n"];

    [Fact]
    public void Fuzz_MutatedPatterns_NeverThrow_AndAcceptedOnesAreBalanced()
    {
        var seeds = Examples;
        var random = new Random(20);
        var (accepted, refused) = (0, 0);
        for (var round = 0; round < 20_000; round++)
        {
            var text = new StringBuilder(seeds[random.Next(seeds.Length)]);
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(text.Length + 1);
                switch (random.Next(3))
                {
                    case 0 when text.Length > 0:
                        text.Remove(Math.Min(at, text.Length - 1), Math.Min(random.Next(1, 6), text.Length - Math.Min(at, text.Length - 1)));
                        break;
                    case 1:
                        text.Insert(at, Fragments[random.Next(Fragments.Length)]);
                        break;
                    default:
                        if (text.Length > 0) text[Math.Min(at, text.Length - 1)] = (char)random.Next(32, 127);
                        break;
                }
            }
            var input = text.ToString();
            var parsed = StixPattern.Parse(input, out var problem);
            if (parsed is null)
            {
                refused++;
                Assert.False(string.IsNullOrEmpty(problem), input);
                Assert.True(problem.StartsWith("at offset ", StringComparison.Ordinal) || problem.Contains("found nothing", StringComparison.Ordinal), problem);
            }
            else
            {
                accepted++;
                Assert.Equal(Count(parsed), CountObservations(input));
            }
        }
        Assert.True(accepted > 500 && refused > 5000, $"accepted {accepted}, refused {refused}");
    }

    private static int Count(ObservationExpression e) => e switch
    {
        Observation => 1,
        ObservationJunction j => j.Operands.Sum(Count),
        _ => 0,
    };

    // An accepted pattern's observations are its '[' outside string literals that open an observation (not a list index).
    private static int CountObservations(string pattern)
    {
        var (count, inString, inObservation) = (0, false, false);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '\'') inString = false;
            }
            else if (c == '\'') inString = true;
            else if (c == '[' && !inObservation) { count++; inObservation = true; }
            else if (c == '[' ) i = pattern.IndexOf(']', i);
            else if (c == ']') inObservation = false;
        }
        return count;
    }
}
