using IctGov.Access.Authentication;
using IctGov.Access.Data;
using IctGov.Kernel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Access.Pages.Account;

/// <summary>
/// Password sign-in for people. Failed attempts are throttled per source and per name typed from it
/// (<see cref="SignInThrottle"/>), never by locking the account; an unknown name and a wrong
/// password get the same answer, after the same work.
/// </summary>
public sealed class LoginModel : PageModel
{
    /// <summary>Where to go after signing in; only a local path is followed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The user name typed, kept when the page is shown again.</summary>
    [BindProperty]
    public string? UserName { get; set; }

    /// <summary>Why the last attempt failed.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnPostAsync(string? password)
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(password))
        {
            Problem = Bilingual.T("请输入用户名和密码。", "Enter your user name and password.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        // Resolved here, not injected: the account type is internal to the module and a page model's constructor is public.
        var services = HttpContext.RequestServices;
        var throttle = services.GetRequiredService<SignInThrottle>();
        var name = UserName.Trim();
        var source = HttpContext.Connection.RemoteIpAddress;
        if (throttle.RetryAfter(name, source) is { } wait)
        {
            var minutes = (int)Math.Ceiling(wait.TotalMinutes);
            Problem = Bilingual.T($"登录失败次数过多，请 {minutes} 分钟后再试。", $"Too many failed attempts: try again in {minutes} minutes.");
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }
        var users = services.GetRequiredService<UserManager<AccessUser>>();
        var user = await users.FindByNameAsync(name);
        bool succeeded;
        if (user is null)
        {
            // Hash the password anyway, so an unknown name does not answer measurably sooner than a known one.
            var hasher = services.GetRequiredService<IPasswordHasher<AccessUser>>();
            hasher.VerifyHashedPassword(Nobody, _nobodyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N")), password);
            succeeded = false;
        }
        else
        {
            // No lockout on failure: the throttle slows guessing; a locked account would be a stranger's weapon.
            succeeded = (await services.GetRequiredService<SignInManager<AccessUser>>().PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false)).Succeeded;
        }
        if (succeeded)
        {
            throttle.Succeeded(name, source);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        throttle.Failed(name, source);
        // The same words for an unknown name, a wrong password and a disabled account: the page must not confirm which accounts exist.
        Problem = Bilingual.T("用户名或密码不正确。", "The user name or password is not correct.");
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private static readonly AccessUser Nobody = new();

    /// <summary>A hash of a random password, made on first use with the platform's hasher (two requests may both make one; either will do).</summary>
    private static string? _nobodyHash;
}
