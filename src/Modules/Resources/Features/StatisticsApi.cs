using IctGov.Kernel.Security;
using IctGov.Web.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IctGov.Resources.Features;

/// <summary>/api/v1/resources/statistics: the registry's figures, and the year's IPv6 allocation figures published to the plan.</summary>
internal static class StatisticsApi
{
    public static RouteGroupBuilder MapStatisticsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/statistics", async Task<Ok<ResourceFigures>> (ResourceStatistics s, CancellationToken ct) => TypedResults.Ok(await s.ComputeAsync(ct)))
            .WithName("ResourceStatistics")
            .WithSummary("Filings in force by province, kind and access provider; domains by holder and province; IPv4/IPv6 holdings by holder and province")
            .RequireAuthorization(Policies.ProvinceOrMinistry);
        api.MapPost("/statistics/{period}/publish", async Task<Results<Ok<PublishedResources>, ProblemHttpResult>> (string period, ResourceStatistics s, IActorAccessor a, CancellationToken ct) =>
                (await s.PublishAsync(a.Current, period, ct)).ToHttpResult())
            .WithName("PublishResourceStatistics")
            .WithSummary("Record the year's IPv6 allocations and allocated /32 blocks as the plan's observations (ministry)")
            .RequireAuthorization(Policies.MinistryOnly);
        return api;
    }
}
