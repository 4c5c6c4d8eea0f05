using IctGov.Audit.Contracts;
using IctGov.Audit.Tests.Infrastructure;
using IctGov.Kernel;

namespace IctGov.Audit.Tests;

/// <summary>
/// Ten entries, verified three at a time so every problem sits near a batch boundary. Each tamper
/// drops the append-only triggers first, as anyone with the database file or a superuser login can.
/// </summary>
public class VerifyTests
{
    private const string EditedAfter = """{"status":"approved","value":999}""";

    [Theory, DatabaseData]
    public async Task Verify_IntactLog_ReportsTheCountAndTheHead(DatabaseProvider provider)
    {
        await using var harness = await AuditHarness.StartAsync(provider);
        var empty = await harness.Verifier().VerifyAsync(AuditHead.Empty);
        Assert.Equal(new AuditVerification(0, AuditHead.Empty, null), empty);

        await harness.AppendAsync(10);
        var entries = await harness.EntriesAsync();
        var result = await harness.Verifier().VerifyAsync();
        Assert.Null(result.Problem);
        Assert.Equal(10, result.Count);
        Assert.Equal(new AuditHead(10, entries[^1].Hash), result.Head);
        // A head written down earlier is still in the log, unchanged, and so is the current one.
        Assert.True((await harness.Verifier().VerifyAsync(new AuditHead(4, entries[3].Hash))).Intact);
        Assert.True((await harness.Verifier().VerifyAsync(result.Head)).Intact);
    }

    [Theory, DatabaseData]
    public async Task Verify_EditedField_IsReportedAsEditedAtThatEntry(DatabaseProvider provider)
    {
        await using var harness = await AuditHarness.StartAsync(provider);
        await harness.AppendAsync(10);
        await harness.TamperAsync($"""UPDATE audit_entry SET "After" = '{EditedAfter}' WHERE "Seq" = 5""");

        var result = await harness.Verifier().VerifyAsync();
        Assert.Equal(5, result.Problem?.Seq);
        Assert.Equal(AuditProblemKind.Edited, result.Problem?.Kind);
        Assert.Contains("entry 5 was changed", result.Problem!.Message, StringComparison.Ordinal);
        Assert.Equal(4, result.Count);
        Assert.Equal(4, result.Head.Seq);
    }

    [Theory, DatabaseData]
    public async Task Verify_EditedTime_IsReportedAsEdited(DatabaseProvider provider)
    {
        await using var harness = await AuditHarness.StartAsync(provider);
        await harness.AppendAsync(10);
        var entries = await harness.EntriesAsync();
        await harness.TamperAsync("""UPDATE audit_entry SET "RecordedAt" = @t WHERE "Seq" = 7""", ("t", entries[6].RecordedAt.AddHours(-1)));

        var problem = (await harness.Verifier().VerifyAsync()).Problem;
        Assert.Equal((7L, AuditProblemKind.Edited), (problem?.Seq, problem?.Kind));
    }

    [Theory, DatabaseData]
    public async Task Verify_RemovedMiddleEntry_IsReportedAsRemovedAtTheGap(DatabaseProvider provider)
    {
        await using var harness = await AuditHarness.StartAsync(provider);
        await harness.AppendAsync(10);
        await harness.TamperAsync("""DELETE FROM audit_entry WHERE "Seq" = 6""");

        var problem = (await harness.Verifier().VerifyAsync()).Problem;
        Assert.Equal((6L, AuditProblemKind.Removed), (problem?.Seq, problem?.Kind));
        Assert.Contains("entry 6 is missing", problem!.Message, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task Verify_RemovedFirstEntries_AreReportedAsRemovedFromOne(DatabaseProvider provider)
    {
        await using var harness = await AuditHarness.StartAsync(provider);
        await harness.AppendAsync(10);
        await harness.TamperAsync("""DELETE FROM audit_entry WHERE "Seq" <= 2""");

        var problem = (await harness.Verifier().VerifyAsync()).Problem;
        Assert.Equal((1L, AuditProblemKind.Removed), (problem?.Seq, problem?.Kind));
        Assert.Contains("entries 1–2 are missing", problem!.Message, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task Verify_EntryEditedAndReHashed_IsReportedAsChainBrokenAtTheNextEntry(DatabaseProvider provider)
    {
        await using var harness = await AuditHarness.StartAsync(provider);
        await harness.AppendAsync(10);
        var fifth = (await harness.EntriesAsync())[4];
        fifth.After = EditedAfter;
        var forged = IndependentHash.Of(fifth);
        await harness.TamperAsync("""UPDATE audit_entry SET "After" = @after, "Hash" = @hash WHERE "Seq" = 5""", ("after", EditedAfter), ("hash", forged));

        var result = await harness.Verifier().VerifyAsync();
        Assert.Equal((6L, AuditProblemKind.ChainBroken), (result.Problem?.Seq, result.Problem?.Kind));
        Assert.Contains("entry 5 was changed and re-hashed", result.Problem!.Message, StringComparison.Ordinal);
        Assert.Equal(new AuditHead(5, forged), result.Head);
    }

    [Theory, DatabaseData]
    public async Task Verify_EntriesRemovedFromTheEnd_AreSeenOnlyAgainstTheExpectedHead(DatabaseProvider provider)
    {
        await using var harness = await AuditHarness.StartAsync(provider);
        await harness.AppendAsync(10);
        var writtenDown = (await harness.Verifier().VerifyAsync()).Head;
        await harness.TamperAsync("""DELETE FROM audit_entry WHERE "Seq" >= 9""");

        var chainOnly = await harness.Verifier().VerifyAsync();
        Assert.True(chainOnly.Intact); // what is left is a perfectly good chain of 8
        Assert.Equal(8, chainOnly.Head.Seq);

        var problem = (await harness.Verifier().VerifyAsync(writtenDown)).Problem;
        Assert.Equal((9L, AuditProblemKind.Removed), (problem?.Seq, problem?.Kind));
        Assert.Contains("entries 9–10 were removed from the end", problem!.Message, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task Verify_ChainRewrittenFromAnEditOnwards_IsSeenOnlyAgainstTheExpectedHead(DatabaseProvider provider)
    {
        await using var harness = await AuditHarness.StartAsync(provider);
        await harness.AppendAsync(10);
        var writtenDown = (await harness.Verifier().VerifyAsync()).Head;
        var entries = await harness.EntriesAsync();
        var prev = entries[3].Hash;
        await harness.DropAppendOnlyTriggersAsync();
        foreach (var e in entries.Skip(4))
        {
            e.After = e.Seq == 5 ? EditedAfter : e.After;
            e.PrevHash = prev;
            e.Hash = prev = IndependentHash.Of(e);
            await harness.ExecuteAsync("""UPDATE audit_entry SET "After" = @after, "PrevHash" = @prev, "Hash" = @hash WHERE "Seq" = @seq""",
                ("after", e.After), ("prev", e.PrevHash), ("hash", e.Hash), ("seq", e.Seq));
        }

        Assert.True((await harness.Verifier().VerifyAsync()).Intact);
        var problem = (await harness.Verifier().VerifyAsync(writtenDown)).Problem;
        Assert.Equal((10L, AuditProblemKind.HeadMismatch), (problem?.Seq, problem?.Kind));
        Assert.Contains("was rewritten", problem!.Message, StringComparison.Ordinal);
    }
}
