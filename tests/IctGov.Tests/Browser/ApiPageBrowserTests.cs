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
            // Swagger UI renders only the tags near the viewport (the platform's operations no longer fit in the first screen), so
            // scroll down, noting every operation that has been on the page, until the evaluation's is among more than
            // twenty, or fail after the bound.
            await page.Locator(".opblock").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            await page.WaitForFunctionAsync("""
                () => {
                    const seen = window.seenOperations ??= new Set();
                    for (const op of document.querySelectorAll('.opblock'))
                        seen.add(op.querySelector('.opblock-summary-method')?.textContent + ' ' + op.querySelector('.opblock-summary-path')?.textContent);
                    window.scrollBy(0, 600);
                    return seen.size > 20 && seen.has('GET /api/v1/evaluation');
                }
                """, null, new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 100 });
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
