using IctGov.Identifiers.Registry;
using IctGov.Identifiers.Storage;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Protocols.Handle;
using IctGov.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Identifiers.Tests.Storage;

public class HandleStoreTests
{
    private static HandleRecord Rec(string handle, string url) => new(handle, [HandleValue.Text(1, "URL", url)]);

    [Theory, DatabaseData]
    public async Task Create_ThenResolve_ReturnsTheValuesCaseInsensitively(DatabaseProvider provider)
    {
        await using var f = await Fixture.CreateAsync(provider);
        Assert.Equal(HandleStoreResult.Ok, await f.Store.CreateAsync("88.100.1/Abc", [HandleValue.Text(1, "URL", "https://e.example/a"), HandleValue.Text(2, "EMAIL", "a@e.example")]));
        var values = await f.Store.ResolveAsync("88.100.1/ABC");
        Assert.NotNull(values);
        Assert.Equal(["URL", "EMAIL"], values.Select(v => v.Type));
        Assert.Equal("https://e.example/a", values[0].DataAsText);
        Assert.Equal((int)f.Clock.GetUtcNow().ToUnixTimeSeconds(), values[0].Timestamp);
        Assert.Null(await f.Store.ResolveAsync("88.100.1/other"));
        Assert.Equal(HandleStoreResult.HandleAlreadyExists, await f.Store.CreateAsync("88.100.1/abc", [HandleValue.Text(1, "URL", "x")]));
        Assert.Equal(HandleStoreResult.Ok, await f.Store.CreateAsync("88.100.1/abc", [HandleValue.Text(1, "URL", "https://e.example/b")], overwrite: true));
        Assert.Equal("https://e.example/b", Assert.Single((await f.Store.ResolveAsync("88.100.1/abc"))!).DataAsText);
    }

    [Theory, DatabaseData]
    public async Task ValueOperations_FollowTheProtocolRules(DatabaseProvider provider)
    {
        await using var f = await Fixture.CreateAsync(provider);
        await f.Store.CreateAsync("88.1/x", [HandleValue.Text(1, "URL", "a")]);
        Assert.Equal(HandleStoreResult.ValueAlreadyExists, await f.Store.AddValuesAsync("88.1/x", [HandleValue.Text(1, "URL", "b")]));
        Assert.Equal(HandleStoreResult.Ok, await f.Store.AddValuesAsync("88.1/x", [HandleValue.Text(2, "EMAIL", "b")]));
        Assert.Equal(HandleStoreResult.ValueNotFound, await f.Store.ModifyValuesAsync("88.1/x", [HandleValue.Text(3, "URL", "c")]));
        Assert.Equal(HandleStoreResult.Ok, await f.Store.ModifyValuesAsync("88.1/x", [HandleValue.Text(1, "URL", "c")]));
        Assert.Equal(HandleStoreResult.ValueNotFound, await f.Store.RemoveValuesAsync("88.1/x", [7]));
        Assert.Equal(HandleStoreResult.Ok, await f.Store.RemoveValuesAsync("88.1/x", [2]));
        Assert.Equal("c", Assert.Single((await f.Store.ResolveAsync("88.1/x"))!).DataAsText);
        Assert.Equal(HandleStoreResult.HandleNotFound, await f.Store.AddValuesAsync("88.1/none", [HandleValue.Text(1, "URL", "b")]));
        Assert.Equal(HandleStoreResult.Ok, await f.Store.DeleteAsync("88.1/x"));
        Assert.Equal(HandleStoreResult.HandleNotFound, await f.Store.DeleteAsync("88.1/x"));
        Assert.Null(await f.Store.ResolveAsync("88.1/x"));
    }

