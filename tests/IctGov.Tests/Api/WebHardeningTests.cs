using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using IctGov.Testing;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Tests.Api;

/// <summary>
/// Hostile bodies and the web's defences (issue 11, items 9, 10, 12, 13) on the platform as
/// <c>ictgov serve</c> builds it, over real sockets.
/// </summary>
public partial class WebHardeningTests
{
    private const string Csv = "indicator,region,period,value,status,published,source\n4,100000,2024,30.1,final,2025-01-20,统计公报\n";

    [Fact]
    public async Task OversizedBody_Is413_NotA500()
    {
        await using var server = await PlatformServer.StartAsync(settings: ["--Kestrel:Limits:MaxRequestBodySize=65536"]);
        var big = Csv + string.Concat(Enumerable.Repeat("4,100000,2024,30.1,final,2025-01-20,统计公报\n", 3000));

        using var csv = new StringContent(big, Encoding.UTF8, "text/csv");
        var raw = await server.Admin.PostAsync("/api/v1/observations/import", csv);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, raw.StatusCode);
        Assert.Equal("application/problem+json", raw.Content.Headers.ContentType?.MediaType);

        var upload = await server.Admin.PostAsync("/api/v1/observations/import", Multipart(Encoding.UTF8.GetBytes(big), "big.csv", "text/csv"));
        Assert.True(HttpStatusCode.RequestEntityTooLarge == upload.StatusCode, await upload.Content.ReadAsStringAsync());

