using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IctGov.AppLog.Contracts;
using IctGov.AppLog.Domain.Statements;
using IctGov.Kernel;

namespace IctGov.AppLog.Tests.Statements;

/// <summary>
/// The register of signing parties and the APP signing service (APP签名服务) inside the whole platform, where the
/// resource registry keeps the app filings it checks: on both engines.
/// </summary>
public class SigningServiceTests
{
    /// <summary>Credit codes whose check characters hold (GB 32100-2015).</summary>
    private const string DeveloperCode = "914403001922038216";
    private const string LabCode = "91110000MA01ABCE3W";
    private const string StoreCode = "91440000MA01ABCF18";

    [Theory, DatabaseData]
    public async Task Register_LinksPartiesToTheirKinds_AndStatementsOutsideTheirKindAreRefused(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider);
        var developer = TestSigner.Sm2();
        var lab = TestSigner.P256();
        var store = TestSigner.P256("CN=应用商店 Store, O=Store");
        var parties = new[] { developer.Party("developer", DeveloperCode, "深圳示例科技有限公司"), lab.Party("testing-body", LabCode, "示例检测机构") };

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.PostAsJsonAsync("/api/v1/applog/parties", parties)).StatusCode);
        var bad = await server.Admin.PostAsJsonAsync("/api/v1/applog/parties", new[]
        {
            parties[0], store.Party("shop", "914403001922038217", "") with { Unit = "no-such-unit", Certificate = "AAAA" }, parties[0],
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray().Select(e => ((int)e!["row"]!, (string)e["field"]!)).ToList();
        Assert.Equal([(2, "kind"), (2, "identifier"), (2, "name"), (2, "unit"), (2, "certificate"), (3, "certificate")], errors);
        Assert.Empty((await server.Http.GetFromJsonAsync<JsonArray>("/api/v1/applog/parties"))!);

        var ok = await server.Admin.PostAsJsonAsync("/api/v1/applog/parties", parties.Append(store.Party("distributor", StoreCode, "示例应用商店") with { Unit = "ministry" }));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var listed = (await server.Http.GetFromJsonAsync<JsonArray>($"/api/v1/applog/parties?identifier={DeveloperCode}"))!;
        Assert.Equal((developer.CertificateSha256, "sm2-sm3"), ((string)listed.Single()!["certificateSha256"]!, (string)listed.Single()!["algorithm"]!));
        var again = await server.Admin.PostAsJsonAsync("/api/v1/applog/parties", new[] { parties[1] });
        Assert.Contains("already registered", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var refused = await server.Admin.PostAsJsonAsync("/api/v1/applog/statements", new[]
        {
            developer.Submit(TestSigner.Statement(StatementType.DeveloperSignature, developer.CertificateSha256, developer: DeveloperCode)),
            developer.Submit(TestSigner.Statement(StatementType.TestResult, developer.CertificateSha256, developer: DeveloperCode)),
            lab.Submit(TestSigner.Statement(StatementType.StoreListing, developer.CertificateSha256, developer: DeveloperCode)),
            developer.Submit(TestSigner.Statement(StatementType.Revocation, developer.CertificateSha256, developer: StoreCode)),
            TestSigner.P256().Submit(TestSigner.Statement(StatementType.TestResult, developer.CertificateSha256, developer: DeveloperCode)),
            store.Submit(TestSigner.Statement(StatementType.Countersignature, developer.CertificateSha256, developer: DeveloperCode)),
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var why = (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray().Select(e => ((int)e!["row"]!, (string)e["field"]!)).ToList();
        Assert.Equal([(2, "type"), (3, "type"), (4, "developer"), (5, "certificate"), (6, "type")], why);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/applog/checkpoint")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task SigningService_CountersignsOnlyAfterTheFilingChecks_AndAppendsBothStatementsTogether(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider);
        var developer = TestSigner.P256("CN=深圳示例科技 Developer, O=Example");
        var other = TestSigner.P256();
        await Ok(server.Admin.PostAsJsonAsync("/api/v1/applog/parties", new[]
        {
            developer.Party("developer", DeveloperCode, "深圳示例科技有限公司"), other.Party("developer", LabCode, "北京示例云计算有限公司"),
        }));
        var statement = TestSigner.Statement(StatementType.DeveloperSignature, developer.CertificateSha256, developer: DeveloperCode);
        SigningRequest Request(string? filing) => new(statement, developer.Submit(statement).Certificate, developer.Submit(statement).Signature, filing);

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.PostAsJsonAsync("/api/v1/applog/signing", Request(null))).StatusCode);
        await Refused(server, Request(null), "expected the app's filing number");
        await Refused(server, Request("粤ICP备00000001号-1A"), "no filing has this number");

        // The developer files its app (and the other developer a website) with the resource registry; its province approves.
        await server.CreateUserAsync("gd-filing", "gd-filing-password-1", Kernel.Security.Role.ProvinceAdmin, "440000");
        var gd = server.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(gd, "gd-filing", "gd-filing-password-1")).StatusCode);
        await Ok(server.Admin.PostAsJsonAsync("/api/v1/resources/subjects", new[]
        {
            new { kind = "organisation", name = "深圳示例科技有限公司", creditCode = DeveloperCode, region = "440000" },
            new { kind = "organisation", name = "北京示例云计算有限公司", creditCode = LabCode, region = "440000" },
        }));
        await Ok(server.Admin.PostAsJsonAsync("/api/v1/resources/providers", new[] { new { name = "北京示例云计算有限公司", creditCode = LabCode, licenceNumber = "B1-20180001", region = "110000" } }));
        var app = await FileAsync(server, gd, new { kind = "app", subject = DeveloperCode, provider = "PROV-1", name = "示例应用", domains = "", addresses = "", responsibleName = "李四", responsibleId = "11010519491231002X", category = "工具" }, approve: false);
        await Refused(server, Request(app.Number ?? "粤ICP备00000001号-1A"), "no filing has this number");
        await Ok(gd.PostAsync($"/api/v1/resources/filings/{app.Id}/approve", null));
        var number = (await server.Http.GetFromJsonAsync<JsonArray>("/api/v1/resources/filings/public?q=" + Uri.EscapeDataString("粤ICP备00000001号")))!
            .Select(f => (string)f!["number"]!).Single(n => n.EndsWith('A'));
        var site = await FileAsync(server, gd, new { kind = "website", subject = LabCode, provider = "PROV-1", name = "示例官网", domains = "example.cn", addresses = "", responsibleName = "王五", responsibleId = "11010519491231002X", category = "企业官网" }, approve: true);
        await Refused(server, Request(site.Number), "the filing is for a website");
        var theirs = await FileAsync(server, gd, new { kind = "app", subject = LabCode, provider = "PROV-1", name = "别人的应用", domains = "", addresses = "", responsibleName = "王五", responsibleId = "11010519491231002X", category = "工具" }, approve: true);
        await Refused(server, Request(theirs.Number), "not by the statement's developer");
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/applog/checkpoint")).StatusCode);

        var signed = await server.Admin.PostAsJsonAsync("/api/v1/applog/signing", Request(number));
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var receipt = (await signed.Content.ReadFromJsonAsync<SigningReceipt>())!;
        Assert.Equal((0L, 1L, 2L), (receipt.Developer.Index, receipt.Platform.Index, receipt.Platform.TreeSize));
        Assert.Contains("type countersignature\n", receipt.Countersignature, StringComparison.Ordinal);
        Assert.Contains($"note countersigns {receipt.Developer.LeafHash}; developer registered; filing {number}\n", receipt.Countersignature, StringComparison.Ordinal);

        // Anyone can check the countersignature with the service's published certificate.
        var pem = await server.Http.GetStringAsync("/api/v1/applog/signing/certificate");
        var platformCert = Convert.ToHexStringLower(SHA256.HashData(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem).RawData));
        var entry = SignedStatement.ParseEntry(Encoding.UTF8.GetBytes(receipt.Countersignature), out var error);
        Assert.True(entry is not null, error);
        Assert.Equal(platformCert, entry.CertificateSha256);
        var found = (await server.Http.GetFromJsonAsync<JsonArray>("/api/v1/applog/statements?package=com.example.app"))!;
        Assert.Equal(["developer-signature", "countersignature"], found.Select(f => (string)f!["type"]!));
        Assert.Equal(platformCert, (string)found[1]!["certificateSha256"]!);

        // The same artifact again is a conflict: nothing is countersigned twice.
        Assert.Equal(HttpStatusCode.Conflict, (await server.Admin.PostAsJsonAsync("/api/v1/applog/signing", Request(number))).StatusCode);
    }

    private static async Task<(long Id, string? Number)> FileAsync(PlatformServer server, HttpClient gd, object filing, bool approve)
    {
        var submitted = await Ok(server.Admin.PostAsJsonAsync("/api/v1/resources/filings", filing));
        var id = (long)submitted["id"]!;
        await Ok(server.Admin.PostAsync($"/api/v1/resources/filings/{id}/verify", null));
        var decided = approve ? await Ok(gd.PostAsync($"/api/v1/resources/filings/{id}/approve", null)) : null;
        return (id, (string?)decided?["number"]);
    }

    private static async Task Refused(PlatformServer server, SigningRequest request, string reason)
    {
        var response = await server.Admin.PostAsJsonAsync("/api/v1/applog/signing", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        Assert.Contains(reason, body, StringComparison.Ordinal);
        Assert.Contains("\"field\":\"filing\"", body, StringComparison.Ordinal);
    }

    private static async Task<JsonObject> Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body) is JsonObject o ? o : [];
    }
}
