using IctGov.Testing;
using Microsoft.Playwright;

namespace IctGov.Tests.Browser;

/// <summary>The menu: one line in either language, one list per module, and only the entries the viewer may use.</summary>
public sealed class MenuBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Menu_FitsOneLine_GroupsEachModule_AndShowsOnlyWhatTheRoleMayUse()
    {
        var page = await fixture.NewPageAsync();
        try
        {
            foreach (var lang in new[] { "zh-CN", "en" })
            {
                await page.GotoAsync($"/lang?c={lang}&returnUrl=/");
                var header = await page.Locator("header.top").BoundingBoxAsync();
                var brand = await page.Locator("header.top .brand").BoundingBoxAsync();
                Assert.True(header!.Height < 2.2 * brand!.Height, $"{lang}: the menu wraps ({header.Height}px high, a line is {brand.Height}px)");
            }

            // The public sees the filing query but not the review queue; a module's list opens under its name.
            var filing = page.Locator("header.top details.menu", new PageLocatorOptions { Has = page.Locator("a[href='/resources/beian']") });
            Assert.Equal(0, await page.Locator("header.top a[href='/resources/filings/review']").CountAsync());
            Assert.False(await page.Locator("header.top a[href='/resources/beian']").IsVisibleAsync());
            await filing.Locator("summary").ClickAsync();
            Assert.True(await page.Locator("header.top a[href='/resources/beian']").IsVisibleAsync());
            await page.Keyboard.PressAsync("Escape");
            Assert.False(await page.Locator("header.top a[href='/resources/beian']").IsVisibleAsync());

            await BrowserFixture.SignInAsync(page, PlatformServer.AdminUser, PlatformServer.AdminPassword);
            await page.GotoAsync("/");
            Assert.Equal(1, await page.Locator("header.top a[href='/resources/filings/review']").CountAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
