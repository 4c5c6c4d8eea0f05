using System.Globalization;
using System.Text;
using IctGov.Identifiers.Contracts;
using IctGov.Identifiers.Registry;
using IctGov.Identifiers.Storage;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Identifiers.Tests.Features;

/// <summary>
/// A file registered through the facade (the command line's path): batches checked on one thread
/// while the one before is written on another, each batch all or nothing, committed in file order.
/// </summary>
public class RegisterFileTests
{
    private static async Task<Fixture> WithPrefixesAsync(DatabaseProvider provider)
    {
        var f = await Fixture.CreateAsync(provider);
        await using var scope = f.Scope();
        var registry = scope.ServiceProvider.GetRequiredService<RegistryService>();
        var ministry = Actor.System("test");
        Assert.Equal(OutcomeStatus.Ok, (await registry.CreatePrefixAsync(new PrefixRequest("88.100", PrefixLevels.Secondary, "88", "某行业二级节点（演示）", "unit-sec", "C", "320000", true), ministry, default)).Status);
        Assert.Equal(OutcomeStatus.Ok, (await registry.CreatePrefixAsync(new PrefixRequest("88.100.1", PrefixLevels.Enterprise, "88.100", "某企业（演示）", "unit-ent", null, null, true), ministry, default)).Status);
        Assert.Equal(OutcomeStatus.Ok, (await registry.SetTemplateAsync("88.100",
            [new TemplateField("URL", "产品页", true, FieldKind.Url), new TemplateField("PRODUCT.CODE", "产品编码", true, FieldKind.String, 1, 12)], ministry, default)).Status);
        return f;
    }

