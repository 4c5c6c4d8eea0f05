using IctGov.Access.Authentication;
using IctGov.Access.Contracts;
using IctGov.Access.Data;
using IctGov.Access.Tests.Infrastructure;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Access.Tests;

public class ApiTokenTests
{
    [Fact]
    public void Format_IsPrefixIdSecret_AndOnlyWellFormedTokensParse()
    {
        var (id, token) = ApiTokenFormat.Generate();
        Assert.Matches("^ictg_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$", token);
        Assert.True(ApiTokenFormat.TryParseId(token, out var parsed));
        Assert.Equal(id, parsed);
        Assert.False(ApiTokenFormat.TryParseId(token[..^1], out _));
        Assert.False(ApiTokenFormat.TryParseId("xxxx" + token[4..], out _));
        Assert.False(ApiTokenFormat.TryParseId(token.Replace(id, "ZZZZZZZZZZZZZZZZ", StringComparison.Ordinal), out _));
        Assert.NotEqual(token, ApiTokenFormat.Generate().Token);
    }

    [Theory, DatabaseData]
    public async Task Issue_StoresOnlyTheHash_AndTheTokenActsAsReporterOfItsUnit(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        var issued = await harness.IssueTokenAsync(AccessHarness.Ministry, "ct");
        Assert.True(issued.Succeeded, string.Join("; ", issued.Describe()));
        var token = issued.Value!;
        Assert.StartsWith("ictg_" + token.Id + "_", token.Token, StringComparison.Ordinal);
        Assert.Equal(harness.Clock.GetUtcNow().AddDays(90), token.ExpiresAt);

        await using (var scope = harness.Scope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<AccessDbContext>().ApiTokens.AsNoTracking().SingleAsync();
            Assert.Equal(token.Id, row.Id);
            Assert.Equal(32, row.Hash.Length);
            Assert.Equal(ApiTokenFormat.Hash(token.Token), row.Hash);
            // Nothing in the row reveals the secret part of the token.
            var secret = token.Token[("ictg_".Length + token.Id.Length + 1)..];
            Assert.DoesNotContain(secret, row.Name + row.CreatedBy + row.UnitId + Convert.ToBase64String(row.Hash), StringComparison.Ordinal);
        }

        var check = await VerifyAsync(harness, token.Token);
        Assert.Null(check.Failure);
        var actor = check.Actor!;
        Assert.Equal(Role.Reporter, actor.Role);
        Assert.Equal("ct", actor.UnitId);
        Assert.Equal("token:" + token.Id, actor.Id);
        Assert.Equal(31, actor.Regions.Count); // the operator covers the regions of its 31 branches
        Assert.True(actor.CanSubmit("ct", "650000"));
        Assert.False(actor.CanSubmit("cm", "650000"));
    }

    [Theory, DatabaseData]
    public async Task Verify_WrongSecret_OrUnknownId_IsRefused(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        var token = (await harness.IssueTokenAsync(AccessHarness.Ministry, "ct-440000")).Value!.Token;
        var wrongSecret = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        Assert.Equal("unknown token", (await VerifyAsync(harness, wrongSecret)).Failure);
        var (_, other) = ApiTokenFormat.Generate();
        Assert.Equal("unknown token", (await VerifyAsync(harness, other)).Failure);
        Assert.Equal("malformed token", (await VerifyAsync(harness, "not-a-token")).Failure);
    }

    [Theory, DatabaseData]
    public async Task Verify_AfterExpiry_IsRefused(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        var token = (await harness.IssueTokenAsync(AccessHarness.Ministry, "ct-440000", days: 7)).Value!.Token;
        harness.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.NotNull((await VerifyAsync(harness, token)).Actor);
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("token expired", (await VerifyAsync(harness, token)).Failure);
        var listed = await harness.WithAsync<IAccessAdministration, IReadOnlyList<TokenInfo>>(a => a.ListTokensAsync(AccessHarness.Ministry));
        Assert.Equal("expired", Assert.Single(listed).Status);
    }

    [Theory, DatabaseData]
    public async Task Verify_AfterRevocation_IsRefused_AndRevokingAgainSucceeds(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        var issued = (await harness.IssueTokenAsync(AccessHarness.Guangdong, "ct-440000")).Value!;
        Assert.NotNull((await VerifyAsync(harness, issued.Token)).Actor);

        var revoked = await harness.WithAsync<IAccessAdministration, Outcome<TokenInfo>>(a => a.RevokeTokenAsync(AccessHarness.Guangdong, issued.Id));
        Assert.True(revoked.Succeeded);
        Assert.Equal("revoked", revoked.Value!.Status);
        Assert.Equal("token revoked", (await VerifyAsync(harness, issued.Token)).Failure);
        Assert.True((await harness.WithAsync<IAccessAdministration, Outcome<TokenInfo>>(a => a.RevokeTokenAsync(AccessHarness.Ministry, issued.Id))).Succeeded);
        Assert.Equal(OutcomeStatus.NotFound, (await harness.WithAsync<IAccessAdministration, Outcome<TokenInfo>>(a => a.RevokeTokenAsync(AccessHarness.Ministry, "0000000000000000"))).Status);
    }

    [Theory, DatabaseData]
    public async Task Issue_DaysOutOfRange_OrAdministrationUnit_IsInvalid(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        Assert.Equal(OutcomeStatus.Invalid, (await harness.IssueTokenAsync(AccessHarness.Ministry, "ct", days: 0)).Status);
        Assert.Equal(OutcomeStatus.Invalid, (await harness.IssueTokenAsync(AccessHarness.Ministry, "ct", days: 731)).Status);
        Assert.Equal(OutcomeStatus.Invalid, (await harness.IssueTokenAsync(AccessHarness.Ministry, "prov-440000")).Status);
        Assert.Equal(OutcomeStatus.Invalid, (await harness.IssueTokenAsync(AccessHarness.Ministry, "no-such-unit")).Status);
    }

    private static async Task<TokenCheck> VerifyAsync(AccessHarness harness, string token)
    {
        await using var scope = harness.Scope();
        return await scope.ServiceProvider.GetRequiredService<ApiTokenVerifier>().VerifyAsync(token, CancellationToken.None);
    }
}
