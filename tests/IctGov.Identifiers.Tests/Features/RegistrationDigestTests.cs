using System.Security.Cryptography;
using System.Text;
using IctGov.Identifiers.Features;
using IctGov.Identifiers.Storage;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Tests.Features;

public class RegistrationDigestTests
{
    [Fact]
    public void Digest_EqualsSha256OfTheDocumentedLines()
    {
        var random = new Random(7);
        var records = Enumerable.Range(0, 50).Select(i => new HandleRecord($"88.100.1/标识{i}",
            Enumerable.Range(1, random.Next(0, 4)).Select(k =>
            {
                var data = new byte[random.Next(0, 200)];
                random.NextBytes(data);
                return new HandleValue { Index = k * 1000 + i, Type = k % 2 == 0 ? "URL" : "产品.CODE", Data = data };
            }).ToList())).ToList();
        // The text an auditor recomputes: handle TAB (index TAB type TAB base64 TAB)* LF per record.
        var text = new StringBuilder();
        foreach (var r in records)
        {
            text.Append(r.Handle).Append('\t');
            foreach (var v in r.Values)
            {
                text.Append(v.Index).Append('\t').Append(v.Type).Append('\t').Append(Convert.ToBase64String(v.Data)).Append('\t');
            }
            text.Append('\n');
        }
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        Assert.Equal(expected, Registration.Digest(records));
    }
}