    [Theory, DatabaseData]
    public async Task Batch_WithOneExistingHandle_WritesNothingAndNamesIt(DatabaseProvider provider)
    {
        await using var f = await Fixture.CreateAsync(provider);
        await f.Store.CreateAsync("88.100.1/k17", [HandleValue.Text(1, "URL", "old")]);
        var batch = Enumerable.Range(0, 50).Select(i => Rec($"88.100.1/k{i}", $"https://e.example/{i}")).ToList();
        var result = await f.Store.CreateBatchAsync(batch);
        Assert.Equal(HandleStoreResult.HandleAlreadyExists, result.Result);
        Assert.Equal(17, result.FailedAt);
        Assert.Equal("88.100.1/k17", result.FailedHandle);
        Assert.Equal(["88.100.1/k17"], await ListAsync(f.Store, "88.100.1"));
        Assert.Equal("old", Assert.Single((await f.Store.ResolveAsync("88.100.1/k17"))!).DataAsText);
    }

    [Theory, DatabaseData]
    public async Task Batch_Accepted_IsResolvableListedAndCounted(DatabaseProvider provider)
    {
        await using var f = await Fixture.CreateAsync(provider);
        // resolve first, so "not found" is cached and the batch must invalidate it
        Assert.Null(await f.Store.ResolveAsync("88.100.2/b5"));
        var batch = Enumerable.Range(0, HandleStore.MaxBatch).Select(i => Rec(i % 2 == 0 ? $"88.100.1/a{i}" : $"88.100.2/b{i}", $"u{i}")).ToList();
        var result = await f.Store.CreateBatchAsync(batch);
        Assert.Equal(HandleStoreResult.Ok, result.Result);
        Assert.Equal(HandleStore.MaxBatch, result.Created);
        Assert.Equal("u5", Assert.Single((await f.Store.ResolveAsync("88.100.2/b5"))!).DataAsText);
        var listed1 = await ListAsync(f.Store, "88.100.1");
        var listed2 = await ListAsync(f.Store, "88.100.2");
        Assert.Equal(HandleStore.MaxBatch / 2, listed1.Count);
        Assert.Equal(HandleStore.MaxBatch / 2, listed2.Count);
        await using var scope = f.Scope();
        var figures = await scope.ServiceProvider.GetRequiredService<IctGov.Identifiers.Statistics.IdentifierStatistics>().ComputeAsync(CancellationToken.None);
        Assert.Equal(listed1.Count + listed2.Count, figures.Registrations);
        Assert.Equal(listed1.Count, figures.ByPrefix.Single(p => p.Key == "88.100.1").Count);
    }

    [Theory, DatabaseData]
    public async Task Batch_OverTheLimitOrWithADuplicate_IsRefused(DatabaseProvider provider)
    {
        await using var f = await Fixture.CreateAsync(provider);
        var tooMany = await f.Store.CreateBatchCoreAsync(Enumerable.Range(0, HandleStore.MaxBatch + 1).Select(i => Rec($"88.1/{i}", "u")).ToList(), null, null, default);
        Assert.Contains("at most 2000", tooMany.Problem);
        var dup = await f.Store.CreateBatchAsync([Rec("88.1/a", "u"), Rec("88.1/b", "u"), Rec("88.1/A", "u")]);
        Assert.Equal((HandleStoreResult.HandleAlreadyExists, 2), (dup.Result, dup.FailedAt!.Value));
        Assert.Empty(await ListAsync(f.Store, "88.1"));
    }

