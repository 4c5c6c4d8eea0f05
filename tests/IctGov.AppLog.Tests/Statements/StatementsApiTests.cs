using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IctGov.AppLog.Domain.Statements;

namespace IctGov.AppLog.Tests.Statements;

/// <summary>The statements API inside the platform: signed-in submission, public queries, problem details.</summary>
public class StatementsApiTests
{
    [Fact]
    public async Task Submit_NeedsSignIn_RefusesBadRowsAsProblemDetails_AndQueriesArePublic()
    {
        await using var server = await PlatformServer.StartAsync();
        var developer = TestSigner.P256();
        var good = developer.Submit(TestSigner.Statement(StatementType.DeveloperSignature, developer.CertificateSha256));
        Assert.True((await server.Admin.PostAsJsonAsync("/api/v1/applog/parties", new[] { developer.Party("developer", "91110000717828315T", "示例开发者") })).IsSuccessStatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Http.PostAsJsonAsync("/api/v1/applog/statements", new[] { good })).StatusCode);
        var bad = await server.Admin.PostAsJsonAsync("/api/v1/applog/statements", new[] { good, good with { Signature = "AAAA" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var error = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray().Single()!;
        Assert.Equal((2, "signature"), ((int)error["row"]!, (string)error["field"]!));

        var ok = await server.Admin.PostAsJsonAsync("/api/v1/applog/statements", new[] { good });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(0, (long)(await ok.Content.ReadFromJsonAsync<JsonArray>())![0]!["index"]!);
        var found = (await server.Http.GetFromJsonAsync<JsonArray>("/api/v1/applog/statements?package=com.example.app"))!;
        Assert.Equal("developer-signature", (string)found.Single()!["type"]!);
    }
}
