using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IctGov.Kernel;
using IctGov.Numbering.Enum;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Numbering.Tests;

/// <summary>
/// ENUM over DNS, asked by Debian's <c>dig</c> over UDP and TCP: a ported number's NAPTR record
/// carries the new network's rn= from the effective hour, and not a second before; the codec
/// refuses what is not an ENUM query and never throws on random input.
/// </summary>
public class EnumTests
{
    private const string Name = "0.0.0.8.3.1.0.0.8.3.1.6.8.e164.arpa";

    private static async Task<string> DigAsync(int port, string name, params string[] extra)
    {
        var start = new ProcessStartInfo("dig") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "@127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), name, "NAPTR", "+tries=1", "+time=5" }.Concat(extra))
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    [Theory, DatabaseData]
    public async Task Dig_SeesThePortedRoutingNumber_FromTheEffectiveHour(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider, new DateTimeOffset(2026, 6, 1, 2, 20, 0, TimeSpan.Zero), "--Numbering:Enum:Port=0");
        var port = server.Services.GetRequiredService<EnumServer>().LocalEndPoint!.Port;
        using var cm = server.Client(await server.TokenAsync("cm"));
        using var ct = server.Client(await server.TokenAsync("ct"));
        await HttpTests.AllocateAsync(server, cm, "mobile", "1380013");

        var before = await DigAsync(port, Name, "+short");
        Assert.Equal("100 10 \"u\" \"E2U+pstn:tel\" \"!^.*$!tel:+8613800138000;npdi!\" .", before.Trim());

        const string number = "13800138000";
        var auth = await cm.PostAsJsonAsync("/api/v1/numbering/ports/authorisations", new { number, realName = true, status = "normal", billsSettled = true, activatedOn = "2025-01-01" });
        var code = (string)(await auth.Content.ReadFromJsonAsync<JsonObject>())!["code"]!;
        var filed = await ct.PostAsJsonAsync("/api/v1/numbering/ports", new { number, code });
        var id = (long)(await filed.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        (await cm.PostAsync($"/api/v1/numbering/ports/{id}/acknowledge", null)).EnsureSuccessStatusCode(); // effective 11:00 Beijing time

        server.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 1, 2, 59, 59, TimeSpan.Zero));
        Assert.DoesNotContain("rn=", await DigAsync(port, Name, "+short"), StringComparison.Ordinal);
        server.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 1, 3, 0, 0, TimeSpan.Zero));
        var udp = await DigAsync(port, Name);
        Assert.Contains("status: NOERROR", udp, StringComparison.Ordinal);
        Assert.Contains(" aa ", udp, StringComparison.Ordinal);
        Assert.Contains("\"!^.*$!tel:+8613800138000;npdi;rn=1900;rn-context=+86!\"", udp, StringComparison.Ordinal);
        Assert.Contains("rn=1900", await DigAsync(port, Name, "+short", "+tcp"), StringComparison.Ordinal);

        // A number no block holds does not exist; a name outside the zone is refused.
        Assert.Contains("status: NXDOMAIN", await DigAsync(port, "0.0.0.0.0.0.0.0.0.3.1.6.8.e164.arpa"), StringComparison.Ordinal);
        Assert.Contains("status: REFUSED", await DigAsync(port, "example.cn"), StringComparison.Ordinal);
    }

    [Fact]
    public void NationalNumber_FromReversedDigits()
    {
        Assert.Equal("13800138000", EnumServer.NationalNumber(Name.Split('.')[..13]));
        Assert.Equal("01023456789", EnumServer.NationalNumber("9.8.7.6.5.4.3.2.0.1.6.8".Split('.')));
        Assert.Null(EnumServer.NationalNumber("0.0.0.8.3.1.0.0.8.3.1.1.4".Split('.')));
        Assert.Null(EnumServer.NationalNumber("00.0.8.3.1.0.0.8.3.1.6.8".Split('.')));
    }

    [Fact]
    public void Codec_NeverThrows_OnRandomOrMutatedInput()
    {
        var random = new Random(18);
        var query = Convert.FromHexString("12340100000100000000000101300130013001380133013101300130013801330131013601380465313634046172706100002300" + "01");
        for (var i = 0; i < 200_000; i++)
        {
            byte[] input;
            if (i % 2 == 0)
            {
                input = new byte[random.Next(0, 80)];
                random.NextBytes(input);
            }
            else
            {
                input = (byte[])query.Clone();
                for (var k = random.Next(1, 4); k > 0; k--)
                {
                    input[random.Next(input.Length)] = (byte)random.Next(256);
                }
                input = input[..random.Next(input.Length + 1)];
            }
            var q = EnumMessage.Read(input, out var id, out var rcode);
            if (q is not null)
            {
                Assert.Equal(0, rcode);
                Assert.True(q.QuestionEnd <= input.Length);
                Assert.NotEmpty(EnumMessage.Answer(input, q, [new Naptr(1, 1, "u", "E2U+pstn:tel", "!^.*$!tel:+86!")], 60));
            }
            else if (input.Length >= 12)
            {
                Assert.NotEmpty(EnumMessage.Error(id, rcode, input, null));
            }
        }
    }
}
