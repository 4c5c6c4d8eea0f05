using System.Collections.Concurrent;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IctGov.Identifiers.Nodes;

/// <summary>
/// The public recursive node: resolves any handle by walking the hierarchy from the root site (the reference
/// client's root_info), following SERVICE_REFERRAL and PREFIX_REFERRAL answers, choosing the server of a
/// multi-server site by the HS_SITE hash, asking over UDP with TCP fallback and trying the next site (a mirror)
/// when one does not answer. Answers are cached by TTL (misses by the negative TTL); identical concurrent misses
/// share one upstream walk. Loops end: a site seen twice in one walk, more referrals than
/// <see cref="HandleNodeOptions.MaxRecursion"/>, or a client recursion count at the limit all give RECURSION_COUNT_TOO_HIGH.
/// </summary>
internal sealed class HandleRecursiveResolver
{
    private readonly HandleNodeOptions _options;
    private readonly ILogger<HandleRecursiveResolver> _log;
    private readonly ConcurrentDictionary<string, Lazy<Task<HandleAnswer>>> _inflight = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time;
    private readonly HandleAnswerCache _referrals;
    private IReadOnlyList<SiteInfo>? _rootSites;
    private long _upstreamQueries;

    public HandleRecursiveResolver(IOptions<HandleNodeOptions> options, TimeProvider time, ILogger<HandleRecursiveResolver> log)
    {
        _options = options.Value;
        _time = time;
        _log = log;
        Cache = new HandleAnswerCache(time, _options.CacheCapacity);
        _referrals = new HandleAnswerCache(time, Math.Max(1, _options.CacheCapacity / 10));
    }

    public HandleAnswerCache Cache { get; }

    /// <summary>Requests sent to other nodes so far (cache and coalescing show up here).</summary>
    public long UpstreamQueries => Interlocked.Read(ref _upstreamQueries);

    /// <summary>Root sites to start from; read from <see cref="HandleNodeOptions.RootSiteInfoPath"/> on first use unless set.</summary>
    public IReadOnlyList<SiteInfo> RootSites
    {
        get => _rootSites ??= LoadRoot(_options.RootSiteInfoPath);
        set => _rootSites = value;
    }

