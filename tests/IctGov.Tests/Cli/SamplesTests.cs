using IctGov.Testing;

namespace IctGov.Tests.Cli;

/// <summary>README's command-line examples run as written on the files in samples/.</summary>
public class SamplesTests
{
    private static string Sample(string name) => Path.Combine(Repository.Root, "samples", name);

    [Fact]
    public async Task ReadmeExamples_ImportTheSampleFiles()
    {
        var dir = Directory.CreateTempSubdirectory("ictgov-samples-").FullName;
        try
        {
            var tests = File.ReadLines(Sample("speedtests.csv")).Count() - 1;
            var (code, stdout, stderr) = await CliRunner.RunAsync(dir, "netq", "import", Sample("speedtests.csv"));
            Assert.True(code == 0, stderr);
            Assert.Contains($"{tests} inserted", stdout, StringComparison.Ordinal);

            foreach (var prefix in new[] { new[] { "88.100", "--level", "secondary", "--parent", "88", "--owner", "某行业二级节点", "--industry", "C", "--province", "320000" },
                                           ["88.100.1", "--level", "enterprise", "--parent", "88.100", "--owner", "某企业"] })
            {
                (code, _, stderr) = await CliRunner.RunAsync(dir, ["identifiers", "add-prefix", .. prefix, "--demo"]);
                Assert.True(code == 0, stderr);
            }
            var handles = File.ReadLines(Sample("ids.csv")).Skip(1).Select(l => l.Split(',')[0]).Distinct().Count();
            (code, stdout, stderr) = await CliRunner.RunAsync(dir, "identifiers", "register", Sample("ids.csv"));
            Assert.True(code == 0, stderr);
            Assert.Contains($"{handles} of {handles} identifier(s) registered", stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
