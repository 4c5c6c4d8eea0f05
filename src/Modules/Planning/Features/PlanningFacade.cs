using IctGov.Kernel.Results;
using IctGov.Planning.Contracts;
using IctGov.Planning.Evaluation;

namespace IctGov.Planning.Features;

/// <summary>The host's view of Planning: every answer mapped to its contract type here.</summary>
internal sealed class PlanningFacade(ObservationImporter importer, EvaluationService evaluation, SnapshotStore snapshots) : IPlanningFacade
{
    public DateOnly Today => evaluation.Today;

    public Task<Outcome<ImportSummary>> ImportCsvAsync(Stream csv, string origin, CancellationToken ct = default) => importer.ImportCsvAsync(csv, origin, ct);

    public Task<Outcome<ImportSummary>> ImportXlsxAsync(Stream xlsx, string origin, CancellationToken ct = default) => importer.ImportXlsxAsync(xlsx, origin, ct);

    public async Task<EvaluationDocument> EvaluateAsync(DateOnly asOf, string region, string? version = null, CancellationToken ct = default) =>
        EvaluationJson.ToDto(await evaluation.EvaluateAsync(asOf, region, version, ct));

    public async Task<long> FreezeAsync(DateOnly asOf, string region, string? version, string? label, CancellationToken ct = default) =>
        (await snapshots.FreezeAsync(asOf, region, version, label, ct)).Id;

    public async Task<byte[]> ExportXlsxAsync(DateOnly asOf, string region, string? version = null, CancellationToken ct = default)
    {
        var all = await evaluation.EvaluateAllAsync(asOf, version, ct);
        return EvaluationXlsx.Write(all.Single(r => r.Region.Code == region), all);
    }

    public async Task<string> RenderReportAsync(DateOnly asOf, string? version, string echartsScript, CancellationToken ct = default)
    {
        var all = await evaluation.EvaluateAllAsync(asOf, version, ct);
        var national = await evaluation.DetailsAsync(asOf, Kernel.Region.NationalCode, version, ct);
        return ReportHtml.Render(all, national.Details, echartsScript);
    }

}
