using System.Text;
using IctGov.Identifiers.Features;

namespace IctGov.Identifiers.Tests.Features;

public class RegistrationFileTests
{
    private static Task<List<IctGov.Identifiers.Storage.HandleRecord>> ReadAsync(string text, bool jsonLines = false) =>
        RegistrationFile.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), jsonLines, default);

    [Fact]
    public async Task Csv_GroupsRowsByHandle_AndHonoursQuotes()
    {
        var records = await ReadAsync("handle,index,type,data\n88.1/a,1,URL,https://e.example/a\n88.1/a,2,NOTE,\"x, \"\"quoted\"\"\"\n88.1/b,1,URL,u\n");
        Assert.Equal(["88.1/a", "88.1/b"], records.Select(r => r.Handle));
        Assert.Equal("x, \"quoted\"", records[0].Values[1].DataAsText);
    }

    [Theory]
    [InlineData("88.1/a,1,URL\n", "line 1: expected 4 fields")]
    [InlineData("handle,index,type,data\n88.1/a,x,URL,u\n", "line 2, index")]
    [InlineData("88.1/a,1,URL,u\n88.1/b,1,URL,u\n88.1/A,2,URL,u\n", "line 3, handle: 88.1/A appeared earlier")]
    [InlineData("nohandle,1,URL,u\n", "line 1, handle")]
    [InlineData("88.1/a,1,URL,\"open\n", "line 1, field 4: unterminated quote")]
    public async Task Csv_NamesTheLineAndField(string text, string expected)
    {
        var e = await Assert.ThrowsAsync<RegistrationFileException>(() => ReadAsync(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonLines_ReadsOneRecordPerLine_AndNamesTheLine()
    {
        var records = await ReadAsync("{\"handle\":\"88.1/a\",\"values\":[{\"index\":1,\"type\":\"URL\",\"data\":\"u\"}]}\n\n{\"handle\":\"88.1/b\",\"values\":[]}\n", jsonLines: true);
        Assert.Equal(["88.1/a", "88.1/b"], records.Select(r => r.Handle));
        var e = await Assert.ThrowsAsync<RegistrationFileException>(() => ReadAsync("{\"handle\":\"88.1/a\",\"values\":[]}\n{\"handle\":1}\n", jsonLines: true));
        Assert.StartsWith("line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fuzzed_ThrowsOnlyItsOwnError()
    {
        var seeds = new[]
        {
            ("handle,index,type,data\n88.1/a,1,URL,\"a,b\"\n88.1/b,2,T,x\n", false),
            ("{\"handle\":\"88.1/a\",\"values\":[{\"index\":1,\"type\":\"URL\",\"data\":{\"format\":\"hex\",\"value\":\"0f\"}}]}\n", true),
        };
        var rng = new Random(4754);
        const string alphabet = "\",\n/.1aZ{}[]:\\ ";
        for (var round = 0; round < 5_000; round++)
        {
            var (seed, json) = seeds[round % 2];
            var chars = seed.ToCharArray();
            for (var m = rng.Next(1, 6); m > 0; m--)
            {
                chars[rng.Next(chars.Length)] = alphabet[rng.Next(alphabet.Length)];
            }
            try
            {
                await ReadAsync(new string(chars), json);
            }
            catch (RegistrationFileException)
            {
                // the reader's own, line-naming error
            }
        }
    }
}
