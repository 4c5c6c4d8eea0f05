using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IctGov.Access.Contracts;
using IctGov.Kernel;
using IctGov.Kernel.Security;

namespace IctGov.Access.Tests.Http;

/// <summary>Sign-in, tokens and scoping over real sockets, on the platform as `ictgov serve` builds it.</summary>
public class AccessHttpTests
{
    private const string Password = "a-long-enough-password";

    [Theory, DatabaseData]
    public async Task Login_WithCookie_ThenMe_ShowsRoleAndRegion(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider);
        await server.CreateUserAsync("gd-admin", Password, Role.ProvinceAdmin, region: "440000");
        using var browser = server.Client();

        var anonymous = await browser.GetFromJsonAsync<JsonObject>("/api/v1/me");
        Assert.Equal("public", (string)anonymous!["role"]!);

        var login = await PlatformServer.LoginAsync(browser, "gd-admin", Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);

        var me = await browser.GetFromJsonAsync<JsonObject>("/api/v1/me");
        Assert.Equal("province", (string)me!["role"]!);
        Assert.Equal("440000", (string)me["regionCode"]!);
        Assert.Equal("gd-admin", (string)me["name"]!);
        Assert.Equal("cookie", (string)me["via"]!);

        // Past the security-stamp revalidation interval the session stays valid (and is re-issued) ...
        server.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("province", (string)(await browser.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["role"]!);
        // ... but 8 hours without a request end it.
        server.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        Assert.Equal("public", (string)(await browser.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["role"]!);
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(browser, "gd-admin", Password)).StatusCode);

