using System.Net.Http.Json;
using IctGov.Kernel.Security;
using IctGov.Testing;
using Microsoft.Playwright;

namespace IctGov.Tests.Browser;

/// <summary>
/// A website filing walked through the pages as people would: submitted on the form, verified and approved on
/// the review page by the subject's province, then found by the public (no sign-in) with personal data masked.
/// </summary>
public sealed class ResourcesBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Filing_FromSubmissionToApprovalToPublicQuery()
    {
        var server = fixture.Server;
        var seeded = await server.Admin.PostAsJsonAsync("/api/v1/resources/subjects", new[]
        {
            new { kind = "organisation", name = "深圳示例科技有限公司", creditCode = "914403001922038216", region = "440000" },
        });
        Assert.True(seeded.IsSuccessStatusCode, await seeded.Content.ReadAsStringAsync());
        var provider = await server.Admin.PostAsJsonAsync("/api/v1/resources/providers", new[]
        {
            new { name = "北京示例云计算有限公司", creditCode = "91110000MA01ABCE3W", licenceNumber = "B1-20180001", region = "110000" },
        });
        Assert.True(provider.IsSuccessStatusCode, await provider.Content.ReadAsStringAsync());
        await server.CreateUserAsync("gd-filing", "gd-filing-password-1", Role.ProvinceAdmin, "440000");

        var ministry = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(ministry, PlatformServer.AdminUser, PlatformServer.AdminPassword);
        await ministry.GotoAsync("/resources/filings/new");
        await ministry.Locator("select[name=Kind]").SelectOptionAsync("website");
        await ministry.Locator("input[name=Subject]").FillAsync("SUBJ-1");
        await ministry.Locator("input[name=Provider]").FillAsync("PROV-1");
        await ministry.Locator("input[name=Name]").FillAsync("示例官网");
        await ministry.Locator("input[name=Domains]").FillAsync("例子.中国 example.cn");
        await ministry.Locator("input[name=Addresses]").FillAsync("203.0.113.10");
        await ministry.Locator("input[name=ResponsibleName]").FillAsync("李四");
        await ministry.Locator("input[name=ResponsibleId]").FillAsync("11010519491231002X");
        await ministry.Locator("input[name=Category]").FillAsync("企业官网");
        await ministry.Locator("form button[type=submit]").Last.ClickAsync();
        await ministry.Locator("#submitted").WaitForAsync();

        // The ministry stands in for the access provider's verification; the province then decides.
        await ministry.GotoAsync("/resources/filings/review");
        await ministry.Locator("button[value=verify]").ClickAsync();
        await ministry.Locator("#message").WaitForAsync();
        Assert.Contains("2026-06-30", await ministry.Locator("table").InnerTextAsync(), StringComparison.Ordinal);

        var province = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(province, "gd-filing", "gd-filing-password-1");
        await province.GotoAsync("/resources/filings/review");
        await province.Locator("button[value=approve]").ClickAsync();
        Assert.Contains("粤ICP备00000001号-1", await province.Locator("#message").InnerTextAsync(), StringComparison.Ordinal);

        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync("/resources/beian");
        await visitor.Locator("input[name=q]").FillAsync("例子.中国");
        await visitor.Locator("form button[type=submit]").Last.ClickAsync();
        var results = await visitor.Locator("table#results").InnerTextAsync();
        Assert.Contains("粤ICP备00000001号-1", results, StringComparison.Ordinal);
        Assert.Contains("例子.中国", results, StringComparison.Ordinal);
        Assert.Contains("李*", results, StringComparison.Ordinal);
        Assert.DoesNotContain("李四", results, StringComparison.Ordinal);
        await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "ictgov-beian.png"), FullPage = true });
    }
}
