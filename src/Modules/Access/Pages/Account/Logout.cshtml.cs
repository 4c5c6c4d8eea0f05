using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IctGov.Access.Pages.Account;

/// <summary>
/// Signing out is a POST with an antiforgery token: a GET would let any page on the web sign a user
/// out with an image tag.
/// </summary>
public sealed class LogoutModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(AccessModule.CookieScheme);
        return LocalRedirect("/");
    }
}
