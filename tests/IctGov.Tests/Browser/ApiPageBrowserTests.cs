using Microsoft.Playwright;

namespace IctGov.Tests.Browser;

/// <summary>The interactive API page beside the OpenAPI document, and the site's icon.</summary>
public sealed class ApiPageBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ApiPage_ListsTheOperations_FromLocalFiles_UnderTheContentSecurityPolicy()
    {
        var page = await fixture.NewPageAsync();
        var refused = new List<string>();
        var elsewhere = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") refused.Add(m.Text); };
        page.Request += (_, r) => { if (!r.Url.StartsWith(fixture.Server.BaseAddress.ToString(), StringComparison.Ordinal)) elsewhere.Add(r.Url); };
        try
        {
            // The menu's API entry leads to the page, which reads the platform's own OpenAPI document.
            await page.GotoAsync("/");
            await page.Locator("header.top a[href='/api-docs']").ClickAsync();
            await page.Locator(".opblock").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            Assert.True(await page.Locator(".opblock").CountAsync() > 20);
            Assert.Equal(1, await page.Locator(".opblock-summary-path", new PageLocatorOptions { HasTextString = "/api/v1/evaluation" }).First.CountAsync());
            Assert.Empty(refused);
            Assert.Empty(elsewhere);

            // Every page names its icon, and the icon is served.
            await page.GotoAsync("/");
            var icon = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
            Assert.Equal(200, (await page.APIRequest.GetAsync(icon!)).Status);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
