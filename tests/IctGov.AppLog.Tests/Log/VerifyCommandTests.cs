using System.Text.Json;
using IctGov.AppLog.Contracts;
using IctGov.Kernel;

namespace IctGov.AppLog.Tests.Log;

/// <summary><c>ictgov applog verify</c>: offline checks from the files the log serves, as an outside party runs them.</summary>
public class VerifyCommandTests
{
    [Fact]
    public async Task Verify_ProvesInclusionAndConsistency_AndCatchesATamperedCheckpoint()
    {
        await using var h = await LogHarness.StartAsync(DatabaseProvider.Sqlite);
        var entries = Enumerable.Range(0, 700).Select(n => LogHarness.Entry(n)).ToList();
        var older = await h.Sequencer().AppendAsync(entries[..300], "user:test");
        await h.Sequencer().AppendAsync(entries[300..], "user:test");
        var reader = h.Get<IAppLogReader>();
        var dir = Directory.CreateTempSubdirectory("applog-verify").FullName;
        string Write(string name, string text)
        {
            var path = Path.Combine(dir, name);
            File.WriteAllText(path, text);
            return path;
        }
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var vkey = Write("vkey", reader.VerifierKey + "\n");
        var latest = (await reader.CheckpointAsync())!.Note;
        var checkpoint = Write("checkpoint", latest);
        var old = Write("old-checkpoint", older.Checkpoint);
        var inclusion = Write("inclusion.json", JsonSerializer.Serialize((await reader.InclusionAsync(512, null)).Value, web));
        var consistency = Write("consistency.json", JsonSerializer.Serialize((await reader.ConsistencyAsync(300, null)).Value, web));
        var entry = Path.Combine(dir, "entry");
        await File.WriteAllBytesAsync(entry, entries[512]);

        var ok = await CliRunner.RunAsync(dir, "applog", "verify", "inclusion", "--vkey", vkey, "--checkpoint", checkpoint, "--index", "512", "--entry", entry, "--proof", inclusion);
        Assert.True(ok.Code == 0, ok.Stderr);
        Assert.Contains("entry 512", ok.Stdout, StringComparison.Ordinal);
        Assert.Contains("tree size 700", ok.Stdout, StringComparison.Ordinal);

        var wrongIndex = await CliRunner.RunAsync(dir, "applog", "verify", "inclusion", "--vkey", vkey, "--checkpoint", checkpoint, "--index", "513", "--entry", entry, "--proof", inclusion);
        Assert.Equal(1, wrongIndex.Code);
        Assert.Contains("NOT proven", wrongIndex.Stderr, StringComparison.Ordinal);

        var consistent = await CliRunner.RunAsync(dir, "applog", "verify", "consistency", "--vkey", vkey, "--old", old, "--new", checkpoint, "--proof", consistency);
        Assert.True(consistent.Code == 0, consistent.Stderr);
        Assert.Contains("700 extends tree size 300", consistent.Stdout, StringComparison.Ordinal);

        // A checkpoint whose size was edited no longer carries a valid signature.
        var forged = Write("forged", latest.Replace("\n700\n", "\n701\n", StringComparison.Ordinal));
        var tampered = await CliRunner.RunAsync(dir, "applog", "verify", "consistency", "--vkey", vkey, "--old", old, "--new", forged, "--proof", consistency);
        Assert.Equal(1, tampered.Code);
        Assert.Contains("does not verify", tampered.Stderr, StringComparison.Ordinal);
        var unreadable = await CliRunner.RunAsync(dir, "applog", "verify", "consistency", "--vkey", vkey, "--old", old, "--new", checkpoint, "--proof", vkey);
        Assert.Equal(2, unreadable.Code);
    }
}
