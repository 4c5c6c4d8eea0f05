using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IctGov.Identifiers.Data;
using IctGov.Identifiers.Registry;
using IctGov.Identifiers.Storage;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Security;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Features;

/// <summary>What a batch registration did, for the API and the command line.</summary>
internal sealed record BatchReply(int Status, int ResponseCode, string? BatchId, int Created, string? Message, int? FailedRecord, string? FailedHandle,
    IReadOnlyList<TemplateViolation> Violations);

/// <summary>
/// Batch registration with its rules: the caller may register under every prefix of the batch,
/// the batch fits the store's limit and the templates, and one audit entry records the batch
/// (its count and a SHA-256 digest of its content) in the batch's own transaction.
/// </summary>
internal sealed class Registration(HandleStore store, RegistryService registry, IAuditLog audit)
{
    public async Task<BatchReply> RegisterBatchAsync(IReadOnlyList<HandleRecord> records, Actor actor, CancellationToken ct)
    {
        var (refused, prepared) = await PrepareAsync(records, actor, null, ct);
        if (refused is not null)
        {
            return refused;
        }
        using (prepared)
        {
            return await CommitAsync(prepared!, actor, null, ct);
        }
    }

    /// <summary>
    /// Everything before the transaction: the caller's right to every prefix, the store's checks
    /// (syntax, duplicates within the batch, values, templates), the rows' encoding and the digest.
    /// Returns the refusal, or the batch ready for <see cref="CommitAsync"/> (the caller disposes it).
    /// <paramref name="prefixes"/>, when given, keeps the prefixes looked up across the batches of
    /// one file run (one actor, one request); without it every batch reads them afresh.
    /// </summary>
    public async Task<(BatchReply? Refused, PreparedRegistration? Prepared)> PrepareAsync(IReadOnlyList<HandleRecord> records, Actor actor, RegistrationTimings? timings,
        CancellationToken ct, Dictionary<string, PrefixRow?>? prefixes = null)
    {
        if (!actor.IsSignedIn)
        {
            return (new BatchReply(401, 402, null, 0, "sign in or send an API token", null, null, []), null);
        }
        if (records.Count > HandleStore.MaxBatch)
        {
            return (new BatchReply(400, 2, null, 0, $"a batch holds at most {HandleStore.MaxBatch} identifiers; this one has {records.Count}", null, null, []), null);
        }
        var started = Stopwatch.GetTimestamp();
        var checkedPrefixes = new Dictionary<string, PrefixRow?>(StringComparer.Ordinal);
        prefixes ??= checkedPrefixes;
        // Records of one prefix come in runs; comparing with the last one's prefix spares a
        // substring per record.
        string? lastPrefix = null;
        for (var i = 0; i < records.Count; i++)
        {
            var handle = records[i].Handle;
            if (handle is null || !HandleName.IsValid(handle))
            {
                return (new BatchReply(400, 102, null, 0, $"record {i + 1}: '{handle}' is not a handle (expected prefix/suffix)", i + 1, handle, []), null);
            }
            var slash = handle.IndexOf('/', StringComparison.Ordinal);
            if (lastPrefix is not null && handle.AsSpan(0, slash).SequenceEqual(lastPrefix))
            {
                continue;
            }
            var prefix = lastPrefix = handle[..slash];
            if (!prefixes.TryGetValue(prefix, out var row))
            {
                prefixes[prefix] = row = await registry.PrefixAsync(prefix, ct);
            }
            checkedPrefixes[prefix] = row;
            if (row is null)
            {
                return (new BatchReply(400, 301, null, 0, $"record {i + 1}: prefix {prefix} is not registered here", i + 1, handle, []), null);
            }
            if (!RegistryService.MayRegister(actor, row))
            {
                return (new BatchReply(403, 400, null, 0, $"record {i + 1}: only {row.OwnerName} or the ministry registers under {prefix}", i + 1, handle, []), null);
            }
        }
        timings?.Add(RegistrationPhase.Permissions, started);
        var outcome = store.PrepareBatch(records, timings, out var batch);
        if (outcome is not null)
        {
            return (Refusal(outcome), null);
        }
        started = Stopwatch.GetTimestamp();
        var digest = Digest(records);
        timings?.Add(RegistrationPhase.Digest, started);
        return (null, new PreparedRegistration(batch!, digest, [.. checkedPrefixes.Keys.Order(StringComparer.Ordinal)]));
    }

