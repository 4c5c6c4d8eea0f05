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
    [InlineData("88.1/a,1,URL\n", "row 1: expected 4 fields")]
    [InlineData("handle,index,type,data\n88.1/a,x,URL,u\n", "row 2, index")]
    [InlineData("88.1/a,1,URL,u\n88.1/b,1,URL,u\n88.1/A,2,URL,u\n", "row 3, handle: 88.1/A appeared earlier")]
    [InlineData("nohandle,1,URL,u\n", "row 1, handle")]
    [InlineData("88.1/a,1,URL,\"open\n", "row 1, field 4: unterminated quote")]
    public async Task Csv_NamesTheLineAndField(string text, string expected)
    {
        var e = await Assert.ThrowsAsync<RegistrationFileException>(() => ReadAsync(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_ByteOrderMarkCrLfAndNoFinalNewline_AreRead()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("handle,index,type,data\r\n88.1/a,1,URL,u\r\n\r\n88.1/b,1,名称,螺栓")).ToArray();
        var records = await RegistrationFile.ReadAsync(new MemoryStream(bytes), false, default);
        Assert.Equal(["88.1/a", "88.1/b"], records.Select(r => r.Handle));
        Assert.Equal("u", records[0].Values[0].DataAsText);
        Assert.Equal(("名称", "螺栓"), (records[1].Values[0].Type, records[1].Values[0].DataAsText));
    }

    [Fact]
    public async Task NotUtf8_IsRefusedNamingLineAndByte()
    {
        var bytes = Encoding.UTF8.GetBytes("88.1/a,1,URL,u\n88.1/b,1,URL,ab").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        var e = await Assert.ThrowsAsync<RegistrationFileException>(() => RegistrationFile.ReadAsync(new MemoryStream(bytes), false, default));
        Assert.Equal("row 2: byte 16 is not UTF-8 (save the file as UTF-8)", e.Message);
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("88.1/a,1,URL,u\n")).ToArray();
        e = await Assert.ThrowsAsync<RegistrationFileException>(() => RegistrationFile.ReadAsync(new MemoryStream(utf16), false, default));
        Assert.Contains("UTF-16", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Random records written as RFC 4180 CSV (quoting what needs it) and read back through a stream
    /// that hands out a few bytes at a time, so lines and quoted fields straddle every read boundary;
    /// one value is larger than the reader's 1 MiB buffer.
    /// </summary>
    [Fact]
    public async Task Csv_RandomRecords_ReadBackExactly_WhateverTheReadSizes()
    {
        var random = new Random(2035);
        const string alphabet = "abcXYZ019,\" ./-标识螺栓€ä";
        string Text(int max) => new(Enumerable.Range(0, random.Next(0, max)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        var expected = new List<(string Handle, List<(int Index, string Type, string Data)> Values)>();
        for (var i = 0; i < 3000; i++)
        {
            var handle = $"88.{random.Next(1, 9)}/{i}-{Text(6).Replace(",", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal)}";
            var values = Enumerable.Range(1, random.Next(1, 4)).Select(k => (k * 7, "T" + Text(5), Text(40))).ToList();
            expected.Add((handle, values));
        }
        expected[1234].Values[0] = (7, "BIG", new string('x', 1_500_000) + "\"");
        static string Field(string s) => s.IndexOfAny([',', '"']) >= 0 || s.Contains(' ', StringComparison.Ordinal) ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
        var csv = new StringBuilder("handle,index,type,data\n");
        foreach (var (handle, values) in expected)
        {
            foreach (var (index, type, data) in values)
            {
                csv.Append(Field(handle)).Append(',').Append(index).Append(',').Append(Field(type)).Append(',').Append(Field(data)).Append(random.Next(3) == 0 ? "\r\n" : "\n");
            }
        }
        var records = await RegistrationFile.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(csv.ToString()), random), false, default);
        Assert.Equal(expected.Select(e => e.Handle), records.Select(r => r.Handle));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Values, records[i].Values.Select(v => (v.Index, v.Type, v.DataAsText)).ToList());
        }
    }

    /// <summary>Returns at most a random handful of bytes per read (and sometimes a large block).</summary>
    private sealed class TrickleStream(byte[] data, Random random) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, Next()));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, Next())]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, Next())], cancellationToken);

        private int Next() => random.Next(4) == 0 ? random.Next(1, 1 << 21) : random.Next(1, 64);
    }

    [Fact]
    public async Task JsonLines_ReadsOneRecordPerLine_AndNamesTheLine()
    {
        var records = await ReadAsync("{\"handle\":\"88.1/a\",\"values\":[{\"index\":1,\"type\":\"URL\",\"data\":\"u\"}]}\n\n{\"handle\":\"88.1/b\",\"values\":[]}\n", jsonLines: true);
        Assert.Equal(["88.1/a", "88.1/b"], records.Select(r => r.Handle));
        var e = await Assert.ThrowsAsync<RegistrationFileException>(() => ReadAsync("{\"handle\":\"88.1/a\",\"values\":[]}\n{\"handle\":1}\n", jsonLines: true));
        Assert.StartsWith("row 2", e.Message, StringComparison.Ordinal);
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
