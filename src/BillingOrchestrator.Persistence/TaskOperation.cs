namespace BillingOrchestrator.Persistence;

/// <summary>The first result of an idempotent operation, returned again when the same operation id is sent twice.</summary>
public sealed class TaskOperation
{
    public required string OperationId { get; init; }

    public required string SubjectId { get; init; }

    public required string ResultJson { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
