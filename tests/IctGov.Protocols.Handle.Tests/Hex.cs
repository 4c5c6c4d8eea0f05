using System.Globalization;

namespace IctGov.Protocols.Handle.Tests;

/// <summary>Reads the commented hex fixtures: '#' starts a comment, whitespace separates octets.</summary>
internal static class Hex
{
    public static byte[] Fixture(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".hex");
        var bytes = new List<byte>();
        foreach (var line in File.ReadAllLines(path))
        {
            var text = line.Split('#')[0];
            foreach (var token in text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                bytes.Add(byte.Parse(token, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }
        return [.. bytes];
    }
}
