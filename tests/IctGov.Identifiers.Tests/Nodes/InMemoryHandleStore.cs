using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using IctGov.Identifiers.Storage;
using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Tests.Nodes;

/// <summary>A test store honouring the IHandleStore contract (normalised keys, index uniqueness); the real stores come from the registry.</summary>
internal sealed class InMemoryHandleStore : IHandleStore
{
    private readonly ConcurrentDictionary<string, (string Handle, List<HandleValue> Values)> _handles = new();
    private readonly Lock _gate = new();

    public void Put(string handle, params HandleValue[] values) => _handles[HandleName.Normalize(handle)] = (handle, [.. values]);

    public ValueTask<IReadOnlyList<HandleValue>?> ResolveAsync(string handle, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<HandleValue>?>(_handles.TryGetValue(HandleName.Normalize(handle), out var e) ? [.. e.Values] : null);
        }
    }

    public ValueTask<HandleStoreResult> CreateAsync(string handle, IReadOnlyList<HandleValue> values, bool overwrite = false, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (values.Select(v => v.Index).Distinct().Count() != values.Count)
            {
                return ValueTask.FromResult(HandleStoreResult.InvalidValue);
            }
            var key = HandleName.Normalize(handle);
            if (!overwrite && _handles.ContainsKey(key))
            {
                return ValueTask.FromResult(HandleStoreResult.HandleAlreadyExists);
            }
            _handles[key] = (handle, [.. values]);
            return ValueTask.FromResult(HandleStoreResult.Ok);
        }
    }

    public ValueTask<BatchResult> CreateBatchAsync(IReadOnlyList<HandleRecord> records, CancellationToken ct = default) =>
        throw new NotSupportedException();

    public ValueTask<HandleStoreResult> DeleteAsync(string handle, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_handles.TryRemove(HandleName.Normalize(handle), out _) ? HandleStoreResult.Ok : HandleStoreResult.HandleNotFound);
        }
    }

    public ValueTask<HandleStoreResult> AddValuesAsync(string handle, IReadOnlyList<HandleValue> values, CancellationToken ct = default) =>
        Change(handle, list =>
        {
            if (values.Any(v => list.Any(x => x.Index == v.Index)))
            {
                return HandleStoreResult.ValueAlreadyExists;
            }
            list.AddRange(values);
            return HandleStoreResult.Ok;
        });

    public ValueTask<HandleStoreResult> RemoveValuesAsync(string handle, IReadOnlyList<int> indexes, CancellationToken ct = default) =>
        Change(handle, list =>
        {
            if (indexes.Any(i => list.All(x => x.Index != i)))
            {
                return HandleStoreResult.ValueNotFound;
            }
            list.RemoveAll(x => indexes.Contains(x.Index));
            return HandleStoreResult.Ok;
        });

    public ValueTask<HandleStoreResult> ModifyValuesAsync(string handle, IReadOnlyList<HandleValue> values, CancellationToken ct = default) =>
        Change(handle, list =>
        {
            if (values.Any(v => list.All(x => x.Index != v.Index)))
            {
                return HandleStoreResult.ValueNotFound;
            }
            foreach (var v in values)
            {
                list[list.FindIndex(x => x.Index == v.Index)] = v;
            }
            return HandleStoreResult.Ok;
        });

    public async IAsyncEnumerable<string> ListHandlesAsync(string prefix, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await Task.Yield();
        var start = HandleName.Normalize(prefix) + "/";
        foreach (var key in _handles.Keys.Where(k => k.StartsWith(start, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            yield return _handles[key].Handle;
        }
    }

    private ValueTask<HandleStoreResult> Change(string handle, Func<List<HandleValue>, HandleStoreResult> change)
    {
        lock (_gate)
        {
            if (!_handles.TryGetValue(HandleName.Normalize(handle), out var entry))
            {
                return ValueTask.FromResult(HandleStoreResult.HandleNotFound);
            }
            var copy = new List<HandleValue>(entry.Values);
            var result = change(copy);
            if (result == HandleStoreResult.Ok)
            {
                _handles[HandleName.Normalize(handle)] = (entry.Handle, copy);
            }
            return ValueTask.FromResult(result);
        }
    }
}

/// <summary>A store whose every call fails, to prove the node still answers.</summary>
internal sealed class BrokenHandleStore : IHandleStore
{
    private static InvalidOperationException Broken() => new("database unavailable");

    public ValueTask<IReadOnlyList<HandleValue>?> ResolveAsync(string handle, CancellationToken ct = default) => throw Broken();
    public ValueTask<HandleStoreResult> CreateAsync(string handle, IReadOnlyList<HandleValue> values, bool overwrite = false, CancellationToken ct = default) => throw Broken();
    public ValueTask<BatchResult> CreateBatchAsync(IReadOnlyList<HandleRecord> records, CancellationToken ct = default) => throw Broken();
    public ValueTask<HandleStoreResult> DeleteAsync(string handle, CancellationToken ct = default) => throw Broken();
    public ValueTask<HandleStoreResult> AddValuesAsync(string handle, IReadOnlyList<HandleValue> values, CancellationToken ct = default) => throw Broken();
    public ValueTask<HandleStoreResult> RemoveValuesAsync(string handle, IReadOnlyList<int> indexes, CancellationToken ct = default) => throw Broken();
    public ValueTask<HandleStoreResult> ModifyValuesAsync(string handle, IReadOnlyList<HandleValue> values, CancellationToken ct = default) => throw Broken();
    public IAsyncEnumerable<string> ListHandlesAsync(string prefix, CancellationToken ct = default) => throw Broken();
}
