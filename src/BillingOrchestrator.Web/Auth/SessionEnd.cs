using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace BillingOrchestrator.Web.Auth;

/// <summary>
/// Signing out: rotates the user's security stamp, so every session they hold ends (this cookie and any copy of it,
/// open UI tabs, bearer and refresh tokens), then clears this browser's cookie.
/// </summary>
public sealed class SessionEnd(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, SessionValidator sessions)
{
    public async Task SignOutAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated == true && SessionValidator.UserId(principal) is { } userId && await users.FindByIdAsync(userId) is { } user)
        {
            var rotated = await users.UpdateSecurityStampAsync(user);
            if (!rotated.Succeeded)
            {
                throw new InvalidOperationException($"Could not end the sessions of {user.Email}: {string.Join("; ", rotated.Errors.Select(e => e.Description))}");
            }

            sessions.Forget(user.Id);
        }

        await signIn.SignOutAsync();
    }
}
