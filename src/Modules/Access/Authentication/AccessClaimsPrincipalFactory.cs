using System.Security.Claims;
using IctGov.Access.Data;
using IctGov.Access.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace IctGov.Access.Authentication;

/// <summary>
/// Adds the account's role and scope to the principal Identity builds at sign-in and whenever the
/// security stamp is revalidated, so a changed scope reaches a signed-in person within the
/// revalidation interval.
/// </summary>
internal sealed class AccessClaimsPrincipalFactory(UserManager<AccessUser> users, IOptions<IdentityOptions> options, UnitDirectory units)
    : UserClaimsPrincipalFactory<AccessUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AccessUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaims(ActorClaims.For(await units.ActorForAsync(user, CancellationToken.None)));
        return identity;
    }
}