        // The page header offers sign-out to a signed-in person.
        var page = await browser.GetStringAsync("/projects");
        Assert.Contains("gd-admin", page, StringComparison.Ordinal);
        Assert.Contains("/account/logout", page, StringComparison.Ordinal);
    }

    [Theory, DatabaseData]
    public async Task Login_WrongPassword_IsRefused_AndLogout_EndsTheSession(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider);
        await server.CreateUserAsync("admin", Password, Role.MinistryAdmin);
        using var browser = server.Client();

        var wrong = await PlatformServer.LoginAsync(browser, "admin", "not-the-password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("用户名或密码不正确", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(browser, "admin", Password)).StatusCode);
        Assert.Equal("ministry", (string)(await browser.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["role"]!);

        var home = await browser.GetStringAsync("/projects");
        var token = PlatformServer.AntiforgeryField().Match(home).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/account/logout", form)).StatusCode);
        Assert.Equal("public", (string)(await browser.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["role"]!);
    }

    [Theory, DatabaseData]
    public async Task BearerToken_Me_ShowsReporterWithUnitAndRegions(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider);
        var issued = await server.AdminAsync(a => a.IssueTokenAsync(Actor.System("test"), new NewToken("cm", "中国移动 集团报送系统")));
        using var machine = server.Client(bearer: issued.Value!.Token);

        var me = await machine.GetFromJsonAsync<JsonObject>("/api/v1/me");
        Assert.Equal("reporter", (string)me!["role"]!);
        Assert.Equal("cm", (string)me["unitId"]!);
        Assert.Equal("token", (string)me["via"]!);
        var regions = me["regions"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.Equal(31, regions.Count);
        Assert.Contains("440000", regions);
    }

    [Theory, DatabaseData]
    public async Task WrongExpiredOrRevokedToken_Gets401(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider);
        var expiring = (await server.AdminAsync(a => a.IssueTokenAsync(Actor.System("test"), new NewToken("ct-440000", null, Days: 1)))).Value!;
        var revoked = (await server.AdminAsync(a => a.IssueTokenAsync(Actor.System("test"), new NewToken("ct-440000", null)))).Value!;
        var wrong = revoked.Token[..^2] + (revoked.Token.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA");

        using (var ok = server.Client(bearer: revoked.Token))
        {
            Assert.Equal(HttpStatusCode.OK, (await ok.GetAsync("/api/v1/me")).StatusCode);
        }
        await AssertRefusedAsync(server, wrong, "unknown token");
        await AssertRefusedAsync(server, "ictg_garbage", "malformed token");

        Assert.True((await server.AdminAsync(a => a.RevokeTokenAsync(Actor.System("test"), revoked.Id))).Succeeded);
        await AssertRefusedAsync(server, revoked.Token, "token revoked");

        server.Clock.Advance(TimeSpan.FromDays(1));
        await AssertRefusedAsync(server, expiring.Token, "token expired");
    }

    [Theory, DatabaseData]
    public async Task ProvinceAdmin_CreatingReporterForAnotherProvince_Gets403_AndForItsOwn_201(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider);
        await server.CreateUserAsync("gd-admin", Password, Role.ProvinceAdmin, region: "440000");
        using var browser = server.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(browser, "gd-admin", Password)).StatusCode);

        var other = await browser.PostAsJsonAsync("/api/v1/users", new { userName = "bj-ct", password = Password, role = "reporter", unitId = "ct-110000" });
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Contains("110000", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var administrator = await browser.PostAsJsonAsync("/api/v1/users", new { userName = "gd-admin-2", password = Password, role = "province", regionCode = "440000" });
        Assert.Equal(HttpStatusCode.Forbidden, administrator.StatusCode);

        var own = await browser.PostAsJsonAsync("/api/v1/users", new { userName = "gd-ct", password = Password, role = "reporter", unitId = "ct-440000" });
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var created = await own.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("reporter", (string)created!["role"]!);
        Assert.Equal("ct-440000", (string)created["unitId"]!);

        var tokenElsewhere = await browser.PostAsJsonAsync("/api/v1/tokens", new { unitId = "cm-110000" });
        Assert.Equal(HttpStatusCode.Forbidden, tokenElsewhere.StatusCode);
        var token = await browser.PostAsJsonAsync("/api/v1/tokens", new { unitId = "cm-440000", days = 30 });
        Assert.Equal(HttpStatusCode.Created, token.StatusCode);

        var invalid = await browser.PostAsJsonAsync("/api/v1/users", new { userName = "x", password = Password, role = "superuser" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task Anonymous_PostUsers_Gets401_AndAReporter_Gets403(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider);
        using var anonymous = server.Client();
        var body = new { userName = "intruder", password = Password, role = "ministry" };
        var response = await anonymous.PostAsJsonAsync("/api/v1/users", body);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location); // an API answers with a status, never a redirect to the login page
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/tokens", new { unitId = "ct" })).StatusCode);

        var reporterToken = (await server.AdminAsync(a => a.IssueTokenAsync(Actor.System("test"), new NewToken("ct-440000", null)))).Value!.Token;
        using var reporter = server.Client(bearer: reporterToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.PostAsJsonAsync("/api/v1/users", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.PostAsJsonAsync("/api/v1/tokens", new { unitId = "ct-440000" })).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task TokensPage_RedirectsToLogin_AndIssuesAndRevokesForAnAdministrator(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider);
        using var browser = server.Client();
        var redirect = await browser.GetAsync("/account/tokens");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/account/login?returnUrl=", redirect.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        await server.CreateUserAsync("gd-admin", Password, Role.ProvinceAdmin, region: "440000");
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(browser, "gd-admin", Password)).StatusCode);
        var page = await browser.GetStringAsync("/account/tokens");
        Assert.Contains("value=\"cu-440000\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"cu-110000\"", page, StringComparison.Ordinal);

        using var issue = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PlatformServer.AntiforgeryField().Match(page).Groups[1].Value,
            ["unitId"] = "cu-440000",
            ["name"] = "联通广东 报送系统",
            ["days"] = "30",
        });
        var issued = await (await browser.PostAsync("/account/tokens?handler=Issue", issue)).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(issued, "ictg_[0-9a-f]{16}_[A-Za-z0-9_-]{43}").Value;
        Assert.NotEmpty(token);
        using var machine = server.Client(bearer: token);
        Assert.Equal("cu-440000", (string)(await machine.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["unitId"]!);

        var list = await browser.GetFromJsonAsync<JsonArray>("/api/v1/tokens");
        var id = (string)Assert.Single(list!)!["id"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync($"/api/v1/tokens/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await machine.GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task OrgUnits_ArePublic(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider);
        using var anonymous = server.Client();
        var units = await anonymous.GetFromJsonAsync<JsonArray>("/api/v1/org-units");
        Assert.Equal(1 + 31 + 4 + 124, units!.Count);
        var branches = await anonymous.GetFromJsonAsync<JsonArray>("/api/v1/org-units?kind=operator_branch&region=440000");
        Assert.Equal(["cbn-440000", "cm-440000", "ct-440000", "cu-440000"], branches!.Select(b => (string)b!["id"]!).Order());
    }

    private static async Task AssertRefusedAsync(PlatformServer server, string token, string why)
    {
        using var client = server.Client(bearer: token);
        var response = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(why, response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/tokens")).StatusCode);
    }
}
