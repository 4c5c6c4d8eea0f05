using System.Text.Json;
using System.Text.Json.Nodes;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IctGov.Security.Features;

/// <summary>
/// /api/v1/security/taxii/collections (the ministry sets up who shares with whom) and
/// /api/v1/security/stix/collections/{id}/bundle: STIX 2.1 bundles (section 8, <c>type: bundle</c>,
/// <c>objects</c>) as MISP and OpenCTI export them, imported whole or refused naming each bad
/// object's position, property and expectation; and any selection exported as a bundle.
/// </summary>
internal static class StixBundleApi
{
    public static RouteGroupBuilder MapStixApi(this RouteGroupBuilder api)
    {
        api.MapPost("/taxii/collections", async (CollectionInput input, ThreatIntelligence s, IActorAccessor a, CancellationToken ct) =>
                (await s.CreateCollectionAsync(a.Current, input, ct)).ToHttpResult())
            .WithName("CreateTaxiiCollection").WithSummary("Create a TAXII collection with its readers and writers (ministry)")
            .RequireAuthorization(Policies.MinistryOnly);
        api.MapGet("/taxii/collections", async (ThreatIntelligence s, IActorAccessor a, CancellationToken ct) => TypedResults.Ok(await s.CollectionsAsync(a.Current, ct)))
            .WithName("ListTaxiiCollections").WithSummary("The TAXII collections the caller may read or write").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/stix/collections/{id}/bundle", ImportBundle).WithName("ImportStixBundle")
            .WithSummary("Import a STIX 2.1 bundle (as MISP and OpenCTI export them) into a collection the caller may write; all objects or none")
            .RequireAuthorization(Policies.SignedIn);
        api.MapGet("/stix/collections/{id}/bundle", ExportBundle).WithName("ExportStixBundle")
            .WithSummary("Export the latest versions the caller may read (optionally of some types or ids) as a STIX 2.1 bundle")
            .RequireAuthorization(Policies.SignedIn);
        return api;
    }

    private static async Task<IResult> ImportBundle(string id, HttpRequest request, ThreatIntelligence store, IActorAccessor a, CancellationToken ct)
    {
        var actor = a.Current;
        var collection = await store.CollectionAsync(id, ct);
        if (collection is null || !(ThreatIntelligence.CanRead(collection, actor) || ThreatIntelligence.CanWrite(collection, actor)))
        {
            return Outcome.Refused<Done>(OutcomeStatus.NotFound, $"no collection {id} that you may read or write").ToHttpResult();
        }
        if (!ThreatIntelligence.CanWrite(collection, actor))
        {
            return Outcome.Refused<Done>(OutcomeStatus.Forbidden, "you may not add to this collection").ToHttpResult();
        }
        JsonElement bundle;
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, default, ct);
            bundle = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Invalid("body", $"expected a STIX bundle (JSON): {e.Message}");
        }
        if (bundle.ValueKind != JsonValueKind.Object || !bundle.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "bundle")
        {
            return Invalid("type", "expected a STIX bundle, {\"type\": \"bundle\", \"id\": \"bundle--<UUID>\", \"objects\": [...]} (section 8)");
        }
        var bundleId = bundle.TryGetProperty("id", out var bid) && bid.ValueKind == JsonValueKind.String ? bid.GetString()! : "";
        if (Domain.Stix.StixValidator.IdProblem(bundleId, "bundle") is { } idProblem)
        {
            return Invalid("id", idProblem);
        }
        if (!bundle.TryGetProperty("objects", out var objects) || objects.ValueKind != JsonValueKind.Array || objects.GetArrayLength() is 0 or > ThreatIntelligence.MaxObjects)
        {
            return Invalid("objects", $"expected a list of 1 to {ThreatIntelligence.MaxObjects:N0} STIX objects");
        }
        var result = await store.AddAsync(actor, collection, objects.EnumerateArray().ToList(), "bundle", ct);
        return result.Errors.Count > 0
            ? Outcome.Invalid<Done>(result.Errors).ToHttpResult()
            : TypedResults.Ok(new { added = result.Added.Count, alreadyHeld = result.AlreadyHeld.Count });
    }

    private static Results<Ok<Done>, ProblemHttpResult> Invalid(string field, string message) => Outcome.Invalid<Done>([new RowError(0, field, message)]).ToHttpResult();

    private static async Task<IResult> ExportBundle(string id, HttpRequest request, ThreatIntelligence store, IActorAccessor a, CancellationToken ct)
    {
        var actor = a.Current;
        var collection = await store.CollectionAsync(id, ct);
        if (collection is null || !ThreatIntelligence.CanRead(collection, actor))
        {
            return Outcome.Refused<Done>(OutcomeStatus.NotFound, $"no collection {id} that you may read").ToHttpResult();
        }
        var types = TaxiiServer.List(request.Query, "type");
        var ids = TaxiiServer.List(request.Query, "id");
        var errors = types.Where(t => !Domain.Stix.StixValidator.IsTypeName(t)).Select(t => new RowError(0, "type", "expected STIX types such as indicator,malware") { Value = t })
            .Concat(ids.Where(i => Domain.Stix.StixValidator.IdProblem(i, null) is not null).Select(i => new RowError(0, "id", "expected STIX identifiers type--UUID") { Value = i }))
            .ToList();
        if (errors.Count > 0) return Outcome.Invalid<Done>(errors).ToHttpResult();
        var objects = new JsonArray();
        long? after = null;
        while (true)
        {
            var page = await store.QueryAsync(actor, collection, new StixQuery(null, types, ids, ["last"], ThreatIntelligence.MaxPage, after, []), ct);
            foreach (var row in page.Rows) objects.Add(JsonNode.Parse(row.Json));
            if (!page.More) break;
            after = page.Rows[^1].Id;
        }
        var bundle = new JsonObject { ["type"] = "bundle", ["id"] = "bundle--" + Guid.NewGuid(), ["objects"] = objects };
        return Results.Text(bundle.ToJsonString(), "application/stix+json;version=2.1");
    }
}
