using System.Diagnostics;
using System.Text.Json.Nodes;

namespace IctGov.Resources.Tests;

/// <summary>
/// An RDAP client we did not write — rdapper (npm, MIT; installed by scripts/test.sh into RdapClient/) — finds
/// our server through our RFC 9224 bootstrap file and reads our answers unchanged.
/// </summary>
public class RdapClientTests
{
    // In the source tree, where scripts/test.sh runs `npm ci`.
    private static readonly string ClientDir = Path.Combine(RepositoryRoot(), "tests", "IctGov.Resources.Tests", "RdapClient");

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IctGov.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("IctGov.slnx not found above " + AppContext.BaseDirectory);
    }

    private static async Task<JsonObject> LookupAsync(PlatformServer server, string domain)
    {
        Assert.True(Directory.Exists(Path.Combine(ClientDir, "node_modules", "rdapper")), "run `npm ci` in tests/IctGov.Resources.Tests/RdapClient (scripts/test.sh does)");
        var psi = new ProcessStartInfo("node", [Path.Combine(ClientDir, "lookup.mjs"), new Uri(server.BaseAddress, "/rdap/bootstrap/dns.json").ToString(), domain])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = ClientDir,
        };
        using var node = Process.Start(psi)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var stdout = node.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = node.StandardError.ReadToEndAsync(timeout.Token);
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, await stderr);
        return JsonNode.Parse(await stdout)!.AsObject();
    }

    [Fact]
    public async Task Rdapper_FindsUsThroughTheBootstrap_AndReadsTheDomain()
    {
        await using var server = await PlatformServer.StartAsync();
        await RdapTests.SeedOverHttpAsync(server);

        var result = await LookupAsync(server, "example.cn");
        Assert.True((bool)result["ok"]!, result.ToJsonString());
        var record = result["record"]!;
        Assert.Equal("rdap", (string)record["source"]!);
        Assert.True((bool)record["isRegistered"]!);
        Assert.Equal("example.cn", (string)record["domain"]!);
        Assert.Equal(["ns1.example.cn", "ns2.example.cn"], record["nameservers"]!.AsArray().Select(n => (string)n!["host"]!));
        // Dates are the start of the day in Beijing; rdapper reads the instant (it writes it in UTC).
        Assert.Equal(new DateTimeOffset(2027, 5, 1, 0, 0, 0, TimeSpan.FromHours(8)), DateTimeOffset.Parse((string)record["expirationDate"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(record["statuses"]!.AsArray(), s => ((string?)s!["status"] ?? "").Contains("transfer", StringComparison.OrdinalIgnoreCase));

        var unknown = await LookupAsync(server, "unregistered.cn");
        Assert.False((bool?)unknown["record"]?["isRegistered"] ?? false, unknown.ToJsonString());
    }
}
