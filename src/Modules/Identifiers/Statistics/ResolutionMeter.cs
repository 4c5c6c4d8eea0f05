using System.Collections.Concurrent;
using System.Globalization;
using IctGov.Identifiers.Storage;
using Microsoft.Extensions.Hosting;
using IctGov.Kernel.Time;

namespace IctGov.Identifiers.Statistics;

/// <summary>
/// Counts resolutions in memory per day (in Beijing) and prefix; <see cref="FlushAsync"/> adds them to the
/// daily table. Between flushes the counts live only here, so a process kill loses at most one
/// interval's counts — a statistic, not a registration.
/// </summary>
internal sealed class ResolutionMeter(Connections db, TimeProvider clock) : IResolutionMeter
{
    private sealed class Counter
    {
        public long Resolved;
        public long NotFound;
    }

    private ConcurrentDictionary<(string Day, string Prefix), Counter> _counts = new();

    private sealed record Day(long Number, string Text);
    private Day _day = new(-1, "");

    public void Resolved(string prefix, bool found)
    {
        // The day's text is formatted once a day, not on every resolution; days are Beijing's.
        var now = clock.GetUtcNow().ToOffset(ChinaCalendar.UtcOffset).DateTime;
        var number = now.Ticks / TimeSpan.TicksPerDay;
        var cached = _day;
        if (cached.Number != number)
        {
            _day = cached = new Day(number, now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        var day = cached.Text;
        var c = _counts.GetOrAdd((day, prefix), static _ => new Counter());
        if (found)
        {
            Interlocked.Increment(ref c.Resolved);
        }
        else
        {
            Interlocked.Increment(ref c.NotFound);
        }
    }

    /// <summary>Counts not yet written (for tests and the statistics of the running process).</summary>
    public IEnumerable<(string Day, string Prefix, long Resolved, long NotFound)> Pending =>
        _counts.Select(kv => (kv.Key.Day, kv.Key.Prefix, Volatile.Read(ref kv.Value.Resolved), Volatile.Read(ref kv.Value.NotFound)));

    /// <summary>Writes the counts so far in one transaction and starts counting afresh.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var taken = Interlocked.Exchange(ref _counts, new ConcurrentDictionary<(string, string), Counter>());
        if (taken.IsEmpty)
        {
            return;
        }
        // A thread that fetched the old counter just before the swap may still add to it; give it a moment.
        await Task.Delay(10, ct);
        if (db.IsSqlite)
        {
            await db.SqliteWriter.WaitAsync(ct);
        }
        try
        {
            await using var conn = await db.OpenAsync(ct);
            await using var tx = await Connections.BeginWriteAsync(conn, ct);
            foreach (var ((day, prefix), c) in taken)
            {
                await using var cmd = HandleStore.Command(conn, tx, """
                    INSERT INTO identifiers_resolution_day ("Day", "Prefix", "Resolved", "NotFound") VALUES (@d, @p, @r, @n)
                    ON CONFLICT ("Day", "Prefix") DO UPDATE SET "Resolved" = identifiers_resolution_day."Resolved" + excluded."Resolved",
                        "NotFound" = identifiers_resolution_day."NotFound" + excluded."NotFound"
                    """);
                HandleStore.Add(cmd, "d", day);
                HandleStore.Add(cmd, "p", prefix);
                HandleStore.Add(cmd, "r", Interlocked.Read(ref c.Resolved));
                HandleStore.Add(cmd, "n", Interlocked.Read(ref c.NotFound));
                await cmd.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        finally
        {
            if (db.IsSqlite)
            {
                db.SqliteWriter.Release();
            }
        }
    }
}

/// <summary>Flushes the meter every ten seconds and once more on shutdown.</summary>
internal sealed class ResolutionMeterFlusher(ResolutionMeter meter) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await meter.FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down: StopAsync flushes
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await meter.FlushAsync(CancellationToken.None);
    }
}
