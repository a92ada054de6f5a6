namespace BillingOrchestrator.Billing.Rollout;

/// <summary>A manual override made during the pilot (a finding's amount changed, a rule bypassed, an invoice edited by hand), logged with who, why and what.</summary>
public sealed class PilotOverride
{
    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    /// <summary>What was overridden: a finding, exception, agreement or invoice reference.</summary>
    public required string Subject { get; init; }

    /// <summary>What the person did instead of what the product said.</summary>
    public required string Action { get; init; }

    public required string Reason { get; init; }

    public string? SourceLink { get; init; }

    public required string OverriddenBy { get; init; }

    public DateTimeOffset OverriddenAt { get; init; }
}
