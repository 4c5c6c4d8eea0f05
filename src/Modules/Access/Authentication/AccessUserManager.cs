using IctGov.Access.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IctGov.Access.Authentication;

/// <summary>
/// Identity's user manager with lockout measured on the platform's <see cref="TimeProvider"/>
/// (Identity itself reads the system clock), so lockout and its end are testable with a fake clock.
/// </summary>
internal sealed class AccessUserManager(
    IUserStore<AccessUser> store,
    IOptions<IdentityOptions> options,
    IPasswordHasher<AccessUser> passwordHasher,
    IEnumerable<IUserValidator<AccessUser>> userValidators,
    IEnumerable<IPasswordValidator<AccessUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AccessUser>> logger,
    TimeProvider clock)
    : UserManager<AccessUser>(store, options, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<bool> IsLockedOutAsync(AccessUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!SupportsUserLockout || !await GetLockoutEnabledAsync(user))
        {
            return false;
        }
        return await GetLockoutEndDateAsync(user) is { } end && end >= clock.GetUtcNow();
    }

    public override async Task<IdentityResult> AccessFailedAsync(AccessUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lockout = (IUserLockoutStore<AccessUser>)Store;
        var count = await lockout.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await lockout.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
            await lockout.ResetAccessFailedCountAsync(user, CancellationToken);
        }
        return await UpdateUserAsync(user);
    }
}
