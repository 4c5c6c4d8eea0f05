using System.Globalization;
using IctGov.Security.Domain.Cvss;

namespace IctGov.Security.Tests;

/// <summary>
/// CVSS scores checked against FIRST's own numbers: the v3.1 and v4.0 examples documents
/// (https://www.first.org/cvss/v3.1/examples, https://www.first.org/cvss/v4.0/examples), the v3.1
/// specification's Appendix A, and 3,000 random v4.0 vectors scored by FIRST's reference calculator
/// code (Fixtures/score-cvss40.js says how the file was made).
/// </summary>
public class CvssTests
{
    [Theory]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4)] // CVE-2013-0375 MySQL stored SQL injection
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1)] // CVE-2014-3566 SSLv3 POODLE
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9)] // CVE-2012-1516 VMware guest to host escape
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2)] // CVE-2009-0783 Apache Tomcat XML parser
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2)] // CVE-2012-0384 Cisco IOS command execution
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8)] // CVE-2015-1098 Apple iWork denial of service
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5)] // CVE-2014-0160 OpenSSL Heartbleed
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 6.8)] // CVE-2008-1447 DNS Kaminsky bug
    [InlineData("CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8)] // CVE-2014-2005 Sophos login screen bypass
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8)] // CVE-2010-0467 Joomla directory traversal
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N", 5.8)] // CVE-2012-1342 Cisco access control bypass
    [InlineData("CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 9.3)] // CVE-2013-6014 Juniper proxy ARP denial of service
    [InlineData("CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.8)] // CVE-2011-1265 Windows Bluetooth remote code execution
    [InlineData("CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 4.6)] // CVE-2014-2019 Apple iOS security control bypass
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8)] // CVE-2015-0970 SearchBlox CSRF
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 7.4)] // CVE-2014-0224 SSL/TLS MITM
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 9.6)] // CVE-2012-5376 Chrome sandbox bypass
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N", 6.8)] // CVE-2016-0128 Badlock (SAMR/LSAD)
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.5)] // CVE-2016-2118 Badlock
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H", 9.0)] // CVE-2019-7551 Cantemo Portal stored XSS
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1)] // CVE-2017-5942 WordPress mail plugin XSS
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:L", 8.6)] // CVE-2016-5558 Oracle Outside In
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H", 8.2)] // CVE-2016-5729 Lenovo ThinkPwn
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:N/I:H/A:H", 6.0)] // CVE-2015-2890 flash not locked on resume
    [InlineData("CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 7.6)] // CVE-2018-3652 Intel DCI
    [InlineData("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N", 4.2)] // CVE-2019-0884 scripting engine memory corruption
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8)] // CVE-2014-6271 Shellshock
    [InlineData("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:N", 0.0)] // no impact
    public void Cvss31_BaseScore_IsTheExamplesDocuments(string vector, double expected)
    {
        var v = Cvss31.Parse(vector, out var problem);
        Assert.Null(problem);
        Assert.Equal(expected, v!.BaseScore);
        // Without temporal or environmental metrics the vector's score is the base score.
        Assert.Equal(expected, v.TemporalScore);
        Assert.Equal(expected, v.Score);
    }

    [Fact]
    public void Cvss31_Roundup_IsAppendixA()
    {
        Assert.Equal(4.1, Cvss31.Roundup(4.02));
        Assert.Equal(4.0, Cvss31.Roundup(4.00));
        // The floating-point error Appendix A exists for: 4.000000000000001 is 4.0, not 4.1.
        Assert.Equal(4.0, Cvss31.Roundup(0.1 + 3.9000000000000004));
        Assert.Equal(0.0, Cvss31.Roundup(0));
    }

    // E:P/RL:O/RC:C: 9.8 × 0.94 × 0.95 × 1 = 8.7514, rounded up to 8.8.
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C", 9.8, 8.8, 8.8, 8.8)]
    // MISS = min(1 − (1 − 0.5×0.56)(1 − 1.5×0.56)(1 − 0.56), 0.915) = 0.915; modified impact 6.42 × 0.915
    // = 5.8743; modified exploitability 8.22 × 0.62 (MAV:A) × 0.77 × 0.85 × 0.62 = 2.0681; Roundup(7.9424) = 8.0.
    [InlineData("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H/MAV:A/MAC:L/MPR:N/MUI:X/MS:U/CR:L/IR:H/AR:X", 7.8, 7.8, 8.0, 8.0)]
    // CVE-2012-1516: the environmental formula's (MISS × 0.9731 − 0.02)^13 on the same metrics gives
    // Roundup(1.08 × (6.1279 + 3.1096)) = 10.0; with no environmental metric the score stays the base 9.9.
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9, 9.9, 10.0, 9.9)]
    [Theory]
    public void Cvss31_TemporalAndEnvironmentalScores_FollowSection7(string vector, double baseScore, double temporal, double environmental, double score)
    {
        var v = Cvss31.Parse(vector, out _)!;
        Assert.Equal((baseScore, temporal, environmental, score), (v.BaseScore, v.TemporalScore, v.EnvironmentalScore, v.Score));
    }

    [Fact]
    public void Cvss31_ScopeChangedEnvironment_UsesTheModifiedImpactFormula()
    {
        // MS:C: 7.52 × (MISS − 0.029) − 3.25 × (MISS × 0.9731 − 0.02)^13, capped at 10 after × 1.08.
        var v = Cvss31.Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MS:C/CR:H/IR:H/AR:H", out _)!;
        var miss = 0.915;
        var impact = 7.52 * (miss - 0.029) - 3.25 * Math.Pow(miss * 0.9731 - 0.02, 13);
        var exploitability = 8.22 * 0.85 * 0.77 * 0.85 * 0.85;
        Assert.Equal(Cvss31.Roundup(Math.Min(1.08 * (impact + exploitability), 10)), v.EnvironmentalScore);
        Assert.Equal(10.0, v.EnvironmentalScore);
    }

    [Fact]
    public void Cvss31_AcceptsAnyMetricOrder_AndWritesTheSpecificationsOrder()
    {
        var v = Cvss31.Parse("CVSS:3.1/S:U/AV:N/C:H/AC:L/PR:N/I:H/UI:N/A:H", out var problem);
        Assert.Null(problem);
        Assert.Equal("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", v!.Vector);
        Assert.Equal(9.8, v.BaseScore);
        // "Not defined" written out or left out is the same vector.
        Assert.Equal("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H/CR:L/IR:H/MAV:A/MAC:L/MPR:N/MS:U",
            Cvss31.Parse("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H/MAV:A/MAC:L/MPR:N/MUI:X/MS:U/CR:L/IR:H/AR:X", out _)!.Vector);
    }

    [Theory]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.3)] // CVE-2022-41741 NGINX mp4 module
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.7)] // CVE-2020-3549 Cisco Firepower
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N", 8.3)] // CVE-2023-3089 OpenShift FIPS
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 4.6)] // CVE-2021-44714 Adobe Reader
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 5.1)] // CVE-2022-24682 Zimbra calendar XSS
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 6.9)] // CVE-2022-22186 Juniper EX4650
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:N/VI:N/VA:N/SC:H/SI:N/SA:N", 5.9)] // CVE-2023-21989 Oracle VirtualBox
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 9.4)] // CVE-2020-3947 VMware Workstation
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:H/SI:H/SA:H", 9.3)] // CVE-2023-48228 authentik PKCE
    [InlineData("CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P", 8.2)] // CVE-2024-6387 regreSSHion
    [InlineData("CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:H/SI:N/SA:H", 6.4)] // CVE-2013-6014 Juniper proxy ARP
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", 5.2)] // CVE-2020-3549 with E:U
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N/E:A", 8.7)] // CVE-2014-0160 Heartbleed
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A", 9.3)] // CVE-2021-44228 Log4Shell
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0)] // no impact anywhere
    public void Cvss40_Score_IsTheExamplesDocuments(string vector, double expected)
    {
        var v = Cvss40.Parse(vector, out var problem);
        Assert.Null(problem);
        Assert.Equal(expected, v!.Score);
    }

    [Fact]
    public void Cvss40_Score_IsTheReferenceCalculators_ForThreeThousandRandomVectors()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cvss40-reference-scores.tsv"))
            .Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(3000, lines.Count);
        var wrong = new List<string>();
        foreach (var line in lines)
        {
            var (vector, expected) = (line.Split('\t')[0], double.Parse(line.Split('\t')[1], CultureInfo.InvariantCulture));
            var v = Cvss40.Parse(vector, out var problem);
            if (v is null) wrong.Add($"{vector}: {problem}");
            else if (v.Score != expected) wrong.Add($"{vector}: {v.Score} (calculator {expected}, MacroVector {v.MacroVector})");
        }
        Assert.True(wrong.Count == 0, string.Join('\n', wrong.Take(20)));
    }

    [Fact]
    public void Cvss40_MacroVectorTable_IsComplete()
    {
        // Every reachable MacroVector (EQ3=2 only with EQ6=1) has a score: 3×2×(2+2+1)×3×3 = 270.
        Assert.Equal(270, Cvss40.MacroVectorScores.Count);
        Assert.Equal(10.0, Cvss40.MacroVectorScores["000000"]);
    }

    [Theory]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "CVSS-B")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P", "CVSS-BT")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:L", "CVSS-BE")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/MAV:L/S:P", "CVSS-BTE")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/S:P/U:Amber", "CVSS-B")]
    public void Cvss40_Nomenclature_NamesTheGroupsGiven(string vector, string expected) =>
        Assert.Equal(expected, Cvss40.Parse(vector, out _)!.Nomenclature);

    [Fact]
    public void Cvss40_SupplementalMetrics_DoNotChangeTheScore()
    {
        var plain = Cvss40.Parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", out _)!;
        var supplemented = Cvss40.Parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/R:I/V:C/RE:H/U:Red", out _)!;
        Assert.Equal(plain.Score, supplemented.Score);
    }

    [Theory]
    [InlineData(null, "CVSS")]
    [InlineData("", "CVSS")]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS")]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "A")]
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV")]
    [InlineData("CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L", "A")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AT:N", "AT")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", "A")]
    [InlineData("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AC")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E", "E")]
    public void Cvss31_MalformedVector_NamesTheMetric(string? vector, string metric)
    {
        Assert.Null(Cvss31.Parse(vector, out var problem));
        Assert.Equal(metric, problem!.Metric);
    }

    [Theory]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", "SA")]
    [InlineData("CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "AV")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:H/E:A", "E")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:S/SI:N/SA:N", "SC")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSC:S", "MSC")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:amber", "U")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:C", "S")]
    [InlineData("CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "S")]
    [InlineData("CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "AT")]
    public void Cvss40_MalformedVector_NamesTheMetric(string vector, string metric)
    {
        Assert.Null(Cvss40.Parse(vector, out var problem));
        Assert.Equal(metric, problem!.Metric);
    }
}
