using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IctGov.Kernel;
using IctGov.Kernel.Security;
using IctGov.Market.Contracts;

namespace IctGov.Market.Tests;

/// <summary>
/// Licensing through the real platform: a province sees and acts on its own applications only, the ministry on basic
/// and cross-regional ones; an application goes from receipt to an issued electronic licence, verified online, offline
/// (the CLI) and by OpenSSL.
/// </summary>
public class LicensingHttpTests
{
    private const string Password = "market-test-password-1";
    private const string CodeA = "914403001922038216";
    private const string CodeB = "91110000MA01ABCD52";

    private static object Application(string kind, string code, string[] services, string[] coverage, bool promise = false) =>
        new { kind, applicantCode = code, applicantName = "某某网络科技有限公司", services, coverage, promise };

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    [Theory, DatabaseData]
    public async Task ApplicationToElectronicLicence_ProvincesSeeTheirOwn(DatabaseProvider provider)
    {
        await using var server = await PlatformServer.StartAsync(provider, new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero));
        await server.CreateUserAsync("bj-licensing", Password, Role.ProvinceAdmin, "110000");
        await server.CreateUserAsync("gd-licensing", Password, Role.ProvinceAdmin, "440000");
        using var bj = server.Client();
        using var gd = server.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(bj, "bj-licensing", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(gd, "gd-licensing", Password)).StatusCode);

        // Bad input names its fields and writes nothing.
        var bad = await bj.PostAsJsonAsync("/api/v1/market/applications", Application("provincial", "914403001922038217", ["B2", "A11-1"], ["110000", "440000"]));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        foreach (var field in new[] { "applicantCode", "services", "coverage" })
        {
            Assert.Contains($"\"{field}\"", problem, StringComparison.Ordinal);
        }
        Assert.Empty((await bj.GetFromJsonAsync<JsonArray>("/api/v1/market/applications"))!);

        // A province records its own provincial applications only; the public is told to sign in.
        Assert.Equal(HttpStatusCode.Forbidden, (await gd.PostAsJsonAsync("/api/v1/market/applications", Application("provincial", CodeA, ["B25"], ["110000"]))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bj.PostAsJsonAsync("/api/v1/market/applications", Application("cross_regional", CodeA, ["B25"], ["110000", "440000"]))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.PostAsJsonAsync("/api/v1/market/applications", Application("provincial", CodeA, ["B25"], ["110000"]))).StatusCode);
        var a = await OkAsync(await bj.PostAsJsonAsync("/api/v1/market/applications", Application("provincial", CodeA, ["B25", "B21"], ["110000"])));
        var id = (long)a["id"]!;
        Assert.Equal("110000", (string)a["authority"]!);
        Assert.Equal("2026-06-08", (string)a["noticeDue"]!);
        Assert.Equal(["B21", "B25"], a["services"]!.AsArray().Select(s => (string)s!));

        // Guangdong neither sees nor touches Beijing's file; the ministry sees it.
        Assert.Empty((await gd.GetFromJsonAsync<JsonArray>("/api/v1/market/applications"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await gd.GetAsync($"/api/v1/market/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gd.PostAsJsonAsync($"/api/v1/market/applications/{id}/accept", new { })).StatusCode);
        Assert.Single((await server.Admin.GetFromJsonAsync<JsonArray>("/api/v1/market/applications"))!);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Admin.PostAsJsonAsync($"/api/v1/market/applications/{id}/accept", new { })).StatusCode);

        // One notice of missing materials, then acceptance on the day they arrive, then the decision.
        server.Clock.Advance(TimeSpan.FromDays(2));
        await PlatformServer.LoginAsync(bj, "bj-licensing", Password); // the sign-in lasts a working session, not days
        Assert.Equal("awaiting_materials", (string)(await OkAsync(await bj.PostAsJsonAsync($"/api/v1/market/applications/{id}/notice", new { missing = "网站备案材料" })))["state"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await bj.PostAsJsonAsync($"/api/v1/market/applications/{id}/notice", new { missing = "又缺一件" })).StatusCode);
        server.Clock.Advance(TimeSpan.FromDays(7)); // 10 June
        await PlatformServer.LoginAsync(bj, "bj-licensing", Password);
        await PlatformServer.LoginAsync(gd, "gd-licensing", Password);
        await PlatformServer.LoginAsync(server.Admin, PlatformServer.AdminUser, PlatformServer.AdminPassword);
        var accepted = await OkAsync(await bj.PostAsJsonAsync($"/api/v1/market/applications/{id}/accept", new { }));
        Assert.Equal("2026-06-10", (string)accepted["accepted"]!);
        Assert.Equal("2026-08-10", (string)accepted["decisionDue"]!); // 9 August is a Sunday: the period ends on the Monday
        Assert.Equal(HttpStatusCode.BadRequest, (await bj.PostAsJsonAsync($"/api/v1/market/applications/{id}/decide", new { approve = false })).StatusCode);
        var approved = await OkAsync(await bj.PostAsJsonAsync($"/api/v1/market/applications/{id}/decide", new { approve = true }));
        Assert.Equal("京B2-20260001", (string)approved["licenceNumber"]!);

        // The promise-based path: the ministry approves a cross-regional licence at once, to be checked later.
        var p = await OkAsync(await server.Admin.PostAsJsonAsync("/api/v1/market/applications", Application("cross_regional", CodeB, ["B25"], ["110000", "440000"], promise: true)));
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Admin.PostAsJsonAsync("/api/v1/market/applications", Application("cross_regional", CodeB, ["B11"], ["100000"], promise: true))).StatusCode);
        var onPromise = await OkAsync(await server.Admin.PostAsJsonAsync($"/api/v1/market/applications/{(long)p["id"]!}/accept", new { }));
        Assert.Equal("approved", (string)onPromise["state"]!);
        Assert.Equal("B2-20260001", (string)onPromise["licenceNumber"]!);
        Assert.Equal("2026-08-10", (string)onPromise["postCheckDue"]!); // 60 days on is Sunday 9 August

        // Licences: each authority its own.
        Assert.Equal(["京B2-20260001"], (await bj.GetFromJsonAsync<JsonArray>("/api/v1/market/licences"))!.Select(l => (string)l!["number"]!));
        Assert.Empty((await gd.GetFromJsonAsync<JsonArray>("/api/v1/market/licences"))!);
        Assert.Equal(2, (await server.Admin.GetFromJsonAsync<JsonArray>("/api/v1/market/licences"))!.Count);
        var number = Uri.EscapeDataString("京B2-20260001");
        Assert.Equal(HttpStatusCode.NotFound, (await gd.GetAsync($"/api/v1/market/licences/{number}/document")).StatusCode);

        // The electronic licence verifies offline against the published root, and online by anyone.
        var document = await bj.GetStringAsync($"/api/v1/market/licences/{number}/document");
        var root = await server.Http.GetStringAsync("/api/v1/market/verify/root.pem");
        var today = new DateOnly(2026, 6, 10);
        Assert.Equal("valid", ElectronicLicence.Verify(document, root, today).Verdict);
        Assert.Equal("tampered", ElectronicLicence.Verify(document.Replace("B21", "B11", StringComparison.Ordinal), root, today).Verdict);
        Assert.Equal("expired", ElectronicLicence.Verify(document, root, new DateOnly(2031, 6, 10)).Verdict);
        Assert.Equal("valid", (string)(await server.Http.GetFromJsonAsync<JsonObject>($"/api/v1/market/verify/{number}"))!["verdict"]!);
        Assert.Contains("有效", await server.Http.GetStringAsync($"/market/verify/{number}"), StringComparison.Ordinal);
        Assert.Equal("unknown", (string)(await server.Http.GetFromJsonAsync<JsonObject>("/api/v1/market/verify/B9-20990001"))!["verdict"]!);
        using (var presented = new StringContent(document.Replace("某某", "某甲", StringComparison.Ordinal), Encoding.UTF8, "application/json"))
        {
            Assert.Equal("tampered", (string)(await OkAsync(await bj.PostAsync("/api/v1/market/verify", presented)))["verdict"]!);
        }

        // Revocation by the issuing authority is what online verification and the published list then say.
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Admin.PostAsJsonAsync($"/api/v1/market/licences/{number}/status", new { status = "revoked", reason = "x" })).StatusCode);
        Assert.Equal("revoked", (string)(await OkAsync(await bj.PostAsJsonAsync($"/api/v1/market/licences/{number}/status", new { status = "revoked", reason = "以欺骗手段取得许可" })))["status"]!);
        Assert.Equal("revoked", (string)(await server.Http.GetFromJsonAsync<JsonObject>($"/api/v1/market/verify/{number}"))!["verdict"]!);
        var revoked = (await server.Http.GetFromJsonAsync<string[]>("/api/v1/market/verify/revoked"))!;
        Assert.Equal(["京B2-20260001"], revoked);
        Assert.Equal("revoked", ElectronicLicence.Verify(document, root, today, revoked).Verdict);

        // A false promise revokes the licence issued on it.
        Assert.False((bool)(await OkAsync(await server.Admin.PostAsJsonAsync($"/api/v1/market/applications/{(long)p["id"]!}/post-check", new { held = false, note = "无实际经营场所" })))["promiseHeld"]!);
        Assert.Equal("revoked", (string)(await server.Http.GetFromJsonAsync<JsonObject>("/api/v1/market/verify/B2-20260001"))!["verdict"]!);

        // Every decision is in the audit log.
        var actions = await server.Admin.GetStringAsync("/api/v1/audit?take=1000");
        Assert.Contains("market.application.approve_on_promise", actions, StringComparison.Ordinal);
    }

    /// <summary>An independent SM2 implementation (OpenSSL 3) reads the platform's certificates and verifies its signature; the CLI verifies offline.</summary>
    [Fact]
    public async Task ElectronicLicence_IsVerifiedByOpenSslAndTheCommandLine()
    {
        await using var server = await PlatformServer.StartAsync(DatabaseProvider.Sqlite, new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero));
        var p = await OkAsync(await server.Admin.PostAsJsonAsync("/api/v1/market/applications", Application("cross_regional", CodeB, ["B11", "B25"], ["100000"])));
        await OkAsync(await server.Admin.PostAsJsonAsync($"/api/v1/market/applications/{(long)p["id"]!}/accept", new { }));
        var issued = await OkAsync(await server.Admin.PostAsJsonAsync($"/api/v1/market/applications/{(long)p["id"]!}/decide", new { approve = true }));
        var number = (string)issued["licenceNumber"]!;
        Assert.Equal("B1.B2-20260001", number);
        var document = await server.Admin.GetStringAsync($"/api/v1/market/licences/{Uri.EscapeDataString(number)}/document");
        var root = await server.Http.GetStringAsync("/api/v1/market/verify/root.pem");

        var dir = Directory.CreateTempSubdirectory("market-openssl-").FullName;
        try
        {
            var file = JsonNode.Parse(document)!.AsObject();
            await File.WriteAllTextAsync(Path.Combine(dir, "root.pem"), root);
            await File.WriteAllTextAsync(Path.Combine(dir, "issuer.pem"), (string)file["issuer"]!);
            await File.WriteAllBytesAsync(Path.Combine(dir, "licence.bin"), Encoding.UTF8.GetBytes(ElectronicLicence.Canonical(file["licence"])));
            await File.WriteAllBytesAsync(Path.Combine(dir, "licence.sig"), Convert.FromBase64String((string)file["signature"]!["value"]!));

            var rootText = await OpenSslAsync(dir, "x509", "-in", "root.pem", "-noout", "-text");
            Assert.Contains("SM2", rootText, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("IctGov Platform Root CA", rootText, StringComparison.Ordinal);
            Assert.Contains("CA:TRUE", rootText, StringComparison.Ordinal);
            var issuerText = await OpenSslAsync(dir, "x509", "-in", "issuer.pem", "-noout", "-text");
            Assert.Matches(@"Issuer: C ?= ?CN, O ?= ?IctGov, CN ?= ?IctGov Platform Root CA", issuerText);
            Assert.Contains("IctGov Telecom Licence Issuer", issuerText, StringComparison.Ordinal);
            await OpenSslAsync(dir, "x509", "-in", "issuer.pem", "-pubkey", "-noout", "-out", "issuer.pub");
            var verified = await OpenSslAsync(dir, "dgst", "-sm3", "-verify", "issuer.pub", "-sigopt", "distid:" + ElectronicLicence.DefaultUserId, "-signature", "licence.sig", "licence.bin");
            Assert.Contains("Verified OK", verified, StringComparison.Ordinal);
            // A changed byte fails under OpenSSL too.
            var tampered = Encoding.UTF8.GetBytes(ElectronicLicence.Canonical(file["licence"]).Replace("B11", "B12", StringComparison.Ordinal));
            await File.WriteAllBytesAsync(Path.Combine(dir, "tampered.bin"), tampered);
            await Assert.ThrowsAsync<InvalidOperationException>(() => OpenSslAsync(dir, "dgst", "-sm3", "-verify", "issuer.pub", "-sigopt", "distid:" + ElectronicLicence.DefaultUserId, "-signature", "licence.sig", "tampered.bin"));

            // Offline, with only the file and the root.
            await File.WriteAllTextAsync(Path.Combine(dir, "licence.json"), document);
            await File.WriteAllTextAsync(Path.Combine(dir, "changed.json"), document.Replace("B11", "B12", StringComparison.Ordinal));
            var ok = await CliRunner.RunAsync(dir, "licence", "verify", Path.Combine(dir, "licence.json"), "--root", Path.Combine(dir, "root.pem"));
            Assert.True(ok.Code == 0, ok.Stdout + ok.Stderr);
            Assert.StartsWith("valid:", ok.Stdout, StringComparison.Ordinal);
            var changed = await CliRunner.RunAsync(dir, "licence", "verify", Path.Combine(dir, "changed.json"), "--root", Path.Combine(dir, "root.pem"));
            Assert.Equal(1, changed.Code);
            Assert.StartsWith("tampered:", changed.Stdout, StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(dir, "revoked.json"), $"[\"{number}\"]");
            var listed = await CliRunner.RunAsync(dir, "licence", "verify", Path.Combine(dir, "licence.json"), "--root", Path.Combine(dir, "root.pem"), "--revoked", Path.Combine(dir, "revoked.json"));
            Assert.StartsWith("revoked:", listed.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static async Task<string> OpenSslAsync(string dir, params string[] args)
    {
        var psi = new ProcessStartInfo("openssl") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? stdout : throw new InvalidOperationException($"openssl {string.Join(' ', args)}: {stderr}{stdout}");
    }
}
