using System.Text.Json;
using IctGov.Identifiers.Data;
using IctGov.Identifiers.Registry;
using IctGov.Identifiers.Statistics;
using IctGov.Identifiers.Storage;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Security;
using IctGov.Protocols.Handle;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IctGov.Identifiers.Features;

/// <summary>
/// The REST API in the form of Handle.Net's (/api/handles): JSON bodies with the Handle protocol's
/// responseCode beside the HTTP status — 1 success, 2 error, 100 handle not found (404),
/// 101 handle already exists (409), 102 invalid handle (400), 200 values not found (200 on
/// resolution, 400 otherwise), 201 value already exists (409), 202 invalid value (400),
/// 301 server not responsible (400), 402 authentication needed (401), 400 insufficient permissions (403).
/// </summary>
internal static class HandleApi
{
    public static IEndpointRouteBuilder MapHandleApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/handles").WithTags("Identifiers");
        api.MapGet("/{**handle}", Resolve).WithName("ResolveHandle").WithSummary("Resolve a handle; index and type narrow the values (Handle.Net REST form)");
        api.MapPut("/{**handle}", Put).WithName("PutHandle")
            .WithSummary("Create or replace a handle (overwrite=false refuses an existing one; mintNewSuffix=true appends a new suffix; index adds or replaces those values)");
        api.MapDelete("/{**handle}", Delete).WithName("DeleteHandle").WithSummary("Delete a handle, or with index only those values");
        api.MapGet("/", List).WithName("ListHandles").WithSummary("Handles under a prefix, page by page (page from 0, pageSize at most 10000)");
        return app;
    }

    private static IResult Reply(int status, int code, string handle, string? message = null, object? extra = null) =>
        Results.Json(extra ?? new { responseCode = code, handle, message }, statusCode: status);

    private static async Task<IResult> Resolve(string handle, HttpRequest http, HandleStore store, RegistryService registry, IResolutionMeter meter, IActorAccessor actors,
        CancellationToken ct)
    {
        if (!HandleName.IsValid(handle))
        {
            return Reply(400, 102, handle, "expected prefix/suffix, e.g. 88.100.1/abc");
        }
        var values = await store.ResolveAsync(handle, ct);
        meter.Resolved(HandleName.Normalize(HandleName.Prefix(handle)), values is not null);
        if (values is null)
        {
            return Reply(404, 100, handle, "handle not found");
        }
        var indexes = http.Query["index"].Select(s => int.TryParse(s, out var i) ? i : -1).ToList();
        var types = http.Query["type"].OfType<string>().Where(t => t.Length > 0).ToList();
        // Values without public read (secret keys, private data) are shown to the prefix's administrators:
        // its owner's users and the ministry, as the Handle protocol shows them to authenticated admins only.
        var publicOnly = values.Any(v => !v.Permissions.HasFlag(ValuePermissions.PublicRead))
            && !await AdministersAsync(handle, actors.Current, registry, ct);
        var selected = values.Where(v => (!publicOnly || v.Permissions.HasFlag(ValuePermissions.PublicRead))
            && TypeFilter.Selects(indexes, types, v))
            .Select(HandleJson.ToJson).ToList();
        return selected.Count == 0 && values.Count > 0 && (indexes.Count > 0 || types.Count > 0)
            ? Results.Json(new { responseCode = 200, handle, values = selected }, statusCode: 200)
            : Results.Json(new { responseCode = 1, handle, values = selected });
    }

    private static async Task<IResult> Put(string handle, HttpRequest http, HandleStore store, RegistryService registry, IAuditLog audit, IActorAccessor actors,
        CancellationToken ct)
    {
        var actor = actors.Current;
        if (!actor.IsSignedIn)
        {
            return Reply(401, 402, handle, "authentication needed: sign in or send an API token");
        }
        var mint = bool.TryParse(http.Query["mintNewSuffix"], out var m) && m;
        if (mint)
        {
            handle = handle.TrimEnd('/') + "/" + Guid.NewGuid().ToString("N");
        }
        if (!HandleName.IsValid(handle) || HandleName.Suffix(handle).Length == 0)
        {
            return Reply(400, 102, handle, "expected prefix/suffix, e.g. 88.100.1/abc");
        }
        var (prefix, refusal) = await WritablePrefixAsync(handle, actor, registry, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        List<HandleValue> values;
        try
        {
            using var doc = await JsonDocument.ParseAsync(http.Body, cancellationToken: ct);
            values = HandleJson.ParseValues(doc.RootElement);
        }
        catch (JsonException e)
        {
            return Reply(400, 2, handle, "body is not JSON: " + e.Message);
        }
        catch (HandleJsonException e)
        {
            return Reply(400, 202, handle, e.Message);
        }
        var overwrite = !bool.TryParse(http.Query["overwrite"], out var o) || o;
        var indexes = http.Query["index"].Select(s => int.TryParse(s, out var i) ? i : -1).ToList();
        Task Audited(System.Data.Common.DbTransaction tx) => audit.AppendAsync(new AuditEntry(actor.Id, "identifiers.handle.put", "identifier", handle, null,
            JsonSerializer.Serialize(values.Select(HandleJson.ToJson))), tx, ct);
        WriteOutcome outcome;
        if (indexes.Count > 0)
        {
            if (indexes.Any(i => i <= 0) || values.Any(v => !indexes.Contains(v.Index)))
            {
                return Reply(400, 202, handle, "every value's index must be among the index parameters");
            }
            outcome = await store.ChangeValuesCoreAsync(handle, overwrite ? HandleStore.ValueChange.AddOrReplace : HandleStore.ValueChange.Add, values, [], Audited, ct);
        }
        else
        {
            outcome = await store.CreateCoreAsync(handle, values, overwrite, Audited, ct);
        }
        return outcome.Result switch
        {
            HandleStoreResult.Ok => Reply(outcome.Created || mint ? 201 : 200, 1, handle),
            HandleStoreResult.HandleAlreadyExists => Reply(409, 101, handle, "handle already exists"),
            HandleStoreResult.ValueAlreadyExists => Reply(409, 201, handle, "value already exists"),
            HandleStoreResult.HandleNotFound => Reply(404, 100, handle, "handle not found"),
            _ => Results.Json(new
            {
                responseCode = 202,
                handle,
                message = outcome.Violations.Count > 0 ? string.Join("; ", outcome.Violations) : HandleStore.CheckValues(values) ?? "invalid value",
                violations = outcome.Violations,
            }, statusCode: 400),
        };
    }

    /// <summary>The registered prefix the actor may write under, or the Handle.Net-style refusal (301 not here, 400 no permission).</summary>
    private static async Task<bool> AdministersAsync(string handle, Actor actor, RegistryService registry, CancellationToken ct)
    {
        if (!actor.IsSignedIn)
        {
            return false;
        }
        var prefix = await registry.PrefixAsync(HandleName.Authority(handle), ct);
        return prefix is not null && RegistryService.MayRegister(actor, prefix);
    }

    /// <summary>
    /// The registered prefix the actor may write under, or the Handle.Net-style refusal (301 not here, 400 no permission).
    /// A prefix handle <c>0.NA/P</c> is governed by the registered prefix P: its owner keeps there the HS_ADMIN,
    /// HS_PUBKEY and HS_SECKEY values through which Handle clients (hdl-genericbatch, hdl-admintool) administer
    /// identifiers under P over the wire — without this the keys could only be written by an administrator
    /// already known to the node. Deleting a prefix handle is the ministry's alone (<paramref name="deleting"/>).
    /// </summary>
    private static async Task<(PrefixRow? Prefix, IResult? Refusal)> WritablePrefixAsync(string handle, Actor actor, RegistryService registry, CancellationToken ct,
        bool deleting = false)
    {
        var isPrefixHandle = HandleName.IsPrefixHandle(handle);
        var governing = HandleName.Authority(handle);
        var prefix = await registry.PrefixAsync(governing, ct);
        if (prefix is null)
        {
            return (null, Reply(400, 301, handle, $"prefix {governing} is not registered here"));
        }
        if (isPrefixHandle && deleting && actor.Role != Role.MinistryAdmin)
        {
            return (prefix, Reply(403, 400, handle, $"insufficient permissions: only the ministry deletes the prefix handle of {prefix.Prefix}"));
        }
        return RegistryService.MayRegister(actor, prefix)
            ? (prefix, null)
            : (prefix, Reply(403, 400, handle, $"insufficient permissions: only {prefix.OwnerName} or the ministry writes under {prefix.Prefix}"));
    }

    private static async Task<IResult> Delete(string handle, HttpRequest http, HandleStore store, RegistryService registry, IAuditLog audit, IActorAccessor actors,
        CancellationToken ct)
    {
        var actor = actors.Current;
        if (!actor.IsSignedIn)
        {
            return Reply(401, 402, handle, "authentication needed: sign in or send an API token");
        }
        if (!HandleName.IsValid(handle))
        {
            return Reply(400, 102, handle, "expected prefix/suffix, e.g. 88.100.1/abc");
        }
        var indexes = http.Query["index"].Select(s => int.TryParse(s, out var i) ? i : -1).ToList();
        var (prefix, refusal) = await WritablePrefixAsync(handle, actor, registry, ct, deleting: indexes.Count == 0);
        if (refusal is not null)
        {
            return refusal;
        }
        Task Audited(System.Data.Common.DbTransaction tx) => audit.AppendAsync(new AuditEntry(actor.Id, "identifiers.handle.delete", "identifier", handle, null,
            indexes.Count == 0 ? null : JsonSerializer.Serialize(new { removedIndexes = indexes })), tx, ct);
        var outcome = indexes.Count == 0
            ? await store.DeleteCoreAsync(handle, Audited, ct)
            : await store.ChangeValuesCoreAsync(handle, HandleStore.ValueChange.Remove, [], indexes, Audited, ct);
        return outcome.Result switch
        {
            HandleStoreResult.Ok => Reply(200, 1, handle),
            HandleStoreResult.HandleNotFound => Reply(404, 100, handle, "handle not found"),
            HandleStoreResult.ValueNotFound => Reply(400, 200, handle, "values not found"),
            _ => Results.Json(new { responseCode = 202, handle, message = string.Join("; ", outcome.Violations), violations = outcome.Violations }, statusCode: 400),
        };
    }

    private static async Task<IResult> List(string? prefix, int? page, int? pageSize, HandleStore store, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return Results.Json(new { responseCode = 2, message = "the prefix parameter is required, e.g. ?prefix=88.100.1" }, statusCode: 400);
        }
        var size = pageSize ?? 1000;
        var from = page ?? 0;
        if (size is < 1 or > 10_000 || from < 0)
        {
            return Results.Json(new { responseCode = 2, message = "page from 0; pageSize 1–10000" }, statusCode: 400);
        }
        var handles = new List<string>();
        var skip = (long)from * size;
        await foreach (var h in store.ListHandlesAsync(prefix, ct))
        {
            if (skip-- > 0)
            {
                continue;
            }
            handles.Add(h);
            if (handles.Count == size)
            {
                break;
            }
        }
        return Results.Json(new { responseCode = 1, prefix, page = from, pageSize = size, handles });
    }
}
