using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IctGov.Web.Http;

/// <summary>
/// <c>/healthz</c> as a load balancer and an operator read it: the text <c>ok</c>, or (with 503) one
/// line per check that failed, naming the module's check and why.
/// </summary>
public static class HealthText
{
    /// <summary>Writes the report.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (report.Status == HealthStatus.Healthy)
        {
            return context.Response.WriteAsync("ok");
        }
        var lines = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => $"{e.Key}: {e.Value.Status.ToString().ToLowerInvariant()}{(e.Value.Description ?? e.Value.Exception?.Message) switch { { } why => " — " + why, _ => "" }}");
        return context.Response.WriteAsync(string.Join('\n', lines));
    }
}
