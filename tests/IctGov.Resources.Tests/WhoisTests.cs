using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using IctGov.Resources.Whois;

namespace IctGov.Resources.Tests;

/// <summary>
/// WHOIS on a real socket, asked by Debian's whois client (package <c>whois</c>, installed by scripts/test.sh)
/// and by raw TCP for what a client would never send: overlong lines, bad bytes, floods.
/// </summary>
public class WhoisTests
{
    private static async Task<(int Code, string Stdout)> WhoisAsync(int port, string query)
    {
        var psi = new ProcessStartInfo("whois") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), query })
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout);
    }

    private static async Task<string> RawAsync(int port, byte[] request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(request);
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer);
        return Encoding.UTF8.GetString(answer.ToArray());
    }

    [Theory, DatabaseData]
    public async Task DebianWhois_GetsDomainAndNetworkRecords_AsKeyValueLines(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider, null, "--Resources:Whois:Port=0");
        await RdapTests.SeedOverHttpAsync(server);
        var port = server.Services.GetRequiredService<WhoisListener>().LocalEndPoint!.Port;

        var (code, example) = await WhoisAsync(port, "example.cn");
        Assert.Equal(0, code);
        Assert.Contains("Domain Name: example.cn\n", example, StringComparison.Ordinal);
        Assert.Contains("Domain Status: clientTransferProhibited", example, StringComparison.Ordinal);
        Assert.Contains("Registrant: 深圳示例科技有限公司", example, StringComparison.Ordinal);
        Assert.Contains("Name Server: ns2.example.cn", example, StringComparison.Ordinal);
        Assert.Contains("Expiration Time: 2027-05-01", example, StringComparison.Ordinal);

        // The client converts the IDN to A-labels itself; the answer names both forms in UTF-8.
        var (_, idn) = await WhoisAsync(port, "例子.中国");
        Assert.Contains("Unicode Name: 例子.中国", idn, StringComparison.Ordinal);
        var (_, personal) = await WhoisAsync(port, "personal.cn");
        Assert.Contains("Registrant: " + WhoisResponder.Redacted, personal, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", personal, StringComparison.Ordinal);

        var (_, network) = await WhoisAsync(port, "203.0.113.9");
        Assert.Contains("CIDR: 203.0.113.0/26", network, StringComparison.Ordinal);
        Assert.Contains("NetRange: 203.0.113.0 - 203.0.113.63", network, StringComparison.Ordinal);
        Assert.Contains("Holder: 北京示例云计算有限公司", network, StringComparison.Ordinal);
        var (_, v6) = await WhoisAsync(port, "2001:db8:100::1");
        Assert.Contains("CIDR: 2001:db8:100::/40", v6, StringComparison.Ordinal);

        var (_, none) = await WhoisAsync(port, "nothing.cn");
        Assert.Contains("No match for \"nothing.cn\"", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whois_BoundsTheLine_RefusesBadBytes_AndRateLimitsAClient()
    {
        await using var server = await PlatformServer.StartAsync(DatabaseProvider.Sqlite, null,
            "--Resources:Whois:Port=0", "--Resources:Whois:MaxQueryBytes=64", "--Resources:Whois:Burst=5", "--Resources:Whois:RequestsPerSecond=0.01");
        var port = server.Services.GetRequiredService<WhoisListener>().LocalEndPoint!.Port;

        Assert.Contains("% Error: query longer than 64 bytes", await RawAsync(port, Encoding.ASCII.GetBytes(new string('a', 5000) + "\r\n")), StringComparison.Ordinal);
        Assert.Contains("% Error: the query is not UTF-8", await RawAsync(port, [0xC3, 0x28, 0x2E, 0x63, 0x6E, 0x0D, 0x0A]), StringComparison.Ordinal);
        Assert.Contains("% Error:", await RawAsync(port, "bad_name.cn\r\n"u8.ToArray()), StringComparison.Ordinal);
        Assert.Contains("% Query a domain name", await RawAsync(port, "\r\n"u8.ToArray()), StringComparison.Ordinal);
        // Five answered queries spend the burst (an overlong line is refused before it counts); the clock is fake, so nothing refills it.
        Assert.Contains("No match", await RawAsync(port, "a.cn\r\n"u8.ToArray()), StringComparison.Ordinal);
        Assert.Contains("No match", await RawAsync(port, "b.cn\r\n"u8.ToArray()), StringComparison.Ordinal);
        Assert.Contains("% Error: rate limit exceeded", await RawAsync(port, "c.cn\r\n"u8.ToArray()), StringComparison.Ordinal);
        // Another client address has its own bucket.
        using var other = new TcpClient(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        await other.ConnectAsync(IPAddress.Loopback, port);
        await other.GetStream().WriteAsync("c.cn\r\n"u8.ToArray());
        using var answer = new MemoryStream();
        await other.GetStream().CopyToAsync(answer);
        Assert.Contains("No match", Encoding.UTF8.GetString(answer.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void QueryParser_NeverThrows_AndClassifiesEveryLine()
    {
        Assert.Equal(WhoisQueryKind.Domain, WhoisQuery.Parse("EXAMPLE.cn\r\n"u8).Kind);
        Assert.Equal(WhoisQueryKind.Domain, WhoisQuery.Parse("-T dn example.cn"u8).Kind);
        Assert.Equal(WhoisQueryKind.Network, WhoisQuery.Parse("2001:db8::/32"u8).Kind);
        Assert.Equal(WhoisQueryKind.Invalid, WhoisQuery.Parse("10.1.2.3/16"u8).Kind);
        Assert.Equal(WhoisQueryKind.Help, WhoisQuery.Parse("HELP"u8).Kind);
        foreach (var text in FuzzTests.Mutations(["example.cn\r\n", "203.0.113.0/24", "例子.中国", "-T dn 2001:db8::1"], 5))
        {
            var q = WhoisQuery.Parse(Encoding.UTF8.GetBytes(text));
            Assert.True(q.Kind != WhoisQueryKind.Invalid || !string.IsNullOrEmpty(q.Problem));
        }
    }
}

/// <summary><c>ictgov serve</c> itself, as a separate process: the WHOIS port it logs is the one that answers.</summary>
public class WhoisServeTests
{
    [Fact]
    public async Task Serve_LogsTheWhoisInterface_AndAnswersOnIt()
    {
        var data = Directory.CreateTempSubdirectory("ictgov-whois-");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { typeof(PlatformHost).Assembly.Location, "serve", "--urls", "http://127.0.0.1:0", "--data", data.FullName, "--Resources:Whois:Port=0" })
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment.Remove("ICTGOV_DB");
        psi.Environment.Remove("ICTGOV_CONNECTION");
        using var serve = Process.Start(psi)!;
        try
        {
            _ = serve.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            int? port = null;
            while (port is null && await serve.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                var match = System.Text.RegularExpressions.Regex.Match(line, @"^\s*WHOIS TCP interface on 127\.0\.0\.1:(\d+)$");
                port = match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
            }
            Assert.NotNull(port);
            var psiWhois = new ProcessStartInfo("whois", ["-h", "127.0.0.1", "-p", port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "example.cn"]) { RedirectStandardOutput = true };
            using var whois = Process.Start(psiWhois)!;
            var answer = await whois.StandardOutput.ReadToEndAsync(timeout.Token);
            Assert.Contains("No match for \"example.cn\"", answer, StringComparison.Ordinal);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
            data.Delete(recursive: true);
        }
    }
}
