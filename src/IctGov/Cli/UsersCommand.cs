using System.CommandLine;
using System.Globalization;
using IctGov.Access.Contracts;
using IctGov.Kernel.Security;

namespace IctGov.Cli;

/// <summary>
/// Accounts and API tokens from the command line: the way to create the first ministry
/// administrator on a fresh installation, and to hand an operator's system its token. The command
/// line acts as the local system (ministry authority): whoever can run it can read the database anyway.
/// </summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var user = new Option<string>("--user") { Description = "Login name (letters, digits, - . _ @ +)", Required = true };
        var password = new Option<string?>("--password") { Description = "Password, at least 10 characters (omit to read it from the first line of standard input, which keeps it out of the shell history)" };
        var role = new Option<string>("--role") { Description = "ministry | province | reporter", Required = true };
        role.AcceptOnlyFromAmong("ministry", "province", "reporter");
        var region = new Option<string?>("--region") { Description = "For --role province: the GB/T 2260 code of the province, e.g. 440000" };
        var unit = new Option<string?>("--unit") { Description = "For --role reporter: the reporting unit's id, e.g. ct, ct-440000 or an enterprise's id" };
        var name = new Option<string?>("--name") { Description = "Display name, e.g. 广东省通信管理局 张三" };
        var add = new Command("add", "Create a person's account with one role and its scope") { user, password, role, region, unit, name };
        add.SetAction(async (parse, ct) =>
        {
            var secret = parse.GetValue(password) ?? await Console.In.ReadLineAsync(ct);
            if (string.IsNullOrEmpty(secret))
            {
                Console.Error.WriteLine("no password: pass --password or write it on standard input");
                return 2;
            }
            if (!AccessNames.TryParseRole(parse.GetValue(role), out var r))
            {
                Console.Error.WriteLine($"--role '{parse.GetValue(role)}': expected ministry, province or reporter");
                return 2;
            }
            await using var sp = await CommonOptions.OfflineAsync(parse, ct);
            await using var scope = sp.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<IAccessAdministration>();
            var outcome = await admin.CreateUserAsync(Actor.System("cli"),
                new NewUser(parse.GetValue(user)!, secret, r, parse.GetValue(region), parse.GetValue(unit), parse.GetValue(name)), ct);
            if (!outcome.Succeeded)
            {
                return Fail("account not created", outcome.Describe());
            }
            var u = outcome.Value!;
            var scopeText = u.Role switch
            {
                Role.ProvinceAdmin => $" for region {u.RegionCode}",
                Role.Reporter => $" for unit {u.UnitId} (regions {string.Join(',', u.Regions)})",
                _ => "",
            };
            Console.WriteLine($"created {u.Role.WireName()} '{u.UserName}'{scopeText}");
            return 0;
        });

        var tokenUnit = new Option<string>("--unit") { Description = "The reporting unit the token submits for, e.g. ct-440000", Required = true };
        var days = new Option<int>("--days") { Description = "Validity in days (1–730, default 90)", DefaultValueFactory = _ => 90 };
        var tokenName = new Option<string?>("--name") { Description = "What the token is for, e.g. 广东电信 报送系统" };
        var token = new Command("token", "Issue an API token for a reporting unit; it is printed once and only its hash is kept") { tokenUnit, days, tokenName };
        token.SetAction(async (parse, ct) =>
        {
            await using var sp = await CommonOptions.OfflineAsync(parse, ct);
            await using var scope = sp.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<IAccessAdministration>();
            var outcome = await admin.IssueTokenAsync(Actor.System("cli"), new NewToken(parse.GetValue(tokenUnit)!, parse.GetValue(tokenName), parse.GetValue(days)), ct);
            if (!outcome.Succeeded)
            {
                return Fail("token not issued", outcome.Describe());
            }
            var t = outcome.Value!;
            // The token alone on standard output, so a script can capture it; the rest goes to standard error.
            Console.WriteLine(t.Token);
            Console.Error.WriteLine($"token {t.Id} for unit {t.UnitId} (regions {string.Join(',', t.Regions)}), expires {t.ExpiresAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}; store it now, it cannot be shown again");
            return 0;
        });

        return new Command("users", "Accounts and API tokens (部省两级 access)") { add, token };
    }

    private static int Fail(string what, IEnumerable<string> problems)
    {
        Console.Error.WriteLine(what + ":");
        foreach (var p in problems)
        {
            Console.Error.WriteLine("  " + p);
        }
        return 1;
    }
}