    /// <summary>Writes a prepared batch with its audit entry in one transaction.</summary>
    public async Task<BatchReply> CommitAsync(PreparedRegistration prepared, Actor actor, RegistrationTimings? timings, CancellationToken ct)
    {
        var records = prepared.Batch.Records;
        var batchId = Guid.NewGuid().ToString();
        var outcome = await store.WriteBatchAsync(prepared.Batch, batchId, tx => audit.AppendAsync(new AuditEntry(actor.Id, "identifiers.batch.register", "identifier_batch", batchId, null,
            JsonSerializer.Serialize(new
            {
                count = records.Count,
                sha256 = prepared.Digest,
                first = records.Count > 0 ? records[0].Handle : null,
                last = records.Count > 0 ? records[^1].Handle : null,
                prefixes = prepared.Prefixes,
            })), tx, ct), timings, ct);
        return outcome.Result.Result == HandleStoreResult.Ok
            ? new BatchReply(200, 1, records.Count == 0 ? null : batchId, outcome.Result.Created, null, null, null, [])
            : Refusal(outcome);
    }

    /// <summary>
    /// For a batch refused because some of its handles exist (a re-run of a file after the process was killed between a
    /// batch's commit and its acknowledgement): the records not registered yet, and how many are registered already with
    /// exactly the values given (only the server's timestamps differ), or the first record registered with other values.
    /// </summary>
    public async Task<(List<HandleRecord> Fresh, int Same, BatchReply? Differs)> SplitRegisteredAsync(IReadOnlyList<HandleRecord> records, CancellationToken ct)
    {
        var fresh = new List<HandleRecord>(records.Count);
        var same = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var stored = await store.ResolveAsync(records[i].Handle, ct);
            if (stored is null)
            {
                fresh.Add(records[i]);
            }
            else if (SameValues(stored, records[i].Values))
            {
                same++;
            }
            else
            {
                return (fresh, same, new BatchReply(409, 101, null, 0, $"record {i + 1}: {records[i].Handle} is already registered, with other values", i + 1, records[i].Handle, []));
            }
        }
        return (fresh, same, null);
    }

    private static bool SameValues(IReadOnlyList<HandleValue> stored, IReadOnlyList<HandleValue> given) =>
        stored.Count == given.Count
        && stored.OrderBy(v => v.Index).Zip(given.OrderBy(v => v.Index)).All(p =>
            p.First.Index == p.Second.Index && string.Equals(p.First.Type, p.Second.Type, StringComparison.Ordinal)
            && p.First.Data.AsSpan().SequenceEqual(p.Second.Data) && p.First.TtlType == p.Second.TtlType && p.First.Ttl == p.Second.Ttl
            && p.First.Permissions == p.Second.Permissions && p.First.References.SequenceEqual(p.Second.References));

    private static BatchReply Refusal(BatchOutcome outcome)
    {
        var r = outcome.Result;
        return r.Result switch
        {
            HandleStoreResult.Ok => new BatchReply(200, 1, null, r.Created, null, null, null, []),
            HandleStoreResult.HandleAlreadyExists => new BatchReply(409, 101, null, 0, outcome.Problem, r.FailedAt + 1, r.FailedHandle, []),
            _ => new BatchReply(400, 202, null, 0, outcome.Problem, r.FailedAt + 1, r.FailedHandle, outcome.Violations),
        };
    }

    /// <summary>SHA-256 over each record's handle and stored values, one line per record, so an auditor can recompute it from the rows.</summary>
    public static string Digest(IReadOnlyList<HandleRecord> records)
    {
        // Every field is encoded into one reused buffer and hashed as one span per record: the
        // batch path digests 2,000 records per batch, and per-field byte arrays and base64 strings
        // were millions of short-lived allocations per million identifiers.
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new ArrayBufferWriter<byte>(1024);
        foreach (var r in records)
        {
            buffer.ResetWrittenCount();
            Write(buffer, r.Handle);
            Write(buffer, "\t");
            foreach (var v in r.Values)
            {
                var span = buffer.GetSpan(11);
                v.Index.TryFormat(span, out var n, default, CultureInfo.InvariantCulture);
                buffer.Advance(n);
                Write(buffer, "\t");
                Write(buffer, v.Type);
                Write(buffer, "\t");
                var b64 = buffer.GetSpan(Base64.GetMaxEncodedToUtf8Length(v.Data.Length));
                Base64.EncodeToUtf8(v.Data, b64, out _, out var written);
                buffer.Advance(written);
                Write(buffer, "\t");
            }
            Write(buffer, "\n");
            sha.AppendData(buffer.WrittenSpan);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());

        static void Write(ArrayBufferWriter<byte> to, string text)
        {
            var n = Encoding.UTF8.GetBytes(text, to.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
            to.Advance(n);
        }
    }
}

/// <summary>A batch that passed every check before its transaction: its encoded rows, the digest and the prefixes its audit entry names.</summary>
internal sealed record PreparedRegistration(PreparedBatch Batch, string Digest, string[] Prefixes) : IDisposable
{
    public void Dispose() => Batch.Dispose();
}
