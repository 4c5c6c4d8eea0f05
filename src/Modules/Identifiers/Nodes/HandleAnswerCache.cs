using IctGov.Protocols.Handle;

namespace IctGov.Identifiers.Nodes;

/// <summary>What the hierarchy said about a handle: its values, "not found", or another error.</summary>
internal sealed record HandleAnswer(ResponseCode Code, IReadOnlyList<HandleValue>? Values, string Message)
{
    public static HandleAnswer Found(IReadOnlyList<HandleValue> values) => new(ResponseCode.Success, values, "");

    public static HandleAnswer NotFound() => new(ResponseCode.HandleNotFound, null, "Handle not found");
}

/// <summary>
/// The recursive node's answer cache: positive answers live as long as their values' TTL, HANDLE_NOT_FOUND for
/// the configured negative TTL. Bounded: past its capacity the least recently used entry goes. Time comes from
/// the <see cref="TimeProvider"/> so expiry is testable with a fake clock.
/// </summary>
internal sealed class HandleAnswerCache(TimeProvider time, int capacity)
{
    private sealed record Entry(string Key, HandleAnswer Answer, DateTimeOffset Expires);

    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public HandleAnswer? TryGet(string key)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return null;
            }
            if (node.Value.Expires <= now)
            {
                _recency.Remove(node);
                _entries.Remove(key);
                return null;
            }
            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Answer;
        }
    }

    public void Put(string key, HandleAnswer answer, TimeSpan ttl)
    {
        if (ttl <= TimeSpan.Zero || capacity <= 0)
        {
            return;
        }
        var entry = new Entry(key, answer, time.GetUtcNow() + ttl);
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                _recency.Remove(existing);
            }
            _entries[key] = _recency.AddFirst(entry);
            while (_entries.Count > capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }
        }
    }
}
