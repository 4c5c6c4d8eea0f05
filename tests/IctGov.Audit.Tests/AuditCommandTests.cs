using IctGov.Audit.Tests.Infrastructure;
using IctGov.Kernel;

namespace IctGov.Audit.Tests;

/// <summary><c>ictgov audit verify</c> as an operator runs it: the built executable, in a process of its own.</summary>
public class AuditCommandTests
{
    [Theory, DatabaseData]
    public async Task Cli_AuditVerify_ExitsZeroWithTheHead_AndOneAtTheFirstProblem(DatabaseProvider provider)
    {
        await using var harness = await AuditHarness.StartAsync(provider);
        // Every module's first start runs first: seeds may be audited too (the identifier registry's
        // national top-level prefix is), so the entries this test writes come after them.
        var (code, stdout, stderr) = await CliRunner.RunWithAsync(harness.Storage.DataDirectory, harness.Storage, null, "migrate");
        Assert.True(code == 0, stderr);
        var seeded = (await harness.Verifier().VerifyAsync()).Count;
        await harness.AppendAsync(5);
        var head = (await harness.Verifier().VerifyAsync()).Head;
        var (last, third) = (seeded + 5, seeded + 3);

        (code, stdout, stderr) = await CliRunner.RunWithAsync(harness.Storage.DataDirectory, harness.Storage, null, "audit", "verify");
        Assert.True(code == 0, stderr);
        Assert.Contains($"audit log intact: {last} entries", stdout, StringComparison.Ordinal);
        Assert.Contains($"head {head}", stdout, StringComparison.Ordinal);

        (code, _, stderr) = await CliRunner.RunWithAsync(harness.Storage.DataDirectory, harness.Storage, null, "audit", "verify", "--expect-head", "5:abc");
        Assert.Equal(2, code);
        Assert.Contains("expected SEQ:HASH", stderr, StringComparison.Ordinal);

        // Every run wrote the head down outside the database (signed, appended): the last line is the head above.
        var heads = Path.Combine(harness.Storage.DataDirectory, "audit", "heads.log");
        Assert.StartsWith($"{head.Seq} {head.Hash} ", File.ReadLines(heads).Last(), StringComparison.Ordinal);

        await harness.TamperAsync($"""DELETE FROM audit_entry WHERE "Seq" = {last}""");
        // The chain alone cannot see the end cut off; the head written down can, and is checked by default ...
        (code, stdout, stderr) = await CliRunner.RunWithAsync(harness.Storage.DataDirectory, harness.Storage, null, "audit", "verify");
        Assert.Equal(1, code);
        Assert.Contains($"checked against the head written down in {heads}: {head}", stdout, StringComparison.Ordinal);
        Assert.Contains($"entry {last}: removed:", stderr, StringComparison.Ordinal);
        // ... and the run that found the cut did not write the shorter chain's head over the evidence.
        Assert.StartsWith($"{head.Seq} {head.Hash} ", File.ReadLines(heads).Last(), StringComparison.Ordinal);
        (code, _, stderr) = await CliRunner.RunWithAsync(harness.Storage.DataDirectory, harness.Storage, null, "audit", "verify", "--expect-head", head.ToString());
        Assert.Equal(1, code);
        Assert.Contains($"entry {last}: removed:", stderr, StringComparison.Ordinal);

        // Editing the file to match the cut chain breaks its signature.
        var lines = File.ReadAllLines(heads);
        lines[^1] = $"{head.Seq - 1} {lines[^1].Split(' ')[1]} {lines[^1].Split(' ')[2]} {lines[^1].Split(' ')[3]}";
        File.WriteAllLines(heads, lines);
        (code, _, stderr) = await CliRunner.RunWithAsync(harness.Storage.DataDirectory, harness.Storage, null, "audit", "verify");
        Assert.Equal(1, code);
        Assert.Contains("is not signed by the witness key", stderr, StringComparison.Ordinal);
        File.WriteAllLines(heads, lines[..^1]);

        await harness.ExecuteAsync($"""UPDATE audit_entry SET "ActorId" = 'user:someone-else' WHERE "Seq" = {third}""");
        (code, _, stderr) = await CliRunner.RunWithAsync(harness.Storage.DataDirectory, harness.Storage, null, "audit", "verify");
        Assert.Equal(1, code);
        Assert.Contains($"entry {third}: edited:", stderr, StringComparison.Ordinal);
    }

}
