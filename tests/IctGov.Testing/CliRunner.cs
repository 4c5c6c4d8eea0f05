using System.Diagnostics;
using IctGov.Kernel;

namespace IctGov.Testing;

/// <summary>Runs the built <c>ictgov</c> executable as a separate process, as an operator's script would.</summary>
public static class CliRunner
{
    /// <summary>Runs a command on a data directory (embedded SQLite).</summary>
    public static Task<(int Code, string Stdout, string Stderr)> RunAsync(string dataDir, params string[] args) =>
        RunWithAsync(dataDir, null, null, args);

    /// <summary>
    /// <c>dotnet</c> with output redirected, for a test that drives an <c>ictgov</c> process itself (to kill it mid-write):
    /// the test runner's database settings removed, and an empty record unless the test process asks for the shipped one.
    /// </summary>
    public static ProcessStartInfo StartInfo()
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment.Remove("ICTGOV_DB");
        psi.Environment.Remove("ICTGOV_CONNECTION");
        psi.Environment.TryAdd(TestSettings.NoPublishedRecord.Key.Replace(":", "__", StringComparison.Ordinal), TestSettings.NoPublishedRecord.Value);
        return psi;
    }

    /// <summary>Runs a command on the given storage (SQLite or PostgreSQL), optionally feeding standard input.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunWithAsync(string dataDir, StorageOptions? storage, string? stdin, params string[] args)
    {
        var psi = StartInfo();
        psi.RedirectStandardInput = true;
        psi.ArgumentList.Add(typeof(PlatformHost).Assembly.Location);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.ArgumentList.Add("--data");
        psi.ArgumentList.Add(dataDir);
        if (storage is { Provider: DatabaseProvider.Postgres })
        {
            psi.ArgumentList.Add("--db");
            psi.ArgumentList.Add("postgres");
            psi.ArgumentList.Add("--connection");
            psi.ArgumentList.Add(storage.ConnectionString);
        }
        using var p = Process.Start(psi)!;
        if (stdin is not null)
        {
            await p.StandardInput.WriteAsync(stdin);
        }
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout, await stderr);
    }
}
