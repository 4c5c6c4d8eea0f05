using IctGov.Identifiers.Registry;
using IctGov.Identifiers.Statistics;
using IctGov.Identifiers.Storage;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Protocols.Handle;
using IctGov.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Identifiers.Tests.Statistics;

public class StatisticsTests
{
    /// <summary>04:00 on 2 June in Beijing is 20:00 on 1 June in UTC: the resolution counts for Beijing's day.</summary>
    [Fact]
    public async Task Meter_CountsResolutionsOnTheBeijingDay()
    {
        await using var f = await Fixture.CreateAsync(DatabaseProvider.Sqlite);
        f.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 1, 20, 0, 0, TimeSpan.Zero));
        var meter = f.Services.GetRequiredService<ResolutionMeter>();
        meter.Resolved("88.100.1", true);
        Assert.Equal("2026-06-02", Assert.Single(meter.Pending).Day);
    }

    [Theory, DatabaseData]
    public async Task Meter_FlushedCounts_AddUpPerDayAcrossFlushes(DatabaseProvider provider)
    {
        await using var f = await Fixture.CreateAsync(provider);
        var meter = f.Services.GetRequiredService<ResolutionMeter>();
        var rng = new Random(7);
        var expected = new Dictionary<string, (long Found, long Missing)>();
        for (var day = 0; day < 3; day++)
        {
            var key = f.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < 500; i++)
            {
                var found = rng.Next(4) != 0;
                meter.Resolved(i % 3 == 0 ? "88.100.1" : "88.100.2", found);
                var e = expected.GetValueOrDefault(key);
                expected[key] = found ? (e.Found + 1, e.Missing) : (e.Found, e.Missing + 1);
                if (i == 250)
                {
                    await meter.FlushAsync(default); // a flush mid-day adds to, not replaces, the day's row
                }
            }
            await meter.FlushAsync(default);
            f.Clock.Advance(TimeSpan.FromDays(1));
        }
        meter.Resolved("88.100.1", true); // pending, not flushed: still counted by the statistics
        var today = f.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        expected[today] = (1, 0);
        await using var scope = f.Scope();
        var figures = await scope.ServiceProvider.GetRequiredService<IdentifierStatistics>().ComputeAsync(default);
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new DayCount(e.Key, e.Value.Found, e.Value.Missing)), figures.ResolutionsPerDay);
    }

    [Theory, DatabaseData]
    public async Task Publish_SendsSecondaryNodesAndRegistrationsInHundredMillions(DatabaseProvider provider)
    {
        await using var f = await Fixture.CreateAsync(provider);
        var ministry = Actor.System("test");
        await using var scope = f.Scope();
        var registry = scope.ServiceProvider.GetRequiredService<RegistryService>();
        Assert.Equal(OutcomeStatus.Ok, (await registry.CreatePrefixAsync(new PrefixRequest("88.101", PrefixLevels.Secondary, "88", "演示二级节点甲", "u1", "C", "320000", true), ministry, default)).Status);
        Assert.Equal(OutcomeStatus.Ok, (await registry.CreatePrefixAsync(new PrefixRequest("88.102", PrefixLevels.Secondary, "88", "演示二级节点乙", "u2", "I", "440000", true), ministry, default)).Status);
        Assert.Equal(OutcomeStatus.Ok, (await registry.CreateNodeAsync(new NodeRequest("演示二级节点甲", NodeRoles.Secondary, "C", "320000", "88.101", ["tcp://127.0.0.1:2641"], null, true), ministry, default)).Status);
        Assert.Equal(OutcomeStatus.Ok, (await registry.CreateNodeAsync(new NodeRequest("演示二级节点乙", NodeRoles.Secondary, "I", "440000", "88.102", [], null, true), ministry, default)).Status);
        Assert.Equal(OutcomeStatus.Ok, (await registry.CreateNodeAsync(new NodeRequest("演示递归节点", NodeRoles.PublicRecursive, null, "440000", null, [], null, true), ministry, default)).Status);
        Assert.Equal(OutcomeStatus.Ok, (await registry.CreateNodeAsync(new NodeRequest("演示未来节点", NodeRoles.Secondary, "C", "320000", "88.101", [], new DateOnly(2027, 1, 1), true), ministry, default)).Status);
        var store = f.Store;
        Assert.Equal(HandleStoreResult.Ok, (await store.CreateBatchAsync(Enumerable.Range(0, 300).Select(i => new HandleRecord($"88.101/{i}", [HandleValue.Text(1, "URL", "u")])).ToList())).Result);
        Assert.Equal(HandleStoreResult.Ok, (await store.CreateBatchAsync(Enumerable.Range(0, 200).Select(i => new HandleRecord($"88.102/{i}", [HandleValue.Text(1, "URL", "u")])).ToList())).Result);
        await store.DeleteAsync("88.102/0");

        var stats = scope.ServiceProvider.GetRequiredService<IdentifierStatistics>();
        var figures = await stats.ComputeAsync(default);
        Assert.Equal([new CountBy("C", Industries.Zh("C"), 300), new CountBy("I", Industries.Zh("I"), 199)], figures.ByIndustry);
        Assert.Equal(["320000", "440000"], figures.ByProvince.Select(p => p.Key));

        Assert.Equal(OutcomeStatus.Forbidden, (await stats.PublishAsync("2026", new Actor("u", "u", Role.Reporter, null, "u1", []), default)).Status);
        Assert.Equal(OutcomeStatus.Unprocessable, (await stats.PublishAsync("2025", ministry, default)).Status);
        var reply = await stats.PublishAsync("2026", ministry, default);
        Assert.Equal(OutcomeStatus.Ok, reply.Status);
        var sent = f.Recorder.Records.ToDictionary(r => r.Subject);
        Assert.Equal(2m, sent["7"].Value); // two secondary nodes in service; recursive and not-yet-in-service ones are not counted
        Assert.Equal(499m / 100_000_000m, sent["15"].Value);
        Assert.Equal((2m, 499m / 100_000_000m), (sent["z9.2.secondary-nodes"].Value, sent["z9.2.identifier-registrations"].Value));
        Assert.All(sent.Values, r => Assert.Equal(("100000", "2026", IdentifierStatistics.Source), (r.Region, r.Period, r.Source)));
        Assert.Contains(f.Audit.Entries, e => e.Action == "identifiers.statistics.publish");
    }
}
