using System.Text.Json;
using System.Text.Json.Nodes;
using IctGov.Kernel.Security;
using IctGov.Security.Data;
using IctGov.Security.Domain.Stix;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace IctGov.Security.Features;

/// <summary>
/// A TAXII 2.1 server (OASIS TAXII Version 2.1, 10 June 2021) on the platform's HTTP host: discovery
/// at <c>/taxii2/</c> (section 4.1), one API root <c>/taxii2/api/</c> (4.2), status resources (4.3),
/// collections (5.1, 5.2), objects with their filters and pagination (5.3–5.6), versions (5.7) and
/// manifests (5.5). Requests and responses are <c>application/taxii+json;version=2.1</c>: an Accept
/// without it is 406, a POST of another content type 415 (section 1.6.8); every error is a TAXII
/// error message (section 3.6.1). Callers authenticate as the platform's API does (a unit's
/// <c>Authorization: Bearer</c> token or a signed-in person); discovery is public.
/// </summary>
internal static class TaxiiServer
{
    public const string MediaType = "application/taxii+json;version=2.1";
    public const string StixMediaType = "application/stix+json;version=2.1";
    public const string ApiRoot = "/taxii2/api/";
    public const int MaxContentLength = 10 * 1024 * 1024;

    public static IEndpointRouteBuilder MapTaxii(this IEndpointRouteBuilder app)
    {
        var taxii = app.MapGroup("/taxii2").ExcludeFromDescription().AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            if (!AcceptsTaxii(request.Headers.Accept))
            {
                return Error(StatusCodes.Status406NotAcceptable, "Not acceptable", $"this server answers {MediaType}; the Accept header asks for '{request.Headers.Accept}'");
            }
            var isDiscovery = request.Path.Value?.TrimEnd('/') == "/taxii2";
            var actor = context.HttpContext.RequestServices.GetRequiredService<IActorAccessor>().Current;
            if (!isDiscovery && !actor.IsSignedIn)
            {
                context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
                return Error(StatusCodes.Status401Unauthorized, "Authentication required", "send an API token (Authorization: Bearer …) or sign in");
            }
            return await next(context);
        });
        taxii.MapGet("/", Discovery);
        taxii.MapGet("/api/", () => Taxii(new JsonObject
        {
            ["title"] = "IctGov 网络安全威胁情报共享 (threat intelligence sharing)",
            ["description"] = "STIX 2.1 threat intelligence shared between the ministry, the provincial administrations, operators and enterprises.",
            ["versions"] = new JsonArray(MediaType),
            ["max_content_length"] = MaxContentLength,
        }));
        taxii.MapGet("/api/status/{statusId}/", StatusResource);
        taxii.MapGet("/api/collections/", Collections);
        taxii.MapGet("/api/collections/{id}/", OneCollection);
        taxii.MapGet("/api/collections/{id}/objects/", GetObjects);
        taxii.MapPost("/api/collections/{id}/objects/", AddObjects);
        taxii.MapGet("/api/collections/{id}/objects/{objectId}/", (string id, string objectId, HttpRequest r, ThreatIntelligence s, IActorAccessor a, CancellationToken ct) =>
            Objects(id, r, s, a.Current, Shape.Objects, objectId, ct));
        taxii.MapGet("/api/collections/{id}/objects/{objectId}/versions/", (string id, string objectId, HttpRequest r, ThreatIntelligence s, IActorAccessor a, CancellationToken ct) =>
            Objects(id, r, s, a.Current, Shape.Versions, objectId, ct));
        taxii.MapGet("/api/collections/{id}/manifest/", (string id, HttpRequest r, ThreatIntelligence s, IActorAccessor a, CancellationToken ct) =>
            Objects(id, r, s, a.Current, Shape.Manifest, null, ct));
        return app;
    }

    private enum Shape { Objects, Manifest, Versions }

    private static async Task<IResult> StatusResource(string statusId, ThreatIntelligence store, IActorAccessor a, CancellationToken ct) =>
        await store.StatusAsync(a.Current, statusId, ct) is { } json
            ? Results.Text(json, MediaType)
            : Error(StatusCodes.Status404NotFound, "Status not found", $"no status {statusId} of yours");

    private static async Task<IResult> Collections(ThreatIntelligence store, IActorAccessor a, CancellationToken ct)
    {
        var collections = await store.CollectionsAsync(a.Current, ct);
        return Taxii(collections.Count == 0 ? [] : new JsonObject { ["collections"] = new JsonArray([.. collections.Select(Collection)]) });
    }

    private static async Task<IResult> OneCollection(string id, ThreatIntelligence store, IActorAccessor a, CancellationToken ct)
    {
        var (c, error) = await Find(store, id, a.Current, read: null, ct);
        return c is null ? error! : Taxii(Collection(ThreatIntelligence.View(c, a.Current)));
    }

    private static IResult Discovery(HttpRequest request) => Taxii(new JsonObject
    {
        ["title"] = "IctGov TAXII 2.1 server (工业和信息化部网络安全\"智慧大脑\")",
        ["description"] = "Threat intelligence sharing of the industry network-security resource library (专栏20).",
        ["default"] = ApiRoot,
        ["api_roots"] = new JsonArray(ApiRoot),
    });

    private static JsonObject Collection(CollectionView c)
    {
        var o = new JsonObject { ["id"] = c.Id, ["title"] = c.Title };
        if (c.Description is not null) o["description"] = c.Description;
        o["can_read"] = c.CanRead;
        o["can_write"] = c.CanWrite;
        o["media_types"] = new JsonArray(StixMediaType);
        return o;
    }

    private static Task<IResult> GetObjects(string id, HttpRequest request, ThreatIntelligence store, IActorAccessor a, CancellationToken ct) =>
        Objects(id, request, store, a.Current, Shape.Objects, null, ct);

    private static async Task<IResult> Objects(string id, HttpRequest request, ThreatIntelligence store, Actor actor, Shape shape, string? objectId, CancellationToken ct)
    {
        var (collection, error) = await Find(store, id, actor, read: true, ct);
        if (collection is null) return error!;
        var (query, problem) = Query(request.Query, objectId, shape == Shape.Versions);
        if (query is null) return Error(StatusCodes.Status400BadRequest, "Bad filter", problem!);
        var page = await store.QueryAsync(actor, collection, query, ct);
        if (objectId is not null && page.Rows.Count == 0 && query.After is null)
        {
            return Error(StatusCodes.Status404NotFound, "Object not found", $"no version of {objectId} in this collection that you may read matches the filters");
        }
        var body = new JsonObject();
        if (page.Rows.Count > 0)
        {
            body["more"] = page.More;
            if (page.More) body["next"] = page.Rows[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            body[shape switch { Shape.Objects => "objects", Shape.Versions => "versions", _ => "objects" }] = shape switch
            {
                Shape.Objects => new JsonArray([.. page.Rows.Select(r => JsonNode.Parse(r.Json))]),
                Shape.Versions => new JsonArray([.. page.Rows.OrderBy(r => r.VersionMicros).Select(r => JsonValue.Create(r.Version))]), // section 5.7: oldest first
                _ => new JsonArray([.. page.Rows.Select(r => (JsonNode)new JsonObject
                {
                    ["id"] = r.StixId,
                    ["date_added"] = StixTime.Format(StixTime.FromMicros(r.DateAddedMicros)),
                    ["version"] = r.Version,
                    ["media_type"] = StixMediaType,
                })]),
            };
            // Section 3.3.1: the first and last date_added of what this page holds, for the client's next added_after.
            request.HttpContext.Response.Headers["X-TAXII-Date-Added-First"] = StixTime.Format(StixTime.FromMicros(page.Rows.Min(r => r.DateAddedMicros)));
            request.HttpContext.Response.Headers["X-TAXII-Date-Added-Last"] = StixTime.Format(StixTime.FromMicros(page.Rows.Max(r => r.DateAddedMicros)));
        }
        return Taxii(body);
    }

    // Section 3.4: added_after, limit, next, match[id|type|version|spec_version]; a versions request lists every version.
    private static (StixQuery? Query, string? Problem) Query(IQueryCollection q, string? objectId, bool allVersions)
    {
        DateTimeOffset? addedAfter = null;
        if (q.TryGetValue("added_after", out var aa))
        {
            addedAfter = StixTime.Parse(aa.ToString(), out _);
            if (addedAfter is null) return (null, $"added_after: expected a timestamp YYYY-MM-DDTHH:mm:ss[.s+]Z, found '{aa}'");
        }
        var limit = ThreatIntelligence.DefaultPage;
        if (q.TryGetValue("limit", out var l))
        {
            if (!int.TryParse(l.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit < 1)
            {
                return (null, $"limit: expected a positive integer, found '{l}'");
            }
            limit = Math.Min(limit, ThreatIntelligence.MaxPage);
        }
        long? after = null;
        if (q.TryGetValue("next", out var n))
        {
            if (!long.TryParse(n.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var nv))
            {
                return (null, $"next: expected the value of a previous response's next, found '{n}'");
            }
            after = nv;
        }
        var ids = List(q, "match[id]");
        if (objectId is not null) ids = [objectId];
        foreach (var id in ids)
        {
            if (StixValidator.IdProblem(id, null) is { } problem) return (null, $"match[id]: {problem}");
        }
        var versions = allVersions ? ["all"] : List(q, "match[version]");
        foreach (var v in versions)
        {
            if (v is not ("all" or "first" or "last") && StixTime.Parse(v, out _) is null)
            {
                return (null, $"match[version]: expected last, first, all or a timestamp YYYY-MM-DDTHH:mm:ss[.s+]Z, found '{v}'");
            }
        }
        var types = List(q, "match[type]");
        if (types.FirstOrDefault(t => !StixValidator.IsTypeName(t)) is { } badType)
        {
            return (null, $"match[type]: expected STIX types (3–250 characters of a–z, 0–9 and hyphens), found '{badType}'");
        }
        var specVersions = List(q, "match[spec_version]");
        if (specVersions.FirstOrDefault(v => v is not ("2.0" or "2.1")) is { } badSpec)
        {
            return (null, $"match[spec_version]: expected 2.0 or 2.1, found '{badSpec}'");
        }
        return (new StixQuery(addedAfter, types, ids, versions, limit, after, specVersions), null);
    }

    /// <summary>The comma-separated values of a query parameter, over every occurrence of it.</summary>
    public static List<string> List(IQueryCollection q, string key) =>
        q.TryGetValue(key, out var v) ? v.SelectMany(s => (s ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList() : [];

    private static async Task<IResult> AddObjects(string id, HttpRequest request, ThreatIntelligence store, IActorAccessor a, TimeProvider clock, CancellationToken ct)
    {
        var actor = a.Current;
        if (!IsTaxii(request.ContentType))
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"send the envelope as {MediaType}, found '{request.ContentType}'");
        }
        if (request.ContentLength > MaxContentLength)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, "Too large", $"the API root's max_content_length is {MaxContentLength} bytes");
        }
        var (collection, error) = await Find(store, id, actor, read: false, ct);
        if (collection is null) return error!;
        JsonElement envelope;
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, default, ct);
            envelope = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Error(StatusCodes.Status400BadRequest, "Malformed envelope", $"expected a JSON envelope {{\"objects\": [...]}}: {e.Message}");
        }
        if (envelope.ValueKind != JsonValueKind.Object || !envelope.TryGetProperty("objects", out var objects) || objects.ValueKind != JsonValueKind.Array)
        {
            return Error(StatusCodes.Status400BadRequest, "Malformed envelope", "expected an envelope, a JSON object whose objects property lists the STIX objects (section 3.7)");
        }
        var list = objects.EnumerateArray().ToList();
        if (list.Count == 0 || list.Count > ThreatIntelligence.MaxObjects)
        {
            return Error(StatusCodes.Status400BadRequest, "Malformed envelope", $"expected 1 to {ThreatIntelligence.MaxObjects:N0} objects, found {list.Count:N0}");
        }
        var requested = clock.GetUtcNow();
        var result = await store.AddAsync(actor, collection, list, "taxii", ct);
        var statusId = Guid.NewGuid().ToString();
        var status = Status(statusId, requested, list, result);
        await store.SaveStatusAsync(statusId, actor, status, ct);
        return Results.Text(status.ToJsonString(), MediaType, statusCode: StatusCodes.Status202Accepted);
    }

    // Section 4.3.1. A refused envelope writes nothing: its bad objects fail with what was expected,
    // and its good ones fail too, saying they were not added because the envelope was refused whole.
    private static JsonObject Status(string statusId, DateTimeOffset requested, List<JsonElement> objects, AddResult result)
    {
        var successes = new JsonArray();
        var failures = new JsonArray();
        if (result.Errors.Count == 0)
        {
            foreach (var o in result.Added) successes.Add(new JsonObject { ["id"] = o.Id, ["version"] = o.Version });
            foreach (var o in result.AlreadyHeld) successes.Add(new JsonObject { ["id"] = o.Id, ["version"] = o.Version, ["message"] = "already held: the collection has this id and version" });
        }
        else
        {
            var byRow = result.Errors.GroupBy(e => e.Row).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(e => $"{e.Field}: {e.Message}")));
            for (var i = 0; i < objects.Count; i++)
            {
                var o = objects[i];
                var objectId = o.ValueKind == JsonValueKind.Object && o.TryGetProperty("id", out var idp) && idp.ValueKind == JsonValueKind.String ? idp.GetString()! : $"object {i + 1}";
                var failure = new JsonObject { ["id"] = objectId };
                if (o.ValueKind == JsonValueKind.Object && o.TryGetProperty("modified", out var m) && m.ValueKind == JsonValueKind.String) failure["version"] = m.GetString();
                failure["message"] = byRow.TryGetValue(i + 1, out var why)
                    ? $"object {i + 1}: {why}"
                    : $"object {i + 1}: valid, not added: the envelope is refused whole because {byRow.Count} of its objects are not";
                failures.Add(failure);
            }
        }
        return new JsonObject
        {
            ["id"] = statusId,
            ["status"] = "complete",
            ["request_timestamp"] = StixTime.Format(requested),
            ["total_count"] = objects.Count,
            ["success_count"] = successes.Count,
            ["successes"] = successes,
            ["failure_count"] = failures.Count,
            ["failures"] = failures,
            ["pending_count"] = 0,
        };
    }

    private static async Task<(TaxiiCollectionRow? Collection, IResult? Error)> Find(ThreatIntelligence store, string id, Actor actor, bool? read, CancellationToken ct)
    {
        var c = await store.CollectionAsync(id, ct);
        // A collection the caller may neither read nor write is not revealed (section 5.2: 404).
        if (c is null || !(ThreatIntelligence.CanRead(c, actor) || ThreatIntelligence.CanWrite(c, actor)))
        {
            return (null, Error(StatusCodes.Status404NotFound, "Collection not found", $"no collection {id} that you may read or write"));
        }
        if (read == true && !ThreatIntelligence.CanRead(c, actor))
        {
            return (null, Error(StatusCodes.Status403Forbidden, "Not a reader", "this collection accepts your objects but you may not read it (can_read is false)"));
        }
        if (read == false && !ThreatIntelligence.CanWrite(c, actor))
        {
            return (null, Error(StatusCodes.Status403Forbidden, "Not a writer", "you may read this collection but not add to it (can_write is false)"));
        }
        return (c, null);
    }

    /// <summary>True when the Accept header allows a TAXII 2.1 response (no header allows anything).</summary>
    public static bool AcceptsTaxii(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count == 0) return true;
        if (!MediaTypeHeaderValue.TryParseList(accept, out var types)) return false;
        return types.Any(t => t.Quality != 0 && (t.MediaType.Equals("*/*", StringComparison.Ordinal) || IsTaxii(t)));
    }

    private static bool IsTaxii(string? contentType) => contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var t) && IsTaxii(t);

    private static bool IsTaxii(MediaTypeHeaderValue t) =>
        t.MediaType.Equals("application/taxii+json", StringComparison.OrdinalIgnoreCase)
        && (t.Parameters.FirstOrDefault(p => p.Name.Equals("version", StringComparison.OrdinalIgnoreCase)) is not { } v || v.Value == "2.1");

    private static IResult Taxii(JsonObject body) => Results.Text(body.ToJsonString(), MediaType);

    /// <summary>A TAXII error message (section 3.6.1) with its HTTP status.</summary>
    public static IResult Error(int status, string title, string description) =>
        Results.Text(new JsonObject { ["title"] = title, ["description"] = description, ["http_status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture) }.ToJsonString(),
            MediaType, statusCode: status);
}
