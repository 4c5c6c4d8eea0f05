using IctGov.Data.Files;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Planning.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IctGov.Planning.Pages.Planning;

/// <summary>Upload of observations as CSV or XLSX: all rows are accepted or, with any bad row, none. Only the ministry imports the plan's figures.</summary>
[Authorize(Policy = Policies.MinistryOnly)]
public sealed class ImportModel(IPlanningFacade planning) : PageModel
{
    public IActionResult OnGet() => Page();

    /// <summary>The uploaded file of the last POST, if any.</summary>
    public string? FileName { get; private set; }

    /// <summary>The importer's answer; null before an upload.</summary>
    public Outcome<ImportSummary>? Result { get; private set; }

    /// <summary>A problem with the upload itself (no file, empty file).</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
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
        Result = TableReader.IsXlsx(file.FileName, file.ContentType)
            ? await planning.ImportXlsxAsync(buffer, origin, ct)
            : await planning.ImportCsvAsync(buffer, origin, ct);
        if (!Result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return Page();
    }
}
