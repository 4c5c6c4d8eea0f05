using IctGov.Kernel;
using IctGov.Kernel.Security;
using IctGov.Planning.Contracts;
using IctGov.Planning.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IctGov.Planning.Pages;

/// <summary>Upload of observations as CSV or XLSX: all rows are accepted or, with any bad row, none.</summary>
public sealed class ImportModel(IPlanningFacade planning, IActorAccessor actors) : PageModel
{
    // Only the ministry imports the plan's figures: others are sent to sign in (or refused).
    private IActionResult? Refusal() => actors.Current.Role switch
    {
        Role.MinistryAdmin => null,
        Role.Public => Challenge(),
        _ => Forbid(),
    };

    public IActionResult OnGet() => Refusal() ?? Page();

    /// <summary>The uploaded file of the last POST, if any.</summary>
    public string? FileName { get; private set; }

    /// <summary>The importer's answer; null before an upload.</summary>
    public ImportResult? Result { get; private set; }

    /// <summary>A problem with the upload itself (no file, empty file).</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (Refusal() is { } refused)
        {
            return refused;
        }
        if (file is null || file.Length == 0)
        {
            Problem = file is null
                ? Bilingual.T("请选择要上传的文件。", "Choose a file to upload.")
                : Bilingual.T($"文件“{file.FileName}”为空。", $"The file '{file.FileName}' is empty.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        FileName = file.FileName;
        // The CSV reader is synchronous: read the upload into memory first so no synchronous I/O touches the request.
        using var buffer = new MemoryStream();
        await using (var upload = file.OpenReadStream())
        {
            await upload.CopyToAsync(buffer, ct);
        }
        buffer.Position = 0;
        var origin = "web:" + file.FileName;
        Result = ImportObservationsEndpoint.IsXlsx(file.FileName, file.ContentType)
            ? await planning.ImportXlsxAsync(buffer, origin, ct)
            : await planning.ImportCsvAsync(buffer, origin, ct);
        if (!Result.Accepted)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return Page();
    }
}