        using var json = new StringContent("{\"handles\":[" + string.Join(',', Enumerable.Repeat("{\"handle\":\"88.1/x\",\"values\":[]}", 3000)) + "]}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await server.Admin.PostAsync("/api/v1/identifiers/batches", json)).StatusCode);
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\/evil.example")]
    [InlineData("evil.example")]
    public async Task Lang_ReturnUrlToAnotherSite_RedirectsHome(string returnUrl)
    {
        await using var server = await PlatformServer.StartAsync();
        var r = await server.Http.GetAsync("/lang?c=en&returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Equal("/", r.Headers.Location!.OriginalString);
        var local = await server.Http.GetAsync("/lang?c=en&returnUrl=" + Uri.EscapeDataString("/projects?asOf=2026-01-01"));
        Assert.Equal("/projects?asOf=2026-01-01", local.Headers.Location!.OriginalString);
    }

    /// <summary>
    /// Every write under /api, sent by the public with a broken body, is refused as unauthenticated
    /// (401): had the body been read first, the answer would be a 400 about the body.
    /// </summary>
    [Fact]
    public async Task EveryApiWrite_RefusesThePublic_BeforeReadingTheBody()
    {
        await using var server = await PlatformServer.StartAsync();
        var writes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE")
                .Select(m => (Method: m, Path: Fill(e.RoutePattern.RawText!), Type: (e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes is [var first, ..] ? first : "application/json"))))
            .ToList();
        Assert.True(writes.Count >= 20, $"only {writes.Count} writes found");
        var answered = new List<string>();
        foreach (var (method, path, type) in writes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{\"broken", Encoding.UTF8) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            var r = await server.Http.SendAsync(request);
            if (r.StatusCode != HttpStatusCode.Unauthorized)
            {
                answered.Add($"{method} {path}: {(int)r.StatusCode}");
            }
        }
        Assert.Empty(answered);
    }

    [Fact]
    public async Task MultipartUpload_ToObservationImport_TakesCsvAndXlsx()
    {
        await using var server = await PlatformServer.StartAsync();
        var csv = await server.Admin.PostAsync("/api/v1/observations/import", Multipart(Encoding.UTF8.GetBytes(Csv), "obs.csv", "text/csv"));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var xlsx = XlsxFiles.Sheet(XlsxFiles.Row(1, "indicator", "region", "period", "value", "status", "published", "source")
            + XlsxFiles.Row(2, "4", "100000", "2023", "24.1", "final", "2024-01-25", "统计公报"));
        var upload = await server.Admin.PostAsync("/api/v1/observations/import", Multipart(xlsx, "obs.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Contains("\"inserted\":1", await upload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CookieWrites_FromAnotherOrigin_AreRefused_TokenClientsAndOwnPagesPass()
    {
        await using var server = await PlatformServer.StartAsync();
        var own = server.BaseAddress.GetLeftPart(UriPartial.Authority);
        var otherPort = $"http://127.0.0.1:{server.BaseAddress.Port + 1}";

        async Task<HttpStatusCode> PostAsync(HttpClient client, HttpContent content, params (string Name, string Value)[] headers) =>
            await PostToAsync("/api/v1/observations/import", client, content, headers);

        async Task<HttpStatusCode> PostToAsync(string path, HttpClient client, HttpContent content, params (string Name, string Value)[] headers)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            foreach (var (name, value) in headers)
            {
                request.Headers.Add(name, value);
            }
            return (await client.SendAsync(request)).StatusCode;
        }

        HttpContent Upload() => Multipart(Encoding.UTF8.GetBytes(Csv), "obs.csv", "text/csv");
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(server.Admin, Upload(), ("Origin", otherPort)));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(server.Admin, Upload(), ("Sec-Fetch-Site", "same-site"), ("Origin", otherPort)));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(server.Admin, Upload(), ("Sec-Fetch-Site", "cross-site")));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(server.Admin, Upload(), ("Origin", "null")));
        using var text = new StringContent("{\"handles\":[]}", Encoding.UTF8, "text/plain");
        using var batch = new HttpRequestMessage(HttpMethod.Post, "/api/v1/identifiers/batches") { Content = text };
        batch.Headers.Add("Origin", otherPort);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Admin.SendAsync(batch)).StatusCode);

        // The platform's own pages, and a token client whatever Origin it claims, are not cross-site writes.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(server.Admin, Upload(), ("Sec-Fetch-Site", "same-origin"), ("Origin", own)));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(server.Admin, Upload(), ("Origin", own)));
        using var token = server.Client(bearer: await server.TokenAsync("cm"));
        // (a reporter's token: the upload is read, and refused only for what it holds, 422)
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await PostToAsync("/api/v1/collection/reports/upload", token, Upload(), ("Origin", otherPort), ("Sec-Fetch-Site", "cross-site")));
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders()
    {
        await using var server = await PlatformServer.StartAsync();
        using var browser = server.Client();
        browser.DefaultRequestHeaders.Accept.Clear();
        browser.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        foreach (var path in new[] { "/", "/account/login", "/no-such-page", "/css/site.css", "/js/platform.js", "/api/v1/me", "/healthz" })
        {
            var r = await browser.GetAsync(path);
            var csp = string.Join(";", r.Headers.GetValues("Content-Security-Policy"));
            var scripts = ScriptSources().Match(csp).Groups[1].Value;
            Assert.Equal("'self'", scripts.Trim());
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", r.Headers.GetValues("Referrer-Policy").Single());
            Assert.False(r.Headers.Contains("Strict-Transport-Security"), "HSTS over plain HTTP");
        }
        // No page of the platform carries inline script, which the policy would block.
        foreach (var path in new[] { "/", "/indicators/4", "/account/login" })
        {
            var html = await browser.GetStringAsync(path);
            Assert.DoesNotMatch(InlineScript(), html);
        }
    }

    [Fact]
    public async Task OverHttps_HstsIsSent_AndEveryCookieIsSecure()
    {
        var pfx = Path.Combine(Path.GetTempPath(), $"ictgov-test-{Guid.NewGuid():N}.pfx");
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            var now = TimeProvider.System.GetUtcNow(); // the certificate is checked against the machine's real clock
            using var cert = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
            await File.WriteAllBytesAsync(pfx, cert.Export(X509ContentType.Pfx, "test"));
        }
        try
        {
            await using var server = await PlatformServer.StartAsync(settings:
                ["--urls", "https://127.0.0.1:0", "--Kestrel:Certificates:Default:Path=" + pfx, "--Kestrel:Certificates:Default:Password=test"]);
            Assert.Equal("https", server.BaseAddress.Scheme);
            using var browser = server.Client();
            var page = await browser.GetAsync("/account/login");
            Assert.Contains("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
            var cookies = page.Headers.GetValues("Set-Cookie").ToList();
            var login = await PlatformServer.LoginAsync(browser, PlatformServer.AdminUser, PlatformServer.AdminPassword);
            cookies.AddRange(login.Headers.GetValues("Set-Cookie"));
            cookies.AddRange((await browser.GetAsync("/lang?c=en&returnUrl=/")).Headers.GetValues("Set-Cookie"));
            Assert.Contains(cookies, c => c.StartsWith("ictgov.auth=", StringComparison.Ordinal));
            Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
            Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    internal static MultipartFormDataContent Multipart(byte[] file, string name, string type)
    {
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        return new MultipartFormDataContent { { part, "file", name } };
    }

    /// <summary>A route template with a value in each parameter that its constraint accepts.</summary>
    private static string Fill(string template) => RouteParameter().Replace(template, m => m.Groups[2].Value switch
    {
        var c when c.Contains("long", StringComparison.Ordinal) || c.Contains("int", StringComparison.Ordinal) => "1",
        var c when c.Contains("guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
        var c when c.Contains("approve", StringComparison.Ordinal) => "approve",
        _ when m.Groups[1].Value.Length > 0 => "88.100/x",
        _ => "x",
    });

    [GeneratedRegex(@"\{(\*{0,2})\w+(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"script-src ([^;]*)")]
    private static partial Regex ScriptSources();

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=""")]
    private static partial Regex InlineScript();
}
