using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Security.Contracts;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IctGov.Security.Features;

/// <summary>
/// /api/v1/security/assets and /vulnerabilities: JSON arrays or CSV files (the kit's reader), a
/// batch written whole or refused naming its rows and fields.
/// </summary>
internal static class ResourceLibraryApi
{
    public static RouteGroupBuilder MapResourceLibraryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/assets", async (ResourceLibrary s, IActorAccessor a, CancellationToken ct) => TypedResults.Ok(await s.AssetsAsync(a.Current, ct)))
            .WithName("ListSecurityAssets").WithSummary("Network assets (the ministry sees all, a province its own region)")
            .RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapPost("/assets", ImportAssets).WithName("ImportSecurityAssets")
            .WithSummary("Add or replace network assets: a JSON array, or a CSV file (text/csv) with columns " + string.Join(",", ResourceLibrary.AssetColumns))
            .RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapGet("/vulnerabilities", async (ResourceLibrary s, CancellationToken ct) => TypedResults.Ok(await s.VulnerabilitiesAsync(ct)))
            .WithName("ListSecurityVulnerabilities").WithSummary("The vulnerability library with computed CVSS scores")
            .RequireAuthorization(Policies.SignedIn);
        api.MapGet("/vulnerabilities/{cnvdId}", async (string cnvdId, ResourceLibrary s, CancellationToken ct) => (await s.VulnerabilityAsync(cnvdId, ct)).ToHttpResult())
            .WithName("GetSecurityVulnerability").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/vulnerabilities/{cnvdId}/affected-assets", async (string cnvdId, ResourceLibrary s, IActorAccessor a, CancellationToken ct) => (await s.AffectedAssetsAsync(a.Current, cnvdId, ct)).ToHttpResult())
            .WithName("SecurityVulnerabilityAffectedAssets").WithSummary("The assets the caller may see whose products the vulnerability's CPE 2.3 names cover")
            .RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapPost("/vulnerabilities", ImportVulnerabilities).WithName("ImportSecurityVulnerabilities")
            .WithSummary("Add or replace vulnerabilities (ministry): a JSON array, or a CSV file (text/csv) with columns " + string.Join(",", ResourceLibrary.VulnerabilityColumns))
            .RequireAuthorization(Policies.MinistryOnly);
        return api;
    }

    private static Task<Results<Ok<ImportReceipt>, ProblemHttpResult>> ImportAssets(HttpRequest request, ResourceLibrary s, IActorAccessor a, CancellationToken ct) =>
        ImportAsync<AssetInput>(request, ResourceLibrary.ReadAssetsCsv, (rows, channel) => s.ImportAssetsAsync(a.Current, rows, channel, ct), ct);

    private static Task<Results<Ok<ImportReceipt>, ProblemHttpResult>> ImportVulnerabilities(HttpRequest request, ResourceLibrary s, IActorAccessor a, CancellationToken ct) =>
        ImportAsync<VulnerabilityInput>(request, ResourceLibrary.ReadVulnerabilitiesCsv, (rows, channel) => s.ImportVulnerabilitiesAsync(a.Current, rows, channel, ct), ct);

    // One body, two forms: a CSV file when the content type says so, else a JSON array whose
    // elements count from 1 as rows.
    private static async Task<Results<Ok<ImportReceipt>, ProblemHttpResult>> ImportAsync<T>(HttpRequest request,
        Func<Stream, CancellationToken, Outcome<IReadOnlyList<(long, T)>>> readCsv,
        Func<IReadOnlyList<(long, T)>, string, Task<Outcome<ImportReceipt>>> import, CancellationToken ct)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct); // the CSV reader is synchronous; Kestrel forbids that on the request body
        body.Position = 0;
        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            var read = readCsv(body, ct);
            return (read.Succeeded ? await import(read.Value!, "csv") : read.Cast<ImportReceipt>()).ToHttpResult();
        }
        List<T>? items;
        try
        {
            items = await System.Text.Json.JsonSerializer.DeserializeAsync<List<T>>(body, System.Text.Json.JsonSerializerOptions.Web, ct);
        }
        catch (System.Text.Json.JsonException e)
        {
            return Outcome.Invalid<ImportReceipt>([new RowError(0, "body", $"expected a JSON array of records or a CSV file (Content-Type: text/csv): {e.Message}")]).ToHttpResult();
        }
        return (await import((items ?? []).Select((item, i) => ((long)i + 1, item)).ToList(), "api")).ToHttpResult();
    }
}
