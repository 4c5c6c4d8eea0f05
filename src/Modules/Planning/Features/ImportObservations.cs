using IctGov.Data.Files;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Planning.Contracts;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IctGov.Planning.Features;

/// <summary>POST /api/v1/observations/import: CSV body or a multipart upload of CSV or XLSX (the ministry only).</summary>
internal static class ImportObservationsEndpoint
{
    public static RouteGroupBuilder MapImportObservations(this RouteGroupBuilder api)
    {
        api.MapPost("/observations/import", Handle)
            .WithName("ImportObservations")
            .WithSummary("Import observations (CSV or XLSX); any bad row rejects the whole file")
            .DisableAntiforgery()
            .RequireAuthorization(Policies.MinistryOnly)
            // One declaration of both: routing answers 415 to any content type the last Accepts does not list.
            .Accepts<IFormFile>("multipart/form-data", "text/csv");
        return api;
    }

    private static async Task<Results<Ok<ImportSummary>, ProblemHttpResult>> Handle(HttpRequest request, ObservationImporter importer, CancellationToken ct)
    {
        Outcome<ImportSummary> result;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.Count > 0 ? form.Files[0] : null;
            if (file is null)
            {
                return OutcomeResults.Problem(OutcomeStatus.Invalid, "multipart upload has no file part");
            }
            await using var s = file.OpenReadStream();
            result = TableReader.IsXlsx(file.FileName, file.ContentType)
                ? await importer.ImportXlsxAsync(s, "upload:" + file.FileName, ct)
                : await importer.ImportCsvAsync(s, "upload:" + file.FileName, ct);
        }
        else
        {
            // The CSV parser reads synchronously; Kestrel forbids that on the request body, so buffer it.
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            body.Position = 0;
            result = await importer.ImportCsvAsync(body, "api", ct);
        }
        // A file that cannot be read at all is refused like one with bad rows (422), as it always was.
        return result.Succeeded ? TypedResults.Ok(result.Value!)
            : OutcomeResults.Problem(result.Status == OutcomeStatus.Invalid ? OutcomeStatus.Unprocessable : result.Status, result.Problem!, result.Errors);
    }
}
