using System.Data.Common;
using IctGov.Audit.Tests.Infrastructure;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Audit.Tests;

public class AppendTests
{
    [Theory, DatabaseData]
    public async Task Append_ChainsEachEntryToThePrevious_WithHashesAnIndependentImplementationAgreesWith(DatabaseProvider provider)
    {
        await using var harness = await AuditHarness.StartAsync(provider);
        var t1 = harness.Clock.GetUtcNow();
        Assert.Equal(1, await harness.Log.AppendAsync(new AuditEntry("user:ministry-1", "plan.revise", "plan_version", "2021-mid", null, """{"targets":3}"""), null));
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await harness.Log.AppendAsync(new AuditEntry("user:gd-admin", "submission.approve", "submission", "S-1", """{"status":"submitted"}""", """{"status":"approved","note":"同意"}""", "440000"), null));
        Assert.Equal(3, await harness.Log.AppendAsync(new AuditEntry("system:cli", "submission.delete", "submission", "S-1", "", null), null));

        var entries = await harness.EntriesAsync();
        Assert.Equal([1L, 2L, 3L], entries.Select(e => e.Seq));
        Assert.Equal(new string('0', 64), entries[0].PrevHash);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(IndependentHash.Of(entries[i]), entries[i].Hash);
            if (i > 0)
            {
                Assert.Equal(entries[i - 1].Hash, entries[i].PrevHash);
            }
        }
        // Who, when, what, before and after, exactly as given; the time to the microsecond.
        Assert.Equal(t1.UtcTicks / 10 * 10, entries[0].RecordedAt.UtcTicks);
        Assert.Equal("""{"status":"approved","note":"同意"}""", entries[1].After);
        Assert.Equal("440000", entries[1].RegionCode);
        Assert.Equal("", entries[2].Before);
        Assert.Null(entries[2].After);
        Assert.True((await harness.Verifier().VerifyAsync()).Intact);
    }

    [Theory, DatabaseData]
    public async Task Append_InCallersTransactionThatRollsBack_LeavesNeitherTheWriteNorTheEntry(DatabaseProvider provider)
    {
        await using var harness = await AuditHarness.StartAsync(provider);
        await harness.AppendAsync(2);
        await using var caller = await CallerDbContext.CreateAsync(harness);
        await using (var tx = await caller.Database.BeginTransactionAsync())
        {
            caller.Widgets.Add(new Widget { Id = 1, Name = "base station" });
            await caller.SaveChangesAsync();
            Assert.Equal(3, await harness.Log.AppendAsync(AuditHarness.Entry(3), tx.GetDbTransaction()));
            await tx.RollbackAsync();
        }
        Assert.Equal(0, await caller.Widgets.CountAsync());
        Assert.Equal([1L, 2L], (await harness.EntriesAsync()).Select(e => e.Seq));

        // The next append takes the number the rolled-back one would have had: no gap.
        Assert.Equal(3, await harness.Log.AppendAsync(AuditHarness.Entry(3), null));
        Assert.True((await harness.Verifier().VerifyAsync()).Intact);
    }

    [Theory, DatabaseData]
    public async Task Append_InCallersTransactionThatCommits_KeepsBothTheWriteAndTheEntry(DatabaseProvider provider)
    {
        await using var harness = await AuditHarness.StartAsync(provider);
        await harness.AppendAsync(2);
        await using var caller = await CallerDbContext.CreateAsync(harness);
        await using (var tx = await caller.Database.BeginTransactionAsync())
        {
            caller.Widgets.Add(new Widget { Id = 1, Name = "base station" });
            await caller.SaveChangesAsync();
            var seq = await harness.Log.AppendAsync(new AuditEntry("user:1", "widget.create", "widget", "1", null, """{"name":"base station"}"""), tx.GetDbTransaction());
            Assert.Equal(3, seq);
            // The caller's connection is still the caller's: it goes on working in its transaction.
            caller.Widgets.Add(new Widget { Id = 2, Name = "fibre" });
            await caller.SaveChangesAsync();
            await tx.CommitAsync();
        }
        Assert.Equal(2, await caller.Widgets.CountAsync());
        var entries = await harness.EntriesAsync();
        Assert.Equal("widget.create", entries[^1].Action);
        Assert.Equal(4, await harness.Log.AppendAsync(AuditHarness.Entry(4), null));
        Assert.True((await harness.Verifier().VerifyAsync()).Intact);
    }

    [Theory, DatabaseData]
    public async Task Append_FromManyTasksAtOnce_GivesContiguousSequenceAndAValidChain(DatabaseProvider provider)
    {
        const int tasks = 8, perTask = 25;
        await using var harness = await AuditHarness.StartAsync(provider);
        var seqs = await Task.WhenAll(Enumerable.Range(0, tasks).Select(t => Task.Run(async () =>
        {
            var got = new List<long>();
            for (var i = 0; i < perTask; i++)
            {
                await using var scope = harness.Services.CreateAsyncScope();
                var log = scope.ServiceProvider.GetRequiredService<IAuditLog>();
                got.Add(await log.AppendAsync(new AuditEntry($"task:{t}", "test.append", "test", $"{t}-{i}", null, "{}"), null));
            }
            return got;
        })));

        Assert.Equal(Enumerable.Range(1, tasks * perTask).Select(i => (long)i), seqs.SelectMany(s => s).Order());
        var result = await harness.Verifier(batchSize: 64).VerifyAsync();
        Assert.Null(result.Problem);
        Assert.Equal(tasks * perTask, result.Count);
        Assert.Equal(tasks * perTask, result.Head.Seq);
    }

    [Theory, DatabaseData]
    public async Task Append_FromManyCallersTransactionsAtOnce_GivesContiguousSequence(DatabaseProvider provider)
    {
        await using var harness = await AuditHarness.StartAsync(provider);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await using var conn = harness.NewConnection();
                await conn.OpenAsync();
                await using DbTransaction tx = await conn.BeginTransactionAsync();
                await harness.Log.AppendAsync(new AuditEntry($"task:{t}", "test.append", "test", $"{t}-{i}", null, null), tx);
                await tx.CommitAsync();
            }
        })));
        var result = await harness.Verifier().VerifyAsync();
        Assert.Null(result.Problem);
        Assert.Equal(40, result.Head.Seq);
    }

    [Fact]
    public async Task Append_RefusesAnEntryTheDatabaseWouldNotKeepExactly_NamingTheFieldAndWritingNothing()
    {
        await using var harness = await AuditHarness.StartAsync(DatabaseProvider.Sqlite);
        (string Actor, string Expected)[] cases =
        [
            (" ", "ActorId is empty"),
            ("user:\0", "ActorId contains a NUL character"),
            ("user:" + (char)0xD800, "ActorId is not valid Unicode"),
            (new string('x', 201), "ActorId has 201 characters; at most 200"),
        ];
        foreach (var (actor, expected) in cases)
        {
            var e = await Assert.ThrowsAsync<ArgumentException>(() => harness.Log.AppendAsync(new AuditEntry(actor, "a", "t", "1", null, null), null));
            Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        }
        Assert.Empty(await harness.EntriesAsync());
    }

    [Fact]
    public async Task Append_RefusesATooLongRegionCode_NamingTheField()
    {
        await using var harness = await AuditHarness.StartAsync(DatabaseProvider.Sqlite);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => harness.Log.AppendAsync(new AuditEntry("u", "a", "t", "1", null, null, "4400001"), null));
        Assert.Contains("RegionCode has 7 characters; at most 6", e.Message, StringComparison.Ordinal);
    }
}

/// <summary>A caller's own module: its own context and table on the same database.</summary>
internal sealed class CallerDbContext(DbContextOptions<CallerDbContext> options) : DbContext(options)
{
    public DbSet<Widget> Widgets => Set<Widget>();

    public static async Task<CallerDbContext> CreateAsync(AuditHarness harness)
    {
        var builder = new DbContextOptionsBuilder<CallerDbContext>();
        var options = harness.Provider == DatabaseProvider.Sqlite
            ? builder.UseSqlite(harness.Storage.ConnectionString).Options
            : builder.UseNpgsql(harness.Storage.ConnectionString).Options;
        await harness.ExecuteAsync("""CREATE TABLE test_widget ("Id" integer PRIMARY KEY, "Name" text NOT NULL)""");
        return new CallerDbContext(options);
    }

    protected override void OnModelCreating(ModelBuilder b) =>
        b.Entity<Widget>(e =>
        {
            e.ToTable("test_widget");
            e.Property(x => x.Id).ValueGeneratedNever();
        });
}

internal sealed class Widget
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
}
