using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace BillingOrchestrator.Web.Auth;

/// <summary>
/// Checks an e-mail and password for every way of signing in (token, cookie, the sign-in page). An unknown or locked-out
/// e-mail costs the same password hash as a known one, so the answer's timing does not tell which accounts exist.
/// </summary>
public sealed class CredentialCheck(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, SessionValidator sessions)
{
    // A hash of a random password, made by the configured hasher (so with its cost) the first time it is needed.
    private static string? s_unknownUserHash;

    /// <summary>The user when the password is right and the account is not locked out; null otherwise.</summary>
    public async Task<IdentityUser?> CheckAsync(string email, string password)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || await users.IsLockedOutAsync(user))
        {
            var stranger = new IdentityUser();
            s_unknownUserHash ??= users.PasswordHasher.HashPassword(stranger, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
            users.PasswordHasher.VerifyHashedPassword(stranger, s_unknownUserHash, password);
            return null;
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            // This failure locked the account: its tokens must stop working now, not when the cache expires.
            sessions.Forget(user.Id);
        }

        return result.Succeeded ? user : null;
    }
}
