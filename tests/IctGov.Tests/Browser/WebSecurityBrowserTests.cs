using System.Text.Json;
using IctGov.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace IctGov.Tests.Browser;

/// <summary>
/// The web defences in Chromium (issue 11, items 12 and 13): a page on another port of the same
/// host — same site, so the Lax sign-in cookie goes along — cannot write with the signed-in
/// user's cookie, while the platform's own pages can; and the pages run under the
/// Content-Security-Policy with their charts drawn and nothing refused.
/// </summary>
public sealed class WebSecurityBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Header = "indicator,region,period,value,status,published,source";

    [Fact]
    public async Task PageOnAnotherPort_CannotWriteWithTheCookie_OwnPagesCan()
    {
        var server = fixture.Server;
        var import = new Uri(server.BaseAddress, "/api/v1/observations/import").ToString();
        const string forged = "4,440000,2021,12.3,final,2022-01-20,forged";
        await using var attacker = await AttackerSiteAsync($$"""
            <!DOCTYPE html><html><body>
            <form id="f" method="post" enctype="multipart/form-data" action="{{import}}"><input type="file" name="file" id="file"></form>
            <script>
              const dt = new DataTransfer();
              dt.items.add(new File([{{JsonSerializer.Serialize(Header + "\n" + forged + "\n")}}], "obs.csv", { type: "text/csv" }));
              document.getElementById('file').files = dt.files;
              document.getElementById('f').submit();
            </script></body></html>
            """);

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, PlatformServer.AdminUser, PlatformServer.AdminPassword);

        // The platform's own page posts the same kind of upload with the cookie: accepted.
        await page.GotoAsync("/");
        var own = await page.EvaluateAsync<int>("""
            async (csv) => {
              const form = new FormData();
              form.append('file', new File([csv], 'obs.csv', { type: 'text/csv' }));
              return (await fetch('/api/v1/observations/import', { method: 'POST', body: form })).status;
            }
            """, Header + "\n4,440000,2022,20.5,final,2023-01-19,own page\n");
        Assert.Equal(200, own);

        // The page on another port submits its form to the platform: the browser sends the cookie, the platform refuses.
        var answer = await page.RunAndWaitForResponseAsync(() => page.GotoAsync(attacker.Address),
            r => r.Url == import && r.Request.Method == "POST");
        Assert.Equal(403, answer.Status);

        // Nothing was written: the forged row is new when the ministry imports it itself.
        using var check = await server.PostCsvAsync(Header + "\n" + forged + "\n");
        Assert.Contains("\"inserted\":1", await check.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_RunUnderTheContentSecurityPolicy_ChartsDrawn_NothingRefused()
    {
        var page = await fixture.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) refused.Add(m.Text);
        };
        page.PageError += (_, e) => refused.Add(e);
        // What the platform's script makes of each chart: a canvas, or (no resolutions in this fixture) the empty-state note.
        foreach (var (path, drawn) in new[] { ("/", "#spark-4 canvas"), ("/indicators/4", "#chart canvas"), ("/identifiers/statistics", "#chart-days.chart-empty") })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            var csp = await response.HeaderValueAsync("content-security-policy");
            Assert.NotNull(csp);
            Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
            await page.Locator(drawn).WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        }
        // An inline script that found its way into a page would be refused: the policy is in force.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.appendChild(s); }");
        Assert.False(await page.EvaluateAsync<bool>("() => window.injected === 1"));
        Assert.Contains(refused, r => r.Contains("Content Security Policy", StringComparison.Ordinal));
        Assert.Single(refused);
    }

    /// <summary>A site of its own on another loopback port, serving one page.</summary>
    private static async Task<AttackerSite> AttackerSiteAsync(string html)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/", () => Results.Content(html, "text/html; charset=utf-8"));
        await app.StartAsync();
        return new AttackerSite(app, app.Urls.First() + "/");
    }

    private sealed record AttackerSite(WebApplication App, string Address) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await App.DisposeAsync();
    }
}
