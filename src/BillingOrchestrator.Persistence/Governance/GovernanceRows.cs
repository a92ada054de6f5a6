namespace BillingOrchestrator.Persistence.Governance;

/// <summary>A monthly governance review: the month, who opened it, the thresholds used and the analysis as JSON.</summary>
public sealed class GovernanceReviewRow
{
    public required string Id { get; init; }

    /// <summary><c>yyyy-MM</c>; one review per month.</summary>
    public required string Month { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public required string OptionsJson { get; init; }

    /// <summary>Profitability table and usage patterns.</summary>
    public required string AnalysisJson { get; init; }
}

/// <summary>One recommendation of a review and the decision on it.</summary>
public sealed class GovernanceRecommendationRow
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";

    public required string Id { get; init; }

    public required string ReviewId { get; init; }

    public int Sequence { get; init; }

    public int AgreementId { get; init; }

    public required string Kind { get; init; }

    public required string Rationale { get; init; }

    /// <summary>The proposed rule override as JSON; null for enforce-coding.</summary>
    public string? ChangeJson { get; init; }

    public required string Status { get; set; }

    public string? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? Reason { get; set; }

    /// <summary>The agreement's override version an acceptance published.</summary>
    public int? CatalogVersion { get; set; }
}
