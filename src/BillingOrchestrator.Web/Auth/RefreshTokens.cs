using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Auth;

/// <summary>
/// Refresh tokens for API clients: opaque, stored as SHA-256, used once. Redeeming one marks it used; presenting a used
/// one again means it was copied, so its whole family (every token rotated from the same sign-in) is revoked.
/// </summary>
public sealed class RefreshTokens(BillingDbContext db, TimeProvider time, IOptions<AuthOptions> options)
{
    /// <summary>A new refresh token for <paramref name="user"/>, in <paramref name="familyId"/> or a new family.</summary>
    public async Task<string> IssueAsync(IdentityUser user, string? familyId, CancellationToken cancellationToken)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        db.Add(new RefreshTokenRow
        {
            Id = Hash(token),
            FamilyId = familyId ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            UserId = user.Id,
            SecurityStamp = user.SecurityStamp ?? "",
            CreatedAt = now,
            ExpiresAt = now + options.Value.RefreshTokenLifetime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>
    /// Uses up <paramref name="token"/> and returns its row, or null when it is unknown, expired, revoked or already
    /// used (then its family is revoked too). Only one of two concurrent redemptions of the same token succeeds.
    /// </summary>
    public async Task<RefreshTokenRow?> RedeemAsync(string token, CancellationToken cancellationToken)
    {
        var id = Hash(token);
        var now = time.GetUtcNow();
        var tokens = db.Set<RefreshTokenRow>();
        var claimed = await tokens
            .Where(t => t.Id == id && t.UsedAt == null && t.RevokedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        var row = await tokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (claimed == 1 || row is null)
        {
            return row;
        }

        if (row.UsedAt is not null)
        {
            await RevokeFamilyAsync(row.FamilyId, cancellationToken);
        }

        return null;
    }

    public Task<int> RevokeFamilyAsync(string familyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.Set<RefreshTokenRow>()
            .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
