using System.Buffers;
using System.Buffers.Text;
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
        if (actor.Role == Role.Public)
        {
            return new BatchReply(401, 402, null, 0, "sign in or send an API token", null, null, []);
        }
        if (records.Count > HandleStore.MaxBatch)
        {
            return new BatchReply(400, 2, null, 0, $"a batch holds at most {HandleStore.MaxBatch} identifiers; this one has {records.Count}", null, null, []);
        }
        var checkedPrefixes = new Dictionary<string, PrefixRow?>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            var handle = records[i].Handle;
            if (handle is null || !HandleName.IsValid(handle))
            {
                return new BatchReply(400, 102, null, 0, $"record {i + 1}: '{handle}' is not a handle (expected prefix/suffix)", i + 1, handle, []);
            }
            var prefix = HandleName.Prefix(handle);
            if (!checkedPrefixes.TryGetValue(prefix, out var row))
            {
                checkedPrefixes[prefix] = row = await registry.PrefixAsync(prefix, ct);
            }
            if (row is null)
            {
                return new BatchReply(400, 301, null, 0, $"record {i + 1}: prefix {prefix} is not registered here", i + 1, handle, []);
            }
            if (!RegistryService.MayRegister(actor, row))
            {
                return new BatchReply(403, 400, null, 0, $"record {i + 1}: only {row.OwnerName} or the ministry registers under {prefix}", i + 1, handle, []);
            }
        }
        var batchId = Guid.NewGuid().ToString();
        var digest = Digest(records);
        var outcome = await store.CreateBatchCoreAsync(records, batchId, tx => audit.AppendAsync(new AuditEntry(actor.Id, "identifiers.batch.register", "identifier_batch", batchId, null,
            JsonSerializer.Serialize(new
            {
                count = records.Count,
                sha256 = digest,
                first = records.Count > 0 ? records[0].Handle : null,
                last = records.Count > 0 ? records[^1].Handle : null,
                prefixes = checkedPrefixes.Keys.Order(StringComparer.Ordinal).ToArray(),
            })), tx, ct), ct);
        var r = outcome.Result;
        return r.Result switch
        {
            HandleStoreResult.Ok => new BatchReply(200, 1, records.Count == 0 ? null : batchId, r.Created, null, null, null, []),
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
