using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IctGov.Testing;

namespace IctGov.Tests.Api;

/// <summary>One error shape: problem details for machines, the platform's error page for browsers.</summary>
public class ErrorShapeTests : IAsyncLifetime
{
    private PlatformServer _server = null!;

    public async Task InitializeAsync() => _server = await PlatformServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Browser_UnknownPage_GetsTheErrorPageInItsLanguage()
    {
        using var browser = _server.Client();
        browser.DefaultRequestHeaders.Accept.Clear();
        browser.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var zh = await browser.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, zh.StatusCode);
        Assert.Equal("text/html", zh.Content.Headers.ContentType?.MediaType);
        var html = await zh.Content.ReadAsStringAsync();
        Assert.Contains("页面不存在", html, StringComparison.Ordinal);
        Assert.Contains("/no-such-page", html, StringComparison.Ordinal);
        await browser.GetAsync("/lang?c=en&returnUrl=/"); // the language switch, kept in a cookie
        var en = await (await browser.GetAsync("/no-such-page")).Content.ReadAsStringAsync();
        Assert.Contains("Page not found", en, StringComparison.Ordinal);
        using var other = _server.Client();
        other.DefaultRequestHeaders.Accept.Clear();
        other.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var byQuery = await (await other.GetAsync("/no-such-page?culture=en")).Content.ReadAsStringAsync();
        Assert.Contains("Page not found", byQuery, StringComparison.Ordinal); // ?culture=en, as the language of a link
    }

    [Fact]
    public async Task Api_UnknownRoute_AndRefusedPolicy_AreProblemDetails()
    {
        var missing = await _server.Http.GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        // The public asks for the audit log (ministry only): told to sign in, in the same document shape.
        var refused = await _server.Http.GetAsync("/api/v1/audit");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(401, (int)problem!["status"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
    }
}
