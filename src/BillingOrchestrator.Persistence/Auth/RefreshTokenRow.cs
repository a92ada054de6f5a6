namespace BillingOrchestrator.Persistence.Auth;

/// <summary>
/// One refresh token of an API client. Only the SHA-256 of the token is stored. Each use rotates it: the row is marked
/// used and a new one of the same family is issued; a used token presented again revokes the whole family.
/// </summary>
public sealed class RefreshTokenRow
{
    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public required string Id { get; init; }

    /// <summary>Every token rotated from the same sign-in shares this id.</summary>
    public required string FamilyId { get; init; }

    public required string UserId { get; init; }

    /// <summary>The user's security stamp at issue: a sign-out, password change or role change since then ends the token.</summary>
    public required string SecurityStamp { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