    /// <summary>Two rows per identifier; <paramref name="bad"/> gets a product code longer than the template allows.</summary>
    private static MemoryStream File(int count, int bad = -1, string tail = "")
    {
        var sb = new StringBuilder("handle,index,type,data\r\n");
        for (var i = 0; i < count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"88.100.1/sku{i},1,URL,https://e.example/p/{i}\r\n");
            sb.Append(CultureInfo.InvariantCulture, $"88.100.1/sku{i},2,PRODUCT.CODE,\"{(i == bad ? "C-0123456789-TOO-LONG" : $"C,{i}")}\"\r\n");
        }
        return new MemoryStream(Encoding.UTF8.GetBytes(sb.Append(tail).ToString()));
    }

    private static async Task<(RegisterFileResult Result, List<CommittedBatch> Seen)> RegisterAsync(Fixture f, Stream file, Actor? actor = null)
    {
        await using var scope = f.Scope();
        var seen = new List<CommittedBatch>();
        var result = await scope.ServiceProvider.GetRequiredService<IIdentifiersFacade>().RegisterFileAsync(file, false, actor ?? Actor.System("test"), seen.Add);
        return (result, seen);
    }

    [Theory, DatabaseData]
    public async Task RegisterFile_AllBatchesPass_CommitsThemInOrderWithOneAuditEntryEach(DatabaseProvider provider)
    {
        await using var f = await WithPrefixesAsync(provider);
        var before = f.Audit.Entries.Count;
        var (result, seen) = await RegisterAsync(f, File(2 * HandleStore.MaxBatch + 7));
        Assert.True(result.Complete, string.Join("; ", result.Problems));
        Assert.Equal([1, 2, 3], seen.Select(b => b.Number));
        Assert.Equal([HandleStore.MaxBatch, HandleStore.MaxBatch, 7], seen.Select(b => b.Count));
        Assert.Equal(["88.100.1/sku0", "88.100.1/sku2000", "88.100.1/sku4000"], seen.Select(b => b.FirstHandle));
        Assert.Equal("88.100.1/sku4006", seen[^1].LastHandle);
        var audit = f.Audit.Entries.Skip(before).ToList();
        Assert.Equal(seen.Select(b => b.BatchId), audit.Select(e => e.SubjectId));
        Assert.All(audit, e => Assert.Equal("identifiers.batch.register", e.Action));
        Assert.Contains("\"count\":7", audit[^1].After, StringComparison.Ordinal);
        Assert.Contains(result.Phases, p => p.Key == "insert");

        // What was written resolves to what the file said, stamped with the server's time.
        var values = await f.Store.ResolveAsync("88.100.1/SKU4003");
        Assert.NotNull(values);
        Assert.Equal(["https://e.example/p/4003", "C,4003"], values.Select(v => v.DataAsText));
        Assert.All(values, v => Assert.Equal((int)f.Clock.GetUtcNow().ToUnixTimeSeconds(), v.Timestamp));
        Assert.Equal(2 * HandleStore.MaxBatch + 7, await CountAsync(f.Store, "88.100.1"));
    }

    [Theory, DatabaseData]
    public async Task RegisterFile_TemplateRuleBrokenInTheThirdBatch_KeepsTheFirstTwoAndNamesIdentifierAndField(DatabaseProvider provider)
    {
        await using var f = await WithPrefixesAsync(provider);
        var (result, seen) = await RegisterAsync(f, File(3 * HandleStore.MaxBatch, bad: 2 * HandleStore.MaxBatch + 11));
        Assert.False(result.Complete);
        Assert.Equal(2, seen.Count);
        var problem = Assert.Single(result.Problems).ToString();
        Assert.Contains("batch 3, record 4012 of the file", problem, StringComparison.Ordinal);
        Assert.Contains("88.100.1/sku4011: field PRODUCT.CODE: at most 12 characters, got 21", problem, StringComparison.Ordinal);
        Assert.Contains("2 batch(es) before it are", problem, StringComparison.Ordinal);
        Assert.Equal(2 * HandleStore.MaxBatch, await CountAsync(f.Store, "88.100.1"));
        Assert.Null(await f.Store.ResolveAsync("88.100.1/sku4000"));
    }

    [Theory, DatabaseData]
    public async Task RegisterFile_HandleRegisteredBefore_RollsBackItsBatchAndStops(DatabaseProvider provider)
    {
        await using var f = await WithPrefixesAsync(provider);
        Assert.Equal(HandleStoreResult.Ok, await f.Store.CreateAsync("88.100.1/SKU2500", [Protocols.Handle.HandleValue.Text(1, "URL", "https://e.example/old"),
            Protocols.Handle.HandleValue.Text(2, "PRODUCT.CODE", "old")]));
        var (result, seen) = await RegisterAsync(f, File(3 * HandleStore.MaxBatch));
        Assert.Single(seen);
        Assert.Contains("batch 2, record 2501 of the file: record 501: 88.100.1/sku2500 is already registered", Assert.Single(result.Problems).ToString(), StringComparison.Ordinal);
        Assert.Equal(HandleStore.MaxBatch + 1, await CountAsync(f.Store, "88.100.1"));
        Assert.Equal("old", (await f.Store.ResolveAsync("88.100.1/sku2500"))![1].DataAsText);
    }

    [Theory, DatabaseData]
    public async Task RegisterFile_ReRunOfTheSameFileAfterAnInterruptedRun_SkipsWhatIsRegisteredWithTheSameValues_AndRegistersTheRest(DatabaseProvider provider)
    {
        await using var f = await WithPrefixesAsync(provider);
        // The interrupted run got its first batch and part of the file's second in (its file was cut short here to stand for that).
        Assert.True((await RegisterAsync(f, File(HandleStore.MaxBatch + 500))).Result.Complete);
        var before = f.Audit.Entries.Count;

        var (result, seen) = await RegisterAsync(f, File(3 * HandleStore.MaxBatch + 5));

        Assert.True(result.Complete, string.Join("; ", result.Problems));
        Assert.Equal([0, HandleStore.MaxBatch - 500, HandleStore.MaxBatch, 5], seen.Select(b => b.Count));
        Assert.Equal([HandleStore.MaxBatch, 500, 0, 0], seen.Select(b => b.AlreadyRegistered));
        Assert.Equal("", seen[0].BatchId);
        // Three new batches, each audited once; nothing registered twice.
        Assert.Equal(seen.Skip(1).Select(b => b.BatchId), f.Audit.Entries.Skip(before).Select(e => e.SubjectId));
        Assert.Equal(3 * HandleStore.MaxBatch + 5, await CountAsync(f.Store, "88.100.1"));
        await using var scope = f.Scope();
        Assert.Equal(3 * HandleStore.MaxBatch + 5, (await scope.ServiceProvider.GetRequiredService<IIdentifiersFacade>().SummaryAsync()).Registrations);
    }

    [Theory, DatabaseData]
    public async Task RegisterFile_ReRunWithOneValueChanged_IsRefusedNamingTheRecord_AndWritesNothingOfThatBatch(DatabaseProvider provider)
    {
        await using var f = await WithPrefixesAsync(provider);
        Assert.True((await RegisterAsync(f, File(10))).Result.Complete);
        var changed = File(20).ToArray();
        var text = Encoding.UTF8.GetString(changed).Replace("https://e.example/p/7\r\n", "https://e.example/p/seven\r\n", StringComparison.Ordinal);

        var (result, seen) = await RegisterAsync(f, new MemoryStream(Encoding.UTF8.GetBytes(text)));

        Assert.Empty(seen);
        Assert.Contains("record 8: 88.100.1/sku7 is already registered, with other values", Assert.Single(result.Problems).ToString(), StringComparison.Ordinal);
        Assert.Equal(10, await CountAsync(f.Store, "88.100.1"));
        Assert.Equal("https://e.example/p/7", (await f.Store.ResolveAsync("88.100.1/sku7"))![0].DataAsText);
    }

    [Theory, DatabaseData]
    public async Task RegisterFile_PrefixOfAnotherUnit_IsRefusedBeforeAnythingIsWritten(DatabaseProvider provider)
    {
        await using var f = await WithPrefixesAsync(provider);
        var other = new Actor("user:x", "x", Role.Reporter, null, "unit-other", ["320000"]);
        var (result, seen) = await RegisterAsync(f, File(10), other);
        Assert.Empty(seen);
        Assert.Contains("only 某企业（演示） or the ministry registers under 88.100.1", Assert.Single(result.Problems).ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(f.Store, "88.100.1"));
    }

    [Theory, DatabaseData]
    public async Task RegisterFile_FormatErrorOnTheLastLine_RegistersNothing(DatabaseProvider provider)
    {
        await using var f = await WithPrefixesAsync(provider);
        var (result, seen) = await RegisterAsync(f, File(2 * HandleStore.MaxBatch, tail: "88.100.1/last,x,URL,u\n"));
        Assert.Empty(seen);
        Assert.Contains($"row {4 * HandleStore.MaxBatch + 2}, index", Assert.Single(result.Problems).ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(f.Store, "88.100.1"));
    }

    private static async Task<int> CountAsync(HandleStore store, string prefix)
    {
        var n = 0;
        await foreach (var _ in store.ListHandlesAsync(prefix))
        {
            n++;
        }
        return n;
    }
}
