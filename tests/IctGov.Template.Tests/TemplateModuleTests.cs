using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IctGov.Audit;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using IctGov.Sample;
using IctGov.Sample.Contracts;
using IctGov.Testing;

namespace IctGov.Template.Tests;

/// <summary>
/// The module a new system of the plan copies (templates/module) works as the platform kit promises:
/// deployed beside the executable it is discovered, migrated, routed, listed in the menu and checked
/// by /healthz, on both engines, with nothing edited in the host.
/// </summary>
public class TemplateModuleTests
{
    [Fact]
    public void Host_DiscoversTheTemplateModuleDeployedBesideIt() =>
        Assert.Contains(PlatformModules.All.Modules, m => m is SampleModule);

    [Theory, DatabaseData]
    public async Task Template_RunsInsideThePlatform_OnBothEngines(DatabaseProvider provider)
    {
        // 08:30 on 2026-06-01 in Beijing is 00:30 UTC: the entry is registered on the Beijing date.
        await using var server = await PlatformServer.StartAsync(provider, new DateTimeOffset(2026, 6, 1, 0, 30, 0, TimeSpan.Zero));

        Assert.Equal("[]", await server.Http.GetStringAsync("/api/v1/sample/entries"));
        var page = await server.Http.GetStringAsync("/sample");
        Assert.Contains("登记簿中还没有条目", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/sample\"", page, StringComparison.Ordinal); // its menu entry, from the module's declaration
        Assert.Equal("ok", await server.Http.GetStringAsync("/healthz"));

        var ok = await server.Admin.PostAsJsonAsync("/api/v1/sample/entries", new { code = "A1", nameZh = "甲", nameEn = "Alpha" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("2026-06-01", (string)(await ok.Content.ReadFromJsonAsync<JsonObject>())!["registered"]!);
        Assert.Contains("Alpha", await server.Client().GetStringAsync("/sample?culture=en"), StringComparison.Ordinal);

        // Refusals are RFC 9457 problem details: the public is told to sign in, bad input names its field.
        var anonymous = await server.Http.PostAsJsonAsync("/api/v1/sample/entries", new { code = "B2", nameZh = "乙", nameEn = "Beta" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        var bad = await server.Admin.PostAsJsonAsync("/api/v1/sample/entries", new { code = "no spaces", nameZh = "", nameEn = "X" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray();
        Assert.Equal(["code", "nameZh"], errors.Select(e => (string)e!["field"]!));
        var again = await server.Admin.PostAsJsonAsync("/api/v1/sample/entries", new { code = "A1", nameZh = "甲", nameEn = "Alpha" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task Register_AuditsTheWriteInItsTransaction_AndRefusesNonMinistry(DatabaseProvider provider)
    {
        await using var harness = await ModuleHarness.StartAsync(provider, [new AuditModule(), new SampleModule()]);
        var ministry = new Actor("user:m", "部管理员", Role.MinistryAdmin, null, "ministry", ["100000"]);
        var province = new Actor("user:gd", "广东省通信管理局", Role.ProvinceAdmin, "440000", "prov-440000", ["440000"]);

        var refused = await harness.WithAsync<ISampleRegister, Outcome<SampleEntry>>(r => r.RegisterAsync(province, "A1", "甲", "Alpha"));
        Assert.Equal(OutcomeStatus.Forbidden, refused.Status);
        var done = await harness.WithAsync<ISampleRegister, Outcome<SampleEntry>>(r => r.RegisterAsync(ministry, "A1", "甲", "Alpha"));
        Assert.True(done.Succeeded, done.Problem);

        var verifier = harness.Get<IctGov.Audit.Contracts.IAuditVerifier>();
        var check = await verifier.VerifyAsync();
        Assert.Equal(1L, check.Count);
        Assert.Null(check.Problem);
        Assert.Single(await harness.WithAsync<ISampleRegister, IReadOnlyList<SampleEntry>>(r => r.ListAsync()));
    }
}
