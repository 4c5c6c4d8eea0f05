using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Storage;

/// <summary>
/// The identifier registry's storage, as the protocol servers, the REST API and batch registration
/// see it. Implementations key on <see cref="HandleName.Normalize"/>, serve hot identifiers from
/// memory and invalidate that memory inside every local write, so a read after a write never sees
/// the old value.
/// </summary>
internal interface IHandleStore
{
    /// <summary>All values of the handle, or null when it does not exist.</summary>
    ValueTask<IReadOnlyList<HandleValue>?> ResolveAsync(string handle, CancellationToken ct = default);

    /// <summary>Creates the handle with its values; with <paramref name="overwrite"/> replaces an existing one.</summary>
    ValueTask<HandleStoreResult> CreateAsync(string handle, IReadOnlyList<HandleValue> values, bool overwrite = false, CancellationToken ct = default);

    /// <summary>Creates every handle of the batch or none (a duplicate inside or against the store rejects the batch).</summary>
    ValueTask<BatchResult> CreateBatchAsync(IReadOnlyList<HandleRecord> records, CancellationToken ct = default);

    /// <summary>Deletes the handle and all its values.</summary>
    ValueTask<HandleStoreResult> DeleteAsync(string handle, CancellationToken ct = default);

    /// <summary>Adds values; fails when any index is already taken.</summary>
    ValueTask<HandleStoreResult> AddValuesAsync(string handle, IReadOnlyList<HandleValue> values, CancellationToken ct = default);

    /// <summary>Removes values by index; fails when any index does not exist.</summary>
    ValueTask<HandleStoreResult> RemoveValuesAsync(string handle, IReadOnlyList<int> indexes, CancellationToken ct = default);

    /// <summary>Replaces values by index; fails when any index does not exist.</summary>
    ValueTask<HandleStoreResult> ModifyValuesAsync(string handle, IReadOnlyList<HandleValue> values, CancellationToken ct = default);

    /// <summary>Handles under a prefix (LIST_HANDLES), in storage-key order.</summary>
    IAsyncEnumerable<string> ListHandlesAsync(string prefix, CancellationToken ct = default);
}

/// <summary>A handle and its values.</summary>
internal sealed record HandleRecord(string Handle, IReadOnlyList<HandleValue> Values);

/// <summary>Outcome of a store write; the protocol maps these to its response codes.</summary>
internal enum HandleStoreResult
{
    Ok,
    HandleNotFound,
    HandleAlreadyExists,
    ValueNotFound,
    ValueAlreadyExists,
    InvalidValue,
}

/// <summary>Outcome of a batch: on failure, the position and handle that stopped it.</summary>
internal sealed record BatchResult(HandleStoreResult Result, int Created, int? FailedAt = null, string? FailedHandle = null);
