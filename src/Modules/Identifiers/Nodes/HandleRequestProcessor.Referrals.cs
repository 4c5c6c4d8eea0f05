using System.Runtime.CompilerServices;
using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;

namespace IctGov.Identifiers.Nodes;

// Delegation: which handles this node answers, and the SERVICE_REFERRAL / PREFIX_REFERRAL for the others (docs/HANDLE-NODES.md).
internal sealed partial class HandleRequestProcessor
{
    /// <summary>
    /// Delegation as Handle.Net answers it. For <c>P/suffix</c> when P is not homed here: the prefix handle
    /// <c>0.NA/P</c> held here with HS_SITE/HS_SERV gives SERVICE_REFERRAL to that service; otherwise the nearest
    /// parent prefix handle <c>0.NA/Q</c> with HS_SITE.PREFIX/HS_SERV.PREFIX gives PREFIX_REFERRAL (Q's derived
    /// prefixes live elsewhere). Prefix handles <c>0.NA/X</c> not held here are referred by their parents the same way.
    /// </summary>
    private async ValueTask<HandleResponse?> ReferralAsync(HandleRequest request, CancellationToken ct)
    {
        var handle = request.Handle;
        if (_options.ResponsiblePrefixes.Count == 0 || !HandleName.IsValid(handle))
        {
            // A node homing nothing in particular serves whatever its store holds and refers nowhere,
            // which also spares it the prefix-handle lookups on every request.
            return null;
        }
        var isPrefixHandle = HandleName.IsPrefixHandle(handle);
        var authority = HandleName.Authority(handle);
        if (isPrefixHandle)
        {
            if (await _store.ResolveAsync(handle, ct) is not null)
            {
                return null;
            }
        }
        else
        {
            if (IsHomed(authority))
            {
                return null;
            }
            var own = await _store.ResolveAsync(HandleName.PrefixHandle(authority), ct);
            var service = own?.Where(v => (IsType(v, HandleValueTypes.Site) && !IsOwnSite(v)) || IsType(v, HandleValueTypes.Service)).ToList();
            if (service is { Count: > 0 })
            {
                return new ReferralResponse(request.OpCode, ResponseCode.ServiceReferral, HandleName.PrefixHandle(authority), service);
            }
            if (own is not null && own.Any(v => IsType(v, HandleValueTypes.Site)))
            {
                // The prefix handle names this very site: served here, whatever its parents delegate.
                return null;
            }
        }
        for (var parent = Parent(authority); parent is not null; parent = Parent(parent))
        {
            var values = await _store.ResolveAsync(HandleName.PrefixHandle(parent), ct);
            var delegation = values?.Where(v => (IsType(v, HandleValueTypes.SitePrefix) && !IsOwnSite(v)) || IsType(v, HandleValueTypes.ServicePrefix)).ToList();
            if (delegation is { Count: > 0 })
            {
                return new ReferralResponse(request.OpCode, ResponseCode.PrefixReferral, HandleName.PrefixHandle(parent), delegation);
            }
            if (IsHomed(parent))
            {
                // Derived prefixes of a prefix homed here and not delegated are ours.
                return null;
            }
        }
        return null;
    }

    /// <summary>
    /// Whether an HS_SITE value describes this node (the registry names the platform's own site in the prefix handles it
    /// homes): referring a client to ourselves would loop, so such a value means "served here". A site without a single
    /// interface serves nobody and counts as ours too. Decided once per stored value (cached values keep their arrays).
    /// </summary>
    private bool IsOwnSite(HandleValue value) => _ownSite.GetValue(value.Data, data =>
    {
        SiteInfo site;
        try
        {
            site = SiteInfo.Decode(data);
        }
        catch (HandleProtocolException)
        {
            return new StrongBox<bool>(false);
        }
        var own = _site.Current.Servers;
        var mine = site.Servers.All(s => s.Interfaces.Count == 0)
            || site.Servers.Any(s => own.Any(o => o.Address.Equals(s.Address)
                && s.Interfaces.Any(i => o.Interfaces.Any(x => x.Protocol == i.Protocol && x.Port == i.Port))));
        return new StrongBox<bool>(mine);
    }).Value;

    private static bool IsType(HandleValue value, string type) => string.Equals(value.Type, type, StringComparison.OrdinalIgnoreCase);

    private static string? Parent(string prefix)
    {
        var dot = prefix.LastIndexOf('.');
        return dot <= 0 ? null : prefix[..dot];
    }

    private bool IsHomed(string prefix) =>
        _options.ResponsiblePrefixes.Any(p => string.Equals(p, prefix, StringComparison.OrdinalIgnoreCase));

    private bool IsResponsibleFor(string handle)
    {
        if (_options.ResponsiblePrefixes.Count == 0)
        {
            return true;
        }
        if (HandleName.IsPrefixHandle(handle) && IsHomed(HandleName.PrefixAuthority))
        {
            // The prefix registry (root) answers for every prefix handle it is not referring elsewhere.
            return true;
        }
        var prefix = HandleName.Authority(handle);
        foreach (var p in _options.ResponsiblePrefixes)
        {
            // A node for 88.100.1 also serves derived prefixes such as 88.100.1.5.
            if (string.Equals(prefix, p, StringComparison.OrdinalIgnoreCase) || prefix.StartsWith(p + ".", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
