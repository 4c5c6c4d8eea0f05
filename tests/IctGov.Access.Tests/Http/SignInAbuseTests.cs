using System.Net;
using System.Text.RegularExpressions;
using IctGov.Access.Authentication;
using IctGov.Kernel.Security;

namespace IctGov.Access.Tests.Http;

/// <summary>
/// Sign-in under attack (issue 11, item 11), over real sockets from distinct loopback addresses:
/// guessing is slowed per source and per name, a stranger cannot lock the owner out, and unknown
/// names are answered exactly as known ones.
/// </summary>
public partial class SignInAbuseTests
{
    private const string Password = "a-long-enough-password";
    private static readonly IPAddress Stranger = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Prober = IPAddress.Parse("127.0.0.3");

    [Fact]
    public async Task Stranger_GuessingFromAnotherAddress_DoesNotLockTheOwnerOut()
    {
        await using var server = await PlatformServer.StartAsync();
        await server.CreateUserAsync("gd-admin", Password, Role.ProvinceAdmin, region: "440000");
        using var stranger = server.Client(from: Stranger);
        foreach (var name in new[] { "gd-admin", PlatformServer.AdminUser })
        {
            for (var i = 1; i <= SignInThrottle.PairLimit + 5; i++)
            {
                var guess = await PlatformServer.LoginAsync(stranger, name, "guess-" + i);
                Assert.Equal(i <= SignInThrottle.PairLimit ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests, guess.StatusCode);
            }
        }
        // The stranger is slowed; the owners, at their own addresses, sign in at once.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PlatformServer.LoginAsync(stranger, "gd-admin", Password)).StatusCode);
        using var owner = server.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(owner, "gd-admin", Password)).StatusCode);
        using var minister = server.Client();
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(minister, PlatformServer.AdminUser, PlatformServer.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task UnknownAndKnownNames_AreAnsweredAlike_AttemptByAttempt()
    {
        await using var server = await PlatformServer.StartAsync();
        await server.CreateUserAsync("gd-admin", Password, Role.ProvinceAdmin, region: "440000");
        using var prober = server.Client(from: Prober);
        for (var i = 1; i <= SignInThrottle.PairLimit + 2; i++)
        {
            var known = await PlatformServer.LoginAsync(prober, "gd-admin", "guess-" + i);
            var unknown = await PlatformServer.LoginAsync(prober, "no-such-user", "guess-" + i);
            Assert.Equal(known.StatusCode, unknown.StatusCode);
            var said = ProblemOf(await known.Content.ReadAsStringAsync());
            Assert.NotEmpty(said);
            Assert.Equal(said, ProblemOf(await unknown.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task Throttle_EndsWithItsWindow_AndASourceSprayingNamesIsSlowedToo()
    {
        await using var server = await PlatformServer.StartAsync();
        await server.CreateUserAsync("gd-admin", Password, Role.ProvinceAdmin, region: "440000");
        using var stranger = server.Client(from: Stranger);
        for (var i = 0; i < SignInThrottle.PairLimit; i++)
        {
            await PlatformServer.LoginAsync(stranger, "gd-admin", "guess");
        }
        var slowed = await PlatformServer.LoginAsync(stranger, "gd-admin", Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), slowed.Headers.RetryAfter?.Delta);
        server.Clock.Advance(SignInThrottle.Window);
        Assert.Equal(HttpStatusCode.Redirect, (await PlatformServer.LoginAsync(stranger, "gd-admin", Password)).StatusCode);

        // One address trying many names (password spraying) is refused past its own limit, for every name.
        using var sprayer = server.Client(from: Prober);
        for (var i = 0; i < SignInThrottle.SourceLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await PlatformServer.LoginAsync(sprayer, "user-" + i, "Spring2026!")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PlatformServer.LoginAsync(sprayer, "gd-admin", Password)).StatusCode);
    }

    private static string ProblemOf(string html) => LoginProblem().Match(html).Groups[1].Value;

    [GeneratedRegex("id=\"login-problem\">([^<]*)<")]
    private static partial Regex LoginProblem();
}
