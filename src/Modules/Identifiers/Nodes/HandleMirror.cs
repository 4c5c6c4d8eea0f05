using System.Net;
using System.Text;
using IctGov.Identifiers.Storage;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IctGov.Identifiers.Nodes;

/// <summary>
/// Keeps a read-only mirror site in step with its primary site by pulling over the Handle protocol itself.
/// Handle.Net mirrors replay the primary's transaction log (RETRIEVE_TXN_LOG / DUMP_HANDLES); the registry's
/// store keeps no transaction log, so this pull is simpler: every poll, for each homed prefix and each primary
/// server, LIST_HANDLES and then an authenticated RESOLUTION of each listed handle (all values, including
/// administrator-readable keys), written here with overwrite; handles the primary no longer lists are deleted.
/// The first round is the catch-up, later rounds follow. Cost is one resolution per handle per poll, fine for
/// the prefix sizes a mirror of one enterprise or secondary node carries, not for hundreds of millions.
/// </summary>
internal sealed class HandleMirror(IHandleStore store, IOptions<HandleNodeOptions> options, TimeProvider time, ILogger<HandleMirror> log) : BackgroundService
{
    private readonly HashSet<string> _mirrored = new(StringComparer.OrdinalIgnoreCase);
    private long _rounds;

    /// <summary>Completed pull rounds (tests wait on it).</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.IsMirror)
        {
            return;
        }
        if (o.MirrorAdmin is null || o.MirrorSecretKey is null)
        {
            throw new InvalidOperationException("A mirror needs MirrorAdmin (index:handle) and MirrorSecretKey to pull from its primary.");
        }
        var admin = AdminReference.Parse(o.MirrorAdmin);
        var authentication = new SecretKeyAuthentication(admin.Handle, admin.Index, Encoding.UTF8.GetBytes(o.MirrorSecretKey));
        var sources = o.MirrorOf!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(IPEndPoint.Parse).ToList();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PullAsync(sources, o.ResponsiblePrefixes, authentication, stoppingToken);
                Interlocked.Increment(ref _rounds);
            }
            catch (Exception e) when (e is HandleClientException or TimeoutException or IOException or System.Net.Sockets.SocketException)
            {
                // The primary being away is normal for a mirror: keep serving what we have and try again.
                log.LogWarning("Mirror pull failed: {Error}", e.Message);
            }
            await Task.Delay(o.MirrorPollInterval, time, stoppingToken);
        }
    }

    private async Task PullAsync(IReadOnlyList<IPEndPoint> sources, IList<string> prefixes, HandleAuthentication authentication, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in sources)
        {
            var client = new HandleClient(null, source, null, options.Value.UpstreamTimeout);
            foreach (var prefix in prefixes)
            {
                var listed = await client.SendAsync(new ListHandlesRequest(HandleName.PrefixHandle(prefix)), HandleTransport.Tcp, authentication, ct);
                if (listed is not ListHandlesResponse list)
                {
                    throw new HandleClientException($"LIST_HANDLES for {prefix} at {source} answered {listed.ResponseCode}");
                }
                foreach (var handle in list.Handles)
                {
                    var answer = await client.SendAsync(new ResolutionRequest(handle), HandleTransport.Tcp, authentication, ct);
                    if (answer is ResolutionResponse resolved)
                    {
                        seen.Add(handle);
                        await store.CreateAsync(handle, resolved.Values, overwrite: true, ct);
                    }
                    else if (answer.ResponseCode == ResponseCode.InvalidAdmin)
                    {
                        // The handle's own HS_ADMIN does not let the mirror's administrator read it (make it a server
                        // administrator of the primary): it still exists there, so keep whatever copy is here.
                        seen.Add(handle);
                        log.LogWarning("Mirror administrator may not read {Handle} at {Source}", handle, source);
                    }
                }
            }
        }
        // Only a full round (every source answered) may delete: a missing source must not empty the mirror.
        foreach (var gone in _mirrored.Where(h => !seen.Contains(h)).ToList())
        {
            await store.DeleteAsync(gone, ct);
            _mirrored.Remove(gone);
        }
        _mirrored.UnionWith(seen);
    }
}
