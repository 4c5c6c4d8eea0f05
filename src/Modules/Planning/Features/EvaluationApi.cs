using System.Globalization;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Planning.Contracts;
using IctGov.Planning.Evaluation;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IctGov.Planning.Features;

/// <summary>GET /api/v1/evaluation and its XLSX export.</summary>
internal static class EvaluationApi
{
    public static RouteGroupBuilder MapEvaluationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/evaluation", GetEvaluation)
            .WithName("GetEvaluation")
            .WithSummary("Evaluate the 20 headline indicators as of a date, using only figures published by then");
        api.MapGet("/evaluation.xlsx", GetEvaluationXlsx)
            .WithName("GetEvaluationXlsx")
            .WithSummary("The same evaluation as an XLSX workbook (national or one region, plus the province ranking)");
        api.MapGet("/indicators/{no:int}", GetIndicator)
            .WithName("GetIndicatorDetail")
            .WithSummary("One indicator: series, required trajectory, projection and the provinces");
        return api;
    }

    /// <summary>Parses the common query: asOf (default today), region (default national), version (default in effect).</summary>
    internal static bool TryQuery(string? asOf, string? region, DateOnly today, out DateOnly date, out string regionCode, out string? problem)
    {
        date = today;
        regionCode = Region.NationalCode;
        problem = null;
        if (!string.IsNullOrEmpty(asOf) && !DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            problem = $"asOf '{asOf}' is not a date: expected YYYY-MM-DD";
            return false;
        }
        if (!string.IsNullOrEmpty(region))
        {
            if (!Regions.TryGet(region, out var r))
            {
                problem = $"region '{region}' is not a GB/T 2260 code: expected 100000 or a provincial code such as 110000";
                return false;
            }
            regionCode = r.Code;
        }
        return true;
    }

    private static async Task<Results<Ok<EvaluationDocument>, ProblemHttpResult>> GetEvaluation(
        string? asOf, string? region, string? version, EvaluationService service, CancellationToken ct)
    {
        if (!TryQuery(asOf, region, service.Today, out var date, out var code, out var problem))
        {
            return OutcomeResults.Problem(OutcomeStatus.Invalid, problem!);
        }
        try
        {
            var report = await service.EvaluateAsync(date, code, version, ct);
            return TypedResults.Ok(EvaluationJson.ToDto(report));
        }
        catch (KeyNotFoundException e)
        {
            return OutcomeResults.Problem(OutcomeStatus.NotFound, e.Message);
        }
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetEvaluationXlsx(
        string? asOf, string? region, string? version, EvaluationService service, CancellationToken ct)
    {
        if (!TryQuery(asOf, region, service.Today, out var date, out var code, out var problem))
        {
            return OutcomeResults.Problem(OutcomeStatus.Invalid, problem!);
        }
        try
        {
            var all = await service.EvaluateAllAsync(date, version, ct);
            var bytes = EvaluationXlsx.Write(all.Single(r => r.Region.Code == code), all);
            return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"ictgov-evaluation-{code}-{date:yyyy-MM-dd}.xlsx");
        }
        catch (KeyNotFoundException e)
        {
            return OutcomeResults.Problem(OutcomeStatus.NotFound, e.Message);
        }
    }

    internal sealed record SeriesPointDto(string Period, double Value, string Status, DateOnly Published, string Source, string Origin);
    internal sealed record TrajectoryPointDto(double YearsAfterBase, double Value);
    internal sealed record IndicatorDetailDto(IndicatorStanding Indicator, IReadOnlyList<SeriesPointDto> Series,
        IReadOnlyList<TrajectoryPointDto> Trajectory, IReadOnlyList<ProvinceRowDto> Provinces);
    internal sealed record ProvinceRowDto(string Region, string NameZh, string NameEn, IndicatorStanding Evaluation);

    private static async Task<Results<Ok<IndicatorDetailDto>, ProblemHttpResult>> GetIndicator(
        int no, string? asOf, string? region, string? version, EvaluationService service, CancellationToken ct)
    {
        if (!TryQuery(asOf, region, service.Today, out var date, out var code, out var problem))
        {
            return OutcomeResults.Problem(OutcomeStatus.Invalid, problem!);
        }
        var detail = await service.DetailAsync(no, date, code, version, ct);
        if (detail is null)
        {
            return OutcomeResults.Problem(OutcomeStatus.NotFound, $"no indicator {no}: 专栏1 numbers them 1–20");
        }
        return TypedResults.Ok(new IndicatorDetailDto(
            EvaluationJson.ToDto(detail.Indicator),
            detail.Series.Select(p => new SeriesPointDto(p.Period.ToString(), p.Value, p.Status, p.Published, p.Source, p.Origin)).ToList(),
            detail.Trajectory.Select(t => new TrajectoryPointDto(t.YearsAfterBase, Math.Round(t.Value, 6))).ToList(),
            detail.Provinces.Select(p => new ProvinceRowDto(p.Evaluation.Region, Regions.Get(p.Evaluation.Region).NameZh, Regions.Get(p.Evaluation.Region).NameEn, EvaluationJson.ToDto(p))).ToList()));
    }
}
