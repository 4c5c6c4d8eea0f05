using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IctGov.Kernel;

namespace IctGov.Numbering.Tests;

/// <summary>
/// The registry and the portability database through the real platform: applications on the
/// working-day calendar, allocation never twice (an overlap names its holder), operators see only
/// their own applications and ports, and routing changes at the port's effective hour, never before.
/// </summary>
public class HttpTests
{
    private static async Task<JsonObject> OkAsync(Task<HttpResponseMessage> send)
    {
        var response = await send;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    internal static async Task<long> AllocateAsync(PlatformServer server, HttpClient op, string kind, string prefix, string region = "440000")
    {
        var app = await OkAsync(op.PostAsJsonAsync("/api/v1/numbering/applications", new { kind, prefix, region, purpose = "新增用户" }));
        var id = (long)app["id"]!;
        await OkAsync(server.Admin.PostAsync($"/api/v1/numbering/applications/{id}/accept", null));
        var decided = await OkAsync(server.Admin.PostAsJsonAsync($"/api/v1/numbering/applications/{id}/decide", new { approve = true }));
        Assert.Equal("allocated", (string)decided["status"]!);
        return id;
    }

    [Theory, DatabaseData]
    public async Task Applications_AreDecidedOnWorkingDays_AllocatedOnce_AndSeenOnlyByTheirOperator(DatabaseProvider provider)
    {
        // 2026-09-30 (Wednesday) in Beijing: the National Day holiday follows, so ten working days run to 2026-10-21.
        await using var server = await PlatformServer.StartAsync(provider, new DateTimeOffset(2026, 9, 30, 2, 0, 0, TimeSpan.Zero));
        using var cm = server.Client(await server.TokenAsync("cm"));
        using var ct = server.Client(await server.TokenAsync("ct"));

        var app = await OkAsync(cm.PostAsJsonAsync("/api/v1/numbering/applications", new { kind = "mobile", prefix = "1380000", region = "440000", purpose = "新增用户" }));
        Assert.Equal("2026-09-30", (string)app["submittedOn"]!);
        Assert.Equal(server.Services.GetCalendar().AddWorkingDays(new DateOnly(2026, 9, 30), 10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (string)app["acknowledgeBy"]!);
        var id = (long)app["id"]!;

        // Another operator's network code is refused by field; a non-operator may not apply.
        var wrong = await ct.PostAsJsonAsync("/api/v1/numbering/applications", new { kind = "mobile", prefix = "1380001", region = "440000", purpose = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("assigned to cm", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Admin.PostAsJsonAsync("/api/v1/numbering/applications", new { kind = "short", prefix = "95588", region = "100000", purpose = "x" })).StatusCode);

        await OkAsync(server.Admin.PostAsync($"/api/v1/numbering/applications/{id}/accept", null));
        await OkAsync(server.Admin.PostAsJsonAsync($"/api/v1/numbering/applications/{id}/decide", new { approve = true }));

        // An SMS code and a short code that overlap: the second is refused naming the holder.
        await AllocateAsync(server, ct, "sms", "10690", "100000");
        var clash = await cm.PostAsJsonAsync("/api/v1/numbering/applications", new { kind = "sms", prefix = "1069012", region = "100000", purpose = "短信" });
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Contains("allocated to ct", await clash.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Operators see only their own applications; the ministry all; the public is told to sign in.
        Assert.Equal(["cm"], (await cm.GetFromJsonAsync<JsonArray>("/api/v1/numbering/applications"))!.Select(a => (string)a!["operator"]!));
        Assert.Equal(["ct"], (await ct.GetFromJsonAsync<JsonArray>("/api/v1/numbering/applications"))!.Select(a => (string)a!["operator"]!));
        Assert.Equal(2, (await server.Admin.GetFromJsonAsync<JsonArray>("/api/v1/numbering/applications"))!.Count);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.GetAsync("/api/v1/numbering/applications")).StatusCode);

        // Usage: only the holder reports; utilisation is public.
        Assert.Equal(HttpStatusCode.NotFound, (await ct.PostAsJsonAsync("/api/v1/numbering/usage", new { prefix = "1380000", year = 2026, activated = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cm.PostAsJsonAsync("/api/v1/numbering/usage", new { prefix = "1380000", year = 2026, activated = 10_001 })).StatusCode);
        await OkAsync(cm.PostAsJsonAsync("/api/v1/numbering/usage", new { prefix = "1380000", year = 2026, activated = 2_500 }));
        var stats = (await server.Http.GetFromJsonAsync<JsonArray>("/api/v1/numbering/statistics"))!;
        var mobile = stats.Single(s => (string)s!["operator"]! == "cm")!;
        Assert.Equal(0.25, (double)mobile["share"]!);
        Assert.Equal(1, (int)mobile["lowBlocks"]!);
        Assert.Contains("1380000", await server.Http.GetStringAsync("/numbering"), StringComparison.Ordinal);

        // A penalised operator may not apply for a year.
        await OkAsync(server.Admin.PostAsJsonAsync("/api/v1/numbering/penalties", new { @operator = "cu", imposedOn = "2026-09-01", note = "违规转让码号" }));
        using var cu = server.Client(await server.TokenAsync("cu"));
        var barred = await cu.PostAsJsonAsync("/api/v1/numbering/applications", new { kind = "mobile", prefix = "1300000", region = "110000", purpose = "x" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, barred.StatusCode);
        Assert.Contains("2027-09-01", await barred.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task ConcurrentApprovals_OfOverlappingBlocks_AllocateOnlyOne(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider, new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero));
        using var cm = server.Client(await server.TokenAsync("cm"));
        using var ct = server.Client(await server.TokenAsync("ct"));
        var ids = new List<long>();
        // Eight applications for the same short code from two operators, all accepted before any decision.
        for (var i = 0; i < 8; i++)
        {
            var app = await OkAsync((i % 2 == 0 ? cm : ct).PostAsJsonAsync("/api/v1/numbering/applications", new { kind = "short", prefix = "12345", region = "100000", purpose = "热线" }));
            ids.Add((long)app["id"]!);
            await OkAsync(server.Admin.PostAsync($"/api/v1/numbering/applications/{ids[^1]}/accept", null));
        }
        var results = await Task.WhenAll(ids.Select(id => server.Admin.PostAsJsonAsync($"/api/v1/numbering/applications/{id}/decide", new { approve = true })));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Single((await server.Http.GetFromJsonAsync<JsonArray>("/api/v1/numbering/allocations"))!);
    }

    [Theory, DatabaseData]
    public async Task Port_ChangesRoutingAtTheEffectiveHour_NeverBefore(DatabaseProvider provider)
    {
        // 10:20 in Beijing.
        await using var server = await PlatformServer.StartAsync(provider, new DateTimeOffset(2026, 6, 1, 2, 20, 0, TimeSpan.Zero));
        using var cm = server.Client(await server.TokenAsync("cm"));
        using var ct = server.Client(await server.TokenAsync("ct"));
        using var cu = server.Client(await server.TokenAsync("cu"));
        await AllocateAsync(server, cm, "mobile", "1380013");
        const string number = "13800138000";

        var before = await OkAsync(ct.GetAsync($"/api/v1/numbering/routing/{number}"));
        Assert.Equal("cm", (string)before["operator"]!);
        Assert.Equal("1901", (string)before["routingNumber"]!);

        var facts = new { number, realName = true, status = "normal", billsSettled = true, activatedOn = "2025-01-01" };
        // Only the serving operator authorises; an ineligible subscriber is refused naming the rule.
        Assert.Equal(HttpStatusCode.Forbidden, (await ct.PostAsJsonAsync("/api/v1/numbering/ports/authorisations", facts)).StatusCode);
        var young = await cm.PostAsJsonAsync("/api/v1/numbering/ports/authorisations", facts with { activatedOn = "2026-03-01" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, young.StatusCode);
        Assert.Contains("activatedOn", await young.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The code lives 60 minutes.
        var stale = (string)(await OkAsync(cm.PostAsJsonAsync("/api/v1/numbering/ports/authorisations", facts)))["code"]!;
        server.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ct.PostAsJsonAsync("/api/v1/numbering/ports", new { number, code = stale })).StatusCode);
        var code = (string)(await OkAsync(cm.PostAsJsonAsync("/api/v1/numbering/ports/authorisations", facts)))["code"]!;
        var wrongCode = code == "000000" ? "000001" : "000000";
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ct.PostAsJsonAsync("/api/v1/numbering/ports", new { number, code = wrongCode })).StatusCode);
        var port = await OkAsync(ct.PostAsJsonAsync("/api/v1/numbering/ports", new { number, code }));
        var id = (long)port["id"]!;
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await cu.PostAsJsonAsync("/api/v1/numbering/ports", new { number, code })).StatusCode); // used once

        // A third operator neither sees nor acknowledges it.
        Assert.Empty((await cu.GetFromJsonAsync<JsonArray>("/api/v1/numbering/ports"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await cu.PostAsync($"/api/v1/numbering/ports/{id}/acknowledge", null)).StatusCode);
        Assert.Single((await cm.GetFromJsonAsync<JsonArray>("/api/v1/numbering/ports"))!);

        // The donor acknowledges at 11:21:30 Beijing time: effective at 12:00.
        server.Clock.Advance(TimeSpan.FromSeconds(30));
        var scheduled = await OkAsync(cm.PostAsync($"/api/v1/numbering/ports/{id}/acknowledge", null));
        Assert.Equal("scheduled", (string)scheduled["status"]!);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 4, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse((string)scheduled["effectiveAt"]!, System.Globalization.CultureInfo.InvariantCulture));

        server.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 1, 3, 59, 59, TimeSpan.Zero));
        Assert.Equal("cm", (string)(await OkAsync(cu.GetAsync($"/api/v1/numbering/routing/{number}")))["operator"]!);
        server.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 1, 4, 0, 0, TimeSpan.Zero));
        var after = await OkAsync(cu.GetAsync($"/api/v1/numbering/routing/{number}"));
        Assert.Equal("ct", (string)after["operator"]!);
        Assert.Equal("1900", (string)after["routingNumber"]!);
        Assert.True((bool)after["ported"]!);
        Assert.Equal("cm", (string)after["blockHolder"]!);

        // The new serving operator may not let it port again within 120 days.
        var again = await ct.PostAsJsonAsync("/api/v1/numbering/ports/authorisations", facts);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cu.GetAsync("/api/v1/numbering/routing/12ab")).StatusCode);
        Assert.Contains(number, await cm.GetStringAsync("/numbering/ports"), StringComparison.Ordinal);
    }
}

internal static class ServiceProviderExtensions
{
    public static Kernel.Time.ChinaCalendar GetCalendar(this IServiceProvider services) =>
        (Kernel.Time.ChinaCalendar)services.GetService(typeof(Kernel.Time.ChinaCalendar))!;
}
