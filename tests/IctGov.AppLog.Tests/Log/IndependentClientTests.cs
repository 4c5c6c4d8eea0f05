using System.Diagnostics;
using IctGov.AppLog.Domain.Notes;
using IctGov.AppLog.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.AppLog.Tests.Log;

/// <summary>
/// An independent implementation reads the log: bench/applog/tlogclient, built from Go's
/// golang.org/x/mod/sumdb/note and sumdb/tlog as Debian packages them (offline, GOPATH mode), verifies the
/// served checkpoint's Ed25519 note signature, rebuilds the root from the served tiles, proves every entry
/// included and the tree consistent with an older checkpoint — and catches a forked checkpoint.
/// </summary>
public class IndependentClientTests
{
    [Fact]
    public async Task GoSumdbClient_VerifiesOurCheckpointTilesEntriesAndConsistency_AndCatchesAFork()
    {
        var client = await BuildAsync();
        await using var server = await PlatformServer.StartAsync();
        var sequencer = server.Services.GetRequiredService<Sequencer>();
        await sequencer.AppendAsync(Enumerable.Range(0, 300).Select(n => LogHarness.Entry(n)).ToList(), "user:test");
        using var dir = new TempDir();
        var old = Path.Combine(dir.Path, "old-checkpoint");
        await File.WriteAllTextAsync(old, await server.Http.GetStringAsync("/applog/checkpoint"));
        await sequencer.AppendAsync(Enumerable.Range(300, 400).Select(n => LogHarness.Entry(n)).ToList(), "user:test");

        var log = new Uri(server.BaseAddress, "/applog").ToString();
        var (code, output) = await RunAsync(client, "-log", log, "-old", old);
        Assert.True(code == 0, output);
        Assert.Contains("size 700", output, StringComparison.Ordinal);
        Assert.Contains("700 entries proven included", output, StringComparison.Ordinal);
        Assert.Contains("consistent with the older checkpoint of size 300", output, StringComparison.Ordinal);

        // A checkpoint of size 300 that the log's own key signed over another root: a fork the client must see.
        var keys = server.Services.GetRequiredService<LogKeys>();
        var forkedText = new Checkpoint(keys.Origin, 300, new byte[32]).Text();
        var forked = Path.Combine(dir.Path, "forked-checkpoint");
        await File.WriteAllTextAsync(forked, new SignedNote(forkedText, [keys.Signer.Sign(forkedText)]).Format());
        (code, output) = await RunAsync(client, "-log", log, "-old", forked);
        Assert.Equal(1, code);
        Assert.Contains("consistency with size 300", output, StringComparison.Ordinal);
    }

    /// <summary>Builds the client with Debian's Go and golang-golang-x-mod-dev; scripts/test.sh installs both.</summary>
    private static async Task<string> BuildAsync()
    {
        Assert.True(File.Exists("/usr/share/gocode/src/golang.org/x/mod/sumdb/tlog/tlog.go"),
            "Debian's golang-go and golang-golang-x-mod-dev are needed (scripts/test.sh installs them)");
        var output = Path.Combine(Path.GetTempPath(), $"ictgov-tlogclient-{Environment.ProcessId}");
        var (code, text) = await RunAsync("go", "build", "-o", output, ".");
        Assert.True(code == 0, text);
        return output;
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(Repository.Root, "bench", "applog", "tlogclient") };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        // Offline: GOPATH mode over Debian's packaged sources, never the module proxy.
        start.Environment["GO111MODULE"] = "off";
        start.Environment["GOPATH"] = "/usr/share/gocode";
        start.Environment["GOPROXY"] = "off";
        start.Environment["GOFLAGS"] = "";
        start.Environment["GOCACHE"] = Path.Combine(Path.GetTempPath(), "ictgov-gocache");
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout + await stderr);
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("ictgov-applog-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
