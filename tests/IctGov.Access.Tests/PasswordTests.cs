using IctGov.Access.Contracts;
using IctGov.Access.Data;
using IctGov.Access.Tests.Infrastructure;
using IctGov.Kernel;
using IctGov.Kernel.Results;
using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Access.Tests;

public class PasswordTests
{
    private const string Password = "粤通管-2026-secure";

    [Theory, DatabaseData]
    public async Task CreateUser_StoresAHash_NeverThePassword(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        var created = await harness.CreateUserAsync(AccessHarness.Ministry, new NewUser("gd-admin", Password, Role.ProvinceAdmin, "440000", null));
        Assert.True(created.Succeeded, string.Join("; ", created.Describe()));

        await using var scope = harness.Scope();
        var user = await scope.ServiceProvider.GetRequiredService<AccessDbContext>().Users.AsNoTracking().SingleAsync(u => u.UserName == "gd-admin");
        Assert.NotNull(user.PasswordHash);
        Assert.NotEqual(Password, user.PasswordHash);
        Assert.DoesNotContain(Password, user.PasswordHash, StringComparison.Ordinal);
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<AccessUser>>();
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(user, user.PasswordHash, Password));
        Assert.Equal(Role.ProvinceAdmin, user.Role);
        Assert.Equal("440000", user.RegionCode);
    }

    [Theory, DatabaseData]
    public async Task CreateUser_ShortOrRepetitivePassword_IsRejectedWithTheField(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        var tooShort = await harness.CreateUserAsync(AccessHarness.Ministry, new NewUser("a", "short-pw", Role.MinistryAdmin, null, null));
        Assert.Equal(OutcomeStatus.Invalid, tooShort.Status);
        Assert.Contains(tooShort.Errors, e => e.Field == "password");
        var repetitive = await harness.CreateUserAsync(AccessHarness.Ministry, new NewUser("b", "aaaaaaaaaaaa", Role.MinistryAdmin, null, null));
        Assert.Equal(OutcomeStatus.Invalid, repetitive.Status);
    }

    [Theory, DatabaseData]
    public async Task CreateUser_TakenName_IsAConflict(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        Assert.True((await harness.CreateUserAsync(AccessHarness.Ministry, new NewUser("admin", Password, Role.MinistryAdmin, null, null))).Succeeded);
        var again = await harness.CreateUserAsync(AccessHarness.Ministry, new NewUser("ADMIN", Password, Role.MinistryAdmin, null, null));
        Assert.Equal(OutcomeStatus.Conflict, again.Status);
    }

    [Theory, DatabaseData]
    public async Task SignIn_FiveWrongPasswords_LockTheAccountFor15Minutes(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        Assert.True((await harness.CreateUserAsync(AccessHarness.Ministry, new NewUser("admin", Password, Role.MinistryAdmin, null, null))).Succeeded);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var failed = await CheckAsync(harness, "wrong password " + attempt);
            Assert.False(failed.Succeeded);
            Assert.False(failed.IsLockedOut, $"locked after only {attempt} failures");
        }
        Assert.True((await CheckAsync(harness, "wrong password 5")).IsLockedOut);
        // Locked: even the right password is refused.
        Assert.True((await CheckAsync(harness, Password)).IsLockedOut);

        harness.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.True((await CheckAsync(harness, Password)).IsLockedOut);
        harness.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.True((await CheckAsync(harness, Password)).Succeeded);
    }

    [Theory, DatabaseData]
    public async Task SignIn_ASuccess_ResetsTheFailureCount(DatabaseProvider provider)
    {
        await using var harness = await AccessHarness.CreateAsync(provider);
        Assert.True((await harness.CreateUserAsync(AccessHarness.Ministry, new NewUser("admin", Password, Role.MinistryAdmin, null, null))).Succeeded);
        for (var i = 0; i < 4; i++)
        {
            await CheckAsync(harness, "wrong");
        }
        Assert.True((await CheckAsync(harness, Password)).Succeeded);
        for (var i = 0; i < 4; i++)
        {
            Assert.False((await CheckAsync(harness, "wrong")).IsLockedOut);
        }
    }

    private static async Task<SignInResult> CheckAsync(AccessHarness harness, string password)
    {
        await using var scope = harness.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AccessUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AccessUser>>();
        var user = await users.FindByNameAsync("admin");
        return await signIn.CheckPasswordSignInAsync(user!, password, lockoutOnFailure: true);
    }
}
