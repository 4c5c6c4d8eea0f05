using IctGov.Kernel.Results;
using IctGov.Security.Contracts;
using IctGov.Security.Domain.Cvss;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IctGov.Security.Features;

/// <summary>
/// Scores a CVSS v3.1 or v4.0 vector (chosen by its label). Vulnerability records keep the vector and
/// the scores computed here, never a score typed by whoever reported it.
/// </summary>
internal static class CvssScoring
{
    /// <summary>The vector's score, or the problem naming the metric at fault.</summary>
    public static Outcome<CvssScore> Score(string? vector, string field = "vector", long row = 0)
    {
        if (vector is not null && vector.StartsWith(Cvss40.Label, StringComparison.Ordinal))
        {
            var v4 = Cvss40.Parse(vector, out var problem);
            return v4 is null ? Refuse(problem!, field, row, vector) : Outcome.Ok(ToScore(v4));
        }
        if (vector is not null && vector.StartsWith("CVSS:3.1", StringComparison.Ordinal))
        {
            var v3 = Cvss31.Parse(vector, out var problem);
            return v3 is null ? Refuse(problem!, field, row, vector) : Outcome.Ok(ToScore(v3));
        }
        return Refuse(new CvssProblem("CVSS", "expected a vector labelled CVSS:3.1/ or CVSS:4.0/"), field, row, vector);
    }

    public static CvssScore ToScore(Cvss31 v) =>
        new("3.1", v.Vector, v.Score, CvssVectorReader.Severity(v.Score).ToString(), v.BaseScore, v.TemporalScore, null, null);

    public static CvssScore ToScore(Cvss40 v)
    {
        // The base score alone is the same vector without threat and environmental metrics.
        var baseOnly = Cvss40.Parse(string.Join('/', v.Vector.Split('/').Take(12)), out _)!;
        return new("4.0", v.Vector, v.Score, v.Severity.ToString(), baseOnly.Score, null, v.Nomenclature, v.MacroVector);
    }

    private static Outcome<CvssScore> Refuse(CvssProblem problem, string field, long row, string? vector) =>
        Outcome.Invalid<CvssScore>([new RowError(row, field, $"CVSS metric {problem}") { Value = vector }]);

    public static RouteGroupBuilder MapCvssApi(this RouteGroupBuilder api)
    {
        api.MapGet("/cvss", (string? vector) => Score(vector).ToHttpResult())
            .WithName("ScoreCvssVector")
            .WithSummary("Score a CVSS v3.1 or v4.0 vector as the FIRST specifications compute it (public)");
        return api;
    }
}
