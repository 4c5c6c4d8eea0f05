using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using IctGov.Protocols.Handle.Messages;

namespace IctGov.Identifiers.Nodes;

/// <summary>A challenge waiting for its answer: the request it guards, the nonce and the request digest the client must sign.</summary>
internal sealed record PendingChallenge(HandleRequest Request, byte[] Nonce, byte[] RequestDigest, IPAddress Client, DateTimeOffset Expires);

/// <summary>
/// Outstanding challenges keyed by the session id the challenge carried (the reference client links its answer
/// to the challenge through that id). Bounded, and every entry expires.
/// </summary>
internal sealed class ChallengeTable(TimeProvider time, int capacity)
{
    private readonly ConcurrentDictionary<int, PendingChallenge> _pending = new();

    /// <summary>Stores a challenge and returns its session id, or null when the table is full.</summary>
    public int? Add(HandleRequest request, byte[] nonce, byte[] digest, IPAddress client, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        if (_pending.Count >= capacity)
        {
            foreach (var (key, value) in _pending)
            {
                if (value.Expires <= now)
                {
                    _pending.TryRemove(key, out _);
                }
            }
            if (_pending.Count >= capacity)
            {
                return null;
            }
        }
        while (true)
        {
            var id = RandomNumberGenerator.GetInt32(1, int.MaxValue);
            if (_pending.TryAdd(id, new PendingChallenge(request, nonce, digest, client, now + lifetime)))
            {
                return id;
            }
        }
    }

    /// <summary>Takes the challenge for a session id (each challenge can be answered once).</summary>
    public PendingChallenge? Take(int sessionId, IPAddress client)
    {
        if (!_pending.TryRemove(sessionId, out var pending))
        {
            return null;
        }
        return pending.Expires > time.GetUtcNow() && pending.Client.Equals(client) ? pending : null;
    }
}
