using IctGov.Audit.Tests.Infrastructure;
using IctGov.Kernel;
using IctGov.Testing;

namespace IctGov.Audit.Tests;

/// <summary><c>ictgov audit verify</c> as an operator runs it: the built executable, in a process of its own.</summary>
public class AuditCommandTests
{
    [Theory, DatabaseData]
    public async Task Cli_AuditVerify_ExitsZeroWithTheHead_AndOneAtTheFirstProblem(DatabaseProvider provider)
    {
        await using var harness = await AuditHarness.StartAsync(provider);
        await harness.AppendAsync(5);
        var head = (await harness.Verifier().VerifyAsync()).Head;

        var (code, stdout, stderr) = await CliRunner.RunWithAsync(harness.Storage.DataDirectory, harness.Storage, null, "audit", "verify");
        Assert.True(code == 0, stderr);
        Assert.Contains("audit log intact: 5 entries", stdout, StringComparison.Ordinal);
        Assert.Contains($"head {head}", stdout, StringComparison.Ordinal);

        (code, _, stderr) = await CliRunner.RunWithAsync(harness.Storage.DataDirectory, harness.Storage, null, "audit", "verify", "--expect-head", "5:abc");
        Assert.Equal(2, code);
        Assert.Contains("expected SEQ:HASH", stderr, StringComparison.Ordinal);

        await harness.TamperAsync("""DELETE FROM audit_entry WHERE "Seq" = 5""");
        (code, _, stderr) = await CliRunner.RunWithAsync(harness.Storage.DataDirectory, harness.Storage, null, "audit", "verify");
        Assert.True(code == 0, stderr); // the chain alone cannot see the end cut off ...
        (code, _, stderr) = await CliRunner.RunWithAsync(harness.Storage.DataDirectory, harness.Storage, null, "audit", "verify", "--expect-head", head.ToString());
        Assert.Equal(1, code); // ... the head written down can
        Assert.Contains("entry 5: removed:", stderr, StringComparison.Ordinal);

        await harness.ExecuteAsync("""UPDATE audit_entry SET "ActorId" = 'user:someone-else' WHERE "Seq" = 3""");
        (code, _, stderr) = await CliRunner.RunWithAsync(harness.Storage.DataDirectory, harness.Storage, null, "audit", "verify");
        Assert.Equal(1, code);
        Assert.Contains("entry 3: edited:", stderr, StringComparison.Ordinal);
    }

}
