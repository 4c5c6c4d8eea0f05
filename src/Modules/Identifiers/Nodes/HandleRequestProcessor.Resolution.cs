using IctGov.Protocols.Handle;
using IctGov.Protocols.Handle.Messages;

namespace IctGov.Identifiers.Nodes;

// RESOLUTION: the values a request selects (TypeFilter), which of them the requester may read, and the answer.
internal sealed partial class HandleRequestProcessor
{
    private static bool NeedsAuthentication(ResolutionRequest request, IReadOnlyList<HandleValue>? values) =>
        (request.Flags & OpFlags.PublicOnly) == 0
        && values is not null && Matching(request, values).Any(v => (v.Permissions & ValuePermissions.PublicRead) == 0);

    private static IEnumerable<HandleValue> Matching(ResolutionRequest request, IReadOnlyList<HandleValue> values) =>
        request.Indexes.Count == 0 && request.Types.Count == 0 ? values : values.Where(v => TypeFilter.Selects(request.Indexes, request.Types, v));

    private async ValueTask<HandleResponse> ResolveAsync(ResolutionRequest request, AdminReference identity, CancellationToken ct)
    {
        var values = await _store.ResolveAsync(request.Handle, ct);
        if (values is not null && await AuthorizeAsync(values, identity, AdminPermissions.ReadValue, ct) is var code and not ResponseCode.Success)
        {
            // Handle.Net refuses an authenticated read by anyone its HS_ADMIN does not allow to read, rather than answer the public part.
            return Denied(request, code);
        }
        return Answer(request, values, canReadRestricted: values is not null);
    }

    private HandleResponse Answer(ResolutionRequest request, IReadOnlyList<HandleValue>? values, bool canReadRestricted)
    {
        var prefix = HandleName.Prefix(request.Handle);
        if (values is null)
        {
            _meter.Resolved(prefix, found: false);
            return new ErrorResponse(request.OpCode, ResponseCode.HandleNotFound, "Handle not found");
        }
        _meter.Resolved(prefix, found: true);
        var visible = Matching(request, values)
            .Where(v => (v.Permissions & ValuePermissions.PublicRead) != 0 || (canReadRestricted && (v.Permissions & ValuePermissions.AdminRead) != 0))
            .ToList();
        if (visible.Count == 0)
        {
            return new ErrorResponse(request.OpCode, ResponseCode.ValuesNotFound, "No values of the handle match the request");
        }
        return new ResolutionResponse(request.Handle, visible);
    }
}
