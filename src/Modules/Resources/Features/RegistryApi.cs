using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Resources.Contracts;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IctGov.Resources.Features;

/// <summary>/api/v1/resources/…: the registry's JSON API and batch files.</summary>
internal static class RegistryApi
{
    public static RouteGroupBuilder MapRegistryApi(this RouteGroupBuilder api)
    {
        api.MapPost("/subjects", (IReadOnlyList<SubjectInput> rows, ResourceRegistry r, IActorAccessor a, CancellationToken ct) => Write(r.AddSubjectsAsync(a.Current, rows, ct)))
            .WithName("AddResourceSubjects").WithSummary("Register filing subjects (ministry); any bad row refuses the whole batch").RequireAuthorization(Policies.MinistryOnly);
        api.MapPost("/providers", (IReadOnlyList<ProviderInput> rows, ResourceRegistry r, IActorAccessor a, CancellationToken ct) => Write(r.AddProvidersAsync(a.Current, rows, ct)))
            .WithName("AddResourceProviders").WithSummary("Register access providers (ministry)").RequireAuthorization(Policies.MinistryOnly);
        api.MapPost("/domains", (IReadOnlyList<DomainInput> rows, ResourceRegistry r, IActorAccessor a, CancellationToken ct) => Write(r.AddDomainsAsync(a.Current, rows, ct)))
            .WithName("AddResourceDomains").WithSummary("Record domain registrations (ministry)").RequireAuthorization(Policies.MinistryOnly);
        api.MapPost("/prefixes", (IReadOnlyList<PrefixInput> rows, ResourceRegistry r, IActorAccessor a, CancellationToken ct) => Write(r.AddPrefixesAsync(a.Current, rows, ct)))
            .WithName("AddResourcePrefixes").WithSummary("Record IP blocks in the allocation hierarchy (ministry)").RequireAuthorization(Policies.MinistryOnly);
        api.MapPost("/{register}/import", Import)
            .WithName("ImportResources").WithSummary("Import subjects, providers, domains or prefixes from CSV or XLSX; any bad row refuses the whole file")
            .DisableAntiforgery().RequireAuthorization(Policies.MinistryOnly).Accepts<IFormFile>("multipart/form-data", "text/csv");
        api.MapGet("/domains/{name}", async Task<Results<Ok<DomainView>, ProblemHttpResult>> (string name, ResourceRegistry r, CancellationToken ct) =>
                await r.FindDomainAsync(name, ct) is { } d ? TypedResults.Ok(d) : OutcomeResults.Problem(OutcomeStatus.NotFound, $"no domain '{name}'"))
            .WithName("GetResourceDomain").WithSummary("A registered domain (public)");
        api.MapGet("/prefixes/lookup", async Task<Results<Ok<PrefixView>, ProblemHttpResult>> (string address, ResourceRegistry r, CancellationToken ct) =>
                await r.FindPrefixAsync(address, ct) is { } p ? TypedResults.Ok(p) : OutcomeResults.Problem(OutcomeStatus.NotFound, $"no block contains '{address}'"))
            .WithName("LookupResourcePrefix").WithSummary("The most specific block containing an address or prefix (public)");
        return api;
    }

    private static async Task<Results<Ok<BatchResult>, ProblemHttpResult>> Write(Task<Outcome<BatchResult>> write) => (await write).ToHttpResult();

    private static async Task<Results<Ok<BatchResult>, ProblemHttpResult>> Import(string register, HttpRequest request, RegistryImport import, IActorAccessor actors, CancellationToken ct)
    {
        Outcome<BatchResult> result;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.Count == 0)
            {
                return OutcomeResults.Problem(OutcomeStatus.Invalid, "multipart upload has no file part");
            }
            var file = form.Files[0];
            await using var s = file.OpenReadStream();
            result = await import.ImportAsync(actors.Current, register, s, file.FileName, file.ContentType, ct);
        }
        else
        {
            // The reader is synchronous; Kestrel forbids that on the request body, so buffer it.
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            body.Position = 0;
            result = await import.ImportAsync(actors.Current, register, body, null, "text/csv", ct);
        }
        return result.ToHttpResult();
    }
}
