using IctGov.Kernel.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace IctGov.Kernel.Tests;

public sealed class ClientTokenBucketsTests
{
    [Fact]
    public void Burst_ThenRefillsAtTheRate_PerClient()
    {
        var time = new FakeTimeProvider();
        var buckets = new ClientTokenBuckets<string>(time, () => (2, 3));
        Assert.True(buckets.TryAcquire("a"));
        Assert.True(buckets.TryAcquire("a"));
        Assert.True(buckets.TryAcquire("a"));
        Assert.False(buckets.TryAcquire("a"));
        // Another client has its own bucket.
        Assert.True(buckets.TryAcquire("b"));
        time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.True(buckets.TryAcquire("a"));
        Assert.False(buckets.TryAcquire("a"));
    }

    [Fact]
    public void Cost_IsTakenWhole_OrNotAtAll()
    {
        var time = new FakeTimeProvider();
        var buckets = new ClientTokenBuckets<string>(time, () => (1000, 4000));
        Assert.True(buckets.TryAcquire("net", 3000));
        // 1,000 left: a 1,500 cost is refused and takes nothing, so a 1,000 cost still passes.
        Assert.False(buckets.TryAcquire("net", 1500));
        Assert.True(buckets.TryAcquire("net", 1000));
        Assert.False(buckets.TryAcquire("net", 1));
        // More than the burst can never be paid, however long the client waits.
        time.Advance(TimeSpan.FromHours(1));
        Assert.False(buckets.TryAcquire("net", 4001));
        Assert.True(buckets.TryAcquire("net", 4000));
    }
}
