using System.Diagnostics;

namespace IctGov.Identifiers.Storage;

/// <summary>The phases of a batch registration, in the order a batch goes through them.</summary>
internal enum RegistrationPhase
{
    /// <summary>Reading and splitting the file into records (syntax, duplicates within the file).</summary>
    Parse,
    /// <summary>The caller's right to every prefix of the batch (one registry lookup per prefix and batch).</summary>
    Permissions,
    /// <summary>Handle syntax, duplicates within the batch, value indexes and types, data templates.</summary>
    Validate,
    /// <summary>Storage keys and each row's stored form (UTF-8 key, handle, prefix and values JSON).</summary>
    Encode,
    /// <summary>The audit entry's SHA-256 over the batch.</summary>
    Digest,
    /// <summary>Waiting for the single SQLite writer and beginning the transaction.</summary>
    Begin,
    /// <summary>The INSERTs; a key that exists already fails its row, which is the duplicate check against the store.</summary>
    Insert,
    /// <summary>The per-prefix registration counters.</summary>
    Count,
    /// <summary>The batch's audit entry (head of the chain read, entry hashed and inserted).</summary>
    Audit,
    /// <summary>COMMIT (the write-ahead log append).</summary>
    Commit,
    /// <summary>Dropping the batch's keys from the resolution cache.</summary>
    Invalidate,
}

/// <summary>
/// CPU-side time per phase of a registration run, summed over batches. Phases of different batches
/// run on two threads at once (a batch is checked and encoded while the one before it is written),
/// so the sum can exceed the wall time. Recording costs two timestamp reads per phase and batch.
/// </summary>
internal sealed class RegistrationTimings
{
    private readonly long[] _ticks = new long[Enum.GetValues<RegistrationPhase>().Length];

    /// <summary>Adds the time since <paramref name="since"/> (a <see cref="Stopwatch.GetTimestamp"/>) to the phase; returns now.</summary>
    public long Add(RegistrationPhase phase, long since)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref _ticks[(int)phase], now - since);
        return now;
    }

    public TimeSpan this[RegistrationPhase phase] => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _ticks[(int)phase]));

    /// <summary>Every phase with its time, in pipeline order.</summary>
    public IReadOnlyList<KeyValuePair<string, TimeSpan>> ToList() =>
        Enum.GetValues<RegistrationPhase>().Select(p => KeyValuePair.Create(p.ToString().ToLowerInvariant(), this[p])).ToList();
}
