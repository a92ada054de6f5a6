namespace BillingOrchestrator.Persistence.Feed;

/// <summary>A read-only API key for the Power BI feed and exports; only the SHA-256 of its secret is stored.</summary>
public sealed class ApiKeyRow
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Lower-case hex SHA-256 of the key's secret part.</summary>
    public required string SecretHash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
