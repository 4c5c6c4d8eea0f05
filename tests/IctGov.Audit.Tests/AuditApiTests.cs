using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IctGov.Audit.Tests.Infrastructure;
using IctGov.Kernel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Audit.Tests;

public class AuditApiTests
{
    [Theory, DatabaseData]
    public async Task Api_ListsEntriesFromASequenceNumber_WithEnoughToRecomputeTheirHashes(DatabaseProvider provider)
    {
        await using var harness = await AuditHarness.StartAsync(provider);
        await harness.AppendAsync(5);
        // The module alone on a loopback port: the endpoint as mapped, without the rest of the platform.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var module = IctGov.Web.Modules.ModuleSet.Of(new AuditModule());
        module.AddServices(builder.Services.AddSingleton<TimeProvider>(harness.Clock), harness.Storage);
        // The read API is the ministry's (Policies.MinistryOnly, which Access enforces in the platform and
        // the platform tests check); here every caller counts as the ministry.
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization(o => o.AddPolicy(IctGov.Kernel.Security.Policies.MinistryOnly, p => p.RequireAssertion(_ => true)));
        await using var app = builder.Build();
        app.UseAuthorization();
        module.Map(app);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        var page = await http.GetFromJsonAsync<JsonArray>("/api/v1/audit?from=3&take=2");
        Assert.Equal([3L, 4L], page!.Select(e => (long)e!["seq"]!));
        var stored = await harness.EntriesAsync();
        foreach (var e in page!)
        {
            string? S(string name) => (string?)e![name];
            Assert.Equal(S("hash"), IndependentHash.Of(e!["seq"]!.ToJsonString(), S("recordedAt"), S("actorId"), S("action"),
                S("subjectType"), S("subjectId"), S("regionCode"), S("before"), S("after"), S("prevHash")));
        }
        Assert.Equal(stored[1].Hash, (string?)page[0]!["prevHash"]);
        Assert.Equal(5, (await http.GetFromJsonAsync<JsonArray>("/api/v1/audit"))!.Count);
        Assert.Empty((await http.GetFromJsonAsync<JsonArray>("/api/v1/audit?from=6"))!);

        foreach (var bad in new[] { "from=0", "take=0", "take=1001" })
        {
            var response = await http.GetAsync(new Uri("/api/v1/audit?" + bad, UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        await app.StopAsync();
    }
}
