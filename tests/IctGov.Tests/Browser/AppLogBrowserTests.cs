using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace IctGov.Tests.Browser;

/// <summary>
/// An app version's supply chain walked on the history page by the public: a developer's signature, a testing
/// body's result, a store's listing and its takedown, each shown with its maker and its inclusion verified.
/// </summary>
public sealed class AppLogBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private sealed class Party(string subject)
    {
        private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        private byte[]? _cert;

        public byte[] Cert => _cert ??= new CertificateRequest(subject, _key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero)).RawData;

        public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Cert));

        public object Register(string kind, string code, string name) => new { kind, identifier = code, name, certificate = Convert.ToBase64String(Cert) };

        public object Sign(string type, string appCert, string day, string? note) =>
            Signed("ictgov-applog-statement/v1\n" + $"type {type}\npackage com.example.browser\nversion 2.0.0\n" +
                "sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n" +
                $"signer-cert-sha256 {appCert}\ndeveloper 914403001922038216\nissued 2026-06-{day}T08:00:00Z\n" + (note is null ? "" : $"note {note}\n"));

        private object Signed(string statement) => new
        {
            statement,
            certificate = Convert.ToBase64String(Cert),
            signature = Convert.ToBase64String(_key.SignData(Encoding.UTF8.GetBytes(statement), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)),
        };
    }

    [Fact]
    public async Task History_ShowsEachLinkOfTheSupplyChain_WithItsInclusionVerified()
    {
        var server = fixture.Server;
        var developer = new Party("CN=深圳示例科技 Developer");
        var lab = new Party("CN=示例检测机构 Lab");
        var store = new Party("CN=示例应用商店 Store");
        var registered = await server.Admin.PostAsJsonAsync("/api/v1/applog/parties", new[]
        {
            developer.Register("developer", "914403001922038216", "深圳示例科技有限公司"),
            lab.Register("testing-body", "91110000MA01ABCE3W", "示例检测机构"),
            store.Register("distributor", "91440000MA01ABCF18", "示例应用商店"),
        });
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        var app = developer.Sha256;
        var appended = await server.Admin.PostAsJsonAsync("/api/v1/applog/statements", new[]
        {
            store.Sign("takedown", app, "20", "违规收集个人信息"),
            developer.Sign("developer-signature", app, "01", null),
            lab.Sign("test-result", app, "05", "个人信息保护检测通过"),
            store.Sign("store-listing", app, "10", null),
        });
        Assert.True(appended.IsSuccessStatusCode, await appended.Content.ReadAsStringAsync());

        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync("/applog/history");
        await visitor.Locator("input[name=package]").FillAsync("com.example.browser");
        await visitor.Locator("input[name=version]").FillAsync("2.0.0");
        await visitor.Locator("form button[type=submit]").Last.ClickAsync();
        await visitor.Locator("#history").WaitForAsync();

        var rows = visitor.Locator("#history tbody tr");
        var types = await Task.WhenAll(Enumerable.Range(0, await rows.CountAsync()).Select(i => rows.Nth(i).GetAttributeAsync("data-type")));
        Assert.Equal(["developer-signature", "test-result", "store-listing", "takedown"], types.Select(t => t ?? ""));
        var text = await visitor.Locator("#history").InnerTextAsync();
        foreach (var expected in new[] { "开发者签名", "检测结果", "应用商店上架", "下架", "深圳示例科技有限公司", "示例检测机构", "示例应用商店", "违规收集个人信息" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        Assert.Equal(4, await visitor.Locator("#history td.ok").CountAsync());
        Assert.Contains("签名已用日志公钥", await visitor.Locator("#checkpoint").InnerTextAsync(), StringComparison.Ordinal);

        await visitor.GotoAsync("/applog/history?package=com.example.none");
        Assert.Contains("日志中没有", await visitor.Locator("p.empty").InnerTextAsync(), StringComparison.Ordinal);
    }
}
