using IctGov.AppLog.Contracts;
using IctGov.AppLog.Data;
using IctGov.AppLog.Domain.Merkle;
using IctGov.AppLog.Features;
using IctGov.Audit;
using IctGov.Audit.Contracts;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.AppLog.Tests.Log;

/// <summary>Durable, batched sequencing on both engines: what is acknowledged is stored, signed and provable.</summary>
public class SequencerTests
{
    [Theory, DatabaseData]
    public async Task ConcurrentAppends_EachLandOnceInOrder_UnderASignedCheckpointOfTheRightRoot(DatabaseProvider provider)
    {
        await using var h = await LogHarness.StartAsync(provider);
        var sequencer = h.Sequencer();
        var calls = Enumerable.Range(0, 40).Select(c => Enumerable.Range(0, 25).Select(k => LogHarness.Entry(c * 1000 + k)).ToList()).ToList();
        var results = await Task.WhenAll(calls.Select(entries => Task.Run(() => sequencer.AppendAsync(entries, "user:test"))));

        await using var scope = h.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppLogDbContext>();
        var stored = await db.Entries.OrderBy(e => e.Idx).Select(e => e.Data).ToListAsync();
        Assert.Equal(1000, stored.Count);
        for (var c = 0; c < calls.Count; c++)
        {
            // A call's entries are consecutive, at the index its receipt names.
            Assert.Equal(calls[c], stored.Skip((int)results[c].FirstIndex).Take(25));
        }
        var tree = LogHarness.TreeOf(stored);

        var reader = scope.ServiceProvider.GetRequiredService<IAppLogReader>();
        var latest = (await reader.CheckpointAsync())!;
        var checkpoint = LogHarness.VerifiedCheckpoint(latest.Note, reader.VerifierKey);
        Assert.Equal(("ictgov.local/applog", 1000L), (checkpoint.Origin, checkpoint.Size));
        Assert.Equal(tree.Root(1000), checkpoint.Root);

        // Every checkpoint the batches published is a prefix of the final tree, and provably so.
        var published = await db.Checkpoints.OrderBy(c => c.Size).ToListAsync();
        Assert.True(published.Count < calls.Count, "concurrent calls share batches");
        foreach (var old in published)
        {
            Assert.Equal(tree.Root(old.Size), old.Root);
            var proof = (await reader.ConsistencyAsync(old.Size, null)).Value!;
            Assert.True(MerkleVerifier.VerifyConsistency(old.Size, 1000, Decode(proof.Proof), old.Root, checkpoint.Root, out var why), why);
        }
        foreach (var index in new long[] { 0, 1, 255, 256, 511, 999 })
        {
            var p = (await reader.InclusionAsync(index, null)).Value!;
            Assert.True(MerkleVerifier.VerifyInclusion(index, 1000, TreeHash.Leaf(stored[(int)index]), Decode(p.Proof), checkpoint.Root, out var why), why);
        }
        var byHash = await reader.InclusionByHashAsync(Convert.ToHexString(TreeHash.Leaf(stored[77])), 500);
        Assert.Equal((77L, 500L), (byHash.Value!.Index, byHash.Value.TreeSize));

        // Each batch is audited in its own transaction, and the audit chain holds.
        var audit = await h.Get<IAuditVerifier>().VerifyAsync();
        Assert.Null(audit.Problem);
        Assert.Equal(published.Count, audit.Count);
    }

    [Theory, DatabaseData]
    public async Task Restart_ContinuesTheSameTreeUnderTheSameKey(DatabaseProvider provider)
    {
        await using var h = await LogHarness.StartAsync(provider);
        var first = Enumerable.Range(0, 300).Select(n => LogHarness.Entry(n)).ToList();
        await h.Sequencer().AppendAsync(first, "user:test");
        var key = h.Get<IAppLogReader>().VerifierKey;

        // A second process on the same storage (a command-line run, a restarted server).
        await using var again = ModuleHarness.BuildServices(h.Storage, h.Clock, new AuditModule(), new AppLogModule());
        var more = Enumerable.Range(300, 100).Select(n => LogHarness.Entry(n)).ToList();
        var done = await again.GetRequiredService<Sequencer>().AppendAsync(more, "user:test");
        Assert.Equal((300L, 400L), (done.FirstIndex, done.TreeSize));
        using var scope = again.CreateScope();
        var reader = scope.ServiceProvider.GetRequiredService<IAppLogReader>();
        Assert.Equal(key, reader.VerifierKey);
        var checkpoint = LogHarness.VerifiedCheckpoint((await reader.CheckpointAsync())!.Note, key);
        Assert.Equal(LogHarness.TreeOf([.. first, .. more]).Root(400), checkpoint.Root);

        // The first process learns of the other's appends before its next batch.
        var last = await h.Sequencer().AppendAsync([LogHarness.Entry(400)], "user:test");
        Assert.Equal(400L, last.FirstIndex);
        Assert.Equal(LogHarness.TreeOf([.. first, .. more, LogHarness.Entry(400)]).Root(401), last.Root);
    }

    [Theory, DatabaseData]
    public async Task Proofs_OutOfRange_AreRefusedWithTheField(DatabaseProvider provider)
    {
        await using var h = await LogHarness.StartAsync(provider);
        var reader = h.Get<IAppLogReader>();
        Assert.Null(await reader.CheckpointAsync());
        Assert.Equal(OutcomeStatus.NotFound, (await reader.InclusionAsync(0, null)).Status);
        await h.Sequencer().AppendAsync([LogHarness.Entry(0), LogHarness.Entry(1)], "user:test");
        var beyond = await reader.InclusionAsync(2, null);
        Assert.Equal(OutcomeStatus.NotFound, beyond.Status);
        Assert.Equal("index", beyond.Errors.Single().Field);
        Assert.Equal("treeSize", (await reader.InclusionAsync(0, 3)).Errors.Single().Field);
        Assert.Equal("from", (await reader.ConsistencyAsync(3, 2)).Errors.Single().Field);
        Assert.Equal("hash", (await reader.InclusionByHashAsync("not a hash", null)).Errors.Single().Field);
        Assert.Equal(OutcomeStatus.NotFound, (await reader.InclusionByHashAsync(Convert.ToBase64String(TreeHash.Empty), null)).Status);
        await Assert.ThrowsAsync<ArgumentException>(() => h.Sequencer().AppendAsync([new byte[70_000]], "user:test"));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Sequencer().AppendAsync([[]], "user:test"));
    }

    private static List<byte[]> Decode(IReadOnlyList<string> proof) => proof.Select(Convert.FromBase64String).ToList();
}
