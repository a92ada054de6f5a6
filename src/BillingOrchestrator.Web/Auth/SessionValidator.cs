using System.Collections.Concurrent;
using System.Security.Claims;
using BillingOrchestrator.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace BillingOrchestrator.Web.Auth;

/// <summary>
/// Whether a signed-in principal's session is still current: its user exists, is not locked out and still has the
/// security stamp the session was issued with. Signing out, a password change and a role change rotate the stamp, so
/// every cookie, UI circuit, bearer token and refresh token issued before ends. Each user's stamp and lockout are read
/// at most once per <see cref="AuthOptions.SessionCheckInterval"/> per host, unless the caller asks for a fresh read.
/// </summary>
public sealed class SessionValidator(IServiceScopeFactory scopes, TimeProvider time, IOptions<AuthOptions> options)
{
    /// <summary>Identity's own claim type for the stamp, used by the cookie and by bearer tokens alike.</summary>
    public static readonly string StampClaim = new IdentityOptions().ClaimsIdentity.SecurityStampClaimType;

    private readonly ConcurrentDictionary<string, UserState> _users = new(StringComparer.Ordinal);

    /// <summary>The user id of a cookie principal (name identifier) or of a bearer token (<c>sub</c>).</summary>
    public static string? UserId(ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue(JwtRegisteredClaimNames.Sub);

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, bool fresh, CancellationToken cancellationToken)
    {
        if (UserId(principal) is not { } userId || principal.FindFirstValue(StampClaim) is not { Length: > 0 } stamp)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (fresh || !_users.TryGetValue(userId, out var state) || now - state.ReadAt >= options.Value.SessionCheckInterval)
        {
            state = await ReadAsync(userId, now, cancellationToken);
            _users[userId] = state;
        }

        return state.Stamp is not null && string.Equals(state.Stamp, stamp, StringComparison.Ordinal) && !(state.LockedUntil > now);
    }

    /// <summary>Drops this host's cached view of a user, after this host changed their stamp or lockout.</summary>
    public void Forget(string userId) => _users.TryRemove(userId, out _);

    private async Task<UserState> ReadAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.LockoutEnabled, u.LockoutEnd })
            .FirstOrDefaultAsync(cancellationToken);
        return new UserState(user?.SecurityStamp, user is { LockoutEnabled: true } ? user.LockoutEnd : null, now);
    }

    private sealed record UserState(string? Stamp, DateTimeOffset? LockedUntil, DateTimeOffset ReadAt);
}
