using IctGov.Access.Authentication;
using IctGov.Access.Data;
using IctGov.Kernel;
using IctGov.Kernel.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Access.Tests;

/// <summary><c>ictgov users</c>: bootstrapping the first administrator and issuing a token on a fresh installation.</summary>
public class UsersCommandTests
{
    private const string Password = "first-admin-password";

    [Fact]
    public async Task UsersAdd_ThenToken_OnAFreshInstallation_GiveAWorkingAdministratorAndToken()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ictgov-users-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            // The password on standard input keeps it out of the process list and the shell history.
            var (code, stdout, stderr) = await CliRunner.RunWithAsync(dir, null, Password + "\n", "users", "add", "--user", "admin", "--role", "ministry");
            Assert.True(code == 0, stderr);
            Assert.Contains("created ministry 'admin'", stdout, StringComparison.Ordinal);

            (code, stdout, stderr) = await CliRunner.RunWithAsync(dir, null, null, "users", "token", "--unit", "ct-440000", "--days", "30");
            Assert.True(code == 0, stderr);
            var token = stdout.Trim();
            Assert.Matches("^ictg_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$", token);

            var storage = StorageOptions.Resolve(dir, "sqlite", null, _ => null);
            await using var services = ModuleHarness.BuildServices(storage, TimeProvider.System, new AccessModule());
            await using var scope = services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AccessUser>>();
            var admin = await users.FindByNameAsync("admin");
            Assert.Equal(Role.MinistryAdmin, admin!.Role);
            Assert.True(await users.CheckPasswordAsync(admin, Password));
            var actor = (await scope.ServiceProvider.GetRequiredService<ApiTokenVerifier>().VerifyAsync(token, CancellationToken.None)).Actor;
            Assert.Equal(Role.Reporter, actor!.Role);
            Assert.Equal(["440000"], actor.Regions);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task UsersAdd_BadScopeOrWeakPassword_ExitsWith1AndNamesTheProblem()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ictgov-users-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var (code, _, stderr) = await CliRunner.RunWithAsync(dir, null, null, "users", "add", "--user", "gd", "--password", Password, "--role", "province", "--region", "999999");
            Assert.Equal(1, code);
            Assert.Contains("regionCode", stderr, StringComparison.Ordinal);
            (code, _, stderr) = await CliRunner.RunWithAsync(dir, null, null, "users", "add", "--user", "gd", "--password", "short", "--role", "province", "--region", "440000");
            Assert.Equal(1, code);
            Assert.Contains("password", stderr, StringComparison.Ordinal);
            (code, _, stderr) = await CliRunner.RunWithAsync(dir, null, null, "users", "token", "--unit", "prov-440000");
            Assert.Equal(1, code);
            Assert.Contains("not a reporting unit", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

}
