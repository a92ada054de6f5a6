namespace BillingOrchestrator.Billing.Rollout;

/// <summary>A leak the pilot's checks missed (a false negative), logged by a reviewer with the money and the source record.</summary>
public sealed class PilotFalseNegative
{
    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    public required string Description { get; init; }

    /// <summary>The leakage category the checks should have reported, when the reviewer names one (per-category recall).</summary>
    public string? Category { get; init; }

    public int? CompanyId { get; init; }

    public required long AmountCents { get; init; }

    /// <summary>Where the leak can be seen: the ConnectWise record, invoice or document.</summary>
    public required string SourceLink { get; init; }

    public required string ReportedBy { get; init; }

    public DateTimeOffset ReportedAt { get; init; }
}
