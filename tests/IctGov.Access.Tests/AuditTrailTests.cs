using System.Collections.Concurrent;
using System.Data.Common;
using IctGov.Access.Contracts;
using IctGov.Access.Data;
using IctGov.Access.Tests.Infrastructure;
using IctGov.Kernel;
using IctGov.Kernel.Auditing;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Access.Tests;

/// <summary>Every administrative write is recorded with its actor, in the write's own transaction.</summary>
public class AuditTrailTests
{
    private const string Password = "a-long-enough-password";

    private sealed class RecordingAuditLog : IAuditLog
    {
        public ConcurrentQueue<(AuditEntry Entry, bool InTransaction)> Entries { get; } = new();

        public Task<long> AppendAsync(AuditEntry entry, DbTransaction? transaction, CancellationToken ct = default)
        {
            Entries.Enqueue((entry, transaction is not null));
            return Task.FromResult((long)Entries.Count);
        }
    }

    private sealed class FailingAuditLog : IAuditLog
    {
        public Task<long> AppendAsync(AuditEntry entry, DbTransaction? transaction, CancellationToken ct = default) =>
            throw new InvalidOperationException("audit log unavailable");
    }

    [Theory, DatabaseData]
    public async Task UsersTokensAndRevocations_AreRecordedWithTheActor_NeverWithASecret(DatabaseProvider provider)
    {
        var log = new RecordingAuditLog();
        await using var harness = await AccessHarness.CreateAsync(provider, s => s.AddSingleton<IAuditLog>(log));
        Assert.True((await harness.CreateUserAsync(AccessHarness.Guangdong, new NewUser("gd-ct", Password, Role.Reporter, null, "ct-440000"))).Succeeded);
        var token = (await harness.IssueTokenAsync(AccessHarness.Guangdong, "ct-440000")).Value!;
        Assert.True((await harness.WithAsync<IAccessAdministration, Outcome<TokenInfo>>(a => a.RevokeTokenAsync(AccessHarness.Ministry, token.Id))).Succeeded);
        Assert.Equal(OutcomeStatus.Forbidden, (await harness.IssueTokenAsync(AccessHarness.Guangdong, "ct-110000")).Status);

        var entries = log.Entries.ToList();
        Assert.Equal(["access.user.create", "access.token.issue", "access.token.revoke"], entries.Select(e => e.Entry.Action));
        Assert.All(entries, e => Assert.True(e.InTransaction));
        Assert.Equal(["user:gd", "user:gd", "user:m"], entries.Select(e => e.Entry.ActorId));
        Assert.All(entries, e => Assert.Equal("440000", e.Entry.RegionCode));
        Assert.All(entries, e => Assert.DoesNotContain(Password, e.Entry.After ?? "", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.DoesNotContain(token.Token, (e.Entry.Before ?? "") + e.Entry.After, StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task CreateUser_WhenTheAuditLogFails_WritesNothing(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider, s => s.AddSingleton<IAuditLog, FailingAuditLog>());
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            harness.CreateUserAsync(AccessHarness.Ministry, new NewUser("admin", Password, Role.MinistryAdmin, null, null)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.IssueTokenAsync(AccessHarness.Ministry, "ct"));

        await using var scope = harness.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AccessDbContext>();
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.ApiTokens.CountAsync());
    }
}
