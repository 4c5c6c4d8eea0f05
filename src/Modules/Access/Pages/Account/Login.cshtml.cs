using IctGov.Access.Data;
using IctGov.Kernel;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace IctGov.Access.Pages.Account;

/// <summary>Password sign-in for people; five wrong passwords lock the account for 15 minutes.</summary>
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
        var signIn = HttpContext.RequestServices.GetRequiredService<SignInManager<AccessUser>>();
        var result = await signIn.PasswordSignInAsync(UserName.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        // The same words for an unknown name and a wrong password: the page must not confirm which accounts exist.
        Problem = result.IsLockedOut
            ? Bilingual.T("连续多次登录失败，账户已锁定 15 分钟，请稍后再试。", "Too many failed attempts: the account is locked for 15 minutes. Try again later.")
            : Bilingual.T("用户名或密码不正确。", "The user name or password is not correct.");
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