    [Theory, DatabaseData]
    public async Task Template_RejectsRegistrationsThatDoNotFit_NamingFieldAndRule(DatabaseProvider provider)
    {
        await using var f = await Fixture.CreateAsync(provider);
        await using (var scope = f.Scope())
        {
            var registry = scope.ServiceProvider.GetRequiredService<RegistryService>();
            var ministry = Actor.System("test");
            Assert.Equal(OutcomeStatus.Ok, (await registry.CreatePrefixAsync(new PrefixRequest("88.100", PrefixLevels.Secondary, "88", "某行业二级节点（演示）", "unit-sec", "C", "320000", true), ministry, default)).Status);
            Assert.Equal(OutcomeStatus.Ok, (await registry.CreatePrefixAsync(new PrefixRequest("88.100.1", PrefixLevels.Enterprise, "88.100", "某企业（演示）", "unit-ent", null, null, true), ministry, default)).Status);
            var set = await registry.SetTemplateAsync("88.100", [new TemplateField("PRODUCT.NAME", "产品名称", true, FieldKind.String, 1, 10), new TemplateField("PRODUCT.WEIGHT", "重量", false, FieldKind.Decimal)], ministry, default);
            Assert.Equal(OutcomeStatus.Ok, set.Status);
        }
        Assert.Contains(f.Audit.Entries, e => e.Action == "identifiers.template.set" && e.SubjectId == "88.100");
        // the enterprise prefix inherits its secondary node's template
        var missing = await f.Store.CreateCoreAsync("88.100.1/p1", [HandleValue.Text(1, "URL", "u")], false, null, default);
        Assert.Equal(HandleStoreResult.InvalidValue, missing.Result);
        Assert.Equal(("PRODUCT.NAME", true), (missing.Violations[0].Field, missing.Violations[0].Rule.Contains("required", StringComparison.Ordinal)));
        var bad = await f.Store.CreateBatchCoreAsync(
        [
            new HandleRecord("88.100.1/p2", [HandleValue.Text(1, "PRODUCT.NAME", "螺栓")]),
            new HandleRecord("88.100.1/p3", [HandleValue.Text(1, "PRODUCT.NAME", "一二三四五六七八九十十一"), HandleValue.Text(2, "PRODUCT.WEIGHT", "heavy")]),
        ], null, null, default);
        Assert.Equal(1, bad.Result.FailedAt);
        Assert.Contains(bad.Violations, v => v.Field == "PRODUCT.NAME" && v.Rule.Contains("at most 10 characters, got 12", StringComparison.Ordinal));
        Assert.Contains(bad.Violations, v => v.Field == "PRODUCT.WEIGHT" && v.Rule.Contains("decimal", StringComparison.Ordinal));
        Assert.Null(await f.Store.ResolveAsync("88.100.1/p2"));
        Assert.Equal(HandleStoreResult.Ok, (await f.Store.CreateCoreAsync("88.100.1/p2", [HandleValue.Text(1, "product.name", "螺栓"), HandleValue.Text(2, "PRODUCT.WEIGHT", "1.5")], false, null, default)).Result);
        // a value change that breaks the template is refused too
        Assert.Equal(HandleStoreResult.InvalidValue, await f.Store.RemoveValuesAsync("88.100.1/p2", [1]));
    }

    [Theory, DatabaseData]
    public async Task ConcurrentReadersAndWriters_NeverSeeAValueOlderThanTheLastAcknowledgedWrite(DatabaseProvider provider)
    {
        await using var f = await Fixture.CreateAsync(provider);
        const int writes = 150;
        var handles = new[] { "88.9/hot0", "88.9/hot1" };
        foreach (var h in handles)
        {
            await f.Store.CreateAsync(h, [HandleValue.Text(1, "SEQ", "0")]);
        }
        var acked = new long[handles.Length];
        var failures = new List<string>();
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 6).Select(r => Task.Run(async () =>
        {
            var which = r % handles.Length;
            while (!stop.IsCancellationRequested)
            {
                var floor = Interlocked.Read(ref acked[which]);
                var seen = long.Parse((await f.Store.ResolveAsync(handles[which]))![0].DataAsText, System.Globalization.CultureInfo.InvariantCulture);
                if (seen < floor)
                {
                    lock (failures)
                    {
                        failures.Add($"{handles[which]}: read {seen} after write {floor} was acknowledged");
                    }
                }
            }
        })).ToArray();
        var writers = handles.Select((h, which) => Task.Run(async () =>
        {
            for (var n = 1; n <= writes; n++)
            {
                Assert.Equal(HandleStoreResult.Ok, await f.Store.ModifyValuesAsync(h, [HandleValue.Text(1, "SEQ", n.ToString(System.Globalization.CultureInfo.InvariantCulture))]));
                Interlocked.Exchange(ref acked[which], n);
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Empty(failures);
        Assert.All(handles, h => Assert.Equal(writes.ToString(System.Globalization.CultureInfo.InvariantCulture), f.Store.ResolveAsync(h).AsTask().Result![0].DataAsText));
    }

    private static async Task<List<string>> ListAsync(HandleStore store, string prefix)
    {
        var list = new List<string>();
        await foreach (var h in store.ListHandlesAsync(prefix))
        {
            list.Add(h);
        }
        return list;
    }
}
