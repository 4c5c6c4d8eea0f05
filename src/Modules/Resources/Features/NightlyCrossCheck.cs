using IctGov.Kernel.Security;
using IctGov.Kernel.Time;
using IctGov.Resources.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IctGov.Resources.Features;

/// <summary>The nightly cross-check, configuration section <c>Resources:CrossCheck</c>.</summary>
internal sealed class CrossCheckOptions
{
    /// <summary>Whether <c>ictgov serve</c> runs the whole cross-check every night (<c>--Resources:CrossCheck:Nightly=false</c> for none).</summary>
    public bool Nightly { get; set; } = true;

    /// <summary>When, in China Standard Time (<c>--Resources:CrossCheck:NightlyAt=03:30</c>).</summary>
    public TimeOnly NightlyAt { get; set; } = new(2, 0);
}

/// <summary>
/// Runs <see cref="CrossCheck.RunAsync"/> every night at <see cref="CrossCheckOptions.NightlyAt"/> Beijing time on the
/// platform's clock, as the system (findings and the audit entry name <c>system:resources-nightly-check</c>), beside the
/// ministry's on-demand runs. A night with nothing registered is skipped; a failed run is logged and tried the next night.
/// </summary>
internal sealed class NightlyCrossCheck(IServiceScopeFactory scopes, IOptions<CrossCheckOptions> options, TimeProvider time, ILogger<NightlyCrossCheck> log) : BackgroundService
{
    public static readonly Actor System = Actor.System("resources-nightly-check");

    /// <summary>The first moment after <paramref name="now"/> that is <paramref name="at"/> in Beijing (China keeps UTC+8 all year).</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeOnly at)
    {
        var local = TimeZoneInfo.ConvertTime(now, ChinaCalendar.ChinaStandardTime);
        var run = new DateTimeOffset(local.Date + at.ToTimeSpan(), local.Offset);
        return run > local ? run : run.AddDays(1);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Nightly)
        {
            return;
        }
        log.LogInformation("Resources cross-check runs nightly at {At} China Standard Time", o.NightlyAt);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            await Task.Delay(NextRun(now, o.NightlyAt) - now, time, stoppingToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ResourcesDbContext>();
                if (!await db.Subjects.AnyAsync(stoppingToken) && !await db.Providers.AnyAsync(stoppingToken))
                {
                    continue;
                }
                var outcome = await scope.ServiceProvider.GetRequiredService<CrossCheck>().RunAsync(System, stoppingToken);
                log.LogInformation("Nightly cross-check: {Found} new findings", outcome.Value);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Findings stay as they were; the next night tries again.
                log.LogError(e, "The nightly cross-check failed");
            }
        }
    }
}
