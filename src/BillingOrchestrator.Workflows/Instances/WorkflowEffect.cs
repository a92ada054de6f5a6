namespace BillingOrchestrator.Workflows.Instances;

/// <summary>
/// A side effect recorded in the same transaction as the activity that caused it (a transactional outbox).
/// The unique <see cref="IdempotencyKey"/> makes a replayed execution record nothing new.
/// </summary>
public sealed class WorkflowEffect
{
    /// <summary>Recorded with every new user task or gate so notifications learn of it from the outbox.</summary>
    public const string TaskCreatedKind = "task-created";

    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    public required string ActivityId { get; init; }

    public required string Kind { get; init; }

    public required string IdempotencyKey { get; init; }

    public string? PayloadJson { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DispatchedAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
