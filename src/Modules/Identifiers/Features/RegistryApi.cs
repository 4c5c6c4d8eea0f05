using System.Text.Json;
using IctGov.Identifiers.Registry;
using IctGov.Identifiers.Statistics;
using IctGov.Identifiers.Storage;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IctGov.Identifiers.Features;

/// <summary>The hierarchy's registry (prefixes, nodes, templates), batch registration and statistics.</summary>
internal static class RegistryApi
{
    public sealed record PublishRequest(string Period);

    public static RouteGroupBuilder MapRegistryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/prefixes", async (RegistryService r, CancellationToken ct) => TypedResults.Ok(await r.PrefixesAsync(ct)))
            .WithName("ListPrefixes").WithSummary("Prefixes of the hierarchy with owner, industry (GB/T 4754) and province (GB/T 2260)");
        // Every write needs a signed-in caller before its body is bound; what the caller may change is the registry's rule.
        api.MapPost("/prefixes", async (PrefixRequest req, RegistryService r, IActorAccessor actors, CancellationToken ct) =>
                Answer(await r.CreatePrefixAsync(req, actors.Current, ct), $"/api/v1/identifiers/prefixes/{req.Prefix}"))
            .RequireAuthorization(Policies.SignedIn).WithName("CreatePrefix").WithSummary("The ministry (any level) or a secondary prefix's owner (enterprise prefixes below it) registers a prefix");
        api.MapGet("/nodes", async (RegistryService r, CancellationToken ct) => TypedResults.Ok(await r.NodesAsync(ct)))
            .WithName("ListNodes").WithSummary("Nodes of the resolution system: role, industry, province, prefix, endpoints");
        api.MapPost("/nodes", async (NodeRequest req, RegistryService r, IActorAccessor actors, CancellationToken ct) =>
                Answer(await r.CreateNodeAsync(req, actors.Current, ct), "/api/v1/identifiers/nodes"))
            .RequireAuthorization(Policies.SignedIn).WithName("CreateNode").WithSummary("The ministry adds a node to the directory; a node with a prefix and endpoints becomes the HS_SITE of that prefix handle 0.NA/<prefix>");
        api.MapPut("/nodes/{id:long}", async (long id, NodeRequest req, RegistryService r, IActorAccessor actors, CancellationToken ct) =>
                Answer(await r.UpdateNodeAsync(id, req, actors.Current, ct), null))
            .RequireAuthorization(Policies.SignedIn).WithName("UpdateNode").WithSummary("The ministry changes a node's entry; its prefix handle's HS_SITE follows the endpoints");
        api.MapDelete("/nodes/{id:long}", async (long id, RegistryService r, IActorAccessor actors, CancellationToken ct) =>
                Answer(await r.DeleteNodeAsync(id, actors.Current, ct), null))
            .RequireAuthorization(Policies.SignedIn).WithName("DeleteNode").WithSummary("The ministry removes a node; its prefix handle's HS_SITE then names what serves the prefix next");
        api.MapGet("/templates", (TemplateRegistry t) => TypedResults.Ok(t.All.OrderBy(x => x.Prefix, StringComparer.Ordinal)))
            .WithName("ListTemplates").WithSummary("Data templates (标识数据模板) per prefix");
        api.MapPut("/templates/{prefix}", async (string prefix, List<TemplateField> fields, RegistryService r, IActorAccessor actors, CancellationToken ct) =>
                Answer(await r.SetTemplateAsync(prefix, fields, actors.Current, ct), null))
            .RequireAuthorization(Policies.SignedIn).WithName("SetTemplate").WithSummary("The prefix's owner or the ministry sets its data template: fields with type, required, kind and lengths");
        api.MapDelete("/templates/{prefix}", async (string prefix, RegistryService r, IActorAccessor actors, CancellationToken ct) =>
                Answer(await r.DeleteTemplateAsync(prefix, actors.Current, ct), null))
            .RequireAuthorization(Policies.SignedIn).WithName("DeleteTemplate").WithSummary("Removes a prefix's data template");
        // Signed in before the body is read: up to the upload limit of JSON is parsed for a caller who may write.
        api.MapPost("/batches", RegisterBatch).RequireAuthorization(Policies.SignedIn).WithName("RegisterBatch")
            .WithSummary($"Registers up to {HandleStore.MaxBatch} identifiers at once, all or none: {{\"handles\":[{{\"handle\":\"88.100.1/a\",\"values\":[…]}}]}}");
        api.MapGet("/statistics", async (IdentifierStatistics s, CancellationToken ct) => TypedResults.Ok(await s.ComputeAsync(ct)))
            .WithName("IdentifierStatistics").WithSummary("Registrations by prefix, industry and province; resolutions per day; nodes by role");
        api.MapPost("/statistics/publish", async (PublishRequest req, IdentifierStatistics s, IActorAccessor actors, CancellationToken ct) =>
                (await s.PublishAsync(req.Period, actors.Current, ct)).ToHttpResult())
            .RequireAuthorization(Policies.SignedIn).WithName("PublishIdentifierStatistics").WithSummary("The ministry publishes indicators 7 (public service nodes) and 15 (registrations, 亿个) for a year");
        return api;
    }

    private static IResult Answer(Outcome<Done> r, string? location) => r switch
    {
        { Succeeded: false } => r.ToProblem(),
        _ when location is not null => TypedResults.Created(location),
        _ => TypedResults.Ok(),
    };

    private static async Task<IResult> RegisterBatch(HttpRequest http, Registration registration, IActorAccessor actors, CancellationToken ct)
    {
        List<HandleRecord> records;
        try
        {
            using var doc = await JsonDocument.ParseAsync(http.Body, cancellationToken: ct);
            records = ParseBatch(doc.RootElement);
        }
        catch (JsonException e)
        {
            return BatchProblem(OutcomeStatus.Invalid, 2, "body is not JSON: " + e.Message);
        }
        catch (HandleJsonException e)
        {
            return BatchProblem(OutcomeStatus.Invalid, 202, e.Message);
        }
        var reply = await registration.RegisterBatchAsync(records, actors.Current, ct);
        if (reply.Status != StatusCodes.Status200OK)
        {
            return BatchProblem((OutcomeStatus)reply.Status, reply.ResponseCode, reply.Message ?? "the batch was refused",
                new() { ["failedRecord"] = reply.FailedRecord, ["handle"] = reply.FailedHandle, ["violations"] = reply.Violations });
        }
        return TypedResults.Ok(new { responseCode = reply.ResponseCode, batchId = reply.BatchId, created = reply.Created });
    }

    /// <summary>
    /// A refused batch as the platform's problem details, carrying the Handle response code (RFC 3652: 101 handle exists,
    /// 202 invalid value, 301 not a prefix here, 400/402 authorisation) that a client of the handle interfaces already knows.
    /// </summary>
    private static ProblemHttpResult BatchProblem(OutcomeStatus status, int responseCode, string message, Dictionary<string, object?>? more = null)
    {
        var extensions = more ?? [];
        extensions["responseCode"] = responseCode;
        return OutcomeResults.Problem(status, message, null, extensions);
    }

    /// <summary>{"handles":[…]} or a bare array of {"handle","values"}; refuses more than the limit before reading values.</summary>
    public static List<HandleRecord> ParseBatch(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("handles", out var handles))
        {
            root = handles;
        }
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new HandleJsonException("body: expected {\"handles\":[…]} or an array of {\"handle\",\"values\"}");
        }
        var count = root.GetArrayLength();
        if (count > HandleStore.MaxBatch)
        {
            throw new HandleJsonException($"a batch holds at most {HandleStore.MaxBatch} identifiers; this one has {count}");
        }
        var records = new List<HandleRecord>(count);
        var i = 0;
        foreach (var e in root.EnumerateArray())
        {
            i++;
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("handle", out var h) || h.ValueKind != JsonValueKind.String)
            {
                throw new HandleJsonException($"record {i}.handle: expected a string such as 88.100.1/abc");
            }
            if (!e.TryGetProperty("values", out var values))
            {
                throw new HandleJsonException($"record {i}.values: required");
            }
            records.Add(new HandleRecord(h.GetString()!, HandleJson.ParseValues(values, $"record {i}")));
        }
        return records;
    }
}