    private static SiteInfo[] LoadRoot(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidOperationException("A recursive node needs RootSiteInfoPath (the root site's HS_SITE data).");
        }
        return [SiteInfo.Decode(File.ReadAllBytes(path))];
    }

    public async ValueTask<HandleResponse> ResolveAsync(ResolutionRequest request, CancellationToken ct)
    {
        if (request.RecursionCount >= _options.MaxRecursion)
        {
            return new ErrorResponse(request.OpCode, ResponseCode.RecursionCountTooHigh, $"Recursion count {request.RecursionCount} reached the limit {_options.MaxRecursion}");
        }
        var handle = HandleName.Normalize(request.Handle);
        var answer = Cache.TryGet(handle) ?? await CoalescedAsync(handle, request.RecursionCount + 1).WaitAsync(ct);
        if (answer.Code != ResponseCode.Success)
        {
            return new ErrorResponse(request.OpCode, answer.Code, answer.Message);
        }
        var values = answer.Values!.Where(v => TypeFilter.Selects(request.Indexes, request.Types, v)).ToList();
        return values.Count == 0
            ? new ErrorResponse(request.OpCode, ResponseCode.ValuesNotFound, "No values of the handle match the request")
            : new ResolutionResponse(request.Handle, values);
    }

    private Task<HandleAnswer> CoalescedAsync(string handle, int recursion)
    {
        var lazy = _inflight.GetOrAdd(handle, h => new Lazy<Task<HandleAnswer>>(() => WalkAndCacheAsync(h, recursion)));
        return lazy.Value;
    }

    private async Task<HandleAnswer> WalkAndCacheAsync(string handle, int recursion)
    {
        try
        {
            // Not the caller's token: other callers may be waiting on this walk; the upstream timeout bounds it.
            var answer = await WalkAsync(handle, recursion, depth: 0, CancellationToken.None);
            if (answer.Code == ResponseCode.Success)
            {
                Cache.Put(handle, answer, Ttl(answer.Values!));
            }
            else if (answer.Code == ResponseCode.HandleNotFound)
            {
                Cache.Put(handle, answer, _options.NegativeCacheTtl);
            }
            return answer;
        }
        finally
        {
            _inflight.TryRemove(handle, out _);
        }
    }

    private TimeSpan Ttl(IReadOnlyList<HandleValue> values)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var ttl = _options.MaxCacheTtl;
        foreach (var v in values)
        {
            var seconds = v.TtlType == TtlType.Absolute ? v.Ttl - now : v.Ttl;
            var span = TimeSpan.FromSeconds(Math.Max(0, seconds));
            if (span < ttl)
            {
                ttl = span;
            }
        }
        return ttl;
    }

    private async Task<HandleAnswer> WalkAsync(string handle, int recursion, int depth, CancellationToken ct)
    {
        IReadOnlyList<SiteInfo>? sites = RememberedSites(handle);
        var fromMemory = sites is not null;
        sites ??= RootSites;
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (var hop = 0; hop <= _options.MaxRecursion; hop++)
        {
            if (!visited.Add(SiteKey(sites)))
            {
                return new HandleAnswer(ResponseCode.RecursionCountTooHigh, null, $"Referral loop while resolving {handle}");
            }
            var response = await QueryAsync(sites, handle, recursion, ct);
            switch (response)
            {
                case null when fromMemory:
                    // A remembered site went away: walk from the root again, the hierarchy may have moved the prefix.
                    (sites, fromMemory) = (RootSites, false);
                    visited.Clear();
                    break;
                case null:
                    return new HandleAnswer(ResponseCode.Error, null, $"No server of the site for {handle} answered");
                case ResolutionResponse found:
                    return HandleAnswer.Found(found.Values);
                case ErrorResponse { ResponseCode: ResponseCode.HandleNotFound }:
                    return HandleAnswer.NotFound();
                case ReferralResponse referral:
                    var next = await SitesFromReferralAsync(referral, recursion, depth, ct);
                    if (next.Count == 0)
                    {
                        return new HandleAnswer(ResponseCode.Error, null, $"Referral to {referral.ServiceHandle} names no reachable site");
                    }
                    Remember(referral, next);
                    sites = next;
                    recursion++;
                    break;
                case ErrorResponse error:
                    return new HandleAnswer(error.ResponseCode, null, error.Message);
                default:
                    return new HandleAnswer(ResponseCode.Error, null, $"Unexpected answer {response.ResponseCode} for {handle}");
            }
        }
        return new HandleAnswer(ResponseCode.RecursionCountTooHigh, null, $"More than {_options.MaxRecursion} referrals while resolving {handle}");
    }

    /// <summary>
    /// The most specific remembered referral for the handle: the service sites of its own prefix, else the site
    /// serving derived prefixes of its nearest parent. Saves walking from the root for every new handle.
    /// </summary>
    private SiteInfo[]? RememberedSites(string handle)
    {
        var isPrefixHandle = HandleName.IsPrefixHandle(handle);
        var authority = HandleName.Authority(handle);
        if (!isPrefixHandle && _referrals.TryGet("svc:" + authority) is { } service)
        {
            return Sites(service);
        }
        for (var parent = Parent(authority); parent is not null; parent = Parent(parent))
        {
            if (_referrals.TryGet("pfx:" + parent) is { } derived)
            {
                return Sites(derived);
            }
        }
        return null;
    }

    private static SiteInfo[] Sites(HandleAnswer remembered) => [.. remembered.Values!.Select(v => SiteInfo.Decode(v.Data))];

    private static string? Parent(string prefix)
    {
        var dot = prefix.LastIndexOf('.');
        return dot <= 0 ? null : prefix[..dot];
    }

    private void Remember(ReferralResponse referral, IReadOnlyList<SiteInfo> sites)
    {
        if (!HandleName.IsPrefixHandle(referral.ServiceHandle) || referral.Values is not { Count: > 0 } values)
        {
            return;
        }
        var kind = referral.ResponseCode == ResponseCode.PrefixReferral ? "pfx:" : "svc:";
        var remembered = HandleAnswer.Found([.. sites.Select((site, i) => site.ToValue(i + 1))]);
        _referrals.Put(kind + HandleName.Suffix(referral.ServiceHandle), remembered, Ttl(values));
    }

    private async Task<IReadOnlyList<SiteInfo>> SitesFromReferralAsync(ReferralResponse referral, int recursion, int depth, CancellationToken ct)
    {
        var siteType = referral.ResponseCode == ResponseCode.PrefixReferral ? HandleValueTypes.SitePrefix : HandleValueTypes.Site;
        var serviceType = referral.ResponseCode == ResponseCode.PrefixReferral ? HandleValueTypes.ServicePrefix : HandleValueTypes.Service;
        var values = referral.Values ?? [];
        var sites = new List<SiteInfo>();
        foreach (var v in values.Where(v => string.Equals(v.Type, siteType, StringComparison.OrdinalIgnoreCase)))
        {
            try
            {
                sites.Add(SiteInfo.Decode(v.Data));
            }
            catch (HandleProtocolException e)
            {
                _log.LogWarning("Unreadable {Type} in referral to {Handle}: {Error}", v.Type, referral.ServiceHandle, e.Message);
            }
        }
        if (sites.Count > 0 || depth >= _options.MaxRecursion)
        {
            return [.. sites.OrderByDescending(s => s.IsPrimary)];
        }
        // HS_SERV names a service handle whose HS_SITE values describe the sites: resolve it through the hierarchy too.
        var services = values.Where(v => string.Equals(v.Type, serviceType, StringComparison.OrdinalIgnoreCase)).Select(v => v.DataAsText).ToList();
        if (services.Count == 0 && values.Count == 0)
        {
            services.Add(referral.ServiceHandle);
        }
        foreach (var service in services)
        {
            var answer = Cache.TryGet(service) ?? await WalkAsync(HandleName.Normalize(service), recursion + 1, depth + 1, ct);
            foreach (var v in answer.Values?.Where(v => string.Equals(v.Type, HandleValueTypes.Site, StringComparison.OrdinalIgnoreCase)) ?? [])
            {
                sites.Add(SiteInfo.Decode(v.Data));
            }
        }
        return [.. sites.OrderByDescending(s => s.IsPrimary)];
    }

    private static string SiteKey(IReadOnlyList<SiteInfo> sites) =>
        string.Join(';', sites.SelectMany(s => s.Servers).Select(s => s.Address + ":" + string.Join(',', s.Interfaces.Select(i => i.Port))).Order(StringComparer.Ordinal));

    /// <summary>Asks the responsible server of each site in turn (by the site's hash); null when none answered.</summary>
    private async Task<HandleResponse?> QueryAsync(IReadOnlyList<SiteInfo> sites, string handle, int recursion, CancellationToken ct)
    {
        foreach (var site in sites)
        {
            var client = HandleClient.ForHandle(site, handle, _options.UpstreamTimeout);
            if (client is null)
            {
                continue;
            }
            Interlocked.Increment(ref _upstreamQueries);
            try
            {
                // Public values only: a recursive node cannot answer challenges on its clients' behalf.
                var request = new ResolutionRequest(handle) { Flags = OpFlags.PublicOnly, RecursionCount = (byte)Math.Min(recursion, byte.MaxValue) };
                return await client.SendAsync(request, client.DefaultTransport, null, ct);
            }
            catch (Exception e) when (e is HandleClientException or TimeoutException or System.Net.Sockets.SocketException or IOException)
            {
                _log.LogInformation("The server of site {Site} for {Handle} did not answer: {Error}", site.Attributes.Count > 0 ? site.Attributes[0].Value : "", handle, e.Message);
            }
        }
        return null;
    }
}
