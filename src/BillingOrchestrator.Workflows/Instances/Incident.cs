namespace BillingOrchestrator.Workflows.Instances;

/// <summary>A failed activity execution, as in Elsa: which activity, what went wrong, which attempt.</summary>
public sealed class Incident
{
    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    public required string ActivityId { get; init; }

    public required string ActivityType { get; init; }

    public required string Message { get; init; }

    public string? Exception { get; init; }

    public int Attempt { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    public DateTimeOffset? ResolvedAt { get; set; }
}
