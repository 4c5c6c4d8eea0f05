using System.ComponentModel.DataAnnotations;
using System.Net;
using IctGov.Kernel.RateLimiting;
using Microsoft.Extensions.Options;

namespace IctGov.Complaints.Features;

/// <summary>How often one address may file through the public form, from <c>Complaints:PublicIntake</c>.</summary>
internal sealed class PublicIntakeOptions
{
    /// <summary>Complaints per hour on average from one address once its burst is spent.</summary>
    [Range(0.001, 100_000)]
    public double PerHour { get; set; } = 20;

    /// <summary>Complaints one address may file at once (a family filing for several people, a shared office address).</summary>
    [Range(1, 10_000)]
    public int Burst { get; set; } = 5;
}

/// <summary>
/// The public form takes complaints without an account, so one address could flood a province's queue (and
/// its statutory clocks). Staff entering complaints from the phone centre are signed in and not limited.
/// </summary>
internal sealed class PublicIntakeThrottle(TimeProvider time, IOptionsMonitor<PublicIntakeOptions> options)
{
    private readonly ClientTokenBuckets<IPAddress> _buckets = new(time, () => (options.CurrentValue.PerHour / 3600, options.CurrentValue.Burst));

    /// <summary>Whether <paramref name="client"/> may file one more complaint now (an unknown address is not limited).</summary>
    public bool TryAcquire(IPAddress? client) => client is null || _buckets.TryAcquire(client);
}
